"""Cases (an alias, never a legal name), minimal hand notes, staff access records, anonymous counters.

What a court could demand from the program is whatever is written here, so
little is written, and what is written is encrypted at rest.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from advocacy.fields import EncryptedTextField

NOTE_EDIT_WINDOW = timedelta(hours=24)
ALIAS_HELP = "An alias agreed with the survivor, never a legal name."


class Mode(models.TextChoices):
    VIDEO = "video", "Video"
    AUDIO = "audio", "Audio only"
    PHONE = "phone", "Phone"


def validate_modes(value) -> None:
    if not isinstance(value, list) or not set(value) <= set(Mode.values):
        raise ValidationError(f"Choose from {', '.join(Mode.values)}.")


def mode_labels(modes: list[str]) -> list[str]:
    return [Mode(mode).label for mode in Mode.values if mode in modes]


class Case(models.Model):
    # Encrypted like the notes: a database dump must not yield a caseload of names.
    alias = EncryptedTextField(help_text=ALIAS_HELP)
    advocates = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="cases", limit_choices_to={"role": "advocate"}
    )
    opened_on = models.DateField(default=timezone.localdate)
    closed_on = models.DateField(null=True, blank=True)
    modes = models.JSONField("preferred ways to meet", default=list, blank=True, validators=[validate_modes])
    interpreter_language = models.CharField(max_length=60, blank=True)
    safe_word = EncryptedTextField(blank=True)
    keep_contact = models.BooleanField("the survivor agreed that we keep contact details", default=False)
    contact_email = EncryptedTextField(blank=True)
    contact_phone = EncryptedTextField(blank=True)

    def __str__(self) -> str:
        # Never the alias: str() ends up in log lines, admin messages and error reports.
        return f"Case {self.pk}"

    def save(self, *args, **kwargs):
        if not self.keep_contact:
            # Without the survivor's agreement contact details are typed at send time and discarded.
            self.contact_email = self.contact_phone = ""
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def mode_labels(self) -> list[str]:
        return mode_labels(self.modes)


class Note(models.Model):
    """A short plain-text note (a hard cap, no attachments), encrypted at rest."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = EncryptedTextField()
    written_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self) -> str:
        return f"Note {self.pk}"

    def editable_by(self, user) -> bool:
        """Its author may change it for 24 hours; after that it is read-only for everyone."""
        return self.author_id == user.pk and timezone.now() - self.written_at < NOTE_EDIT_WINDOW


class AccessAudit(models.Model):
    """Which staff member viewed, changed, exported or erased which case, and when.

    Staff activity, kept for ProgramSettings.audit_retention_days.
    """

    class Action(models.TextChoices):
        VIEW = "view", "viewed"
        CREATE = "create", "created"
        EDIT = "edit", "changed"
        EXPORT = "export", "exported"
        ERASE = "erase", "erased"
        REASSIGN = "reassign", "reassigned"

    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A plain number, not a foreign key, so the rows of an erased case can be
    # swept by id. Empty only on the row that records an erase: it must not name the case.
    case_id = models.PositiveBigIntegerField(null=True, db_index=True)  # erase: filter(case_id=...)
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)  # tasks.purge_access_records: filter(at__lt=...)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} at {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def record(cls, staff, case_id: int | None, action: str) -> "AccessAudit":
        return cls.objects.create(staff=staff, case_id=case_id, action=action)


def left_out_cases() -> models.QuerySet:
    """Ids of cases whose newest consent answer says no to being counted, or was withdrawn (values("case_id")).

    The one rule of who is counted in reports: a case with no answer yet is
    counted. A "no" record with no later record of the same case, written as
    an anti-join, which PostgreSQL runs as one hash join rather than a lookup
    per case. Counters (counted_in_reports), the call-log fold
    (sessions.tasks) and the reports (reports.sources) all ask it.
    """
    from consent.models import ConsentRecord  # consent builds on cases

    later = ConsentRecord.objects.filter(case_id=models.OuterRef("case_id")).filter(
        models.Q(at__gt=models.OuterRef("at")) | models.Q(at=models.OuterRef("at"), pk__gt=models.OuterRef("pk"))
    )
    no = ConsentRecord.objects.filter(models.Q(for_reports=False) | models.Q(withdrawn_at__isnull=False))
    return no.exclude(models.Exists(later)).values("case_id")


def counted_in_reports(case: Case) -> bool:
    """Whether the case may be counted now (left_out_cases). Decided when a counter is bumped:
    a counter cannot be undone later, it has no link back to the case."""
    return not left_out_cases().filter(case_id=case.pk).exists()


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


class AnonymousCount(models.Model):
    """How often something happened in an ISO week: no case, no person, no day or time.

    What is left after erase, and what reports read.
    """

    class Kind(models.TextChoices):
        CASE_OPENED = "case_opened", "cases opened"
        CASE_CLOSED = "case_closed", "cases closed"
        CASE_ERASED = "case_erased", "cases erased"
        CONSENT_GIVEN = "consent_given", "consent given"
        CONSENT_DECLINED = "consent_declined", "consent declined"
        CONSENT_WITHDRAWN = "consent_withdrawn", "consent withdrawn"
        BOOKING_REFUSED_HOURS = "booking_refused_hours", "bookings refused outside contact hours"
        CODE_SENT_EMAIL = "code_sent_email", "codes sent by email"
        CODE_SENT_SMS = "code_sent_sms", "codes sent by text"

    kind = models.CharField(max_length=24, choices=Kind.choices)
    week = models.CharField(max_length=8, help_text="ISO week, e.g. 2025-W07")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "week"], name="one_count_per_kind_and_week")]
        ordering = ["week", "kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.week}: {self.count}"

    @classmethod
    def bump(cls, kind: str, day: date | None = None, case: Case | None = None) -> None:
        """Adds one to this week's count; nothing when `case` asked not to be counted in reports."""
        if case is not None and not counted_in_reports(case):
            return
        week = iso_week(day or timezone.localdate())
        if cls.objects.filter(kind=kind, week=week).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(kind=kind, week=week, count=1)
        except IntegrityError:  # created meanwhile by someone else
            cls.objects.filter(kind=kind, week=week).update(count=F("count") + 1)
