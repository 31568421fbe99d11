"""What other apps (and the case views) call to open, close and erase cases."""

from django.db import transaction
from django.utils import timezone

from .models import AccessAudit, AnonymousCount, Case, Note

Kind = AnonymousCount.Kind


def cases_of(advocate) -> list[Case]:
    """The advocate's cases, sorted by alias in Python (the database holds only ciphertext)."""
    return sorted(Case.objects.filter(advocates=advocate), key=lambda case: case.alias.casefold())


@transaction.atomic
def open_case(case: Case, advocate) -> Case:
    """Saves a new case from its form and assigns it to the advocate who opened it."""
    case.save()
    case.advocates.add(advocate)
    AccessAudit.record(advocate, case.pk, AccessAudit.Action.CREATE)
    AnonymousCount.bump(Kind.CASE_OPENED, case=case)
    return case


@transaction.atomic
def close_case(case: Case) -> None:
    if case.closed_on is None:
        case.closed_on = timezone.localdate()
        case.save(update_fields=["closed_on"])
        AnonymousCount.bump(Kind.CASE_CLOSED, case=case)


def write_note(case: Case, author, text: str) -> Note:
    return Note.objects.create(case=case, author=author, text=text)


def change_note(note: Note, text: str) -> None:
    note.text = text
    note.changed_at = timezone.now()
    note.save(update_fields=["text", "changed_at"])


@transaction.atomic
def erase_case(case: Case, by=None) -> None:
    """Deletes the case and everything linked to it; leaves only anonymous counters.

    Linked rows (notes, consent records, and whatever later apps hang on a
    case with on_delete=CASCADE) go through the ORM cascade; access records
    name the case by a plain id, so they are swept by that id. The row that
    records this erase names no case.
    """
    case_id = case.pk
    AnonymousCount.bump(Kind.CASE_ERASED, case=case)  # before the delete: it reads the case's consent
    case.delete()
    AccessAudit.objects.filter(case_id=case_id).delete()
    if by is not None:  # None: the retention job erased a closed case; its PurgeRecord counts it
        AccessAudit.record(by, None, AccessAudit.Action.ERASE)
