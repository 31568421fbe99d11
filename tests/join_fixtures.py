"""An appointment happening now, its code, and a client on the join path."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Case
from cases.services import open_case
from scheduling import codes
from scheduling.models import Appointment
from tests.scheduling_fixtures import give_consent, weekday_hours

JOIN = "/join/"


@pytest.fixture
def now_appointment(make_staff):
    """A video session that started five minutes ago, with consent; created directly (rules allow no past)."""
    advocate = make_staff("advocate", "alex", time_zone="UTC")
    weekday_hours(advocate, weekdays=range(7), start=__import__("datetime").time(0), end=__import__("datetime").time(23, 59))
    case = open_case(Case(alias="Marigold", modes=["video", "audio"], safe_word="pineapple"), advocate)
    give_consent(case, modes=["video", "audio", "phone"])
    start = timezone.now() - timedelta(minutes=5)
    return Appointment.objects.create(
        case=case,
        advocate=advocate,
        starts_at=start,
        ends_at=start + timedelta(minutes=50),
        survivor_time_zone="America/Chicago",
        mode="video",
        reconnect_caller=Appointment.Caller.ADVOCATE,
        reconnect_wait_minutes=5,
        reconnect_fallback="call the line",
    )


@pytest.fixture
def survivor_code(now_appointment) -> str:
    return codes.issue(now_appointment)


@pytest.fixture
def interpreter_code(now_appointment) -> str:
    return codes.issue(now_appointment, "interpreter")


def enter(client, code: str, **headers):
    return client.post(JOIN, {"action": "code", "code": code}, **headers)


def check_in(client, mode="video", private="yes", **extra):
    return client.post(JOIN, {"action": "checkin", "private": private, "mode": mode, **extra})


def agree(client, modes=("video", "audio")):
    from consent.services import current_form

    return client.post(JOIN, {"decision": "agree", "version": current_form("en").version, "modes": list(modes)})
