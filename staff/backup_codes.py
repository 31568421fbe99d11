"""Backup codes, stored as keyed hashes.

django-otp's StaticToken keeps codes in plain text; here the token column
holds an HMAC of the code instead, and the login form hashes what is typed
before django-otp compares it.
"""

import secrets

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice

from advocacy.privacy import keyed_hash

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i look-alikes
CODE_LENGTH = 10  # about 50 bits


def normalize(code: str) -> str:
    return "".join(ch for ch in code.casefold() if ch.isalnum())


def hash_code(code: str) -> str:
    # StaticToken.token is 16 characters: 64 bits of a keyed hash.
    return keyed_hash("backup-code", normalize(code))[:16]


def format_code(raw: str) -> str:
    return f"{raw[:5]}-{raw[5:]}"


def new_codes(user, count: int) -> list[str]:
    """Replaces the person's backup codes; returns the new ones, shown once and never stored."""
    codes = ["".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)) for _ in range(count)]
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": "backup"})
        device.token_set.all().delete()
        device.token_set.bulk_create([device.token_set.model(device=device, token=hash_code(c)) for c in codes])
    return [format_code(code) for code in codes]


def remaining(user) -> int:
    device = StaticDevice.objects.filter(user=user).first()
    return device.token_set.count() if device else 0
