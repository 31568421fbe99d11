"""The demo program for `make run`: known accounts, only with DEBUG on."""

from base64 import b32encode
from binascii import unhexlify
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from advocacy.privacy import keyed_hash

from .models import User


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    role: str


DEMO_PEOPLE = (
    DemoPerson("demo-admin", "Robin", "Okafor", User.Role.PROGRAM_ADMIN),
    DemoPerson("demo-supervisor", "Sam", "Lindqvist", User.Role.SUPERVISOR),
    DemoPerson("demo-advocate", "Alex", "Moreno", User.Role.ADVOCATE),
    DemoPerson("demo-advocate-2", "Jordan", "Reyes", User.Role.ADVOCATE),
)


def demo_password(username: str) -> str:
    # Derived, not random: running the seed again prints the same password.
    return "demo-" + keyed_hash("demo-password", username)[:16]


def demo_totp_key(username: str) -> str:
    return keyed_hash("demo-totp", username, length=40)  # 20 bytes, hex, as django-otp stores it


def base32_secret(hex_key: str) -> str:
    return b32encode(unhexlify(hex_key)).decode()


@transaction.atomic
def seed() -> list[dict]:
    supervisor = None
    accounts = []
    for person in DEMO_PEOPLE:
        user, _ = User.objects.get_or_create(
            username=person.username,
            defaults={"first_name": person.first_name, "last_name": person.last_name, "role": person.role},
        )
        user.role = person.role
        if person.role == User.Role.ADVOCATE:
            user.supervisor = supervisor
        password = demo_password(person.username)
        if not user.check_password(password):
            user.set_password(password)
        user.save()
        if person.role == User.Role.SUPERVISOR:
            supervisor = user
        key = demo_totp_key(person.username)
        TOTPDevice.objects.update_or_create(
            user=user, name="default", defaults={"key": key, "confirmed": True}
        )
        accounts.append(
            {"username": user.username, "password": password, "totp_secret": base32_secret(key), "role": user.role}
        )
    return accounts
