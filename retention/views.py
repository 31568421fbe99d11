"""The retention page for program admins: each period in plain words, and proof that the jobs run."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Max, Sum
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from program.models import ProgramSettings

from .models import PurgeRecord
from .tasks import RECORD_DAYS

# What each period means, said plainly; {n} is the current value.
MEANINGS = {
    "call_event_retention_hours": (
        "When a session's joining window closes, who waited, joined and left is turned into anonymous weekly "
        "counts (no case, no name, no exact time). The times themselves, and the record of sending the code, "
        "are deleted {n} hours after the session ends."
    ),
    "note_retention_days": (
        "Hand notes are deleted {n} days after they were written, whether the case is open or closed."
    ),
    "closed_case_retention_days": (
        "{n} days after a case is closed, it is erased with everything in it: alias, notes, consent answers, "
        "appointments. Only anonymous counts remain. Contact details kept with the survivor's agreement are "
        "forgotten as soon as the case closes or consent is withdrawn."
    ),
    "audit_retention_days": (
        "Records of which staff member opened, changed or exported which case are deleted after {n} days."
    ),
}
FIXED = [
    "Join codes are deleted an hour after they stop working.",
    "A session's video room is closed and its name forgotten when its joining window closes.",
    "Sign-in sessions and survivors' visits are deleted as soon as they expire (after at most "
    "the idle time; a survivor's visit also ends when the browser closes).",
    "Code-entry throttling keeps no address, only a keyed hash, for an hour at most.",
    f"The records of these runs below hold only counts, and are kept for {RECORD_DAYS} days.",
]


@dataclass(frozen=True)
class Period:
    label: str
    value: int
    low: int
    high: int
    meaning: str


def periods(program: ProgramSettings) -> list[Period]:
    rows = []
    for name, meaning in MEANINGS.items():
        field = ProgramSettings._meta.get_field(name)
        low = next(v.limit_value for v in field.validators if isinstance(v, MinValueValidator))
        high = next(v.limit_value for v in field.validators if isinstance(v, MaxValueValidator))
        value = getattr(program, name)
        rows.append(Period(str(field.verbose_name), value, low, high, meaning.format(n=value)))
    return rows


def recent_runs(days: int = 7) -> list[dict]:
    """Per job: its last run, and the rows it removed over `days` days."""
    since = timezone.now() - timedelta(days=days)
    stats = {
        row["job"]: row
        for row in PurgeRecord.objects.filter(ran_at__gte=since)
        .values("job")
        .annotate(last=Max("ran_at"), removed=Sum("rows_removed"))
    }
    return [
        {"job": label, "last": stats.get(job, {}).get("last"), "removed": stats.get(job, {}).get("removed", 0)}
        for job, label in PurgeRecord.Job.choices
    ]


def overview(request):
    if not getattr(request.user, "is_program_admin", False):
        raise Http404
    program = ProgramSettings.load()
    return render(
        request,
        "retention/overview.html",
        {"periods": periods(program), "fixed": FIXED, "runs": recent_runs(), "program": program},
    )
