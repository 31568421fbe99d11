import pytest

from cases.models import Case
from tests.casework import ALIAS, agreed, case, consent_forms, make_case  # noqa: F401  (fixtures)


def test_it_lists_only_the_advocates_own_open_cases_by_alias(staff_client, advocate, other_advocate):
    make_case(advocate, alias="Willow")
    make_case(advocate, alias="aster")
    make_case(other_advocate, alias="Someone Else")
    response = staff_client(advocate).get("/cases/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone Else" not in body
    assert body.index("aster") < body.index("Willow")


def test_it_shows_the_consent_status_of_each_case(staff_client, advocate, agreed, consent_forms):
    make_case(advocate, alias="No Consent Yet")
    body = staff_client(advocate).get("/cases/").content.decode()
    assert "current" in body
    assert "none" in body


def test_it_lists_closed_cases_apart(staff_client, advocate):
    make_case(advocate, alias="Long Done", closed_on="2025-01-10")
    body = staff_client(advocate).get("/cases/").content.decode()
    assert body.index("Closed") < body.index("Long Done")


@pytest.mark.parametrize("role", ["supervisor", "program_admin"])
def test_it_checks_ownership(staff_client, make_staff, case, role):
    response = staff_client(make_staff(role)).get("/cases/")
    assert response.status_code == 404
    assert ALIAS.encode() not in response.content


def test_the_navigation_offers_cases_to_advocates_only(staff_client, advocate, supervisor):
    assert b'href="/cases/"' in staff_client(advocate).get("/").content
    page = staff_client(supervisor).get("/").content
    assert b'href="/cases/"' not in page
    assert b'href="/cases/reassign/"' in page
    assert Case.objects.count() == 0
