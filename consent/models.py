"""Informed consent: form versions (immutable once used) and what each survivor agreed to.

A version exists per language. The retention figures in its text are
placeholders filled from ProgramSettings when it is shown, so the form always
tells the truth about what is kept and for how long.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max
from django.utils import timezone

from cases.models import Case, mode_labels, validate_modes
from program.models import ProgramSettings

from .defaults import SECTION_HEADINGS

PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")
RETENTION_PLACEHOLDERS = (
    "note_retention_days",
    "closed_case_retention_days",
    "call_event_retention_hours",
    "audit_retention_days",
)
SECTIONS = ("service", "recording", "risks", "written_down", "confidentiality", "other_ways")


class Language(models.TextChoices):
    EN = "en", "English"
    ES = "es", "Español"


class ConsentFormInUse(Exception):
    """A version that a consent record uses never changes: edit means a new version."""


def fill_placeholders(text: str, values: dict[str, object]) -> str:
    # Plain substitution, not the template engine: admin-edited text must not run template tags.
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def paragraphs(text: str) -> list[str]:
    # Admin textareas post CRLF line ends.
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


class ConsentForm(models.Model):
    language = models.CharField(max_length=2, choices=Language.choices)
    version = models.PositiveIntegerField(editable=False)
    title = models.CharField(max_length=120)
    service = models.TextField("what the video service is and how it works")
    recording = models.TextField("the session is never recorded")
    risks = models.TextField("risks: a monitored device, call history, being overheard")
    written_down = models.TextField(
        "what the program writes down and for how long",
        help_text="{{ note_retention_days }}, {{ closed_case_retention_days }}, {{ call_event_retention_hours }} "
        "and {{ audit_retention_days }} are filled in from the program settings when the form is shown.",
    )
    confidentiality = models.TextField(
        "limits of confidentiality and mandatory reporting",
        help_text="Your program's own rules: what you must report, to whom, and when.",
    )
    other_ways = models.TextField("choosing another way (phone, in person) and withdrawing at any time")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="The newest published version of a language is the one survivors see."
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "version"], name="one_version_number_a_language")]
        ordering = ["language", "-version"]

    def __str__(self) -> str:
        return f"{self.get_language_display()}, version {self.version}"

    def in_use(self) -> bool:
        return self.pk is not None and ConsentRecord.objects.filter(form_id=self.pk).exists()

    def clean(self):
        if self.in_use():
            raise ValidationError(
                f"Version {self.version} is in use by consent records and cannot change. "
                "Use “Save as new” to keep your changes as a new version."
            )

    def save(self, *args, **kwargs):
        if self.in_use():
            raise ConsentFormInUse(f"{self} is in use by consent records; save the change as a new version.")
        if self.version is None:
            latest = ConsentForm.objects.filter(language=self.language).aggregate(Max("version"))["version__max"]
            self.version = (latest or 0) + 1
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.in_use():
            raise ConsentFormInUse(f"{self} is in use by consent records and is kept.")
        return super().delete(*args, **kwargs)

    def sections(self) -> list[tuple[str, list[str]]]:
        """(heading, paragraphs) in order, retention figures filled in from the program settings."""
        program = ProgramSettings.load()
        values = {name: getattr(program, name) for name in RETENTION_PLACEHOLDERS}
        headings = SECTION_HEADINGS[self.language]
        return [(headings[name], paragraphs(fill_placeholders(getattr(self, name), values))) for name in SECTIONS]


class ConsentRecord(models.Model):
    """One answer to one form version: agree or decline, the ways and purposes agreed, how, when."""

    class GivenBy(models.TextChoices):
        SURVIVOR = "survivor", "by the survivor, on the join page"
        ADVOCATE = "advocate", "verbally, recorded by an advocate"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consent_records")
    form = models.ForeignKey(ConsentForm, on_delete=models.PROTECT, related_name="records")
    agreed = models.BooleanField()
    modes = models.JSONField("ways agreed", default=list, blank=True, validators=[validate_modes])
    for_sessions = models.BooleanField("agreed to digital sessions", default=False)
    for_reports = models.BooleanField("agreed to be counted in anonymized reports", default=False)
    given_by = models.CharField(max_length=10, choices=GivenBy.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # services._latest_record(): filter(case=...).order_by("-at", "-pk") uses the case foreign key's index.
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Consent record {self.pk}"

    @property
    def mode_labels(self) -> list[str]:
        return mode_labels(self.modes)
