"""A loopback stand-in for the program's Jitsi server, for development and tests.

It speaks the HTTP of what the app uses, and checks tokens the way Prosody
does (token/util.lib.lua with luajwtjitsi, plus mod_token_no_wildcard and
domain verification, as deploy/ configures them):

- GET  /health                    mod_http_health: "OK"
- GET  /room-size?room=&domain=&token=   mod_muc_size: {"participants": N}
- GET  /room?room=&domain=&token=        mod_muc_size: [{jid, email, display_name}]
- GET  /sessions                  mod_muc_size: a number
- POST /end-meeting?conference=room@muc  mod_muc_end_meeting, Bearer RS256 system token
- GET  /external_api.js           a small JitsiMeetExternalAPI that records its options
- GET  /<room>?jwt=               the page the iframe loads: joins if the token is for this room
- /_standin/recorded, /_standin/commands  what the page's script sent (GET reads, POST writes)

    with StandIn.from_settings() as standin:
        standin.delay = 1.0          # every API answer waits this long
        standin.fail_next = 2        # the next two API requests answer 503
        standin.bad_json = True      # JSON endpoints answer something that is not JSON

`python -m sessions.standin --port 8443` runs it for `make run`.
"""

from __future__ import annotations

import hashlib
import html
import json
import threading
import time
from collections import Counter
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import jwt

HERE = Path(__file__).resolve().parent
ROOM_PATH_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_")
API_PATHS = {"/health", "/room-size", "/room", "/sessions", "/end-meeting"}
MEETING_PAGE = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Stand-in meeting</title>
<body style="margin:0;font:16px sans-serif;background:#222;color:#eee;display:grid;place-items:center;height:100vh">
<p>Jitsi stand-in: {text}</p>
<script>parent.postMessage({{standin: "{state}"}}, "*");</script>
</body></html>
"""


class _Server(ThreadingHTTPServer):
    # Not daemon threads: closing the server joins every handler thread, so a
    # stopped stand-in leaves none behind.
    daemon_threads = False


class StandIn:
    def __init__(
        self,
        *,
        secret: str,
        app_id: str,
        audience: str,
        xmpp_domain: str = "meet.jitsi",
        muc_domain: str | None = None,
        system_keys: Mapping[str, bytes] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        verbose: bool = False,
    ) -> None:
        self.secret = secret
        self.app_id = app_id
        self.audience = audience
        self.xmpp_domain = xmpp_domain
        self.muc_domain = muc_domain or f"muc.{xmpp_domain}"
        self.system_keys = dict(system_keys or {})
        self.verbose = verbose
        # Knobs for tests.
        self.delay = 0.0
        self.fail_next = 0
        self.bad_json = False
        # What happened.
        self.rooms: dict[str, dict[str, dict]] = {}
        self.recorded: dict | None = None
        self.commands: list[dict] = []
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        handler = type("Handler", (_Handler,), {"standin": self})
        self._server = _Server((host, port), handler)
        self._thread: threading.Thread | None = None

    @classmethod
    def from_settings(cls, **options) -> StandIn:
        """A stand-in that accepts what this app's settings sign."""
        from django.conf import settings

        from sessions.jitsi import system_public_key_pem

        return cls(
            secret=settings.JITSI_APP_SECRET,
            app_id=settings.JITSI_APP_ID,
            audience=settings.JITSI_AUDIENCE,
            xmpp_domain=settings.JITSI_XMPP_DOMAIN,
            muc_domain=settings.JITSI_MUC_DOMAIN,
            system_keys={settings.JITSI_SYSTEM_KEY_ID: system_public_key_pem()},
            **options,
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> StandIn:
        serve = self._server.serve_forever
        self._thread = threading.Thread(target=serve, args=(0.05,), name="jitsi-standin", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping on `delay`
        self._server.shutdown()
        self._server.server_close()  # waits for the handler threads
        if self._thread:
            self._thread.join()

    def __enter__(self) -> StandIn:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- meetings ---------------------------------------------------------------

    def add_participant(self, room: str, display_name: str = "", email: str = "") -> str:
        endpoint = hashlib.sha256(f"{room}:{display_name}:{time.time_ns()}".encode()).hexdigest()[:8]
        self._join(room, endpoint, display_name, email)
        return endpoint

    def _join(self, room: str, endpoint: str, display_name: str, email: str) -> None:
        jid = f"{room}@{self.muc_domain}/{endpoint}"
        with self._lock:
            self.rooms.setdefault(room, {})[endpoint] = {"jid": jid, "email": email, "display_name": display_name}

    # --- tokens, as Prosody checks them -------------------------------------------

    def verify_room_token(self, token: str, room: str) -> str | None:
        """None if Prosody would let this token into `room`, else its reason."""
        claims, problem = self._decode(token, "HS256", self.secret)
        if problem:
            return problem
        problem = self._check_claims(claims)
        if problem:
            return problem
        # mod_token_no_wildcard: one room, one domain.
        if claims["room"] == "*" or claims.get("sub") == "*":
            return "wildcard in token"
        # token/util.lib.lua verify_room: the room must equal the lower-cased claim.
        if room != str(claims["room"]).lower():
            return "token not allowed to join this room"
        # enable_domain_verification: `sub` names the XMPP domain.
        if str(claims.get("sub", "")).lower() != self.xmpp_domain:
            return "token not allowed for this domain"
        return None

    def verify_system_token(self, token: str) -> str | None:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError:
            return "bad token format"
        if not kid:
            return "'kid' claim is missing"
        if kid not in self.system_keys:
            return "could not obtain public key"
        claims, problem = self._decode(token, "RS256", self.system_keys[kid])
        return problem or self._check_claims(claims)

    @staticmethod
    def _decode(token: str, algorithm: str, key) -> tuple[dict, str | None]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            return {}, "bad token format"
        if header.get("typ") != "JWT":
            return {}, "Invalid typ"
        if header.get("alg") != algorithm:
            return {}, "Invalid or incorrect alg"
        options = {"verify_exp": False, "verify_nbf": False, "verify_iat": False, "verify_aud": False}
        try:
            return jwt.decode(token, key, algorithms=[algorithm], options=options), None
        except jwt.InvalidSignatureError:
            return {}, "Invalid signature"
        except jwt.PyJWTError:
            return {}, "Invalid token"

    def _check_claims(self, claims: dict) -> str | None:
        # luajwtjitsi.verify and util.lib.lua verify_token, in their order.
        now = time.time()
        for name in ("exp", "nbf"):
            if name in claims and (isinstance(claims[name], bool) or not isinstance(claims[name], (int, float))):
                return f"{name} must be number"
        if "exp" in claims and now >= claims["exp"]:
            return "Not acceptable by exp"
        if "nbf" in claims and now < claims["nbf"]:
            return "Not acceptable by nbf"
        if claims.get("iss") != self.app_id:
            return "Invalid issuer ('iss' claim)"
        if "room" not in claims:
            return "'room' claim is missing"
        if claims.get("aud") != self.audience:
            return "Invalid audience ('aud' claim)"
        return None


class _Handler(BaseHTTPRequestHandler):
    standin: StandIn
    # HTTP/1.0: one request per connection, so no idle keep-alive connection
    # holds a handler thread open when the stand-in stops.
    protocol_version = "HTTP/1.0"
    timeout = 10
    server_version = "jitsi-standin"
    sys_version = ""

    # --- routing -----------------------------------------------------------------

    def do_OPTIONS(self) -> None:  # CORS preflight for the page's POSTs
        self._send(204, b"", "text/plain")

    def do_GET(self) -> None:
        path, query = self._target()
        if path in API_PATHS and self._api_trouble():
            return
        if path == "/health":
            self._send(200, b"OK\n", "text/plain")
        elif path in ("/room-size", "/room"):
            self._room_info(path, query)
        elif path == "/sessions":
            self._send(200, str(sum(len(p) for p in self.standin.rooms.values())).encode(), "text/plain")
        elif path == "/external_api.js":
            self._send(200, (HERE / "external_api.js").read_bytes(), "text/javascript")
        elif path == "/_standin/recorded":
            self._json(200, self.standin.recorded)
        elif path == "/_standin/commands":
            self._json(200, self.standin.commands)
        elif path[1:] and set(path[1:]) <= ROOM_PATH_CHARS:
            self._meeting(path[1:], query.get("jwt", ""))
        else:
            self._send(404, b"not found\n", "text/plain")

    def do_POST(self) -> None:
        path, query = self._target()
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if path in API_PATHS and self._api_trouble():
            return
        if path == "/end-meeting":
            self._end_meeting(query)
        elif path in ("/_standin/recorded", "/_standin/commands"):
            try:
                data = json.loads(body)
            except ValueError:
                self._send(400, b"not JSON\n", "text/plain")
                return
            if path == "/_standin/recorded":
                self.standin.recorded = data
            else:
                if isinstance(data, dict) and data.get("command") == "endConference":  # as mod_end_conference
                    with self.standin._lock:
                        self.standin.rooms.pop(str(data.get("room")), None)
                self.standin.commands.append(data)
            self._send(204, b"", "text/plain")
        else:
            self._send(404, b"not found\n", "text/plain")

    # --- endpoints ---------------------------------------------------------------

    def _room_info(self, path: str, query: dict[str, str]) -> None:
        room, domain = query.get("room"), query.get("domain")
        if not room or not domain:
            self._send(400, b"", "text/plain")
            return
        # deploy/ turns on enable_roomsize_token_verification.
        if self.standin.verify_room_token(query.get("token", ""), room):
            self._send(403, b"", "text/plain")
            return
        participants = self.standin.rooms.get(room) if domain == self.standin.xmpp_domain else None
        if participants is None:
            self._send(404, b"", "text/plain")
        elif self.standin.bad_json:
            self._send(200, b"<html>this is not JSON", "application/json")
        elif path == "/room-size":
            self._json(200, {"participants": len(participants)})
        else:
            self._json(200, list(participants.values()))

    def _end_meeting(self, query: dict[str, str]) -> None:
        conference = query.get("conference")
        if not conference:
            self._send(400, b"", "text/plain")
            return
        authorization = self.headers.get("Authorization", "")
        if not authorization.startswith("Bearer ") or self.standin.verify_system_token(authorization[7:]):
            self._send(401, b"", "text/plain")
            return
        room, _, domain = conference.partition("@")
        with self.standin._lock:
            found = domain == self.standin.muc_domain and self.standin.rooms.pop(room, None) is not None
        self._send(200 if found else 404, b"", "text/plain")

    def _meeting(self, room: str, token: str) -> None:
        problem = self.standin.verify_room_token(token, room)
        if problem:
            page = MEETING_PAGE.format(text=f"refused ({html.escape(problem)})", state="refused")
            self._send(403, page.encode(), "text/html; charset=utf-8")
            return
        user = (jwt.decode(token, options={"verify_signature": False}).get("context") or {}).get("user") or {}
        # One participant per token, however often the iframe loads the page.
        endpoint = hashlib.sha256(token.encode()).hexdigest()[:8]
        self.standin._join(room, endpoint, str(user.get("name", "")), str(user.get("email", "")))
        page = MEETING_PAGE.format(text=f"in room {html.escape(room)}", state="joined")
        self._send(200, page.encode(), "text/html; charset=utf-8")

    # --- plumbing ----------------------------------------------------------------

    def _target(self) -> tuple[str, dict[str, str]]:
        parts = urlsplit(self.path)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        return unquote(parts.path), query

    def _api_trouble(self) -> bool:
        """Applies the knobs; True if the request was answered with a 503."""
        standin = self.standin
        path = self._target()[0]
        with standin._lock:
            standin.hits[path] += 1
            failing = standin.fail_next > 0
            if failing:
                standin.fail_next -= 1
        if standin.delay:
            standin._stopping.wait(standin.delay)
        if failing:
            self._send(503, b"stand-in: failing on purpose\n", "text/plain")
        return failing

    def _json(self, status: int, data) -> None:
        self._send(status, json.dumps(data).encode(), "application/json")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
            pass

    def log_message(self, format: str, *args) -> None:
        # Like the app: method, path and status, never the client's address or the query.
        if self.standin.verbose and args and isinstance(args[0], str):
            method, _, target = args[0].partition(" ")
            path = urlsplit(target.split(" ")[0]).path
            shown = path if path in API_PATHS or path.startswith(("/_standin/", "/external_api")) else "/<room>"
            print(f"standin: {method} {shown} {args[1]}", flush=True)
