"""The loopback Jitsi stand-in checks tokens like Prosody; room.js drives its IFrame API."""

import json
import shutil
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import jwt
import pytest
import requests
from django.utils.html import json_script

from sessions.embed import embed_options
from sessions.jitsi import make_token, room_api_token
from sessions.standin import StandIn

ROOM_JS = Path(__file__).resolve().parent.parent / "static" / "js" / "room.js"
CHROMIUM = "/usr/bin/chromium"


def participant_token(room="room-a", *, moderator=False, minutes=(-5, 60)) -> str:
    now = datetime.now(UTC)
    return make_token(
        room,
        "River",
        moderator=moderator,
        not_before=now + timedelta(minutes=minutes[0]),
        expires=now + timedelta(minutes=minutes[1]),
    )


def signed(settings, **claims) -> str:
    base = {"iss": settings.JITSI_APP_ID, "aud": settings.JITSI_AUDIENCE, "sub": settings.JITSI_XMPP_DOMAIN}
    base["exp"] = int(time.time()) + 600
    return jwt.encode(base | claims, settings.JITSI_APP_SECRET, algorithm="HS256")


def test_it_stops_without_leaving_a_thread_or_a_port(settings, jitsi_system_key_file):
    settings.JITSI_SYSTEM_KEY_FILE = str(jitsi_system_key_file)
    with StandIn.from_settings() as standin:
        standin.delay = 1.0
        with pytest.raises(requests.Timeout):
            requests.get(f"{standin.url}/health", timeout=0.2)
        address = urlsplit(standin.url)
        stopping = time.monotonic()
    assert time.monotonic() - stopping < 0.5  # the handler still waiting on `delay` was woken
    with pytest.raises(OSError):
        socket.create_connection((address.hostname, address.port), timeout=0.5)
    assert not [t for t in threading.enumerate() if t.name == "jitsi-standin" or "process_request" in t.name]


def test_the_meeting_page_lets_in_a_token_for_this_room_only(jitsi_standin):
    token = participant_token("room-a")
    assert requests.get(f"{jitsi_standin.url}/room-b", params={"jwt": token}, timeout=5).status_code == 403
    assert "room-b" not in jitsi_standin.rooms
    assert requests.get(f"{jitsi_standin.url}/room-a", params={"jwt": token}, timeout=5).status_code == 200
    assert [p["display_name"] for p in jitsi_standin.rooms["room-a"].values()] == ["River"]


def test_it_refuses_a_token_for_every_room(jitsi_standin, settings):
    assert jitsi_standin.verify_room_token(signed(settings, room="*"), "room-a") == "wildcard in token"
    assert jitsi_standin.verify_room_token(signed(settings, room="room-a", sub="*"), "room-a") == "wildcard in token"


def test_it_refuses_what_prosody_refuses(jitsi_standin, settings):
    check = jitsi_standin.verify_room_token
    assert check(signed(settings, room="room-a"), "room-a") is None
    assert check(signed(settings, room="ROOM-A"), "room-a") is None  # Prosody lower-cases the claim
    assert check(signed(settings, room="room-a", iss="someone-else"), "room-a") == "Invalid issuer ('iss' claim)"
    assert check(signed(settings, room="room-a", aud="elsewhere"), "room-a") == "Invalid audience ('aud' claim)"
    assert check(signed(settings, room="room-a", sub="other.domain"), "room-a") == "token not allowed for this domain"
    assert check(signed(settings), "room-a") == "'room' claim is missing"
    assert check(signed(settings, room="room-a", exp="tomorrow"), "room-a") == "exp must be number"
    assert check(jwt.encode({"room": "room-a"}, "another secret, 32 bytes or more!", "HS256"), "room-a") == (
        "Invalid signature"
    )
    assert check("not a token", "room-a") == "bad token format"


def test_room_size_needs_a_token_for_that_room(jitsi_standin, settings):
    jitsi_standin.add_participant("room-b", "Sam")
    url = f"{jitsi_standin.url}/room-size"
    query = {"room": "room-b", "domain": settings.JITSI_XMPP_DOMAIN}
    assert requests.get(url, params=query, timeout=5).status_code == 403
    assert requests.get(url, params=query | {"token": room_api_token("room-a")}, timeout=5).status_code == 403
    answer = requests.get(url, params=query | {"token": room_api_token("room-b")}, timeout=5)
    assert (answer.status_code, answer.json()) == (200, {"participants": 1})


def test_end_meeting_needs_a_system_token(jitsi_standin, settings):
    jitsi_standin.add_participant("room-a", "Alex")
    url = f"{jitsi_standin.url}/end-meeting"
    query = {"conference": f"room-a@{settings.JITSI_MUC_DOMAIN}"}
    assert requests.post(url, params=query, timeout=5).status_code == 401
    login_token = participant_token(moderator=True)
    headers = {"Authorization": f"Bearer {login_token}"}
    assert requests.post(url, params=query, headers=headers, timeout=5).status_code == 401
    assert "room-a" in jitsi_standin.rooms


def test_it_records_what_its_script_posts_and_allows_the_apps_origin(jitsi_standin):
    preflight = requests.options(f"{jitsi_standin.url}/_standin/recorded", timeout=5)
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]
    requests.post(f"{jitsi_standin.url}/_standin/recorded", json={"domain": "x", "options": {}}, timeout=5)
    assert requests.get(f"{jitsi_standin.url}/_standin/recorded", timeout=5).json() == {"domain": "x", "options": {}}


def test_it_serves_an_external_api_script(jitsi_standin):
    answer = requests.get(f"{jitsi_standin.url}/external_api.js", timeout=5)
    assert answer.headers["Content-Type"] == "text/javascript"
    assert "window.JitsiMeetExternalAPI = JitsiMeetExternalAPI" in answer.text


# --- room.js in a browser, against the stand-in ---------------------------------------


class AppPage:
    """The app's side for room.js: a page at another origin, and its events URL."""

    def __init__(self, html: str) -> None:
        self.events: list[dict] = []
        page = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/room":
                    body, kind = html.encode(), "text/html"
                else:
                    body, kind = ROOM_JS.read_bytes(), "text/javascript"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                page.events.append({"csrf": self.headers.get("X-CSRFToken"), **json.loads(body)})
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = False  # joined on close: no thread outlives the test
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    def event_names(self) -> list[str]:
        return [event["event"] for event in self.events]


def room_page(options: dict, standin_url: str, *, staff: bool) -> str:
    button = '<button id="end-meeting" type="button">End meeting for everyone</button>' if staff else ""
    return f"""<!doctype html><html><body>
<div id="jitsi-container" data-events-url="/events" data-csrf="csrf-123" style="height:300px"></div>
{button}
{json_script(options, "jitsi-options")}
<script src="{standin_url}/external_api.js"></script>
<script src="/room.js"></script>
</body></html>"""


def wait_for(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip(f"needs Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.mark.browser
def test_room_js_starts_the_meeting_with_the_built_options_and_reports_events(jitsi_standin, browser):
    options = embed_options(
        "room-a", participant_token(), audio_only=True, camera_off=True, hide_self_view=True, is_staff=False
    )
    with AppPage(room_page(options, jitsi_standin.url, staff=False)) as app:
        page = browser.new_page()
        page.goto(f"{app.url}/room")
        wait_for(lambda: jitsi_standin.recorded is not None and "videoConferenceJoined" in app.event_names())
        assert jitsi_standin.recorded["domain"] == options["domain"]
        assert jitsi_standin.recorded["options"] == {k: v for k, v in options.items() if k != "domain"}
        assert page.get_attribute("#jitsi-container iframe", "allow") == "camera; microphone; display-capture"
        # The narrowed list is the one in force in the meeting's page, not only on the element.
        meeting = next(frame for frame in page.frames if frame.url.startswith(jitsi_standin.url))
        allowed = "['camera', 'microphone', 'autoplay'].map(f => document.featurePolicy.allowsFeature(f))"
        allows = meeting.evaluate(allowed)
        assert allows == [True, True, False]
        assert app.events[0] == {"csrf": "csrf-123", "event": "videoConferenceJoined"}
        assert [p["display_name"] for p in jitsi_standin.rooms["room-a"].values()] == ["River"]

        page.evaluate("window.advocacyRoom.hangup()")
        wait_for(lambda: "hangup" in app.event_names() and jitsi_standin.commands)
        page.wait_for_timeout(200)
        assert app.event_names() == ["videoConferenceJoined", "hangup"]
        assert page.query_selector("#jitsi-container iframe") is None
        assert [c["command"] for c in jitsi_standin.commands] == ["hangup"]
        page.close()


@pytest.mark.browser
def test_staff_end_the_meeting_for_everyone(jitsi_standin, browser):
    options = embed_options(
        "room-a", participant_token(moderator=True), audio_only=False, camera_off=False, hide_self_view=False,
        is_staff=True,
    )  # fmt: skip
    with AppPage(room_page(options, jitsi_standin.url, staff=True)) as app:
        page = browser.new_page()
        page.goto(f"{app.url}/room")
        wait_for(lambda: "videoConferenceJoined" in app.event_names())
        page.click("#end-meeting")
        wait_for(lambda: "readyToClose" in app.event_names() and jitsi_standin.commands)
        assert jitsi_standin.commands[0]["command"] == "endConference"
        assert "room-a" not in jitsi_standin.rooms
        # Reports are separate requests: the last two can arrive in either order.
        assert sorted(app.event_names()) == ["readyToClose", "videoConferenceJoined", "videoConferenceLeft"]
        assert page.query_selector("#jitsi-container iframe") is None
        page.close()
