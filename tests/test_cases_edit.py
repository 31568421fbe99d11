from cases.models import AccessAudit, Case
from tests.casework import case  # noqa: F401  (fixtures)

DATA = {"alias": "Marigold B", "modes": ["audio"], "interpreter_language": "Tagalog", "safe_word": ""}


def test_it_saves_the_changes(staff_client, advocate, case):
    response = staff_client(advocate).post(f"/cases/{case.pk}/edit/", DATA)
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.alias, case.modes, case.interpreter_language) == ("Marigold B", ["audio"], "Tagalog")
    assert AccessAudit.objects.filter(case_id=case.pk, action="edit").exists()


def test_it_discards_kept_contact_details_when_agreement_ends(advocate, case):
    case.keep_contact, case.contact_email = True, "a@example.org"
    case.save()
    case.keep_contact = False
    case.save()
    case = Case.objects.get(pk=case.pk)
    assert (case.contact_email, case.contact_phone) == ("", "")


def test_it_refuses_modes_that_do_not_exist(staff_client, advocate, case):
    response = staff_client(advocate).post(f"/cases/{case.pk}/edit/", {**DATA, "modes": ["carrier pigeon"]})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.alias != "Marigold B"


def test_it_checks_ownership(staff_client, other_advocate, case):
    assert staff_client(other_advocate).post(f"/cases/{case.pk}/edit/", DATA).status_code == 404
    case.refresh_from_db()
    assert case.alias == "Marigold"
