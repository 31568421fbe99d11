import pytest

from cases.models import AccessAudit, Note
from tests.casework import ALIAS, NOTE_TEXT, agreed, case, case_urls, consent_forms, note  # noqa: F401


def test_it_shows_the_case_to_its_advocate(staff_client, advocate, case, note, agreed):
    body = staff_client(advocate).get(f"/cases/{case.pk}/").content.decode()
    assert ALIAS in body
    assert "Prefers calls after six; sister&#x27;s place is safe." in body
    assert "current" in body


def test_it_writes_an_access_record_for_each_view(staff_client, advocate, case):
    staff_client(advocate).get(f"/cases/{case.pk}/")
    audit = AccessAudit.objects.get()
    assert (audit.staff, audit.case_id, audit.action) == (advocate, case.pk, "view")


def test_it_shows_notes_escaped(staff_client, advocate, case):
    Note.objects.create(case=case, author=advocate, text="<script>alert(1)</script>\nsecond line")
    body = staff_client(advocate).get(f"/cases/{case.pk}/").content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>second line" in body


def test_it_checks_ownership(staff_client, other_advocate, case):
    response = staff_client(other_advocate).get(f"/cases/{case.pk}/")
    assert response.status_code == 404
    assert not AccessAudit.objects.exists()


def test_an_advocate_gets_404_on_every_url_of_another_advocates_case(staff_client, other_advocate, case, note):
    client = staff_client(other_advocate)
    for url in case_urls(case, note):
        assert client.get(url).status_code in (404, 405), url
        response = client.post(url, {"alias": ALIAS, "text": "x"})
        assert response.status_code in (404, 405), url
        assert ALIAS.encode() not in response.content and NOTE_TEXT.encode() not in response.content
    assert Note.objects.get().text == NOTE_TEXT


@pytest.mark.parametrize("role", ["supervisor", "program_admin"])
def test_only_advocates_open_case_contents(staff_client, make_staff, case, note, role):
    client = staff_client(make_staff(role))
    for url in case_urls(case, note):
        if "/reassign/" in url:
            continue
        assert client.get(url).status_code in (404, 405), url
