from datetime import date

import pytest

from reports.forms import PeriodForm
from reports.periods import period_of

TODAY = date(2026, 10, 15)


@pytest.mark.parametrize(
    "kind, day, first, last",
    [
        ("week", date(2026, 10, 15), date(2026, 10, 12), date(2026, 10, 18)),
        ("month", date(2026, 2, 10), date(2026, 2, 1), date(2026, 2, 28)),
        ("month", date(2028, 2, 10), date(2028, 2, 1), date(2028, 2, 29)),
        ("quarter", date(2026, 12, 31), date(2026, 10, 1), date(2026, 12, 31)),
        ("quarter", date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 31)),
    ],
)
def test_a_period_is_the_whole_week_month_or_quarter_holding_the_day(kind, day, first, last):
    period = period_of(kind, day)
    assert (period.first_day, period.last_day) == (first, last)


def test_consecutive_months_never_share_a_week():
    months = [period_of("month", date(2026, month, 1)) for month in range(1, 13)]
    weeks = [week for month in months for week in month.weeks]
    assert len(weeks) == len(set(weeks)) == 53  # 2026 has 53 ISO weeks, every one in exactly one month


def test_the_iso_year_is_used_around_new_year():
    assert period_of("month", date(2026, 12, 1)).weeks[-1] == "2026-W53"
    assert period_of("month", date(2027, 1, 1)).weeks[0] == "2027-W01"


def test_a_short_custom_period_without_a_thursday_gets_the_week_of_its_first_day():
    period = period_of("custom", date(2026, 10, 12), date(2026, 10, 14))  # Monday to Wednesday
    assert period.weeks == ["2026-W42"]
    assert period.span == (date(2026, 10, 12), date(2026, 10, 18))


def test_a_week_says_which_week_it_is():
    assert period_of("week", TODAY).label == "Week 2026-W42"
    assert period_of("week", TODAY).weeks_text == "week 2026-W42 (Monday 12 October 2026 to Sunday 18 October 2026)"


def test_the_query_selects_the_same_period_again():
    period = period_of("custom", date(2026, 10, 1), date(2026, 11, 30))
    form = PeriodForm({"period": "custom", "start": "2026-10-01", "end": "2026-11-30"}, TODAY)
    assert period.query() == "period=custom&start=2026-10-01&end=2026-11-30"
    assert form.is_valid() and form.chosen() == period


def test_without_a_date_the_period_holding_today_is_shown():
    form = PeriodForm({"period": "month"}, TODAY)
    assert form.is_valid() and form.chosen().label == "October 2026"


def test_two_years_is_the_longest_period():
    assert PeriodForm({"period": "custom", "start": "2024-02-29", "end": "2026-02-28"}, TODAY).is_valid()
    assert not PeriodForm({"period": "custom", "start": "2024-01-01", "end": "2026-01-03"}, TODAY).is_valid()
