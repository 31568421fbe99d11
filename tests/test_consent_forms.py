import pytest
from django.core.exceptions import ValidationError

from consent.models import ConsentForm, ConsentFormInUse
from program.models import ProgramSettings
from tests.casework import agreed, case, consent_forms  # noqa: F401  (fixtures)


def text_of(form: ConsentForm) -> str:
    return "\n".join(f"{heading}\n" + "\n".join(paragraphs) for heading, paragraphs in form.sections())


def test_english_and_spanish_defaults_ship_with_the_program(db):
    # The data migration's forms, as a fresh database has them.
    languages = set(ConsentForm.objects.exclude(published_at=None).values_list("language", flat=True))
    assert languages >= {"en", "es"}


@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        ("en", ["video", "never record", "watch this phone", "history", "overhear", "deleted after",
                "report", "by phone or meet in person", "withdraw at any time"]),
        ("es", ["video", "Nunca grabamos", "vigilar este teléfono", "historial", "escucharle", "se borran",
                "informar", "por teléfono o reunirse en persona", "en cualquier momento"]),
    ],
)
def test_the_defaults_cover_every_topic_the_survivor_must_know(consent_forms, language, phrases):
    text = text_of(consent_forms[language])
    for phrase in phrases:
        assert phrase in text, phrase


def test_the_form_quotes_the_retention_settings_so_it_tells_the_truth(consent_forms):
    program = ProgramSettings.load()
    program.note_retention_days, program.closed_case_retention_days = 45, 12
    program.call_event_retention_hours, program.audit_retention_days = 6, 400
    program.save()
    english, spanish = text_of(consent_forms["en"]), text_of(consent_forms["es"])
    for expected in ("after 45 days", "after 12 days", "for 6 hours", "for 400 days"):
        assert expected in english
    assert "después de 45 días" in spanish
    assert "{{" not in english and "{{" not in spanish


def test_admin_text_cannot_run_template_tags(consent_forms):
    form = consent_forms["en"]
    ConsentForm.objects.filter(pk=form.pk).update(service="{% load static %}{{ request }} {{ note_retention_days }}")
    form.refresh_from_db()
    assert form.sections()[0][1] == ["{% load static %}{{ request }} 365"]


def test_a_version_in_use_cannot_be_edited(consent_forms, agreed):
    form = consent_forms["en"]
    form.confidentiality = "Changed after the survivor agreed."
    with pytest.raises(ConsentFormInUse):
        form.save()
    with pytest.raises(ValidationError, match="in use"):
        form.full_clean()
    with pytest.raises(ConsentFormInUse):
        form.delete()
    form.refresh_from_db()
    assert form.confidentiality != "Changed after the survivor agreed."


def test_a_version_nobody_used_can_still_be_corrected(consent_forms):
    form = consent_forms["es"]
    form.title = "Antes de hablar con nosotros"
    form.save()
    assert ConsentForm.objects.get(pk=form.pk).title == "Antes de hablar con nosotros"


def test_a_new_version_gets_the_next_number_of_its_language(consent_forms):
    fields = {name: "x" for name in ("title", "service", "recording", "risks", "written_down",
                                     "confidentiality", "other_ways")}
    assert ConsentForm.objects.create(language="en", **fields).version == 2
    assert ConsentForm.objects.create(language="es", **fields).version == 2


def test_paragraphs_typed_in_the_admin_stay_paragraphs(consent_forms):
    form = consent_forms["en"]
    ConsentForm.objects.filter(pk=form.pk).update(recording="First.\r\n\r\nSecond.")
    form.refresh_from_db()
    assert form.sections()[1][1] == ["First.", "Second."]
