"""The program's own settings, edited by a program admin: one row.

Every other app reads them (data flows from here outwards); the consent form
quotes the retention periods from here, so it always tells the truth.
"""

from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from staff.models import validate_time_zone


CACHE_KEY = "program-settings"
CACHE_SECONDS = 60


def bounded(default: int, low: int, high: int, help_text: str, verbose_name: str):
    return models.PositiveIntegerField(
        verbose_name,
        default=default,
        validators=[MinValueValidator(low), MaxValueValidator(high)],
        help_text=f"{help_text} Between {low} and {high}.",
    )


class ProgramSettings(models.Model):
    name = models.CharField(
        "program name shown to survivors",
        max_length=120,
        blank=True,
        help_text="Leave empty to keep survivor pages and messages free of any program name.",
    )
    phone = models.CharField(
        "program phone number",
        max_length=40,
        blank=True,
        help_text="Shown to survivors who cannot join by video, and when code entry is paused.",
    )
    time_zone = models.CharField(
        "program time zone",
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text="The zone of the program's service hours, e.g. America/Chicago.",
    )
    exit_url = models.URLField(
        "quick-exit site",
        default="https://www.wikipedia.org/",
        help_text="A neutral site that quick exit opens in place of the current page.",
    )
    note_max_length = bounded(
        1000, 200, 5000, "The most characters a hand note may hold.", "note length limit"
    )
    note_retention_days = bounded(
        365, 30, 7 * 365, "Notes are deleted this many days after they were written.", "keep notes for (days)"
    )
    closed_case_retention_days = bounded(
        90, 7, 7 * 365, "A closed case, with everything in it, is deleted this many days after closing.",
        "keep closed cases for (days)",
    )
    call_event_retention_hours = bounded(
        24, 1, 14 * 24,
        "Join, leave, admit and drop times of a session are turned into anonymous counts and deleted "
        "this many hours after the session ends.",
        "keep call logs for (hours)",
    )
    audit_retention_days = bounded(
        365, 30, 3 * 365, "Records of which staff member opened which case are deleted after this many days.",
        "keep staff access records for (days)",
    )
    report_threshold = bounded(
        5, 3, 20, "Report cells with fewer than this many are shown as a range, never as an exact number.",
        "smallest number shown in reports",
    )

    class Meta:
        verbose_name = verbose_name_plural = "program settings"

    def __str__(self) -> str:
        return "Program settings"

    def save(self, *args, **kwargs):
        self.pk = 1  # exactly one row
        super().save(*args, **kwargs)
        cache.delete(CACHE_KEY)

    @classmethod
    def load(cls) -> "ProgramSettings":
        """The settings, read from the cache (every survivor page shows them); a save refreshes it."""
        return cache.get_or_set(CACHE_KEY, lambda: cls.objects.get_or_create(pk=1)[0], CACHE_SECONDS)
