"""What other apps call about consent (the join path, scheduling, the case pages)."""

from django.db import transaction
from django.utils import timezone

from cases.models import AnonymousCount, Case, Mode

from .models import ConsentForm, ConsentRecord, Language
from .signals import consent_withdrawn

Kind = AnonymousCount.Kind
DIGITAL_MODES = {Mode.VIDEO, Mode.AUDIO}


class Status:
    CURRENT = "current"
    RENEW = "needs renewal"
    NONE = "none"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


def current_forms(queryset=None) -> dict[str, ConsentForm]:
    """The newest published version of each language."""
    forms: dict[str, ConsentForm] = {}
    queryset = ConsentForm.objects.all() if queryset is None else queryset
    published = queryset.filter(published_at__lte=timezone.now()).order_by("language", "-version")
    for form in published:
        forms.setdefault(form.language, form)
    return forms


def current_form(language: str) -> ConsentForm | None:
    """The form a survivor reading `language` sees now; English when that language has none."""
    forms = current_forms()
    return forms.get(language) or forms.get(Language.EN)


def latest_record(case: Case) -> ConsentRecord | None:
    """The case's consent is its newest answer: a decline after an agreement stands."""
    return case.consent_records.select_related("form").order_by("-at", "-pk").first()


def history(case: Case) -> list[ConsentRecord]:
    return list(case.consent_records.select_related("form").order_by("at", "pk"))


def _status_of(record: ConsentRecord | None, forms: dict[str, ConsentForm]) -> str:
    if record is None:
        return Status.NONE
    if record.withdrawn_at:
        return Status.WITHDRAWN
    if not record.agreed:
        return Status.DECLINED
    current = forms.get(record.form.language) or forms.get(Language.EN)
    return Status.CURRENT if current and current.pk == record.form_id else Status.RENEW


def status(case: Case, forms: dict[str, ConsentForm] | None = None) -> str:
    """current / needs renewal / none / declined / withdrawn (pass current_forms() when listing many)."""
    return _status_of(latest_record(case), current_forms() if forms is None else forms)


def consented_modes(case: Case) -> list[str]:
    """The ways the case's current consent covers (invariant 7); [] without current consent. Two queries."""
    record = latest_record(case)
    # Only the versions' ids and languages: the join path asks this on every page.
    versions = current_forms(ConsentForm.objects.only("pk", "language", "version", "published_at"))
    if _status_of(record, versions) != Status.CURRENT:
        return []
    return [mode for mode in record.modes if record.for_sessions or mode not in DIGITAL_MODES]


def has_current_consent(case: Case, mode: str) -> bool:
    """True only for agreement to the current version, not withdrawn, covering `mode` (invariant 7)."""
    return mode in consented_modes(case)


@transaction.atomic
def record_consent(
    case: Case,
    form: ConsentForm,
    *,
    agreed: bool,
    modes: list[str],
    for_sessions: bool,
    for_reports: bool,
    given_by: str,
    recorded_by=None,
) -> ConsentRecord:
    """Records an answer to `form`; a decline keeps no ways or purposes."""
    if not agreed:
        modes, for_sessions, for_reports = [], False, False
        # Counted under the answer that stood before (none yet: counted); after it, nothing of the case is.
        AnonymousCount.bump(Kind.CONSENT_DECLINED, case=case)
    record = ConsentRecord.objects.create(
        case=case,
        form=form,
        agreed=agreed,
        modes=[mode for mode in Mode.values if mode in modes],
        for_sessions=for_sessions,
        for_reports=for_reports,
        given_by=given_by,
        recorded_by=recorded_by,
    )
    if agreed:  # counted only when this answer agrees to being counted
        AnonymousCount.bump(Kind.CONSENT_GIVEN, case=case)
    return record


@transaction.atomic
def withdraw(case: Case, by=None) -> int:
    """Withdraws every standing agreement of the case; sends consent_withdrawn. Returns how many."""
    standing = case.consent_records.filter(agreed=True, withdrawn_at=None)
    if standing.exists():  # counted under the answer that stood before the withdrawal
        AnonymousCount.bump(Kind.CONSENT_WITHDRAWN, case=case)
    withdrawn = standing.update(withdrawn_at=timezone.now())
    # Sent even when nothing stood: a survivor who says stop must never keep an appointment.
    consent_withdrawn.send(sender=ConsentRecord, case=case, by=by)
    return withdrawn
