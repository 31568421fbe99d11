"""The survivor's whole path in Chromium, with the advocate in a second browser context."""

from urllib.parse import urlsplit

import pytest

from program.models import ProgramSettings
from scheduling import codes
from tests.browser import asgi_live_url, browser, neutral_site, sign_in  # noqa: F401  (fixtures)
from tests.join_fixtures import now_appointment  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_a_survivor_joins_waits_is_admitted_and_leaves_no_trace(
    browser, asgi_live_url, jitsi_standin, neutral_site, now_appointment
):
    from consent.services import withdraw

    program = ProgramSettings.load()
    program.exit_url = neutral_site.url
    program.save()
    withdraw(now_appointment.case)  # so the survivor consents on the page
    now_appointment.status = "scheduled"
    now_appointment.save()
    code = codes.issue(now_appointment)

    survivor_context = browser.new_context(locale="en-US")
    survivor_context.set_default_timeout(15_000)
    requests = []
    survivor_context.on("request", lambda request: requests.append(request.url))
    survivor = survivor_context.new_page()
    sockets = []
    survivor.on("websocket", lambda socket: sockets.append(socket.url))

    # The code, typed as a person might.
    survivor.goto(f"{asgi_live_url}/join/")
    assert survivor.title() == "Welcome"
    survivor.get_by_label("Your code").fill(code.lower().replace("-", " "))
    survivor.get_by_role("button", name="Continue").click()
    survivor.get_by_role("button", name="I agree").wait_for()

    # Consent, then the safety check-in choosing audio only.
    survivor.get_by_role("button", name="I agree").click()
    survivor.get_by_text("Before we start").wait_for()
    survivor.get_by_label("Yes, I can talk here").check()
    survivor.get_by_label("Audio only").check()
    survivor.get_by_role("button", name="Continue").click()
    survivor.get_by_text("You are in the waiting room").wait_for()

    # The advocate, in another browser context, sees the survivor waiting and admits.
    advocate_context = browser.new_context(locale="en-US")
    advocate_context.set_default_timeout(15_000)
    advocate = advocate_context.new_page()
    sign_in(advocate, asgi_live_url, now_appointment.advocate)
    advocate.goto(f"{asgi_live_url}/sessions/today/")
    assert advocate.locator("[data-state]").first.inner_text() == "Waiting"
    advocate.get_by_text("Live updates: on").wait_for()
    advocate.get_by_role("button", name="Admit survivor").click()

    # The waiting room hears it and becomes the room page.
    survivor.wait_for_selector("#jitsi-container iframe")
    recorded = None
    for _ in range(50):
        recorded = jitsi_standin.recorded
        if recorded:
            break
        survivor.wait_for_timeout(100)
    config = recorded["options"]["configOverwrite"]
    assert config["startAudioOnly"] is True
    # What the page really handed to Jitsi: nothing recorded, streamed, transcribed, peer to peer or third-party.
    assert config["recordingService"]["enabled"] is False and config["fileRecordingsEnabled"] is False
    assert config["liveStreaming"]["enabled"] is False and config["transcription"]["enabled"] is False
    assert config["p2p"]["enabled"] is False and config["disableThirdPartyRequests"] is True
    assert config["doNotStoreRoom"] is True
    assert recorded["options"]["roomName"] == now_appointment.room.name
    assert survivor.url == f"{asgi_live_url}/join/"

    # The whole visit was one history entry (after the page the browser started on).
    assert survivor.evaluate("history.length") == 2

    # Quick exit: the neutral site replaces that entry; Back leads out of the app.
    survivor.get_by_role("button", name="Quick exit").click()
    survivor.wait_for_url(neutral_site.url)
    assert survivor.evaluate("history.length") == 2
    survivor.go_back()
    assert survivor.url == "about:blank"
    survivor.go_forward()
    assert survivor.url == neutral_site.url

    # Every request went to the app or the program's Jitsi (and, at the end, the neutral site).
    allowed = {origin(asgi_live_url), origin(jitsi_standin.url), origin(neutral_site.url)}
    assert {origin(url) for url in requests} <= allowed, requests
    assert all(socket.startswith(f"ws://127.0.0.1:{urlsplit(asgi_live_url).port}/ws/") for socket in sockets)
    advocate_context.close()
    survivor_context.close()

    from sessions.models import CallEvent

    kinds = list(now_appointment.call_events.values_list("kind", flat=True))
    assert kinds[:2] == ["arrived", "admitted"] and kinds[-1] == CallEvent.Kind.LEFT
