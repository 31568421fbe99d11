"""A case as the survivor may take it away: everything the program holds, readable."""

from django.utils import timezone

from consent.services import history

from .extensions import export_sections
from .models import Case


def case_document(case: Case) -> dict:
    """One dict for both the printable page and the JSON file."""
    return {
        "exported_at": timezone.now(),
        "alias": case.alias,
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "preferred_ways_to_meet": case.mode_labels,
        "interpreter_language": case.interpreter_language,
        "safe_word": case.safe_word,
        "kept_contact_details": {"email": case.contact_email, "phone": case.contact_phone}
        if case.keep_contact
        else None,
        "consent": [
            {
                "form_version": record.form.version,
                "language": record.form.get_language_display(),
                "agreed": record.agreed,
                "ways_agreed": record.mode_labels,
                "digital_sessions": record.for_sessions,
                "counted_in_anonymized_reports": record.for_reports,
                "how": record.get_given_by_display(),
                "at": record.at,
                "withdrawn_at": record.withdrawn_at,
            }
            for record in history(case)
        ],
        "notes": [
            {
                "written_at": note.written_at,
                "written_by": note.author.display_name if note.author else "a former staff member",
                "changed_at": note.changed_at,
                "text": note.text,
            }
            for note in case.notes.select_related("author")
        ],
        # Appointments and what else later apps hold about the case.
        "more": export_sections(case),
    }
