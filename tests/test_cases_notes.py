from django.apps import apps
from django.db import models

from cases.models import AccessAudit, Note
from program.models import ProgramSettings
from tests.casework import case  # noqa: F401  (fixtures)


def test_it_saves_a_note_with_its_author_and_time(staff_client, advocate, case):
    response = staff_client(advocate).post(f"/cases/{case.pk}/notes/new/", {"text": "Safety plan reviewed."})
    assert response.status_code == 302
    note = Note.objects.get()
    assert (note.case, note.author, note.text) == (case, advocate, "Safety plan reviewed.")
    assert note.written_at is not None
    assert AccessAudit.objects.filter(case_id=case.pk, action="edit").exists()


def test_the_form_reminds_the_advocate_to_write_only_what_is_needed(staff_client, advocate, case):
    body = staff_client(advocate).get(f"/cases/{case.pk}/notes/new/").content.decode()
    assert "Write only what is needed to provide services" in body
    assert "at most 1,000 characters" in body


def test_a_note_over_the_cap_is_refused_with_the_limit_named_and_the_text_kept(staff_client, advocate, case):
    text = "word " * 220 + "END-MARK"
    response = staff_client(advocate).post(f"/cases/{case.pk}/notes/new/", {"text": text})
    body = response.content.decode()
    assert response.status_code == 200
    assert "at most 1,000 characters; this one has 1,108" in body
    assert "END-MARK</textarea>" in body
    assert not Note.objects.exists()


def test_the_cap_is_the_programs_setting(staff_client, advocate, case):
    settings = ProgramSettings.load()
    settings.note_max_length = 200
    settings.save()
    response = staff_client(advocate).post(f"/cases/{case.pk}/notes/new/", {"text": "x" * 201})
    assert "at most 200 characters" in response.content.decode()
    assert not Note.objects.exists()


def test_a_line_break_counts_as_one_character(staff_client, advocate, case):
    text = ("x" * 99 + "\r\n") * 10  # 1,000 characters once the browser's CRLF is one line break
    staff_client(advocate).post(f"/cases/{case.pk}/notes/new/", {"text": text})
    assert Note.objects.get().text == text.replace("\r\n", "\n").strip()


def test_no_model_holds_an_uploaded_file():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            assert not isinstance(field, models.FileField), f"{model._meta.label}.{field.name}"


def test_no_case_page_accepts_an_upload(staff_client, advocate, case):
    client = staff_client(advocate)
    for url in (f"/cases/{case.pk}/notes/new/", f"/cases/{case.pk}/edit/", "/cases/new/"):
        body = client.get(url).content.decode()
        assert 'type="file"' not in body and "multipart" not in body


def test_it_checks_ownership(staff_client, other_advocate, case):
    response = staff_client(other_advocate).post(f"/cases/{case.pk}/notes/new/", {"text": "x"})
    assert response.status_code == 404
    assert not Note.objects.exists()
