"""Bench data, made in bulk in the bench database: advocates, consenting cases,
appointments happening now with their codes, waiting visits, calendars.

`python -m bench.fixtures codes COUNT FILE` writes COUNT plain codes (one per
line) for the join-path load; the other helpers are called by the benches.
"""

import os
import secrets
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup() -> None:
    """Django with the bench settings (the environment comes from bench/run.py)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import bench.standalone  # noqa: F401 (sets Django up)


def advocates(count: int, label: str, time_zone: str = "UTC", all_day: bool = True) -> list:
    """`count` advocates with contact hours every day (all day, or 09:00-17:00 on weekdays)."""
    from django.contrib.auth.hashers import make_password

    from scheduling.models import ContactHours
    from staff.models import User

    batch = secrets.token_hex(3)  # a second call with the same label makes other people
    people = User.objects.bulk_create(
        User(
            username=f"bench-{label}-{batch}-{index}",
            first_name=f"Advocate {index}",
            role=User.Role.ADVOCATE,
            time_zone=time_zone,
            password=make_password(None),  # no one signs in as a bench advocate
        )
        for index in range(count)
    )
    days, start, end = (range(7), time(0), time(23, 59)) if all_day else (range(5), time(9), time(17))
    ContactHours.objects.bulk_create(
        ContactHours(advocate=person, weekday=day, start=start, end=end) for person in people for day in days
    )
    return people


def consenting_cases(people: list, count: int) -> list:
    """`count` cases, spread over `people`, each with consent to video and audio for the current form."""
    from cases.models import Case
    from consent.defaults import create_defaults
    from consent.models import ConsentForm, ConsentRecord
    from consent.services import current_form

    if current_form("en") is None:
        create_defaults(ConsentForm)
    form = current_form("en")
    cases = Case.objects.bulk_create(Case(alias=f"Bench {index}", modes=["video", "audio"]) for index in range(count))
    Case.advocates.through.objects.bulk_create(
        Case.advocates.through(case_id=case.pk, user_id=people[index % len(people)].pk)
        for index, case in enumerate(cases)
    )
    ConsentRecord.objects.bulk_create(
        ConsentRecord(
            case=case,
            form=form,
            agreed=True,
            modes=["video", "audio", "phone"],
            for_sessions=True,
            for_reports=True,
            given_by=ConsentRecord.GivenBy.ADVOCATE,
        )
        for case in cases
    )
    return cases


def appointments_now(count: int, label: str, per_advocate: int = 4) -> list[tuple[int, str]]:
    """`count` appointments that started five minutes ago (three hours long), each with a survivor code.

    Returns (appointment id, plain code). Made directly, like tests/join_fixtures.py:
    the booking rules refuse a time that has passed.
    """
    from django.utils import timezone

    from scheduling import codes
    from scheduling.models import Appointment, JoinCode

    people = advocates(max(1, count // per_advocate), label)
    cases = consenting_cases(people, count)
    start = timezone.now() - timedelta(minutes=5)
    appointments = Appointment.objects.bulk_create(
        Appointment(
            case=case,
            advocate=people[index % len(people)],
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            survivor_time_zone="America/Chicago",
            mode="video",
            reconnect_caller=Appointment.Caller.ADVOCATE,
            reconnect_wait_minutes=5,
            reconnect_fallback="call the line",
        )
        for index, case in enumerate(cases)
    )
    plain = [codes.generate() for _ in appointments]
    rows = []
    for appointment, code in zip(appointments, plain):
        valid_from, valid_until = codes.window(appointment)
        rows.append(
            JoinCode(appointment=appointment, code_hash=codes.hash_code(code), valid_from=valid_from,
                     valid_until=valid_until)
        )
    JoinCode.objects.bulk_create(rows)
    return [(appointment.pk, code) for appointment, code in zip(appointments, plain)]


def waiting_visits(count: int, label: str) -> list[tuple[int, str]]:
    """`count` survivors already checked in (audio) and waiting: (appointment id, session key).

    The visit is written into a server-side session exactly as sessions/join.py
    leaves it after check-in, with the arrival recorded.
    """
    from django.conf import settings
    from django.utils.module_loading import import_string

    from scheduling.models import JoinCode
    from sessions import join
    from sessions.models import CallEvent

    made = appointments_now(count, label)
    code_ids = dict(
        JoinCode.objects.filter(appointment_id__in=[pk for pk, _ in made]).values_list("appointment_id", "pk")
    )
    CallEvent.objects.bulk_create(
        CallEvent(appointment_id=pk, kind=CallEvent.Kind.ARRIVED, who=CallEvent.Who.SURVIVOR) for pk, _ in made
    )
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    visits = []
    for appointment_id, _code in made:
        session = store()
        session[join.JOIN_KEY] = {
            "code": code_ids[appointment_id],
            "checkin": {"mode": "audio", "camera_off": False, "hide_self_view": False},
            "left": False,
            "declined": False,
        }
        session.create()
        visits.append((appointment_id, session.session_key))
    return visits


def slot_calendars(count: int, days: int, per_weekday: int = 2) -> tuple[list, date]:
    """`count` advocates (America/Chicago, weekdays 09:00-17:00) with `per_weekday` sessions each weekday.

    Returns the advocates and the first day (tomorrow).
    """
    from zoneinfo import ZoneInfo

    from scheduling.models import Appointment, Boundaries

    zone = ZoneInfo("America/Chicago")
    people = advocates(count, "slots", time_zone="America/Chicago", all_day=False)
    Boundaries.objects.bulk_create(
        Boundaries(advocate=person, max_sessions_per_day=5, buffer_minutes=15, min_notice_hours=2) for person in people
    )
    cases = consenting_cases(people, count * 3)
    first_day = date.today() + timedelta(days=1)
    rows = []
    for index, person in enumerate(people):
        for offset in range(days):
            day = first_day + timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            for slot in range(per_weekday):
                # 10:00 and 14:00 (shifted by the advocate's index so calendars differ)
                starts = datetime.combine(day, time(10 + 4 * slot + index % 2, 0), tzinfo=zone)
                rows.append(
                    Appointment(
                        case=cases[(index * 3 + slot) % len(cases)],
                        advocate=person,
                        starts_at=starts,
                        ends_at=starts + timedelta(minutes=50),
                        survivor_time_zone="America/Chicago",
                    )
                )
    Appointment.objects.bulk_create(rows)
    return people, first_day


def main(argv: list[str]) -> None:
    if len(argv) != 3 or argv[0] != "codes":
        raise SystemExit("usage: python -m bench.fixtures codes COUNT FILE")
    setup()
    made = appointments_now(int(argv[1]), "join")
    Path(argv[2]).write_text("".join(f"{code}\n" for _, code in made))


if __name__ == "__main__":
    main(sys.argv[1:])
