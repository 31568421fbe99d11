"""What the retention jobs leave behind: a record of each run, fold claims, the beat lease.

None of these rows names a survivor: a purge record holds a job, a time and
a count; a fold claim an appointment's key (and goes with the appointment).
"""

from django.db import models
from django.utils import timezone


class PurgeRecord(models.Model):
    """One run of one retention job: what it was, when, and how many rows it removed."""

    class Job(models.TextChoices):
        CALL_EVENTS = "call_events", "call logs counted and deleted"
        ROOMS = "rooms", "video rooms retired"
        JOIN_CODES = "join_codes", "expired join codes deleted"
        CODE_DELIVERIES = "code_deliveries", "code sendings deleted"
        CONTACTS = "contacts", "kept contact details forgotten"
        NOTES = "notes", "notes deleted"
        CLOSED_CASES = "closed_cases", "closed cases erased"
        ACCESS_RECORDS = "access_records", "staff access records deleted"
        THROTTLE = "throttle", "code-entry throttling keys cleared"
        PURGE_RECORDS = "purge_records", "old purge records deleted"

    job = models.CharField(max_length=20, choices=Job.choices)
    ran_at = models.DateTimeField(default=timezone.now, db_index=True)  # purge_records: filter(ran_at__lt=...)
    rows_removed = models.PositiveIntegerField()

    class Meta:
        ordering = ["-ran_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_job_display()}: {self.rows_removed} at {self.ran_at:%Y-%m-%d %H:%M}"


class FoldedAppointment(models.Model):
    """The claim that an appointment's call events were counted: inserted once, so counted once.

    Its key is the appointment's, so a second worker's insert fails and
    rolls its fold back. It goes with the appointment.
    """

    appointment = models.OneToOneField(
        "scheduling.Appointment", on_delete=models.CASCADE, primary_key=True, related_name="retention_fold"
    )
    folded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Fold of appointment {self.appointment_id}"


class BeatLease(models.Model):
    """Which beat process may send the periodic jobs: one row, held by one process until it expires."""

    name = models.CharField(max_length=20, primary_key=True)
    holder = models.CharField(max_length=32)  # a random token of the holding process, nothing about the host
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Beat lease until {self.expires_at:%H:%M:%S}"
