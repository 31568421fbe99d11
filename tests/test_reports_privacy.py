"""A supervisor must never read an alias, a note, a code or an exact time through a report."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from advocacy.fields import EncryptedTextField
from cases.models import Case
from cases.services import close_case, open_case, write_note
from reports.figures import build_report
from reports.periods import period_of
from reports.staffload import staff_load
from scheduling import codes
from scheduling.models import Appointment
from scheduling.services import book
from tests.scheduling_fixtures import at, chicago_advocate, give_consent, next_weekday  # noqa: F401

ALIAS = "ZebraMarker"
NOTE = "NoteMarker: the back door of the laundromat"
SAFE_WORD = "SafeWordMarker"
EMAIL = "marker.contact@example.org"
FALLBACK = "FallbackMarker 555-0142"


@pytest.fixture
def seeded(chicago_advocate):
    """Cases, a note, sessions and a join code, made through the app's own services."""
    day = next_weekday(2)
    found = {"code": None, "day": day}
    for n in range(6):
        case = open_case(
            Case(alias=f"{ALIAS}{n}", safe_word=SAFE_WORD, keep_contact=True, contact_email=EMAIL), chicago_advocate
        )
        give_consent(case)
        write_note(case, chicago_advocate, NOTE)
        starts_at = at(day + timedelta(days=n // 3), 9 + n % 3 * 2)  # Wednesday and Thursday, three a day
        appointment = book(
            case, chicago_advocate, starts_at, starts_at + timedelta(minutes=37), "video",
            survivor_time_zone="America/Chicago", reconnect_fallback=FALLBACK,
        )
        found["code"] = codes.issue(appointment)
        if n % 2:
            Appointment.objects.filter(pk=appointment.pk).update(status="completed")
        if n == 5:
            close_case(case)
    return found


def report_responses(client, day) -> list[str]:
    query = {"period": "week", "start": day.isoformat()}
    pages = [client.get(reverse(name), query) for name in ("reports:sessions", "reports:staff", "reports:print")]
    pages.append(client.get(reverse("reports:csv"), query))
    assert [page.status_code for page in pages] == [200, 200, 200, 200]
    return [page.content.decode() for page in pages]


def test_no_alias_note_code_or_contact_reaches_a_report(seeded, supervisor, staff_client):
    code = seeded["code"]
    for body in report_responses(staff_client(supervisor), seeded["day"]):
        for marker in (ALIAS, NOTE, "NoteMarker", SAFE_WORD, EMAIL, FALLBACK, code, code.replace("-", "")):
            assert marker not in body


def test_no_exact_time_reaches_a_report(seeded, supervisor, staff_client):
    for body in report_responses(staff_client(supervisor), seeded["day"]):
        assert not re.search(r"\b\d{1,2}:\d{2}\b", body)  # a day at the finest, never a clock time
        assert ":37" not in body and "T09" not in body


def test_the_report_has_the_seeded_figures(seeded, supervisor, staff_client):
    sessions_page = report_responses(staff_client(supervisor), seeded["day"])[0]
    assert ">6</td>" in sessions_page  # six sessions, all by video: the marker test is not looking at an empty page


def test_it_never_decrypts_a_field(seeded, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a report read an encrypted field")

    monkeypatch.setattr(EncryptedTextField, "from_db_value", refuse)
    period = period_of("week", seeded["day"])
    build_report(period)
    staff_load(period)
