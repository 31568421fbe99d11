"""Throttling of code entry (invariant 2): keyed-hash buckets in the cache, an hour at most.

Failures are counted per client (a keyed hash of the address, never the
address) and program-wide, so neither one guesser nor many can try codes
for long.
"""

from django.conf import settings
from django.core.cache import cache

from advocacy.privacy import count_in_cache

WINDOW_SECONDS = 3600  # no bucket outlives an hour
PROGRAM_BUCKET = "join-fail:program"


def _client_bucket(client_key: str) -> str:
    return f"join-fail:{client_key}"


def is_throttled(client_key: str) -> bool:
    client = cache.get(_client_bucket(client_key), 0)
    program = cache.get(PROGRAM_BUCKET, 0)
    return client >= settings.JOIN_FAILURE_LIMIT or program >= settings.JOIN_PROGRAM_FAILURE_LIMIT


def record_failure(client_key: str) -> None:
    for bucket in (_client_bucket(client_key), PROGRAM_BUCKET):
        count_in_cache(bucket, WINDOW_SECONDS)


def clear(client_key: str) -> None:
    cache.delete(_client_bucket(client_key))


def clear_all() -> int:
    """For the retention job: drops the program bucket (client buckets expire by themselves)."""
    return int(cache.delete(PROGRAM_BUCKET))
