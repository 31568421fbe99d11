"""The Redis cache opens one connection pool per process, however many threads and requests use it."""

import threading

import pytest
from django.core.cache import caches


@pytest.mark.redis
def test_every_thread_shares_one_connection_pool():
    seen = []

    def use():
        # Django makes a cache object per thread (and, under ASGI, per request).
        cache = caches["default"]
        cache.set("shared-pool", 1, 5)
        seen.append((cache, cache._cache.get_client(write=True).connection_pool))

    threads = [threading.Thread(target=use) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(cache) for cache, _ in seen}) == 5  # five cache objects...
    assert len({id(pool) for _, pool in seen}) == 1  # ...and one pool of connections


@pytest.mark.redis
def test_a_cache_call_reuses_its_client():
    cache = caches["default"]._cache
    assert cache.get_client() is cache.get_client()
