"""Playwright (Python) driving Chromium from the OS packages; never a downloaded browser.

Use the fixtures `browser` (one Chromium per test session), `page` (a fresh,
private context per test) and `live_url` (the app served on loopback), and
`sign_in(page, live_url, user)` for the staff login with password and TOTP.
"""

import os

import pytest

from tests.conftest import CHROMIUM, STAFF_PASSWORD, totp_code

# The flags keep Chromium off the network except for the pages a test opens.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
]


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's sync API holds an event loop on this thread
    # while it runs, which async tests elsewhere in the suite must not meet.
    # Playwright's sync API runs an event loop in this thread; Django's ORM,
    # used by the same tests to set up data, must be told that is fine.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="en-US", timezone_id="UTC")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def live_url(live_server):
    return live_server.url


def sign_in(page, live_url: str, user, password: str = STAFF_PASSWORD) -> None:
    """Password, then a TOTP code computed from the account's secret; lands on the dashboard."""
    page.goto(f"{live_url}/account/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Token").fill(totp_code(user))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_url}/")


@pytest.fixture
def asgi_live_url(transactional_db):
    """The whole ASGI app (HTTP and WebSockets) served by uvicorn on loopback, in a thread."""
    import threading
    import time

    import uvicorn

    from advocacy.asgi import application
    from tests.standins import free_port

    port = free_port()
    config = uvicorn.Config(
        application, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="off",
        proxy_headers=False, timeout_graceful_shutdown=3,  # open sockets are cut off, not waited for
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    assert not thread.is_alive(), "uvicorn did not stop"


@pytest.fixture
def neutral_site():
    """A stand-in for the quick-exit site: any ordinary page, here on loopback."""
    from tests.standins import NeutralSite

    with NeutralSite() as site:
        yield site
