import json

from cases.models import AccessAudit, Note
from tests.casework import ALIAS, NOTE_TEXT, agreed, case, consent_forms, note  # noqa: F401  (fixtures)


def test_the_page_holds_everything_readable(staff_client, advocate, case, note, agreed):
    body = staff_client(advocate).get(f"/cases/{case.pk}/export/").content.decode()
    assert ALIAS in body
    assert "Prefers calls after six; sister&#x27;s place is safe." in body
    assert "agreed to Video, Audio only, Phone" in body
    assert "form version 1" in body
    assert 'href="/static/css/print.css" media="print"' in body


def test_the_page_shows_notes_escaped(staff_client, advocate, case):
    Note.objects.create(case=case, author=advocate, text="<b>bold</b>")
    body = staff_client(advocate).get(f"/cases/{case.pk}/export/").content.decode()
    assert "<b>bold</b>" not in body and "&lt;b&gt;bold&lt;/b&gt;" in body


def test_the_file_is_a_json_download_with_a_neutral_name(staff_client, advocate, case, note, agreed):
    response = staff_client(advocate).get(f"/cases/{case.pk}/export.json")
    assert response["Content-Disposition"] == 'attachment; filename="case-export.json"'
    assert ALIAS not in response["Content-Disposition"]
    doc = json.loads(response.content)
    assert doc["alias"] == ALIAS
    assert doc["notes"][0]["text"] == NOTE_TEXT
    assert doc["consent"][0]["agreed"] is True
    assert doc["consent"][0]["ways_agreed"] == ["Video", "Audio only", "Phone"]


def test_every_export_is_audited(staff_client, advocate, case):
    client = staff_client(advocate)
    client.get(f"/cases/{case.pk}/export/")
    client.get(f"/cases/{case.pk}/export.json")
    assert AccessAudit.objects.filter(case_id=case.pk, action="export").count() == 2


def test_it_checks_ownership(staff_client, other_advocate, case, note):
    client = staff_client(other_advocate)
    for url in (f"/cases/{case.pk}/export/", f"/cases/{case.pk}/export.json"):
        response = client.get(url)
        assert response.status_code == 404
        assert ALIAS.encode() not in response.content
