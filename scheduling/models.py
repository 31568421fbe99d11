"""Contact hours, service hours, appointments and their join codes.

Times of day are local to the person (an advocate's contact hours are in the
advocate's zone, service hours in the program's); instants are stored in UTC.
"""

from datetime import time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from advocacy.fields import EncryptedTextField
from cases.models import Case, Mode
from staff.models import validate_time_zone


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class TimeRange(models.Model):
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        abstract = True

    def clean(self):
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValidationError({"end": "The end must be after the start (ranges cannot cross midnight)."})

    def __str__(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


class ContactHours(TimeRange):
    """A weekly range when an advocate can be reached, in the advocate's own time zone."""

    advocate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)

    class Meta:
        ordering = ["advocate", "weekday", "start"]
        verbose_name_plural = "contact hours"


class ContactException(models.Model):
    """A date when an advocate's hours differ: a day off (no times) or changed hours."""

    advocate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_exceptions"
    )
    date = models.DateField()
    start = models.TimeField(null=True, blank=True)
    end = models.TimeField(null=True, blank=True)

    class Meta:
        ordering = ["advocate", "date", "start"]
        indexes = [models.Index(fields=["advocate", "date"])]  # ranges_on(): filter(advocate=, date=)

    def clean(self):
        if (self.start is None) != (self.end is None):
            raise ValidationError("Give both a start and an end, or neither for a day off.")
        if self.start is not None and self.end <= self.start:
            raise ValidationError({"end": "The end must be after the start."})

    @property
    def is_day_off(self) -> bool:
        return self.start is None

    def __str__(self) -> str:
        return f"{self.date}: day off" if self.is_day_off else f"{self.date}: {self.start:%H:%M}–{self.end:%H:%M}"


class Boundaries(models.Model):
    """The limits that keep an advocate's workload humane."""

    advocate = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="boundaries")
    max_sessions_per_day = models.PositiveSmallIntegerField(
        default=4, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        "minutes between sessions", default=15, validators=[MaxValueValidator(120)]
    )
    min_notice_hours = models.PositiveSmallIntegerField(
        "minimum notice (hours)", default=2, validators=[MaxValueValidator(14 * 24)]
    )
    session_minutes = models.PositiveSmallIntegerField(
        "usual session length (minutes)", default=50, validators=[MinValueValidator(15), MaxValueValidator(180)]
    )

    class Meta:
        verbose_name_plural = "boundaries"

    def __str__(self) -> str:
        return f"Boundaries of {self.advocate}"

    @classmethod
    def of(cls, advocate) -> "Boundaries":
        boundaries, _ = cls.objects.get_or_create(advocate=advocate)
        return boundaries


class ServiceHours(TimeRange):
    """When the program's services are available, in the program's time zone; shown to survivors."""

    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)

    class Meta:
        ordering = ["weekday", "start"]
        verbose_name_plural = "service hours"


class Appointment(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        NO_SHOW = "no_show", "No-show"
        DROPPED = "dropped", "Dropped"

    class Caller(models.TextChoices):
        ADVOCATE = "advocate", "The advocate calls the survivor back"
        SURVIVOR = "survivor", "The survivor rejoins with the same code"
        PROGRAM_LINE = "program_line", "The survivor calls the program's line"

    ACTIVE = (Status.SCHEDULED, Status.IN_PROGRESS)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appointments")
    advocate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    survivor_time_zone = models.CharField(max_length=64, validators=[validate_time_zone])
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.VIDEO)
    interpreter_language = models.CharField(max_length=60, blank=True)
    reconnect_caller = models.CharField(
        "if the call drops", max_length=16, choices=Caller.choices, default=Caller.ADVOCATE
    )
    reconnect_wait_minutes = models.PositiveSmallIntegerField(
        "minutes to wait before the fallback", default=5, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    # Free text agreed with the survivor (it may hold a safe number): encrypted.
    reconnect_fallback = EncryptedTextField("fallback arrangement", blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [
            # booking rules and calendars: filter(advocate=, starts_at__range=)
            models.Index(fields=["advocate", "starts_at"]),
            # program-wide reports: filter(starts_at__range=) over every advocate
            models.Index(fields=["starts_at"]),
        ]

    def __str__(self) -> str:
        # Never the alias: str() reaches logs and admin messages.
        return f"Appointment {self.pk}"

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    def in_zone(self, zone_name: str):
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(zone_name)
        return self.starts_at.astimezone(zone), self.ends_at.astimezone(zone)


class JoinCode(models.Model):
    """A code that lets one person into one appointment, stored only as a keyed hash."""

    class Role(models.TextChoices):
        SURVIVOR = "survivor", "Survivor"
        INTERPRETER = "interpreter", "Interpreter"

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="codes")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.SURVIVOR)
    code_hash = models.CharField(max_length=64, unique=True)  # code entry: get(code_hash=)
    valid_from = models.DateTimeField()
    valid_until = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} code {self.pk}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class CodeDelivery(models.Model):
    """One sending of a join code by email or text.

    The address and the code are kept, encrypted, only until the message is
    sent or finally fails (retries need them); then both are wiped.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "Text message"

    class Status(models.TextChoices):
        QUEUED = "queued", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="deliveries")
    role = models.CharField(max_length=12, choices=JoinCode.Role.choices, default=JoinCode.Role.SURVIVOR)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    address = EncryptedTextField(blank=True)
    code = EncryptedTextField(blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "code deliveries"

    def __str__(self) -> str:
        return f"{self.get_channel_display()} delivery {self.pk}"


class MessageTemplate(models.Model):
    """The wording of code messages, edited by a program admin.

    Discreet by default: no program name, nothing about the service's nature.
    Placeholders: {code}, {time}, {site}, {service_hours}.
    """

    channel = models.CharField(max_length=8, choices=CodeDelivery.Channel.choices, unique=True)
    subject = models.CharField(max_length=120, blank=True, help_text="Email only.")
    body = models.TextField()

    def __str__(self) -> str:
        return f"{self.get_channel_display()} message"

    def clean(self):
        sample = {name: name for name in PLACEHOLDERS}
        for field in ("subject", "body"):
            try:
                getattr(self, field).format(**sample)
            except (KeyError, IndexError, ValueError) as error:
                raise ValidationError(
                    {field: f"Unknown or broken placeholder ({error}). Use only {{code}}, {{time}}, {{site}}, "
                     "{service_hours}; write braces as {{ and }}."}
                ) from None
        if "{code}" not in self.body:
            raise ValidationError({"body": "The message must contain {code}."})


DEFAULT_TEMPLATES = {
    CodeDelivery.Channel.EMAIL: {
        "subject": "Your code",
        "body": "Your code: {code}\nTime: {time}\n\nOpen {site} and type the code.\n"
        "Available: {service_hours}\n",
    },
    CodeDelivery.Channel.SMS: {
        "subject": "",
        "body": "Your code: {code} for {time}. Open {site} and type it.",
    },
}
PLACEHOLDERS = ("code", "time", "site", "service_hours")
DAY_START, DAY_END = time(0, 0), time(23, 59, 59)
