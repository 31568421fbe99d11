"""The service report: sessions, their length and waiting time, cases, consent and codes.

Sources, in order: sessions.SessionCount for sessions already folded (by ISO
week), GROUP BY counts of appointments not yet folded (by local day), and
cases.AnonymousCount (by ISO week). All cover the period's whole ISO weeks.
"""

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from cases.models import AnonymousCount, Mode
from program.models import ProgramSettings

from . import sources
from .charts import Chart, bar_chart
from .periods import Period
from .suppression import TOTAL, Shown, Table, protect

OUTCOMES = [
    ("completed", "Held"),
    ("dropped", "Dropped"),
    ("no_show", "No-show"),
    ("cancelled", "Cancelled"),
    ("scheduled", "Still scheduled"),
]
# Appointment.status -> the outcome column; SessionCount.outcome uses the same words.
OUTCOME_OF_STATUS = {"in_progress": "scheduled"}
NOT_RECORDED = "not recorded"
NOT_MEASURED = "not measured yet"  # not folded yet: the retention job measures it once its window closes
SESSIONS, LENGTH, WAITING, COUNTERS = range(4)  # the order of build_report's tables


@dataclass(frozen=True)
class Figure:
    table: Shown
    chart: Chart


@dataclass(frozen=True)
class Report:
    period: Period
    threshold: int
    figures: list[Figure]


def build_report(period: Period) -> Report:
    program = ProgramSettings.load()
    first_day, last_day = period.span
    live = sources.appointment_counts(first_day, last_day, ZoneInfo(program.time_zone))
    folded = sources.session_counts(period.weeks)
    unmeasured = sum(n for (_, status), n in live.items() if status == "completed")
    lengths = sources.held_buckets(period.weeks, "duration_bucket")
    waits = sources.held_buckets(period.weeks, "wait_bucket")
    tables = [
        sessions_table(folded, live),
        buckets_table("length", "Held sessions by length", lengths, unmeasured),
        buckets_table("waiting", "Held sessions by waiting time", waits, unmeasured),
        counters_table(sources.counter_counts(period.weeks)),
    ]
    # One number in three tables: all held sessions. Protected together, or one table would reveal another's.
    held = (SESSIONS, TOTAL, 0)
    links = [(held, (LENGTH, TOTAL, 0)), (held, (WAITING, TOTAL, 0))]
    shown = protect(tables, program.report_threshold, links)
    return Report(period, program.report_threshold, [Figure(t, chart_of(t, program.report_threshold)) for t in shown])


def sessions_table(folded: dict[tuple[str, str], int], live: dict[tuple[str, str], int]) -> Table:
    modes = Mode.values + sorted({mode for mode, _ in folded | live} - set(Mode.values))
    counts = {(mode, outcome): 0 for mode in modes for outcome, _ in OUTCOMES}
    for (mode, outcome), n in folded.items():
        counts[(mode, outcome)] += n
    for (mode, status), n in live.items():
        counts[(mode, OUTCOME_OF_STATUS.get(status, status))] += n
    return Table(
        key="sessions",
        title="Sessions by way of meeting and outcome",
        rows=[Mode(mode).label if mode in Mode.values else mode for mode in modes],
        columns=[label for _, label in OUTCOMES],
        counts=[[counts[(mode, outcome)] for outcome, _ in OUTCOMES] for mode in modes],
    )


def buckets_table(key: str, title: str, buckets: dict[str, int], unmeasured: int) -> Table:
    named = sorted((bucket for bucket in buckets if bucket), key=bucket_order)
    rows = [(bucket, buckets[bucket]) for bucket in named]
    if buckets.get(""):
        rows.append((NOT_RECORDED, buckets[""]))
    rows.append((NOT_MEASURED, unmeasured))
    return Table(
        key=key,
        title=title,
        rows=[label for label, _ in rows],
        columns=["Held sessions"],
        counts=[[n] for _, n in rows],
        row_totals=False,
    )


def bucket_order(bucket: str) -> tuple[int, int, str]:
    """"<10m" before "10-30m" before "30-60m" before "60m+": by the first number, "<" first."""
    number = re.search(r"\d+", bucket)
    return (int(number.group()) if number else 0, 0 if bucket.startswith("<") else 1, bucket)


def counters_table(counts: dict[str, int]) -> Table:
    # Different things, never summed: no totals, so small numbers are hidden and nothing more is needed.
    kinds = AnonymousCount.Kind
    return Table(
        key="counters",
        title="Cases, consent, codes and refused bookings",
        rows=[label[0].upper() + label[1:] for label in kinds.labels],
        columns=["Count"],
        counts=[[counts.get(kind, 0)] for kind in kinds.values],
        row_totals=False,
        column_totals=False,
    )


def chart_of(table: Shown, threshold: int) -> Chart:
    if table.row_totals is not None and table.column_totals is not None:
        return bar_chart(f"chart-{table.key}", "Sessions by outcome", table.columns, table.column_totals, threshold)
    return bar_chart(f"chart-{table.key}", table.title, table.rows, [row[0] for row in table.body], threshold)
