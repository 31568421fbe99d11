"""Sending to a group from synchronous code (gunicorn's workers, Celery) reuses the layer's Redis connections."""

import asyncio
import threading
import time

import pytest
import redis
from channels.layers import get_channel_layer
from django.conf import settings

from advocacy.layer import group_send


@pytest.mark.redis
def test_messages_from_sync_code_open_no_new_connections():
    server = redis.Redis.from_url(settings.REDIS_URL)
    group_send("layer-test", {"type": "layer.test"})  # the sending loop's connection
    before = server.info("stats")["total_connections_received"]
    for _ in range(20):
        group_send("layer-test", {"type": "layer.test"})
    # async_to_sync from a plain thread opened one connection a message.
    assert server.info("stats")["total_connections_received"] - before <= 2



@pytest.fixture(scope="module")
def other_event_loop():
    """A loop in another thread, as a live server's is: left running until this module ends."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield loop
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)


@pytest.mark.redis
def test_a_consumer_left_receiving_on_another_event_loop(other_event_loop):
    """What a live server still shutting down leaves: a consumer waiting on its loop."""
    layer = get_channel_layer()
    channel = asyncio.run_coroutine_threadsafe(layer.new_channel(), other_event_loop).result(5)
    asyncio.run_coroutine_threadsafe(layer.receive(channel), other_event_loop)
    time.sleep(0.1)
    assert layer.receive_count == 1  # this layer now refuses to receive on any other loop


@pytest.mark.redis
async def test_the_next_test_receives_on_its_own_event_loop():
    # Runs after the test above: no test inherits another's channel layer (tests/conftest.py).
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.send(channel, {"type": "layer.test"})
    assert (await layer.receive(channel))["type"] == "layer.test"
