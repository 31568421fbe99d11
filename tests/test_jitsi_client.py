"""The Jitsi server client against the loopback stand-in; and /healthz's Jitsi check."""

import logging
import time

import pytest

from sessions.jitsi_client import JitsiClient, JitsiError

CLOSED = "http://127.0.0.1:1"  # nothing listens on port 1


@pytest.fixture
def jitsi(jitsi_standin):
    with JitsiClient(jitsi_standin.url, timeout=2, retries=2, backoff=0.01) as jitsi:
        yield jitsi


def test_health_passes_when_jitsi_answers(jitsi, jitsi_standin):
    jitsi.health()
    assert jitsi_standin.hits["/health"] == 1


def test_it_counts_the_participants_of_a_room(jitsi, jitsi_standin):
    jitsi_standin.add_participant("room-a", "Alex")
    jitsi_standin.add_participant("room-a", "River")
    jitsi_standin.add_participant("room-b", "Sam")
    assert jitsi.room_size("room-a") == 2


def test_a_room_that_does_not_exist_has_nobody_in_it(jitsi):
    assert jitsi.room_size("room-a") == 0
    assert jitsi.participants("room-a") == []


def test_it_drops_the_participants_names_and_emails(jitsi, jitsi_standin):
    endpoint = jitsi_standin.add_participant("room-a", "River Stone", "river@example.org")
    assert jitsi.participants("room-a") == [endpoint]


def test_it_ends_a_meeting_with_the_system_token(jitsi, jitsi_standin):
    jitsi_standin.add_participant("room-a", "Alex")
    assert jitsi.end_meeting("room-a") is True
    assert "room-a" not in jitsi_standin.rooms
    assert jitsi.end_meeting("room-a") is False


def test_it_says_clearly_when_jitsi_refuses_the_system_token(jitsi, jitsi_standin, settings):
    jitsi_standin.add_participant("room-a", "Alex")
    settings.JITSI_SYSTEM_KEY_ID = "a-key-prosody-does-not-know"
    with pytest.raises(JitsiError, match=r"POST /end-meeting: Jitsi refused the token \(401\)"):
        jitsi.end_meeting("room-a")
    assert "room-a" in jitsi_standin.rooms


def test_it_gives_up_quickly_when_jitsi_is_slow(jitsi_standin):
    jitsi_standin.delay = 1.0
    started = time.monotonic()
    with JitsiClient(jitsi_standin.url, timeout=0.3, retries=2) as slow:
        with pytest.raises(JitsiError, match=r"GET /room-size: no answer within 0.3 s"):
            slow.room_size("room-a")
    assert time.monotonic() - started < 0.9
    assert jitsi_standin.hits["/room-size"] == 1  # a timeout is not retried


def test_it_retries_a_5xx_and_succeeds(jitsi, jitsi_standin):
    jitsi_standin.add_participant("room-a", "Alex")
    jitsi_standin.fail_next = 2
    assert jitsi.room_size("room-a") == 1
    assert jitsi_standin.hits["/room-size"] == 3


def test_it_stops_retrying_after_its_bound(jitsi, jitsi_standin):
    jitsi_standin.fail_next = 10
    with pytest.raises(JitsiError, match=r"GET /health: answered 503 after 3 attempts"):
        jitsi.health()
    assert jitsi_standin.hits["/health"] == 3


def test_it_reports_an_answer_that_is_not_json(jitsi, jitsi_standin):
    jitsi_standin.add_participant("room-a", "Alex")
    jitsi_standin.bad_json = True
    with pytest.raises(JitsiError, match="GET /room-size: the answer is not JSON"):
        jitsi.room_size("room-a")
    with pytest.raises(JitsiError, match="GET /room: the answer is not JSON"):
        jitsi.participants("room-a")


def test_it_reports_a_server_that_does_not_answer():
    with JitsiClient(CLOSED, timeout=0.3, retries=1, backoff=0.01) as nowhere:
        with pytest.raises(JitsiError, match="GET /health: could not connect after 2 attempts"):
            nowhere.health()


def test_it_logs_no_room_name_display_name_or_address(jitsi, jitsi_standin, caplog):
    jitsi_standin.add_participant("secret-room", "River Stone")
    jitsi_standin.fail_next = 1
    with caplog.at_level(logging.DEBUG, logger="sessions.jitsi_client"):
        jitsi.participants("secret-room")
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "GET /room" in logged
    assert "secret-room" not in logged and "River" not in logged and "127.0.0.1" not in logged


@pytest.mark.django_db
def test_healthz_reports_jitsi_up(client, jitsi_standin):
    response = client.get("/healthz")
    assert response.json()["checks"]["jitsi"] == "ok"
    assert jitsi_standin.hits["/health"] == 1


@pytest.mark.django_db
def test_healthz_reports_jitsi_down_with_a_503(client, settings):
    settings.JITSI_API_URL = CLOSED
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["jitsi"] == "down"
