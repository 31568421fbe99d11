"""The scheduling pages: booking with clear refusals, codes, calendars, contact hours; ownership everywhere."""

from datetime import time, timedelta

import pytest

from cases.models import AnonymousCount
from scheduling.models import Appointment, CodeDelivery, ContactHours
from scheduling.services import book
from tests.scheduling_fixtures import (  # noqa: F401  (fixtures)
    CHICAGO, at, booking_data, chicago_advocate, consenting_case, next_weekday,
)

pytestmark = pytest.mark.django_db
TUESDAY = 1


@pytest.fixture
def appointment(consenting_case, chicago_advocate):
    start = at(next_weekday(TUESDAY), 10)
    return book(consenting_case, chicago_advocate, start, start + timedelta(minutes=50), "video",
                survivor_time_zone="America/Chicago")


class TestBooking:
    def test_it_books_inside_the_hours(self, staff_client, chicago_advocate, consenting_case):
        client = staff_client(chicago_advocate)
        day = next_weekday(TUESDAY)
        response = client.post(f"/scheduling/cases/{consenting_case.pk}/book/", booking_data(chicago_advocate, day, 10))
        appointment = Appointment.objects.get()
        assert response["Location"] == f"/scheduling/appointments/{appointment.pk}/"
        assert appointment.starts_at == at(day, 10)
        assert appointment.reconnect_fallback == "call the program line"

    def test_it_refuses_outside_the_hours_with_the_rule_and_keeps_the_input(
        self, staff_client, chicago_advocate, consenting_case
    ):
        client = staff_client(chicago_advocate)
        day = next_weekday(TUESDAY)
        response = client.post(
            f"/scheduling/cases/{consenting_case.pk}/book/",
            booking_data(chicago_advocate, day, 19, reconnect_fallback="text the safe number"),
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Outside Alex&#x27;s contact hours" in html and "09:00–17:00 (America/Chicago)" in html
        assert "text the safe number" in html and 'value="19:00"' in html
        assert not Appointment.objects.exists()
        assert AnonymousCount.objects.get(kind=AnonymousCount.Kind.BOOKING_REFUSED_HOURS).count == 1

    def test_it_suggests_free_slots(self, staff_client, chicago_advocate, consenting_case):
        response = staff_client(chicago_advocate).get(f"/scheduling/cases/{consenting_case.pk}/book/")
        assert len(response.context["slots"]) == 8

    def test_it_checks_ownership(self, staff_client, other_advocate, consenting_case):
        client = staff_client(other_advocate)
        assert client.get(f"/scheduling/cases/{consenting_case.pk}/book/").status_code == 404
        day = next_weekday(TUESDAY)
        assert client.post(f"/scheduling/cases/{consenting_case.pk}/book/",
                           booking_data(other_advocate, day, 10)).status_code == 404

    def test_a_supervisor_cannot_book(self, staff_client, supervisor, consenting_case):
        assert staff_client(supervisor).get(f"/scheduling/cases/{consenting_case.pk}/book/").status_code == 404


class TestAppointmentPage:
    def test_it_shows_both_time_zones(self, staff_client, chicago_advocate, appointment):
        appointment.survivor_time_zone = "Europe/Madrid"
        appointment.save()
        html = staff_client(chicago_advocate).get(f"/scheduling/appointments/{appointment.pk}/").content.decode()
        madrid = appointment.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Madrid"))
        assert "10:00–10:50 (America/Chicago)" in html
        assert f"{madrid:%H:%M}–" in html and "(Europe/Madrid)" in html

    @pytest.mark.parametrize("suffix", ["", "send-code/", "show-code/", "cancel/"])
    def test_it_checks_ownership(self, staff_client, other_advocate, appointment, suffix):
        client = staff_client(other_advocate)
        response = client.post(f"/scheduling/appointments/{appointment.pk}/{suffix}") if suffix else client.get(
            f"/scheduling/appointments/{appointment.pk}/"
        )
        assert response.status_code == 404
        appointment.refresh_from_db()
        assert appointment.is_active and not appointment.codes.exists()

    def test_sending_shows_a_preview_first(self, staff_client, chicago_advocate, appointment,
                                          django_capture_on_commit_callbacks):
        client = staff_client(chicago_advocate)
        data = {"role": "survivor", "channel": "email", "address": "someone@example.net"}
        preview = client.post(f"/scheduling/appointments/{appointment.pk}/send-code/", data)
        assert "XXXX-XXXX-XXXX" in preview.content.decode()
        assert not CodeDelivery.objects.exists()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            sent = client.post(f"/scheduling/appointments/{appointment.pk}/send-code/", {**data, "confirm": "1"})
        assert sent.status_code == 302 and len(callbacks) == 1
        assert CodeDelivery.objects.get().channel == "email"

    def test_a_bad_address_re_renders_with_the_message(self, staff_client, chicago_advocate, appointment):
        client = staff_client(chicago_advocate)
        response = client.post(
            f"/scheduling/appointments/{appointment.pk}/send-code/",
            {"role": "survivor", "channel": "sms", "address": "555-0188", "confirm": "1"},
        )
        assert "Type the mobile number with its country code" in response.content.decode()
        assert 'value="555-0188"' in response.content.decode()
        assert not CodeDelivery.objects.exists()

    def test_show_code_gives_a_new_working_code_once(self, staff_client, chicago_advocate, appointment):
        from scheduling import codes

        client = staff_client(chicago_advocate)
        code = client.post(f"/scheduling/appointments/{appointment.pk}/show-code/", {"role": "survivor"}).context["code"]
        assert codes.check(code, now=appointment.starts_at).ok
        assert code not in client.get(f"/scheduling/appointments/{appointment.pk}/").content.decode()

    def test_cancel_revokes_the_codes(self, staff_client, chicago_advocate, appointment):
        from scheduling import codes

        code = codes.issue(appointment)
        staff_client(chicago_advocate).post(f"/scheduling/appointments/{appointment.pk}/cancel/")
        appointment.refresh_from_db()
        assert appointment.status == Appointment.Status.CANCELLED
        assert not codes.check(code, now=appointment.starts_at).ok


class TestContactHours:
    def hours_data(self, weekday=0, start="09:00", end="12:00"):
        return {
            "limits-max_sessions_per_day": 4, "limits-buffer_minutes": 10, "limits-min_notice_hours": 2,
            "limits-session_minutes": 50,
            "hours-TOTAL_FORMS": 1, "hours-INITIAL_FORMS": 0, "hours-MIN_NUM_FORMS": 0, "hours-MAX_NUM_FORMS": 1000,
            "hours-0-weekday": weekday, "hours-0-start": start, "hours-0-end": end,
            "exceptions-TOTAL_FORMS": 0, "exceptions-INITIAL_FORMS": 0,
            "exceptions-MIN_NUM_FORMS": 0, "exceptions-MAX_NUM_FORMS": 1000,
        }

    def test_a_supervisor_sets_hours_for_their_team(self, staff_client, supervisor, make_staff):
        member = make_staff("advocate", "riley", supervisor=supervisor)
        response = staff_client(supervisor).post(f"/scheduling/team/{member.pk}/hours/", self.hours_data())
        assert response["Location"] == "/scheduling/team/"
        assert ContactHours.objects.get(advocate=member).end == time(12)

    def test_it_checks_ownership(self, staff_client, supervisor, make_staff):
        outsider = make_staff("advocate", "casey")  # reports to nobody / another supervisor
        client = staff_client(supervisor)
        assert client.get(f"/scheduling/team/{outsider.pk}/hours/").status_code == 404
        assert client.post(f"/scheduling/team/{outsider.pk}/hours/", self.hours_data()).status_code == 404
        assert not ContactHours.objects.exists()

    def test_an_advocate_sets_their_own_hours(self, staff_client, advocate):
        response = staff_client(advocate).post("/scheduling/hours/", self.hours_data(weekday=2))
        assert response.status_code == 302
        assert ContactHours.objects.get(advocate=advocate).weekday == 2

    def test_a_range_that_ends_before_it_starts_is_refused(self, staff_client, advocate):
        response = staff_client(advocate).post("/scheduling/hours/", self.hours_data(start="12:00", end="09:00"))
        assert "The end must be after the start" in response.content.decode()
        assert not ContactHours.objects.exists()

    def test_the_team_page_shows_load_against_boundaries(self, staff_client, supervisor, chicago_advocate,
                                                         consenting_case):
        chicago_advocate.supervisor = supervisor
        chicago_advocate.save()
        day = next_weekday(TUESDAY)
        book(consenting_case, chicago_advocate, at(day, 10), at(day, 11), "video", survivor_time_zone="UTC")
        response = staff_client(supervisor).get(f"/scheduling/team/?week={day.isoformat()}")
        [row] = response.context["rows"]
        assert (row.contact_hours, row.booked_hours, row.sessions) == (40.0, 1.0, 1)
        assert "Marigold" not in response.content.decode()  # a supervisor never sees an alias

    def test_the_week_shows_hours_and_sessions(self, staff_client, chicago_advocate, appointment):
        day = appointment.starts_at.astimezone(CHICAGO).date()
        html = staff_client(chicago_advocate).get(f"/scheduling/week/?week={day.isoformat()}").content.decode()
        assert "Contact hours 09:00–17:00" in html and "10:00–10:50" in html and "Marigold" in html

    def test_free_slots_for_any_advocate_show_no_case(self, staff_client, supervisor, chicago_advocate,
                                                      consenting_case):
        response = staff_client(supervisor).get("/scheduling/slots/?advocate=any")
        assert response.context["slots"] and "Marigold" not in response.content.decode()


class TestOnTheCasePage:
    def test_the_case_page_lists_its_sessions_and_offers_booking(self, staff_client, chicago_advocate, appointment):
        html = staff_client(chicago_advocate).get(f"/cases/{appointment.case_id}/").content.decode()
        assert f"/scheduling/cases/{appointment.case_id}/book/" in html
        assert f"/scheduling/appointments/{appointment.pk}/" in html

    def test_the_export_holds_the_appointments_in_the_survivors_time(self, staff_client, chicago_advocate, appointment):
        data = staff_client(chicago_advocate).get(f"/cases/{appointment.case_id}/export.json").json()
        [section] = data["more"]
        assert section["heading"] == "Appointments"
        assert section["rows"][0]["starts"].endswith("10:00 (America/Chicago)")
        assert section["rows"][0]["way to meet"] == "Video"
