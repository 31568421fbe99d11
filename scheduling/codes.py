"""Join codes: 12 characters of Crockford base32 (60 bits), shown as K7QP-2MXD-9TRA.

Only a keyed hash is stored. Entry forgives case, spaces, dashes and the
look-alikes Crockford folds together (O->0, I/L->1).
"""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from advocacy.privacy import keyed_hash

from .models import Appointment, JoinCode

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
LENGTH = 12
LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def generate() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[0:4]}-{raw[4:8]}-{raw[8:12]}"


def normalize(typed: str) -> str:
    """What a person typed, as the canonical 12 characters (or '' if it cannot be a code)."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(LOOK_ALIKES)
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return ""
    return cleaned


def hash_code(code: str) -> str:
    return keyed_hash("join-code", normalize(code), length=64)


def window(appointment: Appointment) -> tuple[datetime, datetime]:
    early = timedelta(minutes=settings.JOIN_CODE_EARLY_MINUTES)
    grace = timedelta(minutes=settings.JOIN_CODE_GRACE_MINUTES)
    return appointment.starts_at - early, appointment.ends_at + grace


@transaction.atomic
def issue(appointment: Appointment, role: str = JoinCode.Role.SURVIVOR, code: str | None = None) -> str:
    """Activates a code for `role` (a new one unless given), revoking the previous one.

    The plain code is returned, never stored.
    """
    revoke(appointment, role)
    code = code or generate()
    valid_from, valid_until = window(appointment)
    JoinCode.objects.create(
        appointment=appointment, role=role, code_hash=hash_code(code), valid_from=valid_from, valid_until=valid_until
    )
    return code


def revoke(appointment: Appointment, role: str | None = None) -> int:
    codes = JoinCode.objects.filter(appointment=appointment, revoked_at=None)
    if role:
        codes = codes.filter(role=role)
    return codes.update(revoked_at=timezone.now())


class CodeCheck:
    """The answer to a typed code: which appointment, or why not."""

    VALID, UNKNOWN, EARLY, EXPIRED = "valid", "unknown", "early", "expired"

    def __init__(self, state: str, code: JoinCode | None = None):
        self.state = state
        self.code = code

    @property
    def ok(self) -> bool:
        return self.state == self.VALID


def check(typed: str, now: datetime | None = None) -> CodeCheck:
    """Revoked codes and codes of cancelled appointments look exactly like unknown ones."""
    if not normalize(typed):
        return CodeCheck(CodeCheck.UNKNOWN)
    code = (
        JoinCode.objects.select_related("appointment", "appointment__case")
        .filter(code_hash=hash_code(typed), revoked_at=None)
        .first()
    )
    if code is None or code.appointment.status == Appointment.Status.CANCELLED:
        return CodeCheck(CodeCheck.UNKNOWN)
    now = now or timezone.now()
    if now < code.valid_from:
        return CodeCheck(CodeCheck.EARLY, code)
    if now > code.valid_until:
        return CodeCheck(CodeCheck.EXPIRED, code)
    return CodeCheck(CodeCheck.VALID, code)
