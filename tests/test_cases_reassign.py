from cases.models import AccessAudit
from tests.casework import ALIAS, NOTE_TEXT, case, case_urls, make_case, note  # noqa: F401  (fixtures)


def test_it_shows_case_numbers_and_advocates_never_an_alias(staff_client, supervisor, advocate, case, note):
    body = staff_client(supervisor).get("/cases/reassign/").content.decode()
    assert f"Case {case.pk}" in body
    assert advocate.display_name in body
    assert ALIAS not in body and NOTE_TEXT not in body


def test_a_supervisors_pages_never_contain_an_alias_or_note_text(staff_client, supervisor, case, note):
    case.safe_word = "bluebird"
    case.save()
    client = staff_client(supervisor)
    urls = ["/", "/cases/", "/cases/reassign/", *case_urls(case, note)]
    for url in urls:
        body = client.get(url).content.decode()
        for secret in (ALIAS, NOTE_TEXT, "bluebird"):
            assert secret not in body, url


def test_it_reassigns_a_case(staff_client, supervisor, advocate, other_advocate, case):
    response = staff_client(supervisor).post(f"/cases/reassign/{case.pk}/", {"advocates": [other_advocate.pk]})
    assert response.status_code == 302
    assert list(case.advocates.all()) == [other_advocate]
    assert AccessAudit.objects.filter(staff=supervisor, case_id=case.pk, action="reassign").exists()


def test_the_old_advocate_loses_the_case_and_the_new_one_gains_it(
    staff_client, supervisor, advocate, other_advocate, case
):
    staff_client(supervisor).post(f"/cases/reassign/{case.pk}/", {"advocates": [other_advocate.pk]})
    assert staff_client(advocate).get(f"/cases/{case.pk}/").status_code == 404
    assert staff_client(other_advocate).get(f"/cases/{case.pk}/").status_code == 200


def test_only_advocates_can_be_assigned(staff_client, supervisor, program_admin, case):
    response = staff_client(supervisor).post(f"/cases/reassign/{case.pk}/", {"advocates": [program_admin.pk]})
    assert response.status_code == 200
    assert program_admin not in case.advocates.all()


def test_closed_cases_are_not_offered(staff_client, supervisor, advocate):
    closed = make_case(advocate, closed_on="2025-01-01")
    assert staff_client(supervisor).get(f"/cases/reassign/{closed.pk}/").status_code == 404


def test_it_checks_ownership(staff_client, advocate, program_admin, other_advocate, case):
    for user in (advocate, program_admin):
        client = staff_client(user)
        assert client.get("/cases/reassign/").status_code == 404
        assert client.post(f"/cases/reassign/{case.pk}/", {"advocates": [other_advocate.pk]}).status_code == 404
    assert list(case.advocates.all()) == [advocate]
