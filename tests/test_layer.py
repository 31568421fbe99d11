"""Sending to a group from synchronous code (gunicorn's workers, Celery) reuses the layer's Redis connections."""

import asyncio
import threading
import time

import pytest
import redis
from channels.layers import get_channel_layer
from django.conf import settings

from advocacy.layer import group_send
from tests.conftest import reset_channel_layers


@pytest.mark.redis
def test_messages_from_sync_code_open_no_new_connections():
    server = redis.Redis.from_url(settings.REDIS_URL)
    group_send("layer-test", {"type": "layer.test"})  # the sending loop's connection
    before = server.info("stats")["total_connections_received"]
    for _ in range(20):
        group_send("layer-test", {"type": "layer.test"})
    # async_to_sync from a plain thread opened one connection a message.
    assert server.info("stats")["total_connections_received"] - before <= 2



@pytest.fixture
def other_event_loop():
    """A loop in another thread, as a live server's is, running until the test ends."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield loop
    for task in asyncio.all_tasks(loop):
        loop.call_soon_threadsafe(task.cancel)
    asyncio.run_coroutine_threadsafe(asyncio.sleep(0.05), loop).result(5)  # the cancelled tasks end
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)


async def round_trip() -> str:
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.send(channel, {"type": "layer.test"})
    return (await layer.receive(channel))["type"]


@pytest.mark.redis
def test_fresh_channel_layers_receive_after_a_consumer_left_waiting_on_another_loop(other_event_loop):
    """What a live server still shutting down leaves behind, and what each test starts from (conftest.py)."""
    layer = get_channel_layer()
    channel = asyncio.run_coroutine_threadsafe(layer.new_channel(), other_event_loop).result(5)
    asyncio.run_coroutine_threadsafe(layer.receive(channel), other_event_loop)
    time.sleep(0.1)  # the consumer is now waiting on the other loop
    with pytest.raises(RuntimeError, match="Two event loops"):
        asyncio.run(round_trip())
    reset_channel_layers()
    assert asyncio.run(round_trip()) == "layer.test"
