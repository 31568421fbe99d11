"""Where report figures come from: counters and GROUP BY counts, never a row of a case.

Every query here ends in values(...) (and annotate(...)): the ORM never loads a
model instance, so no alias, note, safe word, contact, code or exact time is
ever read into Python by a report.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, QuerySet, Sum

from cases.models import AnonymousCount, left_out_cases
from scheduling.models import Appointment
from sessions.models import SessionCount

HELD = SessionCount.Outcome.COMPLETED


def unfolded_appointments() -> QuerySet:
    """Appointments not yet folded into SessionCount, of cases that may be counted.

    The retention job marks each appointment it folded with a
    retention.FoldedAppointment row (folded or not, in the same transaction
    as its counts): a session counts here until then, and from SessionCount
    after, never twice.
    """
    return Appointment.objects.filter(retention_fold__isnull=True).exclude(case_id__in=left_out_cases())


def local_bounds(first_day: date, last_day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """From midnight starting first_day to midnight ending last_day, local (DST-aware)."""
    return datetime.combine(first_day, time.min, zone), datetime.combine(last_day + timedelta(days=1), time.min, zone)


def appointment_counts(first_day: date, last_day: date, zone: ZoneInfo) -> dict[tuple[str, str], int]:
    """{(mode, status): how many} of unfolded appointments starting on those local days."""
    start, end = local_bounds(first_day, last_day, zone)
    rows = (
        unfolded_appointments()
        .filter(starts_at__gte=start, starts_at__lt=end)
        .values("mode", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(row["mode"], row["status"]): row["n"] for row in rows}


def session_counts(weeks: list[str]) -> dict[tuple[str, str], int]:
    """{(mode, outcome): how many} of folded sessions in those ISO weeks."""
    rows = SessionCount.objects.filter(week__in=weeks).values("mode", "outcome").annotate(n=Sum("count")).order_by()
    return {(row["mode"], row["outcome"]): row["n"] for row in rows}


def held_buckets(weeks: list[str], field: str) -> dict[str, int]:
    """{bucket: how many} of folded held sessions, by "duration_bucket" or "wait_bucket"."""
    rows = (
        SessionCount.objects.filter(week__in=weeks, outcome=HELD).values(field).annotate(n=Sum("count")).order_by()
    )
    return {row[field]: row["n"] for row in rows}


def counter_counts(weeks: list[str]) -> dict[str, int]:
    """{kind: how many} of the anonymous counters in those ISO weeks."""
    rows = AnonymousCount.objects.filter(week__in=weeks).values("kind").annotate(n=Sum("count")).order_by()
    return {row["kind"]: row["n"] for row in rows}
