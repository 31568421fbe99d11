"""The service report's figures on hand-made data: folded counters plus unfolded appointments, by ISO week."""

import csv
import io
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from cases.models import AnonymousCount
from program.models import ProgramSettings
from reports.figures import build_report
from reports.periods import period_of
from sessions.models import SessionCount
from tests.casework import case  # noqa: F401  (fixture)
from tests.reports_helpers import grid, table_of
from tests.scheduling_fixtures import make_appointment

CHICAGO = ZoneInfo("America/Chicago")
OCTOBER = period_of("month", date(2026, 10, 15))  # weeks 2026-W40 (Mon 28 Sep) to 2026-W44 (Sun 1 Nov)


@pytest.fixture(autouse=True)
def program(db):
    program = ProgramSettings.load()
    program.time_zone = "America/Chicago"
    program.save()
    return program


def appointments(case, advocate, starts_at: datetime, how_many: int, mode="video", status="completed") -> None:
    for _ in range(how_many):
        make_appointment(case, advocate, starts_at, survivor_time_zone="America/Chicago", mode=mode, status=status)


def folded(week: str, count: int, mode="video", outcome="completed", duration="30-60m", wait="<5m") -> None:
    SessionCount.objects.create(
        week=week, mode=mode, outcome=outcome, duration_bucket=duration, wait_bucket=wait, count=count
    )


def texts(report, key: str) -> list[list[str]]:
    return grid(table_of(report, key))


def test_it_adds_folded_counters_and_unfolded_appointments(case, advocate):
    folded("2026-W41", 20)
    folded("2026-W42", 6, mode="audio", outcome="dropped", duration="", wait="")
    folded("2026-W42", 7, mode="phone", outcome="no_show", duration="", wait="")
    appointments(case, advocate, datetime(2026, 10, 20, 15, tzinfo=CHICAGO), 5)
    appointments(case, advocate, datetime(2026, 10, 21, 15, tzinfo=CHICAGO), 8, mode="phone", status="cancelled")
    appointments(case, advocate, datetime(2026, 10, 30, 15, tzinfo=CHICAGO), 6, mode="audio", status="scheduled")
    assert texts(build_report(OCTOBER), "sessions") == [
        # held, dropped, no-show, cancelled, still scheduled, total
        ["25", "0", "0", "0", "0", "25"],
        ["0", "6", "0", "0", "6", "12"],
        ["0", "0", "7", "8", "0", "15"],
        ["25", "6", "7", "8", "6", "52"],
    ]


def test_length_and_waiting_time_count_held_sessions_and_those_not_measured_yet(case, advocate):
    folded("2026-W41", 9, duration="10-30m", wait="5-15m")
    folded("2026-W41", 12, duration="30-60m", wait="<5m")
    appointments(case, advocate, datetime(2026, 10, 20, 15, tzinfo=CHICAGO), 6)
    report = build_report(OCTOBER)
    assert texts(report, "length") == [["9"], ["12"], ["6"], ["27"]]
    assert texts(report, "waiting") == [["12"], ["9"], ["6"], ["27"]]
    assert table_of(report, "length").rows == ["10-30m", "30-60m", "not measured yet"]


def test_a_month_counts_the_iso_weeks_holding_its_thursdays(case, advocate):
    for week in ("2026-W39", "2026-W40", "2026-W44", "2026-W45"):
        AnonymousCount.objects.create(kind="case_opened", week=week, count=10)
    appointments(case, advocate, datetime(2026, 9, 27, 12, tzinfo=CHICAGO), 5)  # Sunday of W39: out
    appointments(case, advocate, datetime(2026, 9, 28, 9, tzinfo=CHICAGO), 6)  # Monday of W40: in
    appointments(case, advocate, datetime(2026, 11, 2, 9, tzinfo=CHICAGO), 7)  # Monday of W45: out
    report = build_report(OCTOBER)
    assert OCTOBER.weeks == ["2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44"]
    assert texts(report, "counters")[0] == ["20"]
    assert texts(report, "sessions")[-1][0] == "6"


def test_an_appointment_counts_on_its_day_in_the_program_time_zone(case, advocate):
    # 03:00 UTC on Monday 2 November is Sunday 1 November, 21:00 in Chicago (daylight saving ended that day).
    appointments(case, advocate, datetime(2026, 11, 2, 3, tzinfo=ZoneInfo("UTC")), 5)
    assert texts(build_report(OCTOBER), "sessions")[-1][0] == "5"


def test_a_running_session_counts_as_still_scheduled(case, advocate):
    appointments(case, advocate, datetime(2026, 10, 20, 15, tzinfo=CHICAGO), 5, status="in_progress")
    assert texts(build_report(OCTOBER), "sessions")[0] == ["0", "0", "0", "0", "5", "5"]


def test_counters_are_never_summed_so_only_small_ones_are_hidden(db):
    AnonymousCount.objects.create(kind="case_opened", week="2026-W41", count=12)
    AnonymousCount.objects.create(kind="case_closed", week="2026-W41", count=2)
    rows = texts(build_report(OCTOBER), "counters")
    assert rows[:3] == [["12"], ["<5"], ["0"]]
    assert len(rows) == len(AnonymousCount.Kind.values)


def test_the_threshold_comes_from_the_program_settings(program, case, advocate):
    program.report_threshold = 10
    program.save()
    appointments(case, advocate, datetime(2026, 10, 20, 15, tzinfo=CHICAGO), 7)
    assert texts(build_report(OCTOBER), "sessions")[0][0] == "<10"


def test_the_page_names_the_weeks_it_covers(supervisor, staff_client):
    response = staff_client(supervisor).get(reverse("reports:sessions"), {"period": "month", "start": "2026-10-15"})
    text = response.content.decode()
    assert "October 2026" in text
    assert "weeks 2026-W40 to 2026-W44 (Monday 28 September 2026 to Sunday 1 November 2026)" in text


def test_the_page_shows_each_chart_beside_its_table(supervisor, staff_client, case, advocate):
    appointments(case, advocate, datetime(2026, 10, 20, 15, tzinfo=CHICAGO), 6)
    appointments(case, advocate, datetime(2026, 10, 20, 15, tzinfo=CHICAGO), 2, status="dropped")
    response = staff_client(supervisor).get(reverse("reports:sessions"), {"period": "month", "start": "2026-10-15"})
    text = response.content.decode()
    assert text.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 4
    assert text.count("<table class=\"figures\">") == 4
    assert '<title id="chart-sessions-title">Sessions by outcome</title>' in text
    assert 'aria-labelledby="chart-sessions-title chart-sessions-desc"' in text
    assert re.search(r'<desc id="chart-sessions-desc">Bar chart. Held: 6; Dropped: &lt;5;', text)


def test_charts_use_no_inline_style_or_script(supervisor, staff_client, case, advocate):
    appointments(case, advocate, datetime(2026, 10, 20, 15, tzinfo=CHICAGO), 6)
    for name in ("reports:sessions", "reports:print", "reports:staff"):
        text = staff_client(supervisor).get(reverse(name), {"period": "month", "start": "2026-10-15"}).content.decode()
        assert " style=" not in text and "<style" not in text and "<script" not in text


def test_the_csv_holds_the_same_protected_cells_as_the_page(supervisor, staff_client, case, advocate):
    appointments(case, advocate, datetime(2026, 10, 20, 15, tzinfo=CHICAGO), 20)
    appointments(case, advocate, datetime(2026, 10, 20, 15, tzinfo=CHICAGO), 3, mode="phone", status="dropped")
    response = staff_client(supervisor).get(reverse("reports:csv"), {"period": "month", "start": "2026-10-15"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="report-2026-W40-to-2026-W44.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["table", "row", "column", "value"]
    title = "Sessions by way of meeting and outcome"
    cells = {(row[1], row[2]): row[3] for row in rows if row[0] == title}
    page = texts(build_report(OCTOBER), "sessions")
    assert cells[("Phone", "Dropped")] == page[2][1] == "<5"
    assert cells[("Video", "Held")] == page[0][0]
    assert cells[("Total", "Total")] == page[-1][-1]
    assert "3" not in {row[3] for row in rows}


def test_the_print_page_shows_a_quarter_by_default(supervisor, staff_client):
    response = staff_client(supervisor).get(reverse("reports:print"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Service figures: Quarter " in text and "css/reports.css" in text


@pytest.mark.parametrize(
    "query, message",
    [
        ({"period": "custom", "start": "2026-10-10", "end": "2026-10-01"}, "The last day must be after the first day."),
        ({"period": "custom", "start": "2024-01-01", "end": "2026-06-01"}, "A report covers at most two years."),
        ({"period": "custom", "start": "2026-10-10"}, "Custom dates need a first and a last day."),
        ({"period": "decade"}, "Select a valid choice."),
        ({"period": "month", "start": "someday"}, "Enter a valid date."),
    ],
)
def test_a_bad_period_shows_the_form_again_with_a_message(supervisor, staff_client, query, message):
    response = staff_client(supervisor).get(reverse("reports:sessions"), query)
    text = response.content.decode()
    assert response.status_code == 200
    assert message in text and "<table" not in text


def test_a_bad_period_gets_no_csv(supervisor, staff_client):
    query = {"period": "custom", "start": "2026-10-10", "end": "2026-10-01"}
    response = staff_client(supervisor).get(reverse("reports:csv"), query)
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")


def test_the_retention_fold_moves_sessions_from_rows_to_counters_without_changing_the_report(case, advocate):
    from django.utils import timezone

    from sessions.tasks import fold

    day = timezone.now().astimezone(CHICAGO).date() - timedelta(days=21)
    week = period_of("week", day)
    appointments(case, advocate, datetime.combine(day, datetime.min.time(), CHICAGO) + timedelta(hours=10), 6)
    appointments(case, advocate, datetime.combine(day, datetime.min.time(), CHICAGO) + timedelta(hours=14), 7,
                 status="cancelled")
    before = build_report(week)
    assert fold(timezone.now()) == 13 and SessionCount.objects.exists()
    after = build_report(week)
    assert texts(after, "sessions") == texts(before, "sessions")
    assert texts(before, "sessions")[-1] == ["6", "0", "0", "7", "0", "13"]
    assert lengths(before) == [("not measured yet", "6"), ("Total", "6")]
    assert lengths(after) == [("not recorded", "6"), ("not measured yet", "0"), ("Total", "6")]  # no call log


def lengths(report) -> list[tuple[str, str]]:
    table = table_of(report, "length")
    return [(label, cells[0].text) for label, cells, _ in table.lines()] + [("Total", table.column_totals[0].text)]
