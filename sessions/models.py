"""A room per meeting, the live call events, and the anonymous counters they become.

Call events exist to run the live session (who is waiting, admitted, in the
room, gone); the retention job folds them into SessionCount and deletes them
(privacy invariant 5). None of them holds an address, a device or a name.
"""

import base64
import secrets

from django.db import models
from django.utils import timezone

from scheduling.models import Appointment

ROOM_NAME_BYTES = 20  # 160 bits: nobody guesses a room


def new_room_name() -> str:
    # Lower-case base32: Prosody compares room names lower-cased.
    return base64.b32encode(secrets.token_bytes(ROOM_NAME_BYTES)).decode().rstrip("=").lower()


class Room(models.Model):
    """The meeting's room on the program's Jitsi: a random name that says nothing about the case."""

    appointment = models.OneToOneField(Appointment, on_delete=models.CASCADE, related_name="room")
    # Emptied when the room is retired after its appointment.
    name = models.CharField(max_length=64, unique=True, null=True, default=new_room_name)
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Room of appointment {self.appointment_id}"

    @property
    def is_open(self) -> bool:
        return self.name is not None and self.retired_at is None


class CallEvent(models.Model):
    class Kind(models.TextChoices):
        ARRIVED = "arrived", "arrived in the waiting room"
        CALLBACK = "callback", "asked to be called instead"
        ADMITTED = "admitted", "admitted"
        JOINED = "joined", "joined the room"
        LEFT = "left", "left"
        DROPPED = "dropped", "connection lost"
        ENDED = "ended", "meeting ended"

    class Who(models.TextChoices):
        SURVIVOR = "survivor", "survivor"
        INTERPRETER = "interpreter", "interpreter"
        STAFF = "staff", "advocate"
        SERVER = "server", "video server"

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="call_events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    who = models.CharField(max_length=12, choices=Who.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["appointment", "at"])]  # live_status(): filter(appointment=).order_by(at)

    def __str__(self) -> str:
        return f"{self.get_who_display()} {self.get_kind_display()}"


class SessionCount(models.Model):
    """Anonymous counters of held sessions: no case, no person, no exact time (an ISO week at most)."""

    class Outcome(models.TextChoices):
        COMPLETED = "completed", "held"
        DROPPED = "dropped", "dropped"
        NO_SHOW = "no_show", "no-show"
        CANCELLED = "cancelled", "cancelled"

    week = models.CharField(max_length=8)
    mode = models.CharField(max_length=10)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    duration_bucket = models.CharField(max_length=12, blank=True)
    wait_bucket = models.CharField(max_length=12, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["week", "mode", "outcome", "duration_bucket", "wait_bucket"], name="one_session_count_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.week} {self.mode} {self.outcome}: {self.count}"
