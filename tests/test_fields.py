from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection

from advocacy.fields import UndecryptableValue
from cases.models import Case, Note
from tests.casework import ALIAS, NOTE_TEXT, case, make_case, note  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

SAFE_WORD = "bluebird"
EMAIL = "someone@example.org"


def raw_row(model, pk: int) -> str:
    """Every column of the row as the database holds it, as one string."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {model._meta.db_table} WHERE id = %s", [pk])
        return " ".join(str(value) for value in cursor.fetchone())


@pytest.fixture
def full_case(advocate) -> Case:
    return make_case(advocate, safe_word=SAFE_WORD, keep_contact=True, contact_email=EMAIL, contact_phone="5550100")


def test_the_raw_row_holds_no_note_text(advocate, full_case):
    note = Note.objects.create(case=full_case, author=advocate, text=NOTE_TEXT)
    row = raw_row(Note, note.pk)
    assert NOTE_TEXT not in row
    assert "sister" not in row
    assert Note.objects.get(pk=note.pk).text == NOTE_TEXT


def test_the_raw_row_holds_no_alias_safe_word_or_contact(full_case):
    row = raw_row(Case, full_case.pk)
    for secret in (ALIAS, SAFE_WORD, EMAIL, "5550100"):
        assert secret not in row
    case = Case.objects.get(pk=full_case.pk)
    assert (case.alias, case.safe_word, case.contact_email) == (ALIAS, SAFE_WORD, EMAIL)


def test_equal_texts_never_look_equal_in_the_database(advocate):
    first, second = make_case(advocate, alias="Same"), make_case(advocate, alias="Same")
    with connection.cursor() as cursor:
        cursor.execute("SELECT alias FROM cases_case WHERE id IN (%s, %s)", [first.pk, second.pk])
        tokens = [row[0] for row in cursor.fetchall()]
    assert tokens[0] != tokens[1]


def test_it_refuses_a_lookup_that_would_silently_match_nothing(case):
    with pytest.raises(FieldError):
        list(Case.objects.filter(alias=ALIAS))
    assert Case.objects.filter(safe_word__isnull=False).count() == 1


def test_key_rotation_keeps_every_note_readable(advocate, settings):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old_key]
    case = make_case(advocate, safe_word=SAFE_WORD)
    texts = [f"note {n} {NOTE_TEXT}" for n in range(7)]
    for text in texts:
        Note.objects.create(case=case, author=advocate, text=text)

    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    out = StringIO()
    call_command("rotate_encryption_keys", "--batch-size", "3", stdout=out)
    assert "cases.Note: 7 re-encrypted, 0 already under the newest key" in out.getvalue()

    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is gone
    assert sorted(Note.objects.values_list("text", flat=True)) == sorted(texts)
    assert Case.objects.get(pk=case.pk).safe_word == SAFE_WORD


def test_rotation_run_twice_changes_nothing_and_prints_counts_only(advocate, settings):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old_key]
    note = Note.objects.create(case=make_case(advocate), author=advocate, text=NOTE_TEXT)
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_encryption_keys", stdout=StringIO())
    before = raw_row(Note, note.pk)

    out = StringIO()
    call_command("rotate_encryption_keys", stdout=out)
    assert raw_row(Note, note.pk) == before
    assert "cases.Note: 0 re-encrypted, 1 already under the newest key" in out.getvalue()
    assert NOTE_TEXT not in out.getvalue() and ALIAS not in out.getvalue()


def test_a_value_no_key_opens_names_the_field_not_the_value(note, settings):
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(UndecryptableValue, match="cases.Note.text") as error:
        Note.objects.get(pk=note.pk)
    assert NOTE_TEXT not in str(error.value)
