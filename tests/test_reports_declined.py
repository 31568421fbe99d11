"""A survivor who said no to "counting in anonymized reports" is left out: counters and aggregates."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cases.models import AnonymousCount, Case, counted_in_reports
from cases.services import close_case, erase_case, open_case
from consent.services import current_form, record_consent, withdraw
from reports.figures import build_report
from reports.periods import period_of
from scheduling.services import book
from tests.casework import consent_forms  # noqa: F401  (fixtures)
from tests.reports_helpers import table_of
from tests.scheduling_fixtures import (  # noqa: F401  (fixtures)
    at, booking_data, chicago_advocate, give_consent, make_appointment, next_weekday,
)

UTC = ZoneInfo("UTC")
TODAY = timezone.now().date()
THIS_WEEK = period_of("week", TODAY)


def answer(case, form, agreed=True, for_reports=True):
    return record_consent(
        case, form, agreed=agreed, modes=["video"] if agreed else [], for_sessions=agreed,
        for_reports=for_reports, given_by="advocate",
    )


def count(kind: str) -> int:
    return sum(AnonymousCount.objects.filter(kind=kind).values_list("count", flat=True))


def held_sessions(case, advocate, how_many: int) -> None:
    starts_at = datetime.combine(TODAY, datetime.min.time(), UTC) + timedelta(hours=12)
    for _ in range(how_many):
        make_appointment(case, advocate, starts_at, minutes=60, status="completed")


def held_total() -> str:
    report = build_report(THIS_WEEK)
    return table_of(report, "sessions").column_totals[0].text


@pytest.fixture
def counted(advocate, consent_forms):
    case = open_case(Case(alias="Counted"), advocate)
    answer(case, consent_forms["en"])
    return case


@pytest.fixture
def declined(advocate, consent_forms):
    case = open_case(Case(alias="Not counted"), advocate)
    answer(case, consent_forms["en"], for_reports=False)
    return case


def test_a_case_without_an_answer_yet_is_counted(advocate):
    case = open_case(Case(alias="New"), advocate)
    assert counted_in_reports(case) and count("case_opened") == 1


def test_a_case_that_declined_counting_is_not_counted_when_it_closes_or_is_erased(declined, advocate):
    close_case(declined)
    erase_case(declined, advocate)
    assert (count("case_closed"), count("case_erased")) == (0, 0)


def test_agreeing_to_sessions_but_not_to_counting_is_not_counted_as_consent_given(declined, counted):
    assert count("consent_given") == 1  # the counted case only


def test_sessions_of_a_case_that_declined_counting_are_left_out(counted, declined, advocate):
    held_sessions(counted, advocate, 6)
    held_sessions(declined, advocate, 9)
    assert held_total() == "6"


def test_a_later_yes_to_counting_counts_the_case_again(declined, advocate, consent_forms):
    held_sessions(declined, advocate, 7)
    assert held_total() == "0"
    answer(declined, consent_forms["en"])
    assert held_total() == "7"


def test_a_withdrawal_is_counted_once_and_then_nothing_of_the_case(counted, advocate):
    held_sessions(counted, advocate, 5)
    withdraw(counted)
    close_case(counted)
    assert (count("consent_withdrawn"), count("case_closed"), held_total()) == (1, 0, "0")


def test_declining_the_consent_form_is_counted_once_and_then_nothing_of_the_case(advocate, consent_forms):
    case = open_case(Case(alias="Declines"), advocate)
    answer(case, consent_forms["en"], agreed=False)
    close_case(case)
    assert (count("consent_declined"), count("case_closed")) == (1, 0)


def test_a_refused_booking_and_a_sent_code_are_not_counted_for_a_case_that_declined(
    staff_client, chicago_advocate, django_capture_on_commit_callbacks
):
    case = open_case(Case(alias="Quiet"), chicago_advocate)
    give_consent(case)
    answer(case, current_form("en"), for_reports=False)
    client = staff_client(chicago_advocate)
    day = next_weekday(1)
    outside_hours = booking_data(chicago_advocate, day, 19, survivor_time_zone="UTC")
    refused = client.post(f"/scheduling/cases/{case.pk}/book/", outside_hours)
    assert "Outside" in refused.content.decode()
    appointment = book(case, chicago_advocate, at(day, 10), at(day, 11), "video", survivor_time_zone="UTC")
    data = {"role": "survivor", "channel": "email", "address": "someone@example.net", "confirm": "1"}
    with django_capture_on_commit_callbacks(execute=False):
        client.post(f"/scheduling/appointments/{appointment.pk}/send-code/", data)
    kinds = set(AnonymousCount.objects.values_list("kind", flat=True))
    assert kinds == {"case_opened", "consent_given"}  # both before the no to counting


def test_of_two_answers_given_at_the_same_moment_the_later_one_stands(advocate, consent_forms):
    case = open_case(Case(alias="Same moment"), advocate)
    answer(case, consent_forms["en"])
    answer(case, consent_forms["en"], for_reports=False)
    case.consent_records.update(at=timezone.now())
    held_sessions(case, advocate, 6)
    assert not counted_in_reports(case) and held_total() == "0"
    answer(case, consent_forms["en"])
    case.consent_records.update(at=timezone.now())
    assert counted_in_reports(case) and held_total() == "6"
