"""Client addresses: used only to key abuse throttling, never stored.

The address is turned into a keyed hash at once; the hash lives only in the
cache with a short TTL (privacy invariant 2).
"""

import hmac
from hashlib import sha256
from ipaddress import ip_address

from django.conf import settings
from django.core.cache import cache

# Request headers that describe the person's device or where they came from.
INCIDENTAL_META = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_SEC_CH_UA",
    "HTTP_SEC_CH_UA_MOBILE",
    "HTTP_SEC_CH_UA_PLATFORM",
)
INCIDENTAL_HEADERS = {
    b"x-forwarded-for",
    b"x-real-ip",
    b"forwarded",
    b"user-agent",
    b"referer",
    b"sec-ch-ua",
    b"sec-ch-ua-mobile",
    b"sec-ch-ua-platform",
}


def keyed_hash(purpose: str, value: str, length: int = 32) -> str:
    """A short hex HMAC of `value`: equal inputs meet in the cache, nothing reversible is kept."""
    key = f"{settings.SECRET_KEY}:{purpose}".encode()
    return hmac.new(key, value.encode(), sha256).hexdigest()[:length]


def count_in_cache(key: str, timeout: int) -> int:
    """Adds one to a counter that lives only in the cache, at most `timeout` seconds; returns it."""
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        return 1


def _is_address(value: str) -> bool:
    try:
        ip_address(value)
    except ValueError:
        return False
    return True


def client_address(peer: str | None, forwarded_for: str | None) -> str:
    """The client's address: the socket's peer, unless the peer is a trusted proxy.

    Behind a trusted proxy the rightmost X-Forwarded-For entry that is not
    itself a trusted proxy is the client; anything left of it was written by
    the client and could be forged.
    """
    peer = peer or ""
    trusted = settings.TRUSTED_PROXIES
    if not forwarded_for or peer not in trusted:
        return peer
    for hop in reversed([part.strip() for part in forwarded_for.split(",")]):
        if hop not in trusted and _is_address(hop):
            return hop
    return peer


def client_key(peer: str | None, forwarded_for: str | None) -> str:
    return keyed_hash("client", client_address(peer, forwarded_for))
