import pytest
from django.urls import get_resolver, reverse

from staff.navigation import items_for


def report_urls() -> list[str]:
    resolver = get_resolver().namespace_dict["reports"][1]
    return [reverse(f"reports:{pattern.name}") for pattern in resolver.url_patterns]


def test_there_are_report_pages_to_check():
    assert len(report_urls()) == 4


@pytest.mark.parametrize("url", report_urls())
def test_an_advocate_cannot_open_reports(url, advocate, staff_client):
    assert staff_client(advocate).get(url).status_code == 404


@pytest.mark.parametrize("url", report_urls())
def test_it_requires_a_staff_login(url, client, db):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")


@pytest.mark.parametrize("url", report_urls())
@pytest.mark.parametrize("role", ["supervisor", "program_admin"])
def test_supervisors_and_program_admins_open_every_report(url, role, make_staff, staff_client):
    assert staff_client(make_staff(role)).get(url).status_code == 200


def test_only_supervisors_and_program_admins_see_reports_in_the_navigation(advocate, supervisor, program_admin):
    def has_reports(user) -> bool:
        return any(item.url_name == "reports:sessions" for item in items_for(user))

    assert (has_reports(advocate), has_reports(supervisor), has_reports(program_admin)) == (False, True, True)


def test_it_refuses_to_change_anything(supervisor, staff_client):
    assert staff_client(supervisor).post(reverse("reports:sessions")).status_code == 405
