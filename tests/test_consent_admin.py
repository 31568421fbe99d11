from django.forms.models import model_to_dict

from consent.models import ConsentForm
from consent.services import current_form
from tests.casework import agreed, case, consent_forms  # noqa: F401  (fixtures)

FIELDS = ("language", "title", "service", "recording", "risks", "written_down", "confidentiality", "other_ways")


def change_url(form: ConsentForm) -> str:
    return f"/admin/consent/consentform/{form.pk}/change/"


def posted(form: ConsentForm, **changes) -> dict:
    return {**model_to_dict(form, fields=FIELDS), **changes}


def test_a_program_admin_cannot_save_over_a_version_in_use(staff_client, program_admin, consent_forms, agreed):
    form = consent_forms["en"]
    response = staff_client(program_admin).post(change_url(form), posted(form, confidentiality="New rules."))
    assert response.status_code == 200
    assert "in use by consent records" in response.content.decode()
    form.refresh_from_db()
    assert form.confidentiality != "New rules."


def test_the_page_of_a_version_in_use_only_offers_save_as_new(staff_client, program_admin, consent_forms, agreed):
    body = staff_client(program_admin).get(change_url(consent_forms["en"])).content.decode()
    assert 'name="_saveasnew"' in body
    assert 'name="_save"' not in body and 'name="_continue"' not in body


def test_save_as_new_makes_an_unpublished_next_version(staff_client, program_admin, consent_forms, agreed):
    form = consent_forms["en"]
    data = posted(form, confidentiality="New rules.", _saveasnew="Save as new")
    response = staff_client(program_admin).post(change_url(form), data)
    assert response.status_code == 302
    new = ConsentForm.objects.get(language="en", version=2)
    assert (new.confidentiality, new.published_at) == ("New rules.", None)
    assert current_form("en") == form


def test_publishing_makes_it_current(staff_client, program_admin, consent_forms):
    draft = ConsentForm.objects.create(**{**model_to_dict(consent_forms["en"], fields=FIELDS), "title": "v2"})
    staff_client(program_admin).post(
        "/admin/consent/consentform/", {"action": "publish", "_selected_action": [draft.pk]}
    )
    assert current_form("en") == draft


def test_it_checks_ownership(staff_client, advocate, supervisor, consent_forms):
    for user in (advocate, supervisor):
        response = staff_client(user).get(change_url(consent_forms["en"]))
        assert response.status_code in (302, 403)
