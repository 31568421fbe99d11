"""Jitsi JWTs: one room, one appointment window, nothing recorded.

The claims follow lib-jitsi-meet's doc/tokens.md as Prosody checks them
(resources/prosody-plugins/token/util.lib.lua and luajwtjitsi): header
`typ: JWT`, `iss` the app id, `aud`, `sub` the XMPP domain, `room` the room's
name (compared lower-case), `nbf`/`exp` as whole seconds.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings

ALGORITHM = "HS256"
SYSTEM_ALGORITHM = "RS256"
# Short-lived: these two tokens are made for one HTTP request each.
API_TOKEN_SECONDS = 60

# A token that carries no `features` counts as "everything allowed" in Jitsi
# Meet (isJwtFeatureEnabled), so the features are always sent, each off.
# "false" as a string is the form Jitsi documents; Jitsi Meet and the Prosody
# modules accept it.
DISABLED_FEATURES: Mapping[str, str] = {
    "recording": "false",
    "livestreaming": "false",
    "transcription": "false",
    "outbound-call": "false",
    "sip-outbound-call": "false",
}

# Room names are made by this app. Lower case because Prosody compares the
# room with the lower-cased `room` claim; no "*" (it means "every room").
ROOM_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def check_room_name(room_name: str) -> None:
    if room_name == "*":
        raise ValueError("a token is for one room, never '*'")
    if not ROOM_NAME.match(room_name):
        raise ValueError("a room name is 1-64 lower-case letters, digits, '-' or '_'")


def _seconds(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("use timezone-aware datetimes")
    return int(moment.timestamp())


def _claims(room_name: str, not_before: int | None, expires: int) -> dict:
    claims = {
        "iss": settings.JITSI_APP_ID,
        "aud": settings.JITSI_AUDIENCE,
        "sub": settings.JITSI_XMPP_DOMAIN,
        "room": room_name,
        "exp": expires,
    }
    if not_before is not None:
        claims["nbf"] = not_before
    return claims


def make_token(
    room_name: str,
    display_name: str,
    *,
    moderator: bool,
    not_before: datetime,
    expires: datetime,
    features: Mapping[str, str] = DISABLED_FEATURES,
) -> str:
    """The token for one person in one room from `not_before` to `expires` (plus the grace).

    Prosody checks a token when someone joins or rejoins; a meeting still
    running when the window closes is ended by the end-of-window job
    (JitsiClient.end_meeting).
    """
    check_room_name(room_name)
    if not display_name.strip():
        raise ValueError("a display name (an alias) is required")
    if expires <= not_before:
        raise ValueError("the window must end after it starts")
    for name in DISABLED_FEATURES:
        if str(features.get(name)).lower() != "false":
            raise ValueError(f"the {name!r} feature must stay off (no recording, privacy invariant 3)")
    grace = timedelta(minutes=settings.JITSI_TOKEN_GRACE_MINUTES)
    claims = _claims(room_name, _seconds(not_before - grace), _seconds(expires + grace))
    claims["context"] = {
        # No email and no avatar: given an email, Jitsi fetches a picture from
        # Gravatar, a request to a third party that identifies the person.
        "user": {
            "name": display_name,
            # Read by mod_token_affiliation: staff are owners (moderators),
            # everyone else a plain member.
            "moderator": "true" if moderator else "false",
            "affiliation": "owner" if moderator else "member",
        },
        "features": dict(features),
    }
    return jwt.encode(claims, settings.JITSI_APP_SECRET, algorithm=ALGORITHM)


def room_api_token(room_name: str) -> str:
    """A one-minute token for mod_muc_size's `token=` parameter (HS256, this room only)."""
    check_room_name(room_name)
    return jwt.encode(
        _claims(room_name, None, int(time.time()) + API_TOKEN_SECONDS), settings.JITSI_APP_SECRET, algorithm=ALGORITHM
    )


def system_token(room_name: str) -> str:
    """A one-minute RS256 "system" token for mod_muc_end_meeting.

    That module verifies it with the public key Prosody fetches for the `kid`;
    it needs the `room` claim to be present but does not compare it, so it
    names the room the job acts on.
    """
    check_room_name(room_name)
    claims = _claims(room_name, None, int(time.time()) + API_TOKEN_SECONDS)
    return jwt.encode(
        claims, system_private_key(), algorithm=SYSTEM_ALGORITHM, headers={"kid": settings.JITSI_SYSTEM_KEY_ID}
    )


def system_private_key() -> rsa.RSAPrivateKey:
    """The key that signs system tokens; with DEBUG on, made on first use."""
    path = Path(settings.JITSI_SYSTEM_KEY_FILE)
    if not path.exists() and settings.DEBUG:
        create_system_key(path)
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as error:
        problem = type(error).__name__
        raise RuntimeError(f"JITSI_SYSTEM_KEY_FILE is not a readable PEM private key ({problem})") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise RuntimeError("JITSI_SYSTEM_KEY_FILE must hold an RSA key (Prosody verifies RS256)")
    return key


def system_public_key_pem() -> bytes:
    """What Prosody's key server must serve as <sha256(kid)>.pem."""
    return system_private_key().public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def create_system_key(path: Path) -> None:
    """Writes a new RSA key to `path` (0600), unless one is there already."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    try:
        os.link(draft, path)  # atomic, and refuses to replace a key another process made first
    except FileExistsError:
        pass
    finally:
        draft.unlink()
