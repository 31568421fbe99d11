"""Report periods, rounded to whole ISO weeks: the counters know no finer time than a week."""

from dataclasses import dataclass
from datetime import date, timedelta

from cases.models import iso_week

KINDS = [("week", "Week"), ("month", "Month"), ("quarter", "Quarter"), ("custom", "Custom dates")]
THURSDAY = 3
LONGEST = timedelta(days=731)  # two years, a leap day included


@dataclass(frozen=True)
class Period:
    kind: str
    first_day: date
    last_day: date

    @property
    def mondays(self) -> list[date]:
        """The weeks whose Thursday falls in the period (ISO's own rule, so months never share a week).

        A short custom period holding no Thursday gets the week of its first day.
        """
        monday = self.first_day - timedelta(days=self.first_day.weekday())
        found = []
        while monday <= self.last_day:
            if self.first_day <= monday + timedelta(days=THURSDAY) <= self.last_day:
                found.append(monday)
            monday += timedelta(days=7)
        return found or [self.first_day - timedelta(days=self.first_day.weekday())]

    @property
    def weeks(self) -> list[str]:
        return [iso_week(monday) for monday in self.mondays]

    @property
    def span(self) -> tuple[date, date]:
        """The first Monday and the last Sunday of the weeks: the days every figure covers."""
        mondays = self.mondays
        return mondays[0], mondays[-1] + timedelta(days=6)

    @property
    def label(self) -> str:
        first = self.first_day
        if self.kind == "week":
            return f"Week {iso_week(first)}"
        if self.kind == "month":
            return f"{first:%B %Y}"
        if self.kind == "quarter":
            return f"Quarter {(first.month - 1) // 3 + 1} of {first.year} ({first:%B} to {self.last_day:%B})"
        return f"{long_day(first)} to {long_day(self.last_day)}"

    @property
    def weeks_text(self) -> str:
        weeks, (monday, sunday) = self.weeks, self.span
        which = f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {weeks[0]} to {weeks[-1]}"
        return f"{which} (Monday {long_day(monday)} to Sunday {long_day(sunday)})"

    def query(self) -> str:
        """The GET parameters that select this period again (export and print links)."""
        end = f"&end={self.last_day:%Y-%m-%d}" if self.kind == "custom" else ""
        return f"period={self.kind}&start={self.first_day:%Y-%m-%d}{end}"


def long_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def period_of(kind: str, day: date, end: date | None = None) -> Period:
    if kind == "week":
        monday = day - timedelta(days=day.weekday())
        return Period(kind, monday, monday + timedelta(days=6))
    if kind == "month":
        first = day.replace(day=1)
        return Period(kind, first, _next_month(first, 1) - timedelta(days=1))
    if kind == "quarter":
        first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return Period(kind, first, _next_month(first, 3) - timedelta(days=1))
    return Period("custom", day, end or day)


def _next_month(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
