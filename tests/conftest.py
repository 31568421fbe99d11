import os
import shutil
import socket
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.models import User

pytest_plugins = ["tests.jitsi_fixtures"]

CHROMIUM = "/usr/bin/chromium"
STAFF_PASSWORD = "correct horse battery staple 42"


# --- services: skip without them, fail in CI ------------------------------------


def _reachable(url: str | None, default_port: int) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def _missing_services() -> dict[str, str]:
    missing = {}
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        missing["postgres"] = "needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test"
    elif not _reachable(os.environ.get("DATABASE_URL"), 5432):
        missing["postgres"] = "needs PostgreSQL: DATABASE_URL is set but nothing answers there"
    if not settings.REDIS_URL:
        missing["redis"] = "needs Redis: set REDIS_URL=redis://127.0.0.1:6379/0"
    elif not _reachable(settings.REDIS_URL, 6379):
        missing["redis"] = "needs Redis: REDIS_URL is set but nothing answers there"
    if not shutil.which(CHROMIUM):
        missing["browser"] = f"needs Chromium from the OS packages at {CHROMIUM} (apt-get install -y chromium)"
    return missing


def pytest_collection_modifyitems(config, items):
    missing = _missing_services()
    required = os.environ.get("REQUIRE_SERVICES") == "1"
    for item in items:
        for marker, reason in missing.items():
            if marker in item.keywords:
                # CI (REQUIRE_SERVICES=1): a test that needs a service must run, never skip.
                mark = pytest.mark.service_missing(reason) if required else pytest.mark.skip(reason=reason)
                item.add_marker(mark)


def pytest_runtest_setup(item):
    for mark in item.iter_markers("service_missing"):
        pytest.fail(f"REQUIRE_SERVICES=1 but this test {mark.args[0]}", pytrace=False)


@pytest.fixture(autouse=True)
def fresh_cache():
    # The cache holds program settings and lockout and throttle counts: no test inherits another's.
    from django.core.cache import cache

    cache.clear()
    yield


def reset_channel_layers() -> None:
    """Drops the process's channel layer instances: the next get_channel_layer() makes new ones.

    channels-redis ties a layer's receiving to the event loop that receives first. Each async
    test and each live server runs its own loop; a consumer still receiving on a loop that is
    going away would leave the shared layer refusing every later loop ("Two event loops...").
    """
    from channels.layers import channel_layers

    channel_layers.backends.clear()


@pytest.fixture(autouse=True)
def fresh_channel_layers():
    reset_channel_layers()  # no test inherits another's channel layer
    yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's deliberate slowness is for attackers, not for a test suite.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def cache_dump() -> str:
    """Every key and value in the cache, values unpickled, as text (local memory or Redis).

    Sessions (staff sign-ins, survivors' visits) live in the cache, so this is
    also where a test looks for what a session holds.
    """
    import pickle

    from django.core.cache import cache

    if hasattr(cache._cache, "get_client"):  # Redis
        client = cache._cache.get_client()
        keys = [key for key in client.keys("*") if client.type(key) == b"string"]
        values = [cache._cache._serializer.loads(client.get(key)) for key in keys]
    else:
        keys = list(cache._cache.keys())
        values = [pickle.loads(value) for value in cache._cache.values()]
    return repr(keys) + repr(values)


def every_table_raw() -> dict[str, str]:
    """Every row of every table, read with SQL as a database dump would show it: {table: text}."""
    from django.db import connection

    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            tables[table] = repr(cursor.fetchall())
    return tables


def every_model_read() -> dict[str, str]:
    """Every row of every model read through the ORM, encrypted fields in clear: {model label: text}.

    One line per row, its fields' values as text, as a dump of the decrypted table would show it.
    """
    from django.apps import apps

    models = {}
    for model in apps.get_models(include_auto_created=True):
        names = [field.attname for field in model._meta.concrete_fields]
        rows = model._base_manager.values_list(*names)
        models[model._meta.label] = "\n".join(" ".join(str(value) for value in row) for row in rows)
    return models


def _life_left(made_key: str) -> float:
    """Seconds an entry has left in the cache (local memory or Redis), by its stored key."""
    import time

    from django.core.cache import cache

    if hasattr(cache._cache, "get_client"):  # Redis
        return cache._cache.get_client().pttl(made_key) / 1000
    return cache._expire_info[made_key] - time.time()


def session_ttl(session_key: str) -> float:
    """Seconds the session has left in the cache before it vanishes."""
    from django.contrib.sessions.backends.cache import SessionStore
    from django.core.cache import cache

    return _life_left(cache.make_key(SessionStore(session_key).cache_key))


def let_sessions_expire() -> int:
    """Deletes what the cache would have let go by the end of the idle time: every session.

    Tests that move timezone.now() cannot move the cache's own clock; this is
    what a session's time-to-live (SESSION_COOKIE_AGE) does to it. Checks that
    no session outlives the idle time, so deleting them stands for their expiry.
    """
    from django.conf import settings
    from django.contrib.sessions.backends.cache import KEY_PREFIX
    from django.core.cache import cache

    prefix = cache.make_key(KEY_PREFIX)
    if hasattr(cache._cache, "get_client"):  # Redis
        stored = [key.decode() for key in cache._cache.get_client().keys(prefix + "*")]
    else:
        stored = [key for key in cache._cache if key.startswith(prefix)]
    lives = [_life_left(key) for key in stored]
    assert all(0 < life <= settings.SESSION_COOKIE_AGE for life in lives), lives
    # make_key() put "<KEY_PREFIX>:<version>:" in front of each.
    cache.delete_many([key.split(":", 2)[2] for key in stored])
    return len(stored)


# --- staff -------------------------------------------------------------------------


@pytest.fixture
def make_staff(db):
    """Creates a staff member with a confirmed authenticator: make_staff("advocate", "alex")."""
    counter = iter(range(1, 10_000))

    def make(role: str = User.Role.ADVOCATE, username: str | None = None, **fields) -> User:
        username = username or f"{role}-{next(counter)}"
        user = User(username=username, role=role, first_name=username.title(), **fields)
        user.set_password(STAFF_PASSWORD)
        user.save()
        # two_factor treats the device named "default" as the primary one.
        TOTPDevice.objects.create(user=user, name="default", confirmed=True)
        return user

    return make


def totp_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def login_verified(client, user: User) -> None:
    """Signs the test client in as `user` with a verified second factor."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()


@pytest.fixture
def advocate(make_staff):
    return make_staff(User.Role.ADVOCATE, "alex")


@pytest.fixture
def other_advocate(make_staff):
    return make_staff(User.Role.ADVOCATE, "jordan")


@pytest.fixture
def supervisor(make_staff):
    return make_staff(User.Role.SUPERVISOR, "sam")


@pytest.fixture
def program_admin(make_staff):
    return make_staff(User.Role.PROGRAM_ADMIN, "robin")


@pytest.fixture
def staff_client(client):
    """staff_client(user) -> a test client signed in as user, second factor verified."""

    def sign_in(user: User):
        login_verified(client, user)
        return client

    return sign_in


def session_cookie_header(client) -> list[tuple[bytes, bytes]]:
    """The test client's session cookie as an ASGI header, for a WebSocket opened beside it."""
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [(b"cookie", f"{settings.SESSION_COOKIE_NAME}={value}".encode())]
