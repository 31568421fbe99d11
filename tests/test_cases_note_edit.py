from datetime import timedelta

from django.utils import timezone

from cases.models import Note
from tests.casework import NOTE_TEXT, case, note  # noqa: F401  (fixtures)


def url(note: Note) -> str:
    return f"/cases/{note.case_id}/notes/{note.pk}/edit/"


def test_its_author_changes_it_within_24_hours(staff_client, advocate, note):
    response = staff_client(advocate).post(url(note), {"text": "Corrected."})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Corrected."
    assert note.changed_at is not None


def test_the_form_shows_the_current_text(staff_client, advocate, note):
    assert "sister&#x27;s place" in staff_client(advocate).get(url(note)).content.decode()


def test_it_is_read_only_after_24_hours(staff_client, advocate, note):
    Note.objects.filter(pk=note.pk).update(written_at=timezone.now() - timedelta(hours=24, seconds=1))
    client = staff_client(advocate)
    assert client.post(url(note), {"text": "Too late."}).status_code == 403
    note.refresh_from_db()
    assert note.text == NOTE_TEXT
    assert b"notes/%d/edit" % note.pk not in client.get(f"/cases/{note.case_id}/").content


def test_a_co_assigned_advocate_cannot_change_someone_elses_note(staff_client, other_advocate, note):
    note.case.advocates.add(other_advocate)
    assert staff_client(other_advocate).post(url(note), {"text": "Mine now."}).status_code == 403
    note.refresh_from_db()
    assert note.text == NOTE_TEXT


def test_an_over_cap_edit_keeps_the_typed_text(staff_client, advocate, note):
    response = staff_client(advocate).post(url(note), {"text": "y" * 1001})
    assert "at most 1,000 characters" in response.content.decode()
    assert "y" * 1001 in response.content.decode()
    note.refresh_from_db()
    assert note.text == NOTE_TEXT


def test_it_checks_ownership(staff_client, other_advocate, note):
    assert staff_client(other_advocate).get(url(note)).status_code == 404
    assert staff_client(other_advocate).post(url(note), {"text": "x"}).status_code == 404
