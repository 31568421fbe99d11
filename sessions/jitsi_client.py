"""HTTP client for the program's Jitsi server (Prosody's HTTP modules).

- GET  /health      docker-jitsi-meet's mod_http_health ("OK", 200)
- GET  /room-size   mod_muc_size: {"participants": N}, 404 for no such room
- GET  /room        mod_muc_size: [{"jid", "email", "display_name"}, ...]
- POST /end-meeting mod_muc_end_meeting, `Authorization: Bearer <system token>`

Logs carry method, path (never the query: it holds the room) and status
codes; never an address or a name.
"""

from __future__ import annotations

import logging
import time

import requests
from django.conf import settings

from .jitsi import check_room_name, room_api_token, system_token

logger = logging.getLogger(__name__)


class JitsiError(Exception):
    """Jitsi could not be reached, or answered something this app cannot use."""


class JitsiClient:
    def __init__(self, base_url: str, timeout: float = 5.0, retries: int = 2, *, backoff: float = 0.1) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.session = requests.Session()
        # The API is on the program's own network: no proxy from the environment.
        self.session.trust_env = False

    @classmethod
    def from_settings(cls, **overrides) -> JitsiClient:
        options = {"timeout": settings.JITSI_API_TIMEOUT_SECONDS, "retries": settings.JITSI_API_RETRIES, **overrides}
        return cls(settings.JITSI_API_URL, **options)

    def __enter__(self) -> JitsiClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    # --- the calls -------------------------------------------------------------

    def health(self) -> None:
        self._request("GET", "/health")

    def room_size(self, room: str) -> int:
        """Participants in the room, not counting Jitsi's focus; 0 if the room does not exist."""
        response = self._request("GET", "/room-size", params=self._room_params(room), ok=(200, 404))
        if response.status_code == 404:
            return 0
        data = self._json(response, "GET /room-size")
        count = data.get("participants") if isinstance(data, dict) else None
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise JitsiError("GET /room-size: the answer has no participant count")
        return count

    def participants(self, room: str) -> list[str]:
        """The participants' endpoint ids (the MUC nick); [] if the room does not exist.

        mod_muc_size also sends each display name and email address; they are
        dropped here so nothing downstream can store or log them.
        """
        response = self._request("GET", "/room", params=self._room_params(room), ok=(200, 404))
        if response.status_code == 404:
            return []
        data = self._json(response, "GET /room")
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise JitsiError("GET /room: the answer is not a list of participants")
        return [str(item.get("jid", "")).rpartition("/")[2] for item in data]

    def end_meeting(self, room: str) -> bool:
        """Ends the meeting for everyone; False if there was no such meeting."""
        check_room_name(room)
        response = self._request(
            "POST",
            "/end-meeting",
            params={"conference": f"{room}@{settings.JITSI_MUC_DOMAIN}"},
            headers={"Authorization": f"Bearer {system_token(room)}"},
            ok=(200, 404),
        )
        return response.status_code == 200

    # --- plumbing --------------------------------------------------------------

    @staticmethod
    def _room_params(room: str) -> dict[str, str]:
        return {"room": room, "domain": settings.JITSI_XMPP_DOMAIN, "token": room_api_token(room)}

    def _request(self, method: str, path: str, *, ok: tuple[int, ...] = (200,), **kwargs) -> requests.Response:
        what = f"{method} {path}"
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self.session.request(
                    method, self.base_url + path, timeout=self.timeout, allow_redirects=False, **kwargs
                )
            except requests.ConnectTimeout:
                problem = "could not connect in time"
            except requests.ReadTimeout:
                # Not retried: a slow server is not helped by more requests, and
                # the callers (healthz, the end-of-window job) run again anyway.
                raise JitsiError(f"{what}: no answer within {self.timeout} s") from None
            except requests.ConnectionError:
                problem = "could not connect"
            except requests.RequestException as error:
                raise JitsiError(f"{what}: {type(error).__name__}") from None
            else:
                if response.status_code < 500:
                    break
                problem = f"answered {response.status_code}"
            logger.warning("jitsi %s: %s (attempt %d of %d)", what, problem, attempt + 1, self.retries + 1)
        else:
            raise JitsiError(f"{what}: {problem} after {self.retries + 1} attempts")
        if response.status_code not in ok:
            refused = response.status_code in (401, 403)
            raise JitsiError(f"{what}: {'Jitsi refused the token' if refused else 'unexpected status'} "
                             f"({response.status_code})")
        logger.debug("jitsi %s: %d", what, response.status_code)
        return response

    @staticmethod
    def _json(response: requests.Response, what: str):
        try:
            return response.json()
        except ValueError:
            raise JitsiError(f"{what}: the answer is not JSON") from None
