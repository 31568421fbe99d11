"""/healthz: JSON state of each part, no personal data, 503 when one is down."""

import pytest

pytestmark = pytest.mark.django_db

CLOSED = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_it_reports_every_part_up(client, jitsi_standin):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {"database", "cache", "channel_layer", "broker", "jitsi"} <= set(body["checks"])
    assert all(state == "ok" for state in body["checks"].values())


def test_it_answers_503_when_jitsi_is_down(client, settings):
    from tests.standins import free_port

    settings.JITSI_API_URL = f"http://127.0.0.1:{free_port()}"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["jitsi"] == "down"
    assert response.json()["checks"]["database"] == "ok"


def test_it_holds_no_personal_data(client, advocate):
    text = client.get("/healthz").content.decode()
    assert "alex" not in text and "127.0.0.1" not in text


def test_it_answers_503_when_redis_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CLOSED,
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [CLOSED]}}
    }
    settings.CELERY_BROKER_URL = CLOSED
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"] == checks["channel_layer"] == checks["broker"] == "down"
    assert checks["database"] == "ok"


@pytest.mark.redis
def test_it_reports_a_real_redis_up(client, jitsi_standin):
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
