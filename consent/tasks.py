"""Retention job of consent (invariant 1): kept contact details go when the case closes or consent is withdrawn."""

from django.db.models import OuterRef, Q, Subquery

from cases.models import Case
from retention.batch import pk_chunks
from retention.jobs import job
from retention.models import PurgeRecord

from .models import ConsentRecord

CHUNK = 500  # cases updated per statement


@job(PurgeRecord.Job.CONTACTS)
def forget_contacts() -> int:
    """Blanks the kept email and phone of closed cases and of cases whose latest consent is withdrawn."""
    latest = ConsentRecord.objects.filter(case=OuterRef("pk")).order_by("-at", "-pk")
    due = (
        Case.objects.filter(keep_contact=True)
        .annotate(latest_withdrawn_at=Subquery(latest.values("withdrawn_at")[:1]))
        .filter(Q(closed_on__isnull=False) | Q(latest_withdrawn_at__isnull=False))
    )
    forgotten = 0
    for ids in pk_chunks(due, CHUNK):
        # keep_contact=True again here: the claim, so a second run or worker changes nothing.
        forgotten += Case.objects.filter(pk__in=ids, keep_contact=True).update(
            keep_contact=False, contact_email="", contact_phone=""
        )
    return forgotten
