"""Fixtures and helpers for the cases and consent tests: import the ones a test file uses.

    from tests.casework import case, consent_forms  # noqa: F401  (fixtures)
"""

import pytest
from django.urls import URLPattern, get_resolver, reverse

from cases.models import Case, Note
from consent.defaults import create_defaults
from consent.models import ConsentForm
from consent.services import current_form, record_consent

ALIAS = "Marigold"
NOTE_TEXT = "Prefers calls after six; sister's place is safe."


def make_case(advocate, alias: str = ALIAS, **fields) -> Case:
    case = Case.objects.create(alias=alias, **fields)
    case.advocates.add(advocate)
    return case


@pytest.fixture
def consent_forms(db) -> dict[str, ConsentForm]:
    # The data migration ships them; a transactional test's flush removes them.
    create_defaults(ConsentForm)
    return {"en": current_form("en"), "es": current_form("es")}


@pytest.fixture
def case(advocate) -> Case:
    return make_case(advocate)


@pytest.fixture
def note(case, advocate) -> Note:
    return Note.objects.create(case=case, author=advocate, text=NOTE_TEXT)


@pytest.fixture
def agreed(case, consent_forms, advocate):
    """The case agreed to the current English form for video, audio and phone."""
    return record_consent(
        case,
        consent_forms["en"],
        agreed=True,
        modes=["video", "audio", "phone"],
        for_sessions=True,
        for_reports=True,
        given_by="advocate",
        recorded_by=advocate,
    )


def case_urls(case: Case, note: Note | None = None) -> list[str]:
    """Every URL of the cases and consent apps that names a case, filled in for `case`."""
    urls = []
    for namespace in ("cases", "consent"):
        resolver = get_resolver().namespace_dict[namespace][1]
        for pattern in resolver.url_patterns:
            assert isinstance(pattern, URLPattern)
            names = set(pattern.pattern.converters)
            if "pk" not in names:
                continue
            kwargs = {"pk": case.pk}
            if "note_pk" in names:
                if note is None:
                    continue
                kwargs["note_pk"] = note.pk
            urls.append(reverse(f"{namespace}:{pattern.name}", kwargs=kwargs))
    return urls
