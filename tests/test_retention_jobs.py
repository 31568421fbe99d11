"""Invariants 1, 2, 5 and 10: each retention job deletes what is past its time, and only that."""

import logging
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from celery.beat import ScheduleEntry
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from django.db import connection
from django.test.utils import CaptureQueriesContext

from advocacy.celery import app
from cases.models import AccessAudit, AnonymousCount, Case, Note
from cases.tasks import erase_closed_cases, purge_access_records, purge_notes
from consent.services import current_form, record_consent, withdraw
from consent.tasks import forget_contacts
from program.models import ProgramSettings
from retention.batch import delete_in_batches, pk_chunks
from retention.jobs import JOBS, run_all
from retention.models import FoldedAppointment, PurgeRecord
from retention.tasks import purge_records
from scheduling import codes
from scheduling.models import CodeDelivery, JoinCode
from scheduling.tasks import expire_codes, purge_code_deliveries
from sessions import throttle
from sessions.models import CallEvent, Room, SessionCount
from sessions.tasks import bucket, clear_throttle, delete_folded_events, fold_call_events, retire_rooms
from tests.casework import make_case
from tests.retention_fixtures import A_HELD_SESSION, clock, counted_case, finished, log_events  # noqa: F401
from tests.scheduling_fixtures import give_consent, make_appointment

pytestmark = pytest.mark.django_db


def cells() -> list[tuple]:
    return list(
        SessionCount.objects.order_by("pk").values_list(
            "week", "mode", "outcome", "duration_bucket", "wait_bucket", "count"
        )
    )


def set_program(**values) -> None:
    program = ProgramSettings.load()
    for name, value in values.items():
        setattr(program, name, value)
    program.save()


# --- call events: folded into counts, then deleted ----------------------------------------


class TestFold:
    def test_a_held_session_becomes_one_anonymous_count(self, finished):
        fold_call_events()
        week = "{}-W{:02d}".format(*finished.starts_at.date().isocalendar()[:2])
        assert cells() == [(week, "video", "completed", "30-45m", "1-5m", 1)]
        assert not CallEvent.objects.exists()

    def test_the_count_holds_no_case_person_or_time(self):
        names = {field.name for field in SessionCount._meta.concrete_fields}
        assert names == {"id", "week", "mode", "outcome", "duration_bucket", "wait_bucket", "count"}

    def test_the_week_is_in_the_programs_time_zone(self, counted_case, advocate):
        set_program(time_zone="America/Chicago")
        # Monday 2025-03-10 02:00 UTC is Sunday evening in Chicago: ISO week 10, not 11.
        start = datetime(2025, 3, 10, 2, 0, tzinfo=UTC)
        make_appointment(counted_case, advocate, start, status="no_show")
        fold_call_events()
        assert cells()[0][0] == "2025-W10"

    @pytest.mark.parametrize(
        "status, events, outcome",
        [
            ("scheduled", A_HELD_SESSION, "completed"),
            ("in_progress", A_HELD_SESSION, "completed"),
            ("scheduled", [(0, "arrived", "survivor")], "no_show"),
            ("cancelled", [], "cancelled"),
            ("dropped", A_HELD_SESSION, "dropped"),
            ("no_show", [], "no_show"),
        ],
    )
    def test_the_outcome(self, counted_case, advocate, status, events, outcome):
        appointment = make_appointment(counted_case, advocate, timezone.now() - timedelta(days=2), status=status)
        log_events(appointment, *events)
        fold_call_events()
        assert cells()[0][2] == outcome

    @pytest.mark.parametrize(
        "events, duration",
        [
            # In the room until the advocate ended the meeting.
            ([(0, "joined", "survivor"), (50, "ended", "staff")], "45-60m"),
            # Dropped, back, ended: to the end, not to the drop.
            ([(0, "joined", "survivor"), (10, "dropped", "survivor"), (12, "joined", "survivor"),
              (70, "ended", "staff")], "60m+"),
            # Left before the end: to the leaving.
            ([(0, "joined", "survivor"), (14, "left", "survivor"), (30, "ended", "staff")], "<15m"),
            # Never joined: no duration.
            ([(0, "arrived", "survivor"), (30, "ended", "staff")], ""),
            # No end recorded: unknown rather than guessed.
            ([(0, "joined", "survivor")], ""),
        ],
    )
    def test_the_duration_bucket(self, counted_case, advocate, events, duration):
        appointment = make_appointment(counted_case, advocate, timezone.now() - timedelta(days=2), status="completed")
        log_events(appointment, *events)
        fold_call_events()
        assert cells()[0][3] == duration

    def test_bucket_edges(self):
        buckets, top = ((15, "<15m"), (30, "15-30m")), "30m+"
        assert [bucket(m, buckets, top) for m in (None, 0, 14.99, 15, 29.9, 30, 500)] == [
            "", "<15m", "<15m", "15-30m", "15-30m", "30m+", "30m+"
        ]

    def test_the_wait_is_from_arriving_to_being_admitted(self, counted_case, advocate):
        appointment = make_appointment(counted_case, advocate, timezone.now() - timedelta(days=2), status="completed")
        log_events(appointment, (0, "arrived", "survivor"), (16, "admitted", "survivor"), (16, "joined", "survivor"),
                   (30, "left", "survivor"))
        fold_call_events()
        assert cells()[0][3:5] == ("<15m", "15m+")

    def test_sessions_in_the_same_cell_add_up(self, counted_case, advocate):
        for days in (2, 3):
            appointment = make_appointment(counted_case, advocate, timezone.now() - timedelta(days=days),
                                           status="completed")
            log_events(appointment, *A_HELD_SESSION)
        fold_call_events()
        assert sum(row[-1] for row in cells()) == 2

    @pytest.mark.parametrize("answer", ["declined", "no_reports", "withdrawn"])
    def test_a_case_that_said_no_to_reports_is_not_counted_but_its_log_goes(self, finished, answer):
        case = finished.case
        if answer == "withdrawn":
            withdraw(case)
        else:
            record_consent(case, current_form("en"), agreed=answer != "declined", modes=["video"],
                           for_sessions=True, for_reports=False, given_by="advocate")
        fold_call_events()
        assert cells() == []
        assert not CallEvent.objects.exists()
        assert FoldedAppointment.objects.filter(appointment=finished).exists()

    def test_an_appointment_in_its_window_is_not_counted_yet(self, counted_case, advocate, clock):
        appointment = make_appointment(counted_case, advocate, timezone.now() - timedelta(minutes=60))
        log_events(appointment, *A_HELD_SESSION)  # ended ten minutes ago: a code still works
        fold_call_events()
        assert cells() == [] and CallEvent.objects.count() == len(A_HELD_SESSION)
        clock.travel(minutes=settings.JOIN_CODE_GRACE_MINUTES)
        fold_call_events()
        assert len(cells()) == 1

    def test_the_log_is_kept_for_the_programs_window_after_counting(self, counted_case, advocate, clock):
        set_program(call_event_retention_hours=24)
        appointment = make_appointment(counted_case, advocate, timezone.now() - timedelta(hours=2))
        log_events(appointment, *A_HELD_SESSION)
        fold_call_events()
        assert len(cells()) == 1 and CallEvent.objects.count() == len(A_HELD_SESSION)
        clock.travel(hours=21)
        fold_call_events()
        assert CallEvent.objects.count() == len(A_HELD_SESSION)
        clock.travel(hours=2)
        fold_call_events()
        assert not CallEvent.objects.exists()
        assert cells()[0][-1] == 1  # counted once, not again at deletion

    def test_it_is_idempotent(self, finished):
        assert fold_call_events() == len(A_HELD_SESSION)
        assert fold_call_events() == 0
        assert cells()[0][-1] == 1

    def test_an_appointment_another_worker_claimed_is_not_counted_twice(self, finished):
        FoldedAppointment.objects.create(appointment=finished)  # the other worker's claim
        fold_call_events()
        assert cells() == []
        assert not CallEvent.objects.exists()  # yet its log still goes after the window

    def test_it_catches_up_after_a_day_of_downtime(self, counted_case, advocate, clock, jitsi_standin):
        day_start = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
        for hour in range(24):
            appointment = make_appointment(counted_case, advocate, day_start + timedelta(hours=hour), minutes=30,
                                           status="completed")
            log_events(appointment, *A_HELD_SESSION)
        clock.travel(days=2)  # no worker ran for a day and more
        run_all()
        assert sum(row[-1] for row in cells()) == 24
        assert not CallEvent.objects.exists()
        assert not Room.objects.filter(retired_at=None).exists()


# --- rooms ----------------------------------------------------------------------------------


class TestRooms:
    def test_a_meeting_still_running_after_its_window_is_ended_and_the_room_forgotten(
        self, counted_case, advocate, jitsi_standin
    ):
        appointment = make_appointment(counted_case, advocate, timezone.now() - timedelta(minutes=90))
        name = appointment.room.name
        jitsi_standin.add_participant(name, "Guest")
        assert retire_rooms() == 1
        room = Room.objects.get(appointment=appointment)
        assert room.name is None and room.retired_at is not None
        assert name not in jitsi_standin.rooms
        assert jitsi_standin.hits["/end-meeting"] == 1

    def test_a_room_in_its_window_is_left_alone(self, counted_case, advocate, jitsi_standin):
        appointment = make_appointment(counted_case, advocate, timezone.now() - timedelta(minutes=60))
        assert retire_rooms() == 0
        assert Room.objects.get(appointment=appointment).is_open
        assert jitsi_standin.hits["/end-meeting"] == 0

    def test_a_cancelled_appointment_loses_its_room_at_once(self, counted_case, advocate, jitsi_standin):
        appointment = make_appointment(counted_case, advocate, timezone.now() + timedelta(days=3), status="cancelled")
        assert retire_rooms() == 1
        assert Room.objects.get(appointment=appointment).name is None

    def test_when_jitsi_fails_the_room_waits_for_the_next_run(self, counted_case, advocate, jitsi_standin, caplog):
        first = make_appointment(counted_case, advocate, timezone.now() - timedelta(minutes=120))
        second = make_appointment(counted_case, advocate, timezone.now() - timedelta(minutes=100))
        names = [first.room.name, second.room.name]
        jitsi_standin.fail_next = 3  # every attempt of one call
        with caplog.at_level(logging.WARNING):
            assert retire_rooms() == 0
        assert jitsi_standin.hits["/end-meeting"] == 3  # the second room did not pile on more failures
        assert "could not end a meeting" in caplog.text
        assert not any(name in caplog.text for name in names)
        assert retire_rooms() == 2

    def test_a_long_past_room_is_retired_without_asking_jitsi(self, counted_case, advocate, jitsi_standin):
        make_appointment(counted_case, advocate, timezone.now() - timedelta(days=3))
        jitsi_standin.fail_next = 100
        assert retire_rooms() == 1
        assert jitsi_standin.hits["/end-meeting"] == 0


# --- join codes and their sendings ------------------------------------------------------------


class TestCodes:
    def test_codes_go_an_hour_after_their_window(self, counted_case, advocate, clock):
        appointment = make_appointment(counted_case, advocate, timezone.now() + timedelta(hours=1))
        codes.issue(appointment)
        codes.issue(appointment)  # the first one is revoked
        clock.travel(hours=1, minutes=50 + settings.JOIN_CODE_GRACE_MINUTES)
        assert expire_codes() == 0
        clock.travel(hours=1)
        assert expire_codes() == 2
        assert not JoinCode.objects.exists()

    def test_a_current_code_stays(self, counted_case, advocate):
        appointment = make_appointment(counted_case, advocate, timezone.now() + timedelta(hours=1))
        codes.issue(appointment)
        assert expire_codes() == 0 and JoinCode.objects.count() == 1

    def test_sendings_go_with_the_call_log(self, finished, counted_case, advocate):
        upcoming = make_appointment(counted_case, advocate, timezone.now() + timedelta(days=1))
        CodeDelivery.objects.create(appointment=finished, channel="email", status="sent")
        kept = CodeDelivery.objects.create(appointment=upcoming, channel="email", status="sent")
        assert purge_code_deliveries() == 1
        assert list(CodeDelivery.objects.all()) == [kept]

    def test_a_sending_stuck_with_an_address_goes(self, counted_case, advocate):
        upcoming = make_appointment(counted_case, advocate, timezone.now() + timedelta(days=1))
        stuck = CodeDelivery.objects.create(appointment=upcoming, channel="sms", address="+13125550188",
                                            created_at=timezone.now() - timedelta(hours=3))
        fresh = CodeDelivery.objects.create(appointment=upcoming, channel="sms", address="+13125550188")
        assert purge_code_deliveries() == 1
        assert not CodeDelivery.objects.filter(pk=stuck.pk).exists()
        assert CodeDelivery.objects.filter(pk=fresh.pk).exists()


# --- cases ------------------------------------------------------------------------------------


def kept_contact_case(advocate, alias: str, **fields) -> Case:
    case = make_case(advocate, alias, keep_contact=True, contact_email=f"{alias}@example.net",
                     contact_phone="+13125550100", **fields)
    give_consent(case)
    return case


class TestContacts:
    def test_a_closed_case_forgets_its_contact(self, advocate):
        case = kept_contact_case(advocate, "closed", closed_on=timezone.localdate())
        assert forget_contacts() == 1
        case.refresh_from_db()
        assert (case.keep_contact, case.contact_email, case.contact_phone) == (False, "", "")

    def test_withdrawn_consent_forgets_the_contact(self, advocate):
        case = kept_contact_case(advocate, "withdrawn")
        withdraw(case)
        assert forget_contacts() == 1
        case.refresh_from_db()
        assert case.contact_email == "" and not case.keep_contact

    def test_an_open_case_with_consent_keeps_it(self, advocate):
        case = kept_contact_case(advocate, "open")
        assert forget_contacts() == 0
        case.refresh_from_db()
        assert case.contact_email == "open@example.net"

    def test_it_is_idempotent(self, advocate):
        kept_contact_case(advocate, "closed", closed_on=timezone.localdate())
        assert (forget_contacts(), forget_contacts()) == (1, 0)


class TestNotes:
    def test_notes_past_the_period_go(self, counted_case, advocate):
        set_program(note_retention_days=30)
        old = Note.objects.create(case=counted_case, author=advocate, text="old",
                                  written_at=timezone.now() - timedelta(days=31))
        new = Note.objects.create(case=counted_case, author=advocate, text="new",
                                  written_at=timezone.now() - timedelta(days=29))
        assert purge_notes() == 1
        assert list(Note.objects.all()) == [new]
        assert not Note.objects.filter(pk=old.pk).exists()


class TestClosedCases:
    def test_a_case_closed_past_the_period_is_erased_with_everything_in_it(self, finished, advocate):
        case = finished.case
        Note.objects.create(case=case, author=advocate, text="note")
        AccessAudit.record(advocate, case.pk, "view")
        Case.objects.filter(pk=case.pk).update(closed_on=timezone.localdate() - timedelta(days=91))
        assert erase_closed_cases() == 1
        for model in (Case, Note, CallEvent, Room, FoldedAppointment):
            assert not model.objects.exists(), model
        assert not AccessAudit.objects.filter(case_id=case.pk).exists()
        assert not AccessAudit.objects.filter(action="erase").exists()  # no staff member erased it
        assert AnonymousCount.objects.get(kind="case_erased").count == 1

    def test_open_and_recently_closed_cases_stay(self, counted_case, advocate):
        recent = Case.objects.create(alias="recent", closed_on=timezone.localdate() - timedelta(days=89))
        assert erase_closed_cases() == 0
        assert set(Case.objects.all()) == {counted_case, recent}

    def test_the_period_is_the_programs(self, counted_case):
        set_program(closed_case_retention_days=7)
        Case.objects.filter(pk=counted_case.pk).update(closed_on=timezone.localdate() - timedelta(days=8))
        assert erase_closed_cases() == 1


class TestAccessRecords:
    def test_records_past_the_period_go(self, counted_case, advocate):
        set_program(audit_retention_days=30)
        AccessAudit.objects.all().delete()
        old = AccessAudit.record(advocate, counted_case.pk, "view")
        AccessAudit.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=31))
        new = AccessAudit.record(advocate, counted_case.pk, "view")
        assert purge_access_records() == 1
        assert list(AccessAudit.objects.all()) == [new]


# --- throttling, purge records --------------------------------------------------------


def test_the_throttle_is_cleared():
    throttle.record_failure("client-hash")
    assert cache.get(throttle.PROGRAM_BUCKET) == 1
    assert clear_throttle() == 1
    assert cache.get(throttle.PROGRAM_BUCKET) is None


def test_purge_records_are_kept_ninety_days():
    old = PurgeRecord.objects.create(job="notes", rows_removed=3, ran_at=timezone.now() - timedelta(days=91))
    assert purge_records() == 1
    assert not PurgeRecord.objects.filter(pk=old.pk).exists()
    assert PurgeRecord.objects.filter(job="purge_records", rows_removed=1).exists()


# --- the machinery ---------------------------------------------------------------------------


def test_each_run_is_recorded_and_logged_with_counts_only(finished, caplog):
    with caplog.at_level(logging.INFO, logger="retention"):
        fold_call_events()
    record = PurgeRecord.objects.get()
    assert (record.job, record.rows_removed) == ("call_events", len(A_HELD_SESSION))
    messages = [r.getMessage() for r in caplog.records if r.name in ("retention", "sessions.tasks")]
    assert messages == ["fold: 1 appointments counted", f"purge call_events: {len(A_HELD_SESSION)} rows"]


def test_the_purge_command_runs_every_job_and_prints_counts(finished, advocate):
    Note.objects.create(case=finished.case, author=advocate, text="old", written_at=timezone.now() - timedelta(days=400))
    out = StringIO()
    call_command("purge", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == list(JOBS)
    assert f"sessions.tasks.fold_call_events: {len(A_HELD_SESSION)}" in lines
    assert "cases.tasks.purge_notes: 1" in lines
    assert PurgeRecord.objects.count() == len(JOBS)


def test_beat_schedules_every_job_and_only_those():
    scheduled = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert sorted(scheduled) == sorted(JOBS)
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        # A copy not started within its interval is dropped, never piled up.
        assert entry["options"]["expires"] >= min(entry["schedule"], 60)
    assert settings.CELERY_BEAT_SCHEDULE["fold-and-delete-call-events"]["schedule"] <= 15 * 60


def test_after_downtime_every_job_is_due_at_once():
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        schedule = ScheduleEntry(name=name, task=entry["task"], schedule=entry["schedule"], app=app,
                                 last_run_at=timezone.now() - timedelta(days=1))
        assert schedule.is_due()[0], name


def test_tasks_ack_late_retry_and_finish_before_the_broker_hands_them_on():
    assert fold_call_events.acks_late and fold_call_events.max_retries == 3
    assert settings.CELERY_TASK_TIME_LIMIT > settings.CELERY_TASK_SOFT_TIME_LIMIT
    assert settings.CELERY_WORKER_HIJACK_ROOT_LOGGER is False  # the LOGGING filter stays on
    # The settings with Redis, read in a fresh interpreter (nothing connects to it).
    script = "from advocacy import settings as s; print(s.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'])"
    env = {**os.environ, "DEBUG": "1", "REDIS_URL": "redis://127.0.0.1:6379/7"}
    output = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert int(output.stdout) > settings.CELERY_TASK_TIME_LIMIT


class TestDeleteInBatches:
    def test_it_deletes_everything_matching_in_batches(self, counted_case, advocate):
        Note.objects.bulk_create([Note(case=counted_case, author=advocate, text=str(n)) for n in range(25)])
        keep = Note.objects.create(case=counted_case, author=advocate, text="keep")
        assert delete_in_batches(Note.objects.exclude(pk=keep.pk), batch_size=10) == 25
        assert list(Note.objects.all()) == [keep]

    def test_it_deletes_ranges_of_primary_keys_without_loading_rows(self, counted_case, advocate):
        Note.objects.bulk_create([Note(case=counted_case, author=advocate, text=str(n)) for n in range(25)])
        with CaptureQueriesContext(connection) as queries:
            assert delete_in_batches(Note.objects.all(), batch_size=10) == 25
        sql = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
        deletes = [statement for statement in sql if statement.startswith("DELETE")]
        # The first and last matching keys and the key before the first, then per range: its upper key, and one DELETE.
        assert len(deletes) == 3 and len(sql) == 3 + 2 * 3
        for statement in deletes:
            assert '"cases_note"."id" <=' in statement and " IN (" not in statement
        assert not any(statement.startswith('SELECT "cases_note"."text"') for statement in sql)

    @pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL checks in the DELETE: see the next test")
    def test_elsewhere_the_call_log_goes_by_key_range_and_counted_appointments(self, finished, counted_case, advocate):
        fold_call_events()  # counted and deleted
        log_events(finished, *A_HELD_SESSION)  # as if late
        live = make_appointment(counted_case, advocate, timezone.now())
        log_events(live, (0, "arrived", "survivor"))
        with CaptureQueriesContext(connection) as queries:
            assert delete_folded_events(timezone.now()) == len(A_HELD_SESSION)
        [delete] = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("DELETE")]
        # The range, and a plain list of the appointments counted and past: no join, no per-row subquery.
        assert f'"video_sessions_callevent"."appointment_id" IN ({finished.pk}))' in delete
        assert "SELECT" not in delete
        assert list(CallEvent.objects.values_list("appointment_id", flat=True)) == [live.pk]

    def test_only_counted_appointments_past_the_window_lose_their_log(self, counted_case, advocate):
        set_program(call_event_retention_hours=24)
        counted, uncounted = (make_appointment(counted_case, advocate, timezone.now() - timedelta(days=3)) for _ in "ab")
        recent = make_appointment(counted_case, advocate, timezone.now() - timedelta(hours=3))  # counted, kept a day
        FoldedAppointment.objects.bulk_create(FoldedAppointment(appointment=a) for a in (counted, recent))
        for event in A_HELD_SESSION:  # interleaved, so that every range holds events of all three
            for appointment in (counted, uncounted, recent):
                log_events(appointment, event)
        assert delete_folded_events(timezone.now(), batch_size=4) == len(A_HELD_SESSION)
        assert set(CallEvent.objects.values_list("appointment_id", flat=True)) == {uncounted.pk, recent.pk}
        assert delete_folded_events(timezone.now(), batch_size=4) == 0

    @pytest.mark.postgres
    def test_on_postgres_each_range_is_one_delete_that_checks_the_count(self, finished, counted_case, advocate):
        FoldedAppointment.objects.create(appointment=finished)
        live = make_appointment(counted_case, advocate, timezone.now())
        log_events(live, (0, "arrived", "survivor"))
        with CaptureQueriesContext(connection) as queries:
            assert delete_folded_events(timezone.now(), batch_size=4) == len(A_HELD_SESSION)
        sql = [q["sql"].strip() for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
        deletes = [statement for statement in sql if statement.startswith("DELETE")]
        # Two ranges, each one DELETE that asks in SQL which appointments were counted and are past:
        # no SELECT reads an appointment id into Python.
        assert len(deletes) == 2
        for statement in deletes:
            assert "c.id <=" in statement and "ANY(ARRAY(" in statement and "retention_foldedappointment" in statement
        assert not any("appointment" in statement for statement in sql if statement.startswith("SELECT"))
        assert list(CallEvent.objects.values_list("appointment_id", flat=True)) == [live.pk]

    def test_pk_chunks_pages_through_once(self, counted_case, advocate):
        Note.objects.bulk_create([Note(case=counted_case, author=advocate, text=str(n)) for n in range(7)])
        chunks = list(pk_chunks(Note.objects.all(), 3))
        assert [len(chunk) for chunk in chunks] == [3, 3, 1]
        assert sorted(sum(chunks, [])) == sorted(Note.objects.values_list("pk", flat=True))
