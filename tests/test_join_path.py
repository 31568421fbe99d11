"""The survivor's path (invariants 2, 6, 7 from the survivor's side)."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from consent.services import withdraw
from sessions.models import CallEvent
from sessions.services import admit
from tests.join_fixtures import JOIN, agree, check_in, enter, interpreter_code, now_appointment, survivor_code  # noqa: F401

pytestmark = pytest.mark.django_db


def step(client) -> str:
    return client.get("/join/status").json()["step"]


class TestCodeEntry:
    def test_the_page_is_neutral(self, client):
        html = client.get(JOIN).content.decode()
        assert "<title>Welcome</title>" in html
        assert 'name="code"' in html
        for word in ("violence", "abuse", "advoca", "survivor", "shelter", "case"):
            assert word not in html.lower(), word

    def test_a_good_code_opens_the_visit(self, client, survivor_code):
        response = enter(client, survivor_code.lower().replace("-", " "))
        assert response.status_code == 302 and response["Location"] == JOIN
        assert step(client) == "checkin"  # consent is current: straight to check-in

    def test_it_never_puts_the_code_in_a_url(self, client, survivor_code):
        responses = [client.get(JOIN), enter(client, survivor_code)]
        responses += [client.get(JOIN), check_in(client), client.get(JOIN)]
        raw = survivor_code.replace("-", "")
        for response in responses:
            location = response.get("Location", "")
            assert survivor_code not in location and raw not in location
            html = response.content.decode()
            for link in re.findall(r'(?:href|src|action)="([^"]*)"', html):
                assert survivor_code not in link and raw not in link.upper()
            assert survivor_code not in html  # not even echoed back in a page

    def test_a_wrong_code_says_so_and_keeps_nothing(self, client):
        response = enter(client, "AAAA-BBBB-CCCC")
        assert response.status_code == 200
        assert "That code did not work" in response.content.decode()
        assert "join" not in client.session

    def test_throttling_stops_a_guessing_client_but_not_another(self, client, survivor_code, settings):
        guesser = Client(REMOTE_ADDR="198.51.100.9")
        for _ in range(settings.JOIN_FAILURE_LIMIT):
            enter(guesser, "AAAA-BBBB-CCCC")
        response = enter(guesser, survivor_code)  # even the right code, while paused
        assert response.status_code == 429
        assert "paused" in response.content.decode()
        assert "join" not in guesser.session
        other = Client(REMOTE_ADDR="203.0.113.20")
        assert enter(other, survivor_code).status_code == 302

    def test_the_pause_shows_the_phone_and_service_hours(self, survivor_code, settings):
        from datetime import time

        from program.models import ProgramSettings
        from scheduling.models import ServiceHours

        program = ProgramSettings.load()
        program.phone = "+1 312 555 0100"
        program.save()
        ServiceHours.objects.create(weekday=0, start=time(9), end=time(17))
        guesser = Client(REMOTE_ADDR="198.51.100.9")
        for _ in range(settings.JOIN_FAILURE_LIMIT + 1):
            response = enter(guesser, "AAAA-BBBB-CCCC")
        html = response.content.decode()
        assert response.status_code == 429
        assert "+1 312 555 0100" in html and "Mon 09:00–17:00" in html

    def test_the_whole_program_is_throttled_against_many_guessers(self, survivor_code, settings):
        settings.JOIN_PROGRAM_FAILURE_LIMIT = 20
        for number in range(20):
            enter(Client(REMOTE_ADDR=f"198.51.100.{number}"), "AAAA-BBBB-CCCC")
        assert enter(Client(REMOTE_ADDR="203.0.113.20"), survivor_code).status_code == 429

    def test_throttling_keeps_no_address(self, survivor_code, settings):
        from tests.conftest import cache_dump

        guesser = Client(REMOTE_ADDR="198.51.100.9")
        for _ in range(3):
            enter(guesser, "AAAA-BBBB-CCCC")
        dump = cache_dump()
        assert "join-fail" in dump and "198.51.100.9" not in dump

    def test_too_early_says_when_to_come_back(self, client, now_appointment, survivor_code):
        now_appointment.starts_at = timezone.now() + timedelta(hours=3)
        now_appointment.ends_at = now_appointment.starts_at + timedelta(minutes=50)
        now_appointment.save()
        from scheduling import codes

        code = codes.issue(now_appointment)
        html = enter(client, code).content.decode()
        local = timezone.localtime(now_appointment.starts_at, __import__("zoneinfo").ZoneInfo("America/Chicago"))
        assert f"at {local:%H:%M}" in html and "Please come back from" in html
        assert "join" not in client.session

    def test_an_expired_code_says_so(self, client, now_appointment):
        from scheduling import codes

        now_appointment.starts_at = timezone.now() - timedelta(hours=5)
        now_appointment.ends_at = now_appointment.starts_at + timedelta(minutes=50)
        now_appointment.save()
        code = codes.issue(now_appointment)
        assert "no longer valid" in enter(client, code).content.decode()


class TestConsentFirst:
    def test_without_current_consent_the_consent_step_comes_first(self, client, now_appointment, survivor_code):
        withdraw(now_appointment.case)
        now_appointment.status = "scheduled"  # the withdrawal cancelled it; a new one was booked
        now_appointment.save()
        from scheduling import codes

        code = codes.issue(now_appointment)
        enter(client, code)
        assert step(client) == "consent"
        html = client.get(JOIN).content.decode()
        assert "we never record the call" in html.lower()
        agree(client)
        assert step(client) == "checkin"

    def test_declining_shows_the_other_ways_and_never_the_room(self, client, now_appointment):
        from consent.services import current_form
        from scheduling import codes

        withdraw(now_appointment.case)
        now_appointment.status = "scheduled"
        now_appointment.save()
        enter(client, codes.issue(now_appointment))
        client.post(JOIN, {"decision": "decline", "version": current_form("en").version})
        assert step(client) == "declined"
        assert check_in(client).status_code == 302 and step(client) == "declined"

    def test_withdrawn_consent_keeps_a_waiting_survivor_out_of_the_room(self, client, now_appointment, survivor_code):
        enter(client, survivor_code)
        check_in(client)
        withdraw(now_appointment.case)
        admit(now_appointment)
        assert step(client) in ("over", "consent")  # never "room"

    def test_the_interpreter_needs_no_consent_of_their_own(self, client, interpreter_code):
        enter(client, interpreter_code)
        assert step(client) == "checkin"


class TestCheckInAndWaiting:
    def test_check_in_offers_only_consented_ways(self, client, now_appointment, survivor_code):
        from tests.scheduling_fixtures import give_consent

        give_consent(now_appointment.case, modes=["audio"])
        enter(client, survivor_code)
        form = client.get(JOIN).context["form"]
        assert [value for value, _ in form.fields["mode"].choices] == ["audio", "callback"]
        check_in(client, mode="video")
        assert step(client) == "checkin"

    def test_the_safe_word_is_reminded_but_never_shown(self, client, survivor_code):
        enter(client, survivor_code)
        html = client.get(JOIN).content.decode()
        assert "safe word" in html and "pineapple" not in html

    def test_without_a_safe_word_there_is_no_reminder(self, client, survivor_code, now_appointment):
        now_appointment.case.safe_word = ""
        now_appointment.case.save()
        enter(client, survivor_code)
        assert "safe word" not in client.get(JOIN).content.decode()

    def test_not_private_is_met_calmly(self, client, survivor_code):
        enter(client, survivor_code)
        html = check_in(client, private="no").content.decode()
        assert "Your safety comes first" in html and step(client) == "checkin"

    def test_check_in_leads_to_the_waiting_room_and_tells_the_advocate(self, client, now_appointment, survivor_code):
        enter(client, survivor_code)
        check_in(client, mode="audio", camera_off="on")
        assert step(client) == "waiting"
        assert list(now_appointment.call_events.values_list("kind", "who")) == [("arrived", "survivor")]
        html = client.get(JOIN).content.decode()
        assert "has been told you are here" in html and "call you back" in html

    def test_call_me_instead(self, client, now_appointment, survivor_code):
        enter(client, survivor_code)
        check_in(client, mode="callback")
        assert step(client) == "callback"
        assert now_appointment.call_events.get().kind == CallEvent.Kind.CALLBACK


class TestRoom:
    def enter_room(self, client, appointment, code, mode="audio"):
        enter(client, code)
        check_in(client, mode=mode, camera_off="on", hide_self_view="on")
        admit(appointment)
        return client.get(JOIN)

    def test_admission_opens_the_room_with_this_rooms_token(self, client, now_appointment, survivor_code, settings):
        import jwt

        response = self.enter_room(client, now_appointment, survivor_code)
        options = response.context["options"]
        assert options["roomName"] == now_appointment.room.name
        claims = jwt.decode(options["jwt"], settings.JITSI_APP_SECRET, algorithms=["HS256"],
                            audience=settings.JITSI_AUDIENCE)
        assert claims["room"] == now_appointment.room.name
        assert claims["context"]["user"]["name"] == "Guest" and claims["context"]["user"]["moderator"] == "false"
        assert options["configOverwrite"]["startAudioOnly"] is True
        assert options["configOverwrite"]["disableSelfView"] is True

    def test_the_room_page_alone_may_load_jitsi_and_use_devices(self, client, now_appointment, survivor_code,
                                                                settings):
        response = self.enter_room(client, now_appointment, survivor_code)
        csp = response["Content-Security-Policy"]
        assert f"script-src 'self' {settings.JITSI_ORIGIN}" in csp and f"frame-src {settings.JITSI_ORIGIN}" in csp
        assert f'camera=(self "{settings.JITSI_ORIGIN}")' in response["Permissions-Policy"]
        assert "frame-src 'none'" in client.get("/join/status")["Content-Security-Policy"]

    def test_the_room_name_is_never_in_a_url(self, client, now_appointment, survivor_code):
        html = self.enter_room(client, now_appointment, survivor_code).content.decode()
        name = now_appointment.room.name
        for link in re.findall(r'(?:href|src|action|data-[a-z-]+)="([^"]*)"', html):
            assert name not in link

    def test_leaving_shows_the_plan_and_allows_rejoining(self, client, now_appointment, survivor_code):
        self.enter_room(client, now_appointment, survivor_code)
        client.post("/join/events", {"event": "videoConferenceJoined"}, content_type="application/json")
        client.post("/join/events", {"event": "videoConferenceLeft"}, content_type="application/json")
        assert step(client) == "after"
        html = client.get(JOIN).content.decode()
        assert "call you back" in html and "Join again" in html
        client.post(JOIN, {"action": "rejoin"})
        assert step(client) == "waiting"
        kinds = list(now_appointment.call_events.values_list("kind", flat=True))
        assert kinds == ["arrived", "admitted", "joined", "left", "arrived"]

    def test_events_from_a_stranger_are_refused(self, client):
        response = client.post("/join/events", {"event": "videoConferenceJoined"}, content_type="application/json")
        assert response.status_code == 403

    def test_a_cancelled_appointment_ends_the_visit(self, client, now_appointment, survivor_code):
        from scheduling.services import cancel

        self.enter_room(client, now_appointment, survivor_code)
        cancel(now_appointment)
        assert step(client) == "over"


class TestLeavingNoTrace:
    def test_quick_exit_clears_the_visit_and_goes_to_the_neutral_site(self, client, now_appointment, survivor_code,
                                                                     settings):
        from program.models import ProgramSettings

        enter(client, survivor_code)
        check_in(client)
        response = client.post(JOIN, {"action": "exit"})
        assert response["Location"] == ProgramSettings.load().exit_url
        assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""  # deleted
        assert step(client) == "code"
        assert now_appointment.call_events.last().kind == CallEvent.Kind.LEFT

    def test_the_survivors_cookies_end_with_the_visit(self, client, survivor_code, settings):
        responses = [client.get(JOIN), enter(client, survivor_code), client.get(JOIN)]
        for response in responses:
            for name, cookie in response.cookies.items():
                assert name == settings.SESSION_COOKIE_NAME, f"unexpected cookie {name}"
                assert cookie["expires"] == "" and cookie["max-age"] == "", "a cookie outlives the browser session"

    def test_a_new_session_id_after_the_code(self, client, survivor_code, settings):
        client.get(JOIN)
        before = client.cookies[settings.SESSION_COOKIE_NAME].value
        enter(client, survivor_code)
        assert client.cookies[settings.SESSION_COOKIE_NAME].value != before

    def test_every_step_is_at_one_address(self, client, now_appointment, survivor_code):
        """Forms post to the page's own address, so the visit is one history entry."""
        pages = [client.get(JOIN), enter(client, survivor_code), client.get(JOIN), check_in(client), client.get(JOIN)]
        for page in pages:
            for action in re.findall(r'<form[^>]*action="([^"]*)"', page.content.decode()):
                assert action == JOIN
            assert page.get("Location", JOIN) == JOIN


class TestLanguage:
    def test_spanish_is_chosen_on_the_page_and_kept_for_the_visit_only(self, client, settings):
        client.post(JOIN, {"action": "language", "language": "es"})
        html = client.get(JOIN).content.decode()
        assert "Escriba el código" in html and "Salida rápida" in html
        assert set(client.cookies) == {settings.SESSION_COOKIE_NAME}  # no language cookie
