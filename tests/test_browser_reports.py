from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cases.models import AnonymousCount, Case
from sessions.models import SessionCount
from tests.browser import browser, context, live_url, page, sign_in  # noqa: F401  (fixtures)
from tests.scheduling_fixtures import make_appointment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OCTOBER_20 = datetime(2026, 10, 20, 15, tzinfo=ZoneInfo("UTC"))


def held(advocate, how_many: int, status: str = "completed") -> None:
    case = Case.objects.create(alias="BrowserMarker")
    for _ in range(how_many):
        make_appointment(case, advocate, OCTOBER_20, minutes=60, status=status)


def folded_and_counted() -> None:
    held_by_bucket = (("<20m", "<5m", 14), ("20-40m", "5-15m", 31), ("40-60m", "<5m", 22), ("60m+", "15m+", 3))
    for duration, wait, count in held_by_bucket:
        SessionCount.objects.create(
            week="2026-W42", mode="audio", outcome="completed", duration_bucket=duration, wait_bucket=wait, count=count
        )
    SessionCount.objects.create(week="2026-W43", mode="phone", outcome="no_show", count=9)
    for kind, count in (("case_opened", 17), ("case_closed", 8), ("consent_given", 15), ("code_sent_email", 2)):
        AnonymousCount.objects.create(kind=kind, week="2026-W41", count=count)


def test_a_supervisor_opens_the_month_report_and_sees_the_chart_and_the_table(page, live_url, supervisor, advocate):
    held(advocate, 12)
    held(advocate, 2, status="dropped")
    folded_and_counted()
    sign_in(page, live_url, supervisor)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    page.get_by_label("Period", exact=True).select_option("month")
    page.get_by_label("Date", exact=True).fill(date(2026, 10, 15).isoformat())
    page.get_by_role("button", name="Show").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Service figures: October 2026"
    chart = page.get_by_role("img", name="Sessions by outcome")
    assert chart.is_visible()
    assert "Dropped: <5" in page.locator("#chart-sessions-desc").text_content()
    table = page.get_by_role("table", name="Sessions by way of meeting and outcome")
    assert table.is_visible()
    assert table.get_by_role("row", name="Video").get_by_role("cell").all_inner_texts() == [
        "12", "<5", "0", "0", "0", "hidden",
    ]
    assert "BrowserMarker" not in page.content()
