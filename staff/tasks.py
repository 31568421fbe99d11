"""Retention job of sign-in sessions: staff sessions and survivors' visits, once expired."""

from django.contrib.sessions.models import Session
from django.utils import timezone

from retention.batch import delete_in_batches
from retention.jobs import job
from retention.models import PurgeRecord


@job(PurgeRecord.Job.SESSIONS)
def purge_sessions() -> int:
    """What `manage.py clearsessions` does, in batches: a survivor's visit state goes with its session."""
    return delete_in_batches(Session.objects.filter(expire_date__lt=timezone.now()))
