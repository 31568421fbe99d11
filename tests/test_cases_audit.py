import pytest
from django.contrib import admin
from django.utils import timezone

from cases.models import AccessAudit, Case, Note
from consent.models import ConsentRecord
from tests.casework import case, note  # noqa: F401  (fixtures)


def test_each_case_page_writes_who_did_what_and_when(staff_client, advocate, case, note):
    client = staff_client(advocate)
    client.get(f"/cases/{case.pk}/")
    client.get(f"/cases/{case.pk}/edit/")
    client.post(f"/cases/{case.pk}/notes/new/", {"text": "Checked in."})
    client.get(f"/cases/{case.pk}/export.json")
    actions = list(AccessAudit.objects.filter(staff=advocate, case_id=case.pk).values_list("action", flat=True))
    assert sorted(actions) == ["edit", "export", "view", "view"]
    assert all(audit.at <= timezone.now() for audit in AccessAudit.objects.all())


@pytest.mark.parametrize("model", [Case, Note, ConsentRecord, AccessAudit])
def test_program_admins_cannot_read_case_contents_in_the_admin(model):
    assert model not in admin.site._registry


def test_a_program_admin_gets_404_on_case_contents(staff_client, program_admin, case):
    assert staff_client(program_admin).get(f"/cases/{case.pk}/").status_code == 404


def test_str_never_shows_the_alias(case):
    assert str(case) == f"Case {case.pk}"
