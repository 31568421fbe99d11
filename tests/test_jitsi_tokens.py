"""Jitsi tokens: this room only, this window only, nothing recorded, no email."""

import json
from base64 import urlsafe_b64decode
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from sessions.jitsi import DISABLED_FEATURES, make_token, room_api_token, system_token

START = datetime(2030, 5, 6, 14, 0, tzinfo=UTC)
END = START + timedelta(hours=1)


def token(room="room-a", name="River", *, moderator=False, start=START, end=END, **kwargs) -> str:
    return make_token(room, name, moderator=moderator, not_before=start, expires=end, **kwargs)


def claims_of(value: str) -> dict:
    payload = value.split(".")[1]
    return json.loads(urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def now_window(start_minutes: int, end_minutes: int) -> dict:
    now = datetime.now(UTC)
    return {"start": now + timedelta(minutes=start_minutes), "end": now + timedelta(minutes=end_minutes)}


def test_it_uses_jitsis_header(settings):
    assert jwt.get_unverified_header(token()) == {"alg": "HS256", "typ": "JWT"}


def test_it_names_the_app_as_issuer(settings):
    assert claims_of(token())["iss"] == settings.JITSI_APP_ID


def test_it_names_the_audience(settings):
    assert claims_of(token())["aud"] == settings.JITSI_AUDIENCE


def test_it_names_the_xmpp_domain_as_subject(settings):
    settings.JITSI_XMPP_DOMAIN = "meet.jitsi"
    assert claims_of(token())["sub"] == "meet.jitsi"


def test_it_names_exactly_this_room():
    assert claims_of(token("room-a"))["room"] == "room-a"


def test_it_starts_at_the_window_minus_the_grace(settings):
    settings.JITSI_TOKEN_GRACE_MINUTES = 10
    assert claims_of(token())["nbf"] == int((START - timedelta(minutes=10)).timestamp())


def test_it_expires_at_the_windows_end_plus_the_grace(settings):
    settings.JITSI_TOKEN_GRACE_MINUTES = 10
    assert claims_of(token())["exp"] == int((END + timedelta(minutes=10)).timestamp())


def test_it_carries_the_display_name():
    assert claims_of(token(name="River"))["context"]["user"]["name"] == "River"


def test_it_never_puts_an_email_in_the_token():
    user = claims_of(token())["context"]["user"]
    assert "email" not in user and "avatar" not in user
    assert "email" not in json.dumps(claims_of(token(moderator=True)))


def test_only_staff_are_moderators():
    assert claims_of(token(moderator=True))["context"]["user"] | {"name": ""} == {
        "name": "",
        "moderator": "true",
        "affiliation": "owner",
    }
    assert claims_of(token(moderator=False))["context"]["user"] | {"name": ""} == {
        "name": "",
        "moderator": "false",
        "affiliation": "member",
    }


def test_it_turns_recording_streaming_transcription_and_outbound_calls_off():
    features = claims_of(token())["context"]["features"]
    assert features == {
        "recording": "false",
        "livestreaming": "false",
        "transcription": "false",
        "outbound-call": "false",
        "sip-outbound-call": "false",
    }


def test_it_refuses_to_turn_recording_on():
    with pytest.raises(ValueError, match="recording"):
        token(features={**DISABLED_FEATURES, "recording": "true"})
    with pytest.raises(ValueError, match="must stay off"):
        token(features={"recording": "false"})


@pytest.mark.parametrize("room", ["*", "Room-A", "", "room a", "room@muc", "a" * 65])
def test_it_never_makes_a_token_for_every_room_or_a_malformed_one(room):
    with pytest.raises(ValueError):
        token(room)


def test_it_refuses_a_window_that_ends_before_it_starts():
    with pytest.raises(ValueError):
        token(start=END, end=START)


def test_it_refuses_a_window_without_a_time_zone():
    with pytest.raises(ValueError):
        token(start=START.replace(tzinfo=None), end=END.replace(tzinfo=None))


def test_it_is_signed_with_the_app_secret(settings):
    value = token()
    options = {"verify_nbf": False, "verify_aud": False}
    assert jwt.decode(value, settings.JITSI_APP_SECRET, algorithms=["HS256"], options=options)["room"] == "room-a"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(value, "another secret of at least 32 bytes!", algorithms=["HS256"], options=options)


def test_a_token_for_room_a_is_refused_in_room_b(jitsi_standin):
    value = token("room-a", **now_window(-5, 60))
    assert jitsi_standin.verify_room_token(value, "room-a") is None
    assert jitsi_standin.verify_room_token(value, "room-b") == "token not allowed to join this room"


def test_a_token_is_refused_after_the_window_and_its_grace(jitsi_standin, settings):
    settings.JITSI_TOKEN_GRACE_MINUTES = 10
    ended_9_minutes_ago = token(**now_window(-70, -9))
    ended_11_minutes_ago = token(**now_window(-70, -11))
    assert jitsi_standin.verify_room_token(ended_9_minutes_ago, "room-a") is None
    assert jitsi_standin.verify_room_token(ended_11_minutes_ago, "room-a") == "Not acceptable by exp"


def test_a_token_is_refused_before_the_window_and_its_grace(jitsi_standin, settings):
    settings.JITSI_TOKEN_GRACE_MINUTES = 10
    assert jitsi_standin.verify_room_token(token(**now_window(9, 60)), "room-a") is None
    assert jitsi_standin.verify_room_token(token(**now_window(11, 60)), "room-a") == "Not acceptable by nbf"


def test_the_room_api_token_is_for_one_room_and_one_minute(jitsi_standin):
    claims = claims_of(room_api_token("room-a"))
    assert claims["room"] == "room-a" and "context" not in claims
    assert 0 < claims["exp"] - datetime.now(UTC).timestamp() <= 60
    assert jitsi_standin.verify_room_token(room_api_token("room-a"), "room-b") is not None


def test_the_system_token_is_rs256_with_the_key_id(jitsi_standin, settings):
    value = system_token("room-a")
    assert jwt.get_unverified_header(value) == {"alg": "RS256", "typ": "JWT", "kid": settings.JITSI_SYSTEM_KEY_ID}
    assert jitsi_standin.verify_system_token(value) is None
    assert jitsi_standin.verify_system_token(token(**now_window(-5, 60))) == "'kid' claim is missing"
