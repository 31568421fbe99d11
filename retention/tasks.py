from datetime import timedelta

from django.utils import timezone

from .batch import delete_in_batches
from .jobs import job
from .models import PurgeRecord

# Long enough to show a program admin months of runs; they hold only counts.
RECORD_DAYS = 90


@job(PurgeRecord.Job.PURGE_RECORDS)
def purge_records() -> int:
    cutoff = timezone.now() - timedelta(days=RECORD_DAYS)
    return delete_in_batches(PurgeRecord.objects.filter(ran_at__lt=cutoff))
