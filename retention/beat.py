"""Exactly one beat sends the periodic jobs, however many beat processes run.

Two beats would send every job twice. Each beat process holds a lease (one
database row) while it sends, renewing it every few seconds; a second beat
finds the lease held and stands by, sending nothing, and takes over only
once the holder has stopped renewing it. The database is the one thing
every process shares in both modes (SQLite under `make run`, PostgreSQL in
production), so the guard needs no other server.

Use it with CELERY_BEAT_SCHEDULER = "retention.beat:SingleBeatScheduler".
"""

import logging
import secrets
from datetime import timedelta

from celery.beat import PersistentScheduler
from django.db import DatabaseError, IntegrityError, close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone

from .models import BeatLease

logger = logging.getLogger("retention")

LEASE_NAME = "beat"
# A stopped beat's lease lapses after this long; a standby then takes over.
LEASE_SECONDS = 60
# How often a beat renews its lease, and a standby looks for a lapsed one.
CHECK_SECONDS = 10


class Lease:
    """The right to send the jobs, held by one process at a time (claimed with a conditional update)."""

    def __init__(self, name: str = LEASE_NAME, seconds: int = LEASE_SECONDS) -> None:
        self.name = name
        self.seconds = seconds
        self.token = secrets.token_hex(16)

    def hold(self) -> bool:
        """Takes or renews the lease; False while another process holds it."""
        now = timezone.now()
        until = now + timedelta(seconds=self.seconds)
        ours_or_lapsed = Q(holder=self.token) | Q(expires_at__lt=now)
        if BeatLease.objects.filter(ours_or_lapsed, name=self.name).update(holder=self.token, expires_at=until):
            return True
        try:
            with transaction.atomic():
                BeatLease.objects.create(name=self.name, holder=self.token, expires_at=until)
        except IntegrityError:  # held by another beat
            return False
        return True

    def release(self) -> None:
        BeatLease.objects.filter(name=self.name, holder=self.token).delete()


class SingleBeatScheduler(PersistentScheduler):
    """Celery's file-backed scheduler that sends only while it holds the beat lease."""

    def __init__(self, *args, **kwargs) -> None:
        self.lease = Lease()
        self.holding: bool | None = None
        super().__init__(*args, **kwargs)

    def tick(self, *args, **kwargs) -> float:
        if not self._hold():
            return CHECK_SECONDS  # due jobs stay due: the holder sends them, or this beat once it takes over
        return min(super().tick(*args, **kwargs), CHECK_SECONDS)

    def _hold(self) -> bool:
        close_old_connections()
        try:
            holding = self.lease.hold()
        except DatabaseError as error:
            # Without the database there is no proof of being the only beat: send nothing.
            logger.warning("beat: cannot reach the database for the lease (%s); sending nothing", type(error).__name__)
            self.holding = None
            return False
        if holding != self.holding:
            logger.info("beat: %s", "holds the lease and sends the jobs" if holding else "another beat holds the lease; standing by")
        self.holding = holding
        return holding

    def close(self) -> None:
        try:
            if self.holding:
                self.lease.release()  # a standby may take over at once
        except DatabaseError:
            pass  # it lapses by itself
        finally:
            super().close()
