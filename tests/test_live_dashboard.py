"""The advocate's live side: today's sessions, admit, host the room, end the meeting, record the outcome."""

import jwt
import pytest

from scheduling.models import Appointment
from sessions.models import CallEvent
from sessions.services import live_status
from tests.join_fixtures import check_in, enter, now_appointment, survivor_code  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def host(staff_client, now_appointment):
    return staff_client(now_appointment.advocate)


def test_today_lists_the_sessions_with_live_status(host, now_appointment, survivor_code, client):
    enter(client, survivor_code)
    check_in(client)
    html = host.get("/sessions/today/").content.decode()
    assert "Marigold" in html and "Waiting" in html and "Admit survivor" in html


def test_admit_lets_the_survivor_in(host, now_appointment, survivor_code, client):
    enter(client, survivor_code)
    check_in(client)
    response = host.post(f"/sessions/appointments/{now_appointment.pk}/admit/", {"who": "survivor"})
    assert response["Location"] == "/sessions/today/"
    assert live_status(now_appointment).state == "admitted"
    assert client.get("/join/status").json() == {"step": "room"}


def test_the_host_joins_as_moderator_of_this_room_only(host, now_appointment, settings):
    response = host.get(f"/sessions/appointments/{now_appointment.pk}/room/")
    options = response.context["options"]
    claims = jwt.decode(options["jwt"], settings.JITSI_APP_SECRET, algorithms=["HS256"], audience=settings.JITSI_AUDIENCE)
    assert claims["room"] == now_appointment.room.name != "*"
    assert claims["context"]["user"]["moderator"] == "true"
    assert "email" not in claims["context"]["user"]
    assert "desktop" in options["configOverwrite"]["toolbarButtons"]
    assert f"frame-src {settings.JITSI_ORIGIN}" in response["Content-Security-Policy"]


def test_ending_the_meeting_closes_it_on_the_server_and_for_the_guests(host, now_appointment, jitsi_standin,
                                                                       survivor_code, client):
    enter(client, survivor_code)
    check_in(client)
    host.post(f"/sessions/appointments/{now_appointment.pk}/admit/", {"who": "survivor"})
    jitsi_standin.add_participant(now_appointment.room.name)  # the meeting is running on the server
    host.post(f"/sessions/appointments/{now_appointment.pk}/end/")
    assert now_appointment.call_events.last().kind == CallEvent.Kind.ENDED
    assert now_appointment.room.name not in jitsi_standin.rooms
    assert client.get("/join/status").json() == {"step": "after"}


def test_ending_still_closes_the_guests_pages_when_jitsi_is_down(host, now_appointment, settings):
    from tests.standins import free_port

    settings.JITSI_API_URL = f"http://127.0.0.1:{free_port()}"
    response = host.post(f"/sessions/appointments/{now_appointment.pk}/end/", follow=True)
    assert "could not be reached" in response.content.decode()
    assert now_appointment.call_events.last().kind == CallEvent.Kind.ENDED


@pytest.mark.parametrize("outcome, status", [("completed", "completed"), ("dropped", "dropped"), ("no_show", "no_show")])
def test_the_outcome_is_recorded(host, now_appointment, outcome, status):
    host.post(f"/sessions/appointments/{now_appointment.pk}/outcome/", {"outcome": outcome})
    now_appointment.refresh_from_db()
    assert now_appointment.status == status


def test_a_bad_outcome_changes_nothing(host, now_appointment):
    response = host.post(f"/sessions/appointments/{now_appointment.pk}/outcome/", {"outcome": "lost"}, follow=True)
    assert "Choose held, dropped or no-show." in response.content.decode()
    now_appointment.refresh_from_db()
    assert now_appointment.status == Appointment.Status.SCHEDULED


@pytest.mark.parametrize("suffix", ["admit/", "end/", "outcome/"])
def test_it_checks_ownership_of_every_action(staff_client, other_advocate, now_appointment, suffix):
    response = staff_client(other_advocate).post(f"/sessions/appointments/{now_appointment.pk}/{suffix}",
                                                 {"who": "survivor", "outcome": "completed"})
    assert response.status_code == 404
    assert not now_appointment.call_events.exists()


def test_it_checks_ownership_of_the_room(staff_client, other_advocate, supervisor, now_appointment):
    assert staff_client(other_advocate).get(f"/sessions/appointments/{now_appointment.pk}/room/").status_code == 404


def test_a_supervisor_has_no_live_dashboard(staff_client, supervisor):
    assert staff_client(supervisor).get("/sessions/today/").status_code == 404


def test_a_retired_room_cannot_be_hosted_or_entered(host, now_appointment, survivor_code, client):
    from sessions.services import admit

    enter(client, survivor_code)
    check_in(client)
    admit(now_appointment)
    now_appointment.room.name = None  # what the retention job does after the window
    now_appointment.room.save()
    assert host.get(f"/sessions/appointments/{now_appointment.pk}/room/").status_code == 404
    assert client.get("/join/status").json() == {"step": "over"}
