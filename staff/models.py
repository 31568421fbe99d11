import secrets
import zoneinfo

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac


def new_session_salt() -> str:
    return secrets.token_hex(16)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a time zone name such as America/Chicago.")


class StaffManager(UserManager):
    def advocates(self):
        return self.filter(role=User.Role.ADVOCATE, is_active=True)


class User(AbstractUser):
    """A member of the program's staff. Survivors never have an account."""

    class Role(models.TextChoices):
        ADVOCATE = "advocate", "Advocate"
        SUPERVISOR = "supervisor", "Supervisor"
        PROGRAM_ADMIN = "program_admin", "Program admin"

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.ADVOCATE)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    supervisor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="team",
        limit_choices_to={"role": Role.SUPERVISOR},
        help_text="The supervisor who sets this advocate's contact hours.",
    )
    # Part of the session hash: rotating it logs the person out everywhere.
    session_salt = models.CharField(max_length=32, default=new_session_salt, editable=False)

    objects = StaffManager()

    class Meta:
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_advocate(self) -> bool:
        return self.role == self.Role.ADVOCATE

    @property
    def is_supervisor(self) -> bool:
        return self.role == self.Role.SUPERVISOR

    @property
    def is_program_admin(self) -> bool:
        return self.role == self.Role.PROGRAM_ADMIN

    def save(self, *args, **kwargs):
        # Django's admin checks is_staff; only program admins use the admin site.
        self.is_staff = self.role == self.Role.PROGRAM_ADMIN
        super().save(*args, **kwargs)

    def _get_session_auth_hash(self, secret=None):
        return salted_hmac(
            "staff.User.get_session_auth_hash",
            f"{self.password}:{self.session_salt}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def end_all_sessions(self) -> None:
        """Every session of this person stops verifying at its next request."""
        self.session_salt = new_session_salt()
        self.save(update_fields=["session_salt"])
