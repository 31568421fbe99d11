"""Retention jobs of cases: old notes, closed cases past their period, old staff access records."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from program.models import ProgramSettings
from retention.batch import delete_in_batches, pk_chunks
from retention.jobs import job
from retention.models import PurgeRecord

from .models import AccessAudit, Case, Note
from .services import erase_case

# Cases are erased one transaction each (the cascade reaches notes, consent,
# appointments and their logs); this many case ids are read at a time.
CASE_CHUNK = 100


@job(PurgeRecord.Job.NOTES)
def purge_notes() -> int:
    cutoff = timezone.now() - timedelta(days=ProgramSettings.load().note_retention_days)
    return delete_in_batches(Note.objects.filter(written_at__lt=cutoff))


def erase_if_due(pk: int, closed_before: date) -> int:
    """Erases the case if it is still due and no other worker holds it; 1 if it did."""
    with transaction.atomic():
        case = Case.objects.select_for_update(skip_locked=True).filter(pk=pk, closed_on__lt=closed_before).first()
        if case is None:
            return 0
        erase_case(case, by=None)
        return 1


@job(PurgeRecord.Job.CLOSED_CASES)
def erase_closed_cases() -> int:
    """Erases, like a survivor's erase request, every case closed longer ago than the program keeps them."""
    closed_before = timezone.localdate() - timedelta(days=ProgramSettings.load().closed_case_retention_days)
    due = Case.objects.filter(closed_on__lt=closed_before)
    return sum(erase_if_due(pk, closed_before) for ids in pk_chunks(due, CASE_CHUNK) for pk in ids)


@job(PurgeRecord.Job.ACCESS_RECORDS)
def purge_access_records() -> int:
    cutoff = timezone.now() - timedelta(days=ProgramSettings.load().audit_retention_days)
    return delete_in_batches(AccessAudit.objects.filter(at__lt=cutoff))
