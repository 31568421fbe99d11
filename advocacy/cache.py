"""Django's Redis cache, with one connection pool and one redis-py client per process.

Two costs of Django's RedisCache, both measured under the join-path load:

- Django keeps a cache object per thread (and per request under ASGI: Django
  runs each request's synchronous code in a thread of its own), and each
  object opens its own connection pool. Under uvicorn every request opened
  and closed a TCP connection to Redis, with redis-py's handshake: about 1,400
  connections for 1,250 requests. Here every cache object of the process
  shares one client for its configuration.
- Django's client builds a new `redis.Redis` for every call, and redis-py 8
  fills a table of some 170 response callbacks in each: a third of a cache
  read's CPU. A `redis.Redis` is safe to share between threads (it takes a
  connection from the pool per command), so one per pool is kept.

Fork-safe: redis-py's pool notices a new process and opens its own connections.
"""

import threading

from django.core.cache.backends import redis as django_redis
from django.utils.functional import cached_property

_shared: dict[tuple, "RedisCacheClient"] = {}
_shared_lock = threading.Lock()


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # {connection pool: its client}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients.setdefault(pool, self._client(connection_pool=pool))
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    @cached_property
    def _cache(self) -> RedisCacheClient:
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        with _shared_lock:
            if key not in _shared:
                _shared[key] = self._class(self._servers, **self._options)
            return _shared[key]
