"""Two workers on one job do nothing twice; two beats send each job once."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from advocacy.celery import app
from cases.models import AnonymousCount, Case, Note
from cases.tasks import erase_closed_cases
from retention.batch import delete_in_batches
from retention.beat import CHECK_SECONDS, Lease, SingleBeatScheduler
from retention.models import BeatLease, FoldedAppointment, PurgeRecord
from scheduling.models import Appointment
from sessions.models import CallEvent, SessionCount
from sessions.tasks import delete_folded_events, fold_call_events
from tests.retention_fixtures import A_HELD_SESSION

APPOINTMENTS = 120


def in_two_workers(job) -> list:
    """Runs `job` in two threads (two database connections) started together; their results."""
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(job())
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def seed_finished_sessions(advocate, count: int = APPOINTMENTS) -> None:
    case = Case.objects.create(alias="Marigold")
    start = timezone.now() - timedelta(days=3)
    appointments = Appointment.objects.bulk_create(
        Appointment(case=case, advocate=advocate, starts_at=start + timedelta(minutes=n),
                    ends_at=start + timedelta(minutes=n + 50), survivor_time_zone="UTC", status="completed")
        for n in range(count)
    )
    CallEvent.objects.bulk_create(
        CallEvent(appointment=a, kind=kind, who=who, at=a.starts_at + timedelta(minutes=minutes))
        for a in appointments
        for minutes, kind, who in A_HELD_SESSION
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
class TestTwoWorkersOnPostgres:
    def test_each_session_is_counted_once(self, advocate):
        seed_finished_sessions(advocate)
        deleted = in_two_workers(fold_call_events)
        assert sum(SessionCount.objects.values_list("count", flat=True)) == APPOINTMENTS
        assert FoldedAppointment.objects.count() == APPOINTMENTS
        assert not CallEvent.objects.exists()
        assert sum(deleted) == APPOINTMENTS * len(A_HELD_SESSION)
        assert PurgeRecord.objects.filter(job="call_events").count() == 2

    def test_each_closed_case_is_erased_and_counted_once(self):
        long_ago = timezone.localdate() - timedelta(days=400)
        Case.objects.bulk_create(Case(alias=f"case {n}", closed_on=long_ago) for n in range(40))
        erased = in_two_workers(erase_closed_cases)
        assert sum(erased) == 40 and not Case.objects.exists()
        assert AnonymousCount.objects.get(kind="case_erased").count == 40

    def test_batched_deletes_share_the_rows(self, advocate):
        case = Case.objects.create(alias="Marigold")
        Note.objects.bulk_create(Note(case=case, author=advocate, text=str(n)) for n in range(3000))
        deleted = in_two_workers(lambda: delete_in_batches(Note.objects.all(), batch_size=100))
        assert sum(deleted) == 3000 and not Note.objects.exists()

    def test_two_deletes_share_the_counted_logs_and_leave_the_others(self, advocate):
        seed_finished_sessions(advocate)
        counted = list(Appointment.objects.order_by("pk")[::2])
        FoldedAppointment.objects.bulk_create(FoldedAppointment(appointment=a) for a in counted)
        deleted = in_two_workers(lambda: delete_folded_events(timezone.now(), batch_size=50))
        assert sum(deleted) == len(counted) * len(A_HELD_SESSION)
        left = set(CallEvent.objects.values_list("appointment_id", flat=True))
        assert left == set(Appointment.objects.exclude(pk__in=[a.pk for a in counted]).values_list("pk", flat=True))

    def test_a_claim_not_committed_yet_keeps_the_log_without_waiting_for_it(self, advocate):
        seed_finished_sessions(advocate, 10)
        claimed, release = threading.Event(), threading.Event()

        def fold_slowly():  # a fold between its claim and its commit
            try:
                with transaction.atomic():
                    FoldedAppointment.objects.bulk_create(FoldedAppointment(appointment=a) for a in Appointment.objects.all())
                    claimed.set()
                    release.wait(30)
            finally:
                connection.close()

        folding = threading.Thread(target=fold_slowly)
        folding.start()
        try:
            assert claimed.wait(10)
            started = time.monotonic()
            assert delete_folded_events(timezone.now()) == 0  # not counted until the claim commits
            assert time.monotonic() - started < 10  # and it did not wait for the claim (held up to 30 s)
        finally:
            release.set()
            folding.join(timeout=30)
        assert delete_folded_events(timezone.now()) == 10 * len(A_HELD_SESSION)


@pytest.mark.django_db
class TestTwoWorkersInOneProcess:
    """SQLite has one writer at a time: the second worker finds the first one's claims."""

    def test_the_second_run_finds_nothing_to_do(self, advocate):
        seed_finished_sessions(advocate, 10)
        assert fold_call_events() == 10 * len(A_HELD_SESSION)
        assert fold_call_events() == 0
        assert sum(SessionCount.objects.values_list("count", flat=True)) == 10

    def test_a_claim_taken_by_another_worker_is_skipped(self, advocate):
        seed_finished_sessions(advocate, 10)
        FoldedAppointment.objects.bulk_create(FoldedAppointment(appointment=a) for a in Appointment.objects.all()[:4])
        fold_call_events()
        assert sum(SessionCount.objects.values_list("count", flat=True)) == 6


# --- exactly one beat -----------------------------------------------------------------------


@pytest.fixture
def beats(tmp_path, monkeypatch):
    """Two beat schedulers, as two beat processes would run them; what each one sent."""
    sent: dict[str, list[str]] = {"first": [], "second": []}
    monkeypatch.setattr(SingleBeatScheduler, "producer", None)  # no broker: apply_entry is replaced below
    # A beat process drops broken connections before each tick; inside a test's transaction that would end it.
    monkeypatch.setattr("retention.beat.close_old_connections", lambda: None)

    def make(name: str) -> SingleBeatScheduler:
        scheduler = SingleBeatScheduler(app=app, schedule_filename=str(tmp_path / name))
        for entry in scheduler.schedule.values():
            entry.last_run_at = timezone.now() - timedelta(days=1)  # every job due
        scheduler.apply_entry = lambda entry, producer=None: sent[name].append(entry.task)
        return scheduler

    first, second = make("first"), make("second")
    yield first, second, sent
    first.close()
    second.close()


@pytest.mark.django_db
class TestOneBeat:
    def test_a_second_beat_sends_nothing(self, beats):
        first, second, sent = beats
        for _ in range(20):
            first.tick()
            assert second.tick() == CHECK_SECONDS
        assert len(sent["first"]) == len(set(sent["first"])) > 5
        assert sent["second"] == []

    def test_the_standby_takes_over_when_the_holder_stops_renewing(self, beats):
        first, second, sent = beats
        first.tick()
        BeatLease.objects.update(expires_at=timezone.now() - timedelta(seconds=1))  # the holder died
        second.tick()
        assert sent["second"] and second.holding
        first.tick()
        assert not first.holding  # and the old holder, back, stands by

    def test_a_beat_that_stops_hands_over_at_once(self, beats):
        first, second, sent = beats
        first.tick()
        first.close()
        second.tick()
        assert sent["second"]

    def test_a_lease_is_held_by_one_process_at_a_time(self):
        one, two = Lease(), Lease()
        assert one.hold() and not two.hold()
        assert one.hold()  # renewing
        one.release()
        assert two.hold() and not one.hold()
