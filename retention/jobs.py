"""Every retention job is a Celery task made with @job: it records its run and logs its count.

A job is a function that takes nothing (beat calls it), removes what is past
its time and returns how many rows it removed. It must do nothing harmful
when it runs twice, or in two workers at once: each one claims its rows
(a conditional update, an insert on a unique key, or SKIP LOCKED).
"""

import functools
import logging
from collections.abc import Callable

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils.module_loading import import_string

from .models import PurgeRecord

logger = logging.getLogger("retention")

# Every job, in the order `manage.py purge` runs them: call events are
# counted before anything that could delete an appointment erases them.
# settings.CELERY_BEAT_SCHEDULE schedules each of them (a test checks both lists agree).
JOBS = (
    "sessions.tasks.fold_call_events",
    "sessions.tasks.retire_rooms",
    "scheduling.tasks.expire_codes",
    "scheduling.tasks.purge_code_deliveries",
    "consent.tasks.forget_contacts",
    "cases.tasks.purge_notes",
    "cases.tasks.erase_closed_cases",
    "cases.tasks.purge_access_records",
    "sessions.tasks.clear_throttle",
    "retention.tasks.purge_records",
)


def job(name: str) -> Callable[[Callable[[], int]], Callable[[], int]]:
    """Makes `func` the Celery task of the retention job `name` (a PurgeRecord.Job)."""

    def wrap(func: Callable[[], int]):
        @functools.wraps(func)
        def run() -> int:
            rows = func()
            PurgeRecord.objects.create(job=name, rows_removed=rows)
            # Counts only: never an id, an alias or an address.
            logger.info("purge %s: %d rows", name, rows)
            return rows

        # A lost database connection is worth retrying; anything else is a bug to see in the log.
        return shared_task(
            acks_late=True,
            autoretry_for=(OperationalError, InterfaceError),
            retry_backoff=5,
            max_retries=3,
            ignore_result=True,
        )(run)

    return wrap


def run_all() -> list[tuple[str, int]]:
    """Runs every job now, in this process; (task name, rows removed) for each."""
    return [(name, import_string(name)()) for name in JOBS]
