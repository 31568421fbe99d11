"""The call-log purge over 1,000,000 call events on PostgreSQL, against one raw SQL DELETE of the same rows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/purge.py
    (or `python -m bench.purge`, as bench/run.py calls it)

Creates its own database (<DATABASE_URL's name>_purge_bench, dropped at the
end, so nothing real is touched) and fills it in bulk: BENCH_EVENTS call events (default
1,000,000), eight per appointment, every appointment long over. Then, in the
same run (about three minutes on 2 cores):

1. batch sizes: the job's delete phase over BENCH_SWEEP_EVENTS events (default
   200,000, the same rows each time) for each size in BENCH_SWEEP_SIZES: rows a
   second, the median and the longest batch transaction;
2. the job's delete phase (sessions.tasks.delete_folded_events, batches of
   retention.batch.BATCH_SIZE) over all the events, then the very same rows
   restored and deleted by one raw `DELETE`: time, ratio, longest lock each;
3. the whole job (fold_call_events: count every appointment, then delete) from
   the same rows again, with the fold's longest transaction.

"Longest lock": the longest transaction that held row locks, from its first
statement to its commit (row locks last until the commit), measured around
each batch's transaction: an upper bound. A raw DELETE holds its locks for its
whole run. Writes bench/results/purge.json with the machine's cores and memory.
"""

import json
import os
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import bench.standalone  # noqa: E402, F401  (sets Django up)
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from advocacy.fields import fernet  # noqa: E402
from bench import common  # noqa: E402
from cases.models import Case  # noqa: E402
from consent.models import ConsentForm, ConsentRecord  # noqa: E402
from retention import batch  # noqa: E402
from scheduling.models import Appointment  # noqa: E402
from sessions import tasks  # noqa: E402
from staff.models import User  # noqa: E402

EVENTS = int(os.environ.get("BENCH_EVENTS", "1000000"))
SWEEP_EVENTS = int(os.environ.get("BENCH_SWEEP_EVENTS", "200000"))
SWEEP_SIZES = [int(size) for size in os.environ.get("BENCH_SWEEP_SIZES", "1000,2000,5000,10000,20000").split(",")]
PER_APPOINTMENT = 8
CASES = 2000
OUT = ROOT / "bench" / "results" / "purge.json"
# One session's log: (minutes after the start, kind, who).
SESSION = [(0, "arrived", "survivor"), (2, "admitted", "survivor"), (2, "joined", "survivor"), (3, "joined", "staff"),
           (20, "dropped", "survivor"), (22, "joined", "survivor"), (45, "left", "survivor"), (46, "ended", "staff")]
EVENT_TABLE = "video_sessions_callevent"


def log(message: str) -> None:
    print(f"[purge {time.strftime('%H:%M:%S')}] {message}", flush=True)


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("bench/purge.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    old_name = connection.settings_dict["NAME"]
    # Its own name: it may run while the tests (test_<name>) or another bench use the same server.
    connection.settings_dict["TEST"]["NAME"] = f"{old_name}_purge_bench"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        results = run()
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


# --- timing the transactions ---------------------------------------------------------------------


class Transactions:
    """Times every transaction of delete_in_batches and of the fold's claims."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    @contextmanager
    def atomic(self, *args, **kwargs):
        started = time.perf_counter()
        with transaction.atomic(*args, **kwargs):
            yield
        self.seconds.append(time.perf_counter() - started)  # after the commit

    @property
    def longest_ms(self) -> float:
        return round(max(self.seconds, default=0) * 1000, 1)

    @property
    def median_ms(self) -> float:
        return round(statistics.median(self.seconds or [0]) * 1000, 1)


@contextmanager
def measured():
    """Patches the job's transactions with timed ones for the duration; yields the Transactions."""
    timings = Transactions()
    real = batch.transaction, tasks.transaction
    batch.transaction = tasks.transaction = SimpleNamespace(atomic=timings.atomic)
    try:
        yield timings
    finally:
        batch.transaction, tasks.transaction = real


# --- the data ---------------------------------------------------------------------------------------


def seed_people() -> tuple[User, list[Case]]:
    advocate = User.objects.create(username="bench-advocate", role="advocate")
    cases = Case.objects.bulk_create(Case(alias=f"bench {n}") for n in range(CASES))
    form = ConsentForm.objects.filter(language="en").first()
    ConsentRecord.objects.bulk_create(
        ConsentRecord(case=case, form=form, agreed=True, modes=["video"], for_sessions=True,
                      for_reports=n % 10 != 0, given_by="advocate")
        for n, case in enumerate(cases)
    )
    return advocate, cases


def seed_sessions(advocate: User, cases: list[Case], events: int, folded: bool) -> None:
    """events / 8 appointments, every one over for weeks, with their logs (and fold claims if `folded`)."""
    count = events // PER_APPOINTMENT
    first = timezone.now() - timedelta(days=400)
    blank = fernet().encrypt(b"").decode()  # what an empty encrypted field holds
    modes, statuses = ("video", "audio", "phone"), ("completed", "scheduled", "dropped", "no_show")
    for start in range(0, count, 20_000):
        Appointment.objects.bulk_create(
            Appointment(case=cases[n % len(cases)], advocate=advocate, starts_at=first + timedelta(minutes=3 * n),
                        ends_at=first + timedelta(minutes=3 * n + 50), survivor_time_zone="UTC",
                        mode=modes[n % 3], status=statuses[n % 4], reconnect_fallback=blank)
            for n in range(start, min(count, start + 20_000))
        )
    values = ", ".join(f"({minutes}, '{kind}', '{who}')" for minutes, kind, who in SESSION)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {EVENT_TABLE} (appointment_id, kind, who, at) "
            f"SELECT a.id, e.kind, e.who, a.starts_at + e.minutes * interval '1 minute' "
            f"FROM scheduling_appointment a CROSS JOIN (VALUES {values}) AS e(minutes, kind, who) ORDER BY a.id"
        )
        if folded:
            cursor.execute("INSERT INTO retention_foldedappointment (appointment_id, folded_at) "
                           "SELECT id, now() FROM scheduling_appointment")
    settle()


def settle() -> None:
    """Statistics fresh and the seeding's writes flushed, so no checkpoint lands in a measurement."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")


def clear_sessions() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {EVENT_TABLE}, retention_foldedappointment, video_sessions_sessioncount, "
                       "retention_purgerecord, video_sessions_room, scheduling_appointment CASCADE")


def events_left() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {EVENT_TABLE}")
        return cursor.fetchone()[0]


# --- the measurements -----------------------------------------------------------------------------------


def job_delete(batch_size: int) -> dict:
    expected = events_left()
    with measured() as timings:
        started = time.perf_counter()
        deleted = tasks.delete_folded_events(timezone.now(), batch_size)
        seconds = time.perf_counter() - started
    assert deleted == expected and events_left() == 0, (deleted, expected)
    return {"rows": deleted, "seconds": round(seconds, 2), "rows_per_second": round(deleted / seconds),
            "batches": len(timings.seconds), "median_lock_ms": timings.median_ms, "longest_lock_ms": timings.longest_ms}


def raw_delete() -> dict:
    expected = events_left()
    with connection.cursor() as cursor:
        started = time.perf_counter()
        with transaction.atomic():
            cursor.execute(
                f"DELETE FROM {EVENT_TABLE} WHERE appointment_id IN (SELECT a.id FROM scheduling_appointment a "
                "JOIN retention_foldedappointment f ON f.appointment_id = a.id WHERE a.ends_at < %s)",
                [timezone.now() - timedelta(hours=24)],
            )
            deleted = cursor.rowcount
        seconds = time.perf_counter() - started
    assert deleted == expected
    return {"rows": deleted, "seconds": round(seconds, 2), "rows_per_second": round(deleted / seconds),
            "longest_lock_ms": round(seconds * 1000, 1)}


def keep_events() -> None:
    """A copy of the events as seeded, to put the very same rows back."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_events_copy")
        cursor.execute(f"CREATE TABLE bench_events_copy AS SELECT * FROM {EVENT_TABLE}")


def restore_events() -> None:
    """The same rows, ids and all, back from the copy."""
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {EVENT_TABLE}")
        cursor.execute(f"INSERT INTO {EVENT_TABLE} SELECT * FROM bench_events_copy")
    settle()


def whole_job() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE retention_foldedappointment, video_sessions_sessioncount")
    restore_events()
    expected = events_left()
    with measured() as timings:
        started = time.perf_counter()
        folded = tasks.fold(timezone.now())
        fold_seconds = time.perf_counter() - started
        fold_lock = timings.longest_ms
        deleted = tasks.delete_folded_events(timezone.now())
        seconds = time.perf_counter() - started
    assert deleted == expected
    return {"appointments_counted": folded, "rows": deleted, "seconds": round(seconds, 2),
            "fold_seconds": round(fold_seconds, 2), "longest_fold_lock_ms": fold_lock,
            "longest_lock_ms": timings.longest_ms}


def sweep(advocate, cases) -> list[dict]:
    clear_sessions()
    seed_sessions(advocate, cases, SWEEP_EVENTS, folded=True)
    keep_events()
    rows = []
    for size in SWEEP_SIZES:
        restore_events()
        rows.append({"batch_size": size, **job_delete(size)})
        log(f"batch {size}: {rows[-1]['rows_per_second']} rows/s, longest lock {rows[-1]['longest_lock_ms']} ms")
    return rows


def run() -> dict:
    started = time.perf_counter()
    load_before = os.getloadavg()
    advocate, cases = seed_people()
    sizes = sweep(advocate, cases)

    clear_sessions()
    seed_sessions(advocate, cases, EVENTS, folded=True)
    keep_events()
    log(f"seeded {events_left()} events")
    job = job_delete(batch.BATCH_SIZE)
    log(f"job: {job['seconds']} s, longest lock {job['longest_lock_ms']} ms")
    restore_events()
    raw = raw_delete()
    log(f"raw DELETE: {raw['seconds']} s")
    whole = whole_job()
    log(f"whole job (fold + delete): {whole['seconds']} s")
    return {
        "bench": "purge",
        "what": "deleting call events past their window: the retention job against one raw SQL DELETE",
        "events": job["rows"],
        "events_per_appointment": PER_APPOINTMENT,
        "batch_size": batch.BATCH_SIZE,
        "job_delete": job,
        "raw_sql_delete": raw,
        "job_to_raw_time_ratio": round(job["seconds"] / raw["seconds"], 2),
        "whole_job_fold_and_delete": whole,
        "batch_size_sweep": {"events": SWEEP_EVENTS, "runs": sizes},
        "total_seconds": round(time.perf_counter() - started, 1),
        # Other work on the machine skews every figure: the 1-minute load before and after.
        "load_average": {"before": round(load_before[0], 2), "after": round(os.getloadavg()[0], 2)},
        "machine": machine(),
    }


def machine() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return {
        **common.machine(),
        "postgresql": version,
        "database_on_the_same_machine": connection.settings_dict["HOST"] in ("127.0.0.1", "localhost", ""),
    }


if __name__ == "__main__":
    main()
