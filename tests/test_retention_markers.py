"""Invariants 2, 5 and 10 end to end: after every window has passed, nothing of a survivor is left.

A program's life is seeded through its own pages (cases, consent, notes,
booking, a code sent by email, a survivor's visit with a marked address and
user agent, admit, join, leave, end, withdrawal, closing), time moves past
every retention period, the jobs run, and every table is dumped: raw, and
through the ORM so encrypted fields are read in clear.
"""

import json
import logging
import re
from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cases.models import AnonymousCount, Case
from consent.services import current_form
from scheduling.models import Appointment, JoinCode
from scheduling.tasks import send_code
from sessions.models import CallEvent, SessionCount
from tests.conftest import cache_dump, every_model_read, every_table_raw, let_sessions_expire, login_verified
from tests.join_fixtures import check_in, enter
from tests.retention_fixtures import clock  # noqa: F401  (fixture)
from tests.scheduling_fixtures import booking_data, weekday_hours

pytestmark = pytest.mark.django_db

ALIAS = "Marker-Alias-Marigold"
OTHER_ALIAS = "Marker-Alias-Juniper"
NOTE = "Marker note: the blue house on Elm Street"
SAFE_WORD = "marker-pineapple"
FALLBACK = "Marker fallback: call the neighbour"
EMAIL = "marker.address@example.net"
KEPT_EMAIL = "marker.kept@example.net"
KEPT_PHONE = "+13125550177"
ADDRESS = "203.0.113.77"
AGENT = "MarkerAgent/9.9 (SurvivorPhone)"
MARKERS = [ALIAS, OTHER_ALIAS, NOTE, SAFE_WORD, FALLBACK, EMAIL, KEPT_EMAIL, KEPT_PHONE, ADDRESS, "MarkerAgent"]
# What may be left once every window has passed: staff accounts and their
# devices, the program's forms and settings, and the anonymous counters.
SURVIVOR_TABLES = ("case", "case_advocates", "consentrecord", "appointment", "joincode", "codedelivery", "callevent", "room",
                   "session", "accessaudit", "note", "foldedappointment")


def marked(user=None) -> Client:
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT, HTTP_X_FORWARDED_FOR=ADDRESS)
    if user is not None:
        login_verified(client, user)
    return client


def ok(response, status=302):
    assert response.status_code == status, response.content.decode()[:2000]
    return response


def open_case(staff, alias: str, **extra) -> Case:
    data = {"alias": alias, "modes": ["video", "audio"], "safe_word": SAFE_WORD, **extra}
    ok(staff.post("/cases/new/", data))
    return Case.objects.latest("pk")


def record_consent(staff, case: Case) -> None:
    form = current_form("en")
    data = {"version": form.version, "language": "en", "agreed": "yes", "modes": ["video", "audio", "phone"],
            "for_sessions": "on", "for_reports": "on"}
    ok(staff.post(f"/consent/case/{case.pk}/record/", data))


def book(staff, case: Case, advocate, starts_at) -> Appointment:
    data = booking_data(advocate, starts_at.date(), starts_at.hour, survivor_time_zone="UTC",
                        reconnect_fallback=FALLBACK)
    ok(staff.post(f"/scheduling/cases/{case.pk}/book/", data))
    return Appointment.objects.latest("pk")


def send_code_by_email(staff, appointment, django_capture_on_commit_callbacks) -> str:
    data = {"role": "survivor", "channel": "email", "address": EMAIL, "confirm": "1"}
    with django_capture_on_commit_callbacks(execute=False):
        ok(staff.post(f"/scheduling/appointments/{appointment.pk}/send-code/", data))
    send_code.apply(args=[appointment.deliveries.get().pk])  # the worker's run
    return re.search(r"Your code: (\S+)", mail.outbox[-1].body).group(1)


def survivor_visit(survivor, staff, appointment, code, clock) -> None:
    ok(enter(survivor, "AAAA-BBBB-CCCC"), 200)  # a throttle key
    ok(enter(survivor, code))
    ok(check_in(survivor))
    clock.travel(minutes=2)
    ok(staff.post(f"/sessions/appointments/{appointment.pk}/admit/", {"who": "survivor"}))
    ok(survivor.get("/join/"), 200)  # the room page
    event = lambda name: survivor.post("/join/events", json.dumps({"event": name}), content_type="application/json")
    ok(event("videoConferenceJoined"), 200)
    clock.travel(minutes=25)
    ok(event("hangup"), 200)
    ok(staff.post(f"/sessions/appointments/{appointment.pk}/end/"))
    ok(staff.post(f"/sessions/appointments/{appointment.pk}/outcome/", {"outcome": "completed"}))


def read_everything() -> dict[str, str]:
    """Every row of every model through the ORM (encrypted fields decrypted), and the cache, sessions included."""
    return {**every_model_read(), "the cache (sessions unpickled)": cache_dump()}


def test_after_every_window_no_marker_is_left_but_the_counts(
    make_staff, jitsi_standin, clock, caplog, django_capture_on_commit_callbacks
):
    # The production level (LOG_LEVEL's default). At DEBUG, urllib3 logs the
    # end-meeting URL of the staff's "end" button, whose query names the room.
    caplog.set_level(logging.INFO)
    advocate = make_staff("advocate", "alex", time_zone="UTC")
    weekday_hours(advocate, start=time(0), end=time(23, 59), weekdays=range(7))
    staff = marked(advocate)

    case = open_case(staff, ALIAS)
    record_consent(staff, case)
    ok(staff.post(f"/cases/{case.pk}/notes/new/", {"text": NOTE}))
    starts_at = (timezone.now() + timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0)
    appointment = book(staff, case, advocate, starts_at)
    room_name = appointment.room.name
    code = send_code_by_email(staff, appointment, django_capture_on_commit_callbacks)
    code_hash = JoinCode.objects.get().code_hash

    other = open_case(staff, OTHER_ALIAS, keep_contact="on", contact_email=KEPT_EMAIL, contact_phone=KEPT_PHONE)
    record_consent(staff, other)
    ok(staff.post(f"/cases/{other.pk}/notes/new/", {"text": NOTE}))
    ok(staff.post(f"/consent/case/{other.pk}/withdraw/"))

    clock.travel(seconds=(starts_at - timezone.now()).total_seconds() + 60)  # the session's first minute
    staff = marked(advocate)  # the day-old staff session has expired
    survivor_visit(marked(), staff, appointment, code, clock)
    ok(staff.post(f"/cases/{case.pk}/close/"))
    ok(staff.post(f"/cases/{other.pk}/close/"))

    before = "\n".join([*every_table_raw().values(), *read_everything().values()])
    for marker in (ALIAS, OTHER_ALIAS, NOTE, SAFE_WORD, FALLBACK, KEPT_EMAIL, room_name, code_hash):
        assert marker in before, "the seeding did not reach the tables"
    assert CallEvent.objects.filter(appointment=appointment).count() >= 5

    clock.travel(days=400)  # past notes, closed cases, call logs, codes, sessions and access records
    call_command("purge", stdout=open("/dev/null", "w"))
    assert let_sessions_expire() > 0  # what their idle time does, in the cache

    raw, read = every_table_raw(), read_everything()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for marker in [*MARKERS, room_name, code_hash, code]:
        for where, text in [*raw.items(), *read.items(), ("a log line", logged)]:
            assert marker not in text, f"{marker!r} is still in {where}"
    for label, text in read.items():
        if label.split(".")[-1].lower() in SURVIVOR_TABLES:
            assert text == "", f"{label} still has rows"
    # What is left: numbers in anonymous counters.
    assert list(SessionCount.objects.values_list("mode", "outcome", "duration_bucket", "wait_bucket", "count")) == [
        ("video", "completed", "15-30m", "1-5m", 1)
    ]
    # Both cases erased; the one that withdrew consent is not counted in reports.
    assert AnonymousCount.objects.get(kind="case_erased").count == 1
