"""Retention jobs of the live sessions (invariant 5): call logs become anonymous counts, rooms retire.

Call events exist to run a session. Once an appointment's window has closed
they are folded into SessionCount (week, mode, outcome, duration and wait
buckets: no case, no person, no exact time) and, after the program's
call-log window, deleted.
"""

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from cases.models import iso_week, left_out_cases
from program.models import ProgramSettings
from retention.batch import BATCH_SIZE, delete_in_batches, in_range, pk_chunks
from retention.jobs import job
from retention.models import FoldedAppointment, PurgeRecord
from scheduling.models import Appointment

from . import throttle
from .jitsi_client import JitsiClient, JitsiError
from .models import CallEvent, Room, SessionCount

logger = logging.getLogger(__name__)
Kind, Who, Status = CallEvent.Kind, CallEvent.Who, Appointment.Status

# Buckets, coarse on purpose: an exact length or time could single out a session.
# Duration: the survivor's first JOINED to the moment they were last out of the
# room (their last LEFT/DROPPED, or the meeting's ENDED while they were in).
DURATION_BUCKETS = ((15, "<15m"), (30, "15-30m"), (45, "30-45m"), (60, "45-60m"))
DURATION_TOP = "60m+"
# Wait: the survivor's first ARRIVED (waiting room) to the first ADMITTED after it.
WAIT_BUCKETS = ((1, "<1m"), (5, "1-5m"), (15, "5-15m"))
WAIT_TOP = "15m+"
# Appointments claimed and counted per transaction. bench/purge.py: 125,000
# appointments in 29 s, the longest claim 137 ms (their logs are read before it).
FOLD_CHUNK = 500
# An appointment still scheduled or in progress after its window: held if the survivor joined.
FINAL_OUTCOMES = {Status.COMPLETED, Status.DROPPED, Status.NO_SHOW, Status.CANCELLED}
# A room whose window closed longer ago than this is retired without asking
# Jitsi to end it: nobody is still in it, and an unreachable server must not
# keep a room name in the database for ever.
END_MEETING_FOR = timedelta(hours=24)


def window_grace() -> timedelta:
    """How long after its end an appointment can still be joined (code or token)."""
    return timedelta(minutes=max(settings.JOIN_CODE_GRACE_MINUTES, settings.JITSI_TOKEN_GRACE_MINUTES))


def bucket(minutes: float | None, buckets: tuple[tuple[int, str], ...], top: str) -> str:
    if minutes is None:
        return ""  # not known: never joined, never admitted, or no end recorded
    return next((label for limit, label in buckets if minutes < limit), top)


class Event(NamedTuple):
    kind: str
    who: str
    at: datetime


@dataclass(frozen=True)
class Summary:
    """What an appointment's call log says, bucketed: all of it a count may keep."""

    duration: str
    wait: str
    joined: bool


def survivor_minutes_in_room(events: list[Event]) -> float | None:
    start = end = None
    inside = False
    for event in events:
        mine = event.who == Who.SURVIVOR
        if mine and event.kind == Kind.JOINED:
            start, inside = start or event.at, True
        elif start and mine and event.kind in (Kind.LEFT, Kind.DROPPED):
            end, inside = event.at, False
        elif start and event.kind == Kind.ENDED and inside:
            end, inside = event.at, False
    return (end - start).total_seconds() / 60 if start and end else None


def survivor_minutes_waiting(events: list[Event]) -> float | None:
    mine = [event for event in events if event.who == Who.SURVIVOR]
    arrived = next((event.at for event in mine if event.kind == Kind.ARRIVED), None)
    admitted = next((event.at for event in mine if event.kind == Kind.ADMITTED and arrived and event.at >= arrived), None)
    return (admitted - arrived).total_seconds() / 60 if admitted else None


def summarize(events: list[Event]) -> Summary:
    return Summary(
        duration=bucket(survivor_minutes_in_room(events), DURATION_BUCKETS, DURATION_TOP),
        wait=bucket(survivor_minutes_waiting(events), WAIT_BUCKETS, WAIT_TOP),
        joined=any(event.who == Who.SURVIVOR and event.kind == Kind.JOINED for event in events),
    )


def read_logs(ids: list[int]) -> dict[int, Summary]:
    logs: dict[int, list[Event]] = defaultdict(list)
    rows = CallEvent.objects.filter(appointment_id__in=ids).order_by("at", "pk")
    for appointment_id, kind, who, at in rows.values_list("appointment_id", "kind", "who", "at"):
        logs[appointment_id].append(Event(kind, who, at))
    return {pk: summarize(logs[pk]) for pk in ids}


def outcome(status: str, joined: bool) -> str:
    if status in FINAL_OUTCOMES:
        return status
    return Status.COMPLETED if joined else Status.NO_SHOW


def cell(appointment: Appointment, log: Summary, zone: ZoneInfo) -> tuple[str, str, str, str, str]:
    """(week, mode, outcome, duration bucket, wait bucket): all a SessionCount row may know."""
    week = iso_week(appointment.starts_at.astimezone(zone).date())
    return week, appointment.mode, outcome(appointment.status, log.joined), log.duration, log.wait


def counted_cases(case_ids: set[int]) -> set[int]:
    """The cases among `case_ids` that may be counted in anonymized reports (cases.models.left_out_cases)."""
    left_out = left_out_cases().filter(case_id__in=case_ids).values_list("case_id", flat=True)
    return case_ids - set(left_out)


def bump(week: str, mode: str, outcome: str, duration: str, wait: str, count: int) -> None:
    fields = {"week": week, "mode": mode, "outcome": outcome, "duration_bucket": duration, "wait_bucket": wait}
    if SessionCount.objects.filter(**fields).update(count=F("count") + count):
        return
    try:
        with transaction.atomic():
            SessionCount.objects.create(**fields, count=count)
    except IntegrityError:  # created meanwhile by another worker
        SessionCount.objects.filter(**fields).update(count=F("count") + count)


def fold_chunk(ids: list[int], zone: ZoneInfo) -> int:
    """Counts the appointments `ids` not counted yet; returns how many it claimed."""
    # Read before the claim, outside its transaction: the log of a closed
    # window no longer changes, and the appointments stay locked only briefly.
    logs = read_logs(ids)
    with transaction.atomic():
        appointments = list(
            # NO KEY: the appointment's key is not changed, so an event inserted for it does not wait.
            Appointment.objects.select_for_update(skip_locked=True, no_key=True, of=("self",))
            .filter(pk__in=ids, retention_fold__isnull=True)
            .only("pk", "case_id", "starts_at", "mode", "status")
        )
        if not appointments:
            return 0
        # The claim: one marker per appointment, keyed by it. Should another
        # worker have claimed one meanwhile, this insert fails and nothing here is counted.
        FoldedAppointment.objects.bulk_create([FoldedAppointment(appointment_id=a.pk) for a in appointments])
        counted = counted_cases({a.case_id for a in appointments})
        cells = Counter(cell(a, logs[a.pk], zone) for a in appointments if a.case_id in counted)
        for key, count in sorted(cells.items()):  # one order for every worker: no deadlock on a counter
            bump(*key, count)
        return len(appointments)


def fold(now: datetime) -> int:
    zone = ZoneInfo(ProgramSettings.load().time_zone)
    finished = Appointment.objects.filter(ends_at__lt=now - window_grace(), retention_fold__isnull=True)
    folded = 0
    for ids in pk_chunks(finished, FOLD_CHUNK):
        try:
            folded += fold_chunk(ids, zone)
        except IntegrityError:
            logger.info("fold: another worker counted part of a chunk first; it is left to them")
    return folded


# One range of call events deleted on PostgreSQL, in one statement that also
# asks which of the range's appointments were counted and are past the window.
# Raw SQL: the ORM cannot write the two forms that keep it cheap (1,000,000
# events, bench/purge.py's data: 1.1 s; with a bare IN 1.5 s; the raw DELETE 0.5 s).
# - `a.id = ANY(ARRAY(SELECT …))`: the range's appointments, each looked up by
#   key. As `IN (SELECT …)` PostgreSQL expects nearly as many appointments as
#   events (a range of 10,000 holds about 1,250) and hashes every appointment
#   and fold claim for each range.
# - `(… IN (…)) IS TRUE`: keeps that IN a hashed subplan, so the counted
#   appointments are hashed once and the range is read in key order. A bare IN
#   becomes a join through the appointment_id index, which reads every event
#   of each appointment (in the range or not) and takes twice as long.
# Only committed claims are seen, and no appointment is locked.
DELETE_COUNTED_EVENTS = """
    DELETE FROM video_sessions_callevent c
    WHERE {c_above_low}c.id <= %(high)s AND (c.appointment_id IN (
        SELECT a.id FROM scheduling_appointment a
        WHERE a.id = ANY(ARRAY(
                SELECT e.appointment_id FROM video_sessions_callevent e WHERE {e_above_low}e.id <= %(high)s))
            AND a.ends_at < %(cutoff)s
            AND EXISTS (SELECT FROM retention_foldedappointment f WHERE f.appointment_id = a.id)
    )) IS TRUE
"""


def delete_folded_events(now: datetime, batch_size: int = BATCH_SIZE) -> int:
    """Deletes the call events of appointments counted and ended `call_event_retention_hours` ago; returns how many."""
    cutoff = now - timedelta(hours=ProgramSettings.load().call_event_retention_hours)
    # Only counted appointments: an appointment is never deleted from the log before it is counted.
    events = CallEvent.objects.all()
    if connections[events.db].vendor == "postgresql":

        def delete_range(low, high) -> int:
            above_low = "" if low is None else "{}.id > %(low)s AND "  # no low bound: from the first event
            sql = DELETE_COUNTED_EVENTS.format(c_above_low=above_low.format("c"), e_above_low=above_low.format("e"))
            with connections[events.db].cursor() as cursor:
                cursor.execute(sql, {"low": low, "high": high, "cutoff": cutoff})
                return cursor.rowcount

    else:
        counted_and_past = Appointment.objects.filter(ends_at__lt=cutoff, retention_fold__isnull=False)

        def delete_range(low, high) -> int:
            # Elsewhere (SQLite): asked once a range with plain id lists (no join, no per-row probe).
            rows = in_range(events, low, high)
            present = rows.order_by().values_list("appointment_id", flat=True).distinct()
            past = counted_and_past.filter(pk__in=list(present)).values_list("pk", flat=True)
            return rows.filter(appointment_id__in=list(past)).delete()[0]

    return delete_in_batches(events, batch_size, delete_range)


@job(PurgeRecord.Job.CALL_EVENTS)
def fold_call_events() -> int:
    """Counts finished appointments once each, then deletes their call events after the program's window."""
    now = timezone.now()
    folded = fold(now)
    if folded:
        logger.info("fold: %d appointments counted", folded)
    return delete_folded_events(now)


def end_meeting(client: JitsiClient, name: str) -> bool:
    """Ends the room's meeting if one still runs; False if Jitsi could not be asked (try again later)."""
    try:
        client.end_meeting(name)
    except JitsiError as error:
        # The client's messages carry method, path and status: never the room.
        logger.warning("retire rooms: could not end a meeting (%s); trying again next run", error)
        return False
    except ValueError:
        pass  # not a room name Jitsi could hold: nothing to end
    return True


@job(PurgeRecord.Job.ROOMS)
def retire_rooms() -> int:
    """Ends any meeting still running after its window, then forgets the room's name."""
    now = timezone.now()
    closed = now - window_grace()
    due = Room.objects.filter(retired_at=None).filter(
        Q(appointment__ends_at__lt=closed) | Q(appointment__status=Status.CANCELLED)
    )
    retired = 0
    with JitsiClient.from_settings() as client:
        reachable = True
        for room in due.select_related("appointment").only("pk", "name", "appointment__ends_at"):
            if room.name and room.appointment.ends_at >= closed - END_MEETING_FOR:
                # After one failure the other rooms wait for the next run too: no pile of timeouts.
                reachable = reachable and end_meeting(client, room.name)
                if not reachable:
                    continue
            retired += Room.objects.filter(pk=room.pk, retired_at=None).update(name=None, retired_at=now)
    return retired


@job(PurgeRecord.Job.THROTTLE)
def clear_throttle() -> int:
    """Drops the program-wide code-entry bucket; per-client buckets expire within the hour by themselves."""
    return throttle.clear_all()
