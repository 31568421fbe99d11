from django.utils import timezone

from cases.models import AnonymousCount
from tests.casework import case  # noqa: F401  (fixtures)


def test_it_closes_the_case_with_todays_date(staff_client, advocate, case):
    response = staff_client(advocate).post(f"/cases/{case.pk}/close/")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.closed_on == timezone.localdate()
    assert AnonymousCount.objects.get(kind="case_closed").count == 1


def test_closing_twice_counts_once(staff_client, advocate, case):
    client = staff_client(advocate)
    client.post(f"/cases/{case.pk}/close/")
    client.post(f"/cases/{case.pk}/close/")
    assert AnonymousCount.objects.get(kind="case_closed").count == 1


def test_it_needs_a_post(staff_client, advocate, case):
    assert staff_client(advocate).get(f"/cases/{case.pk}/close/").status_code == 405


def test_it_checks_ownership(staff_client, other_advocate, case):
    assert staff_client(other_advocate).post(f"/cases/{case.pk}/close/").status_code == 404
    case.refresh_from_db()
    assert case.closed_on is None
