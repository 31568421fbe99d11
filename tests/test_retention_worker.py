"""A real Celery worker with its beat runs the retention jobs on schedule, and deletes.

Production: Redis broker, PostgreSQL (shared by this test and the worker
process). Embedded (`make run`): the filesystem broker and SQLite, no server.
Each test starts `celery -A advocacy worker --beat` with every job due each
second (RETENTION_BEAT_SECONDS=1) and waits, at most WAIT_SECONDS, for the rows to go.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from cases.models import Case, Note
from retention.models import PurgeRecord
from sessions.models import CallEvent
from tests.retention_fixtures import A_HELD_SESSION, log_events
from tests.scheduling_fixtures import make_appointment

ROOT = Path(__file__).resolve().parent.parent
WAIT_SECONDS = 60
ALIAS = "Marker-Alias-Worker"


def start_worker(env: dict, tmp_path: Path) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "celery", "-A", "advocacy", "worker", "--beat", "--concurrency=1",
        "--loglevel=info", f"--schedule={tmp_path / 'beat-schedule'}", "--pidfile=",
        "-n", f"retention-test-{uuid.uuid4().hex[:8]}@%h",
    ]
    env = {**env, "DEBUG": "1", "RETENTION_BEAT_SECONDS": "1", "VAR_DIR": str(tmp_path)}
    log = open(tmp_path / "worker.log", "w")
    # Its own process group, so stopping it stops its pool and beat processes too.
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def wait_until(done, worker: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not done():
        assert worker.poll() is None, f"the worker stopped:\n{log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, f"nothing was purged in {WAIT_SECONDS} s:\n{log.read_text()[-3000:]}"
        time.sleep(0.5)


def database_url_of_this_test() -> str:
    """DATABASE_URL with the test database's name: the worker must see what the test wrote."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return parts._replace(path="/" + connection.settings_dict["NAME"]).geturl()


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_beat_schedules_the_purge_and_a_worker_deletes(advocate, tmp_path):
    case = Case.objects.create(alias=ALIAS)
    Note.objects.create(case=case, author=advocate, text="old", written_at=timezone.now() - timedelta(days=400))
    log_events(make_appointment(case, advocate, timezone.now() - timedelta(days=2)), *A_HELD_SESSION)

    env = {**os.environ, "DATABASE_URL": database_url_of_this_test(), "REDIS_URL": settings.REDIS_URL}
    worker = start_worker(env, tmp_path)
    try:
        wait_until(
            lambda: not (Note.objects.exists() or CallEvent.objects.exists()),
            worker, tmp_path / "worker.log",
        )
    finally:
        stop_worker(worker)
    assert {"notes", "call_events"} <= set(PurgeRecord.objects.values_list("job", flat=True))
    log = (tmp_path / "worker.log").read_text()
    assert "purge notes: 1 rows" in log and "transport:   redis://" in log
    assert ALIAS not in log


def test_in_the_embedded_mode_the_jobs_run_without_any_server(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")}
    database = tmp_path / "db.sqlite3"
    env.update(DEBUG="1", DATABASE_URL=f"sqlite:///{database}", VAR_DIR=str(tmp_path))
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, timeout=60)
    seed = (
        "from datetime import timedelta; from django.utils import timezone;"
        "from retention.models import PurgeRecord;"
        "PurgeRecord.objects.create(job='notes', rows_removed=424242, ran_at=timezone.now() - timedelta(days=400))"
    )
    subprocess.run([*manage, "shell", "-c", seed], cwd=ROOT, env=env, check=True, timeout=30)

    def count(table: str) -> int:
        with sqlite3.connect(database, timeout=5) as db:
            return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    worker = start_worker(env, tmp_path)
    try:
        # The year-old record goes (purge_records) and each job writes its own.
        wait_until(lambda: count("retention_purgerecord WHERE rows_removed = 424242") == 0
                   and count("retention_purgerecord") > 0,
                   worker, tmp_path / "worker.log")
    finally:
        stop_worker(worker)
    assert "transport:   filesystem://" in (tmp_path / "worker.log").read_text()
