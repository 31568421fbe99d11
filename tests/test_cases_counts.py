from datetime import date

from cases.models import AnonymousCount, iso_week


def test_it_counts_by_iso_week_only(db):
    AnonymousCount.bump("case_opened", date(2025, 2, 10))
    AnonymousCount.bump("case_opened", date(2025, 2, 16))
    AnonymousCount.bump("case_opened", date(2025, 2, 17))
    counts = list(AnonymousCount.objects.filter(kind="case_opened").values_list("week", "count"))
    assert counts == [("2025-W07", 2), ("2025-W08", 1)]


def test_the_iso_year_is_used_around_new_year():
    assert iso_week(date(2024, 12, 30)) == "2025-W01"


def test_a_counter_holds_no_day_time_or_case():
    names = {field.name for field in AnonymousCount._meta.get_fields()}
    assert names == {"id", "kind", "week", "count"}
