"""Locks a username after repeated wrong passwords or tokens.

Keyed on a keyed hash of the username, in the cache with a TTL; no client
address is involved or stored.
"""

from django.conf import settings
from django.core.cache import cache

from advocacy.privacy import count_in_cache, keyed_hash


def _key(username: str) -> str:
    return "lockout:" + keyed_hash("lockout", username.strip().casefold())


def _timeout() -> int:
    return settings.LOGIN_LOCKOUT_MINUTES * 60


def locked_message() -> str:
    return (
        f"Too many failed attempts. Sign-in for this account is paused for "
        f"{settings.LOGIN_LOCKOUT_MINUTES} minutes; your program admin can unlock it sooner."
    )


def is_locked(username: str) -> bool:
    return cache.get(_key(username), 0) >= settings.LOGIN_FAILURE_LIMIT


def record_failure(username: str) -> int:
    key = _key(username)
    count = count_in_cache(key, _timeout())
    cache.touch(key, _timeout())  # the pause runs from the latest failure
    return count


def clear(username: str) -> None:
    cache.delete(_key(username))
