"""Loopback stand-ins for the outside services the app talks to, for tests.

TwilioStandIn speaks Twilio's Messages API; SmtpStandIn is a real SMTP server
(aiosmtpd) that keeps what it receives.
"""

import base64
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoopbackServer:
    """A ThreadingHTTPServer on an ephemeral loopback port, served from a thread while in `with`."""

    server: ThreadingHTTPServer

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class TwilioStandIn(LoopbackServer):
    """POST /2010-04-01/Accounts/{sid}/Messages.json with basic auth; answers like Twilio."""

    def __init__(self, account_id="AC123", auth_token="secret-token", fail_first: int = 0, status: int = 503):
        self.account_id, self.auth_token = account_id, auth_token
        self.fail_first, self.fail_status = fail_first, status
        self.messages: list[dict] = []
        self.requests = 0
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # no access log
                pass

            def do_POST(self):
                standin.requests += 1
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                expected = f"/2010-04-01/Accounts/{standin.account_id}/Messages.json"
                auth = base64.b64encode(f"{standin.account_id}:{standin.auth_token}".encode()).decode()
                if self.path != expected:
                    return self._answer(404, {"code": 20404, "message": "The requested resource was not found"})
                if self.headers.get("Authorization") != f"Basic {auth}":
                    return self._answer(401, {"code": 20003, "message": "Authenticate"})
                if standin.requests <= standin.fail_first:
                    return self._answer(standin.fail_status, {"code": 20500, "message": "Internal Server Error"})
                if not form.get("To", "").startswith("+"):
                    return self._answer(
                        400, {"code": 21211, "message": f"The 'To' number {form.get('To')} is not a valid phone number."}
                    )
                standin.messages.append(form)
                return self._answer(201, {"sid": f"SM{len(standin.messages):032d}", "status": "queued"})

            def _answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return self.base_url


class SmtpStandIn:
    """A real SMTP server on loopback (aiosmtpd) that keeps the messages it receives."""

    def __init__(self):
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def __enter__(self):
        from aiosmtpd.controller import Controller

        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


class NeutralSite(LoopbackServer):
    """An ordinary page on loopback, standing in for the quick-exit site (a weather page, say)."""

    def __init__(self):
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                body = b"<!DOCTYPE html><title>Weather</title><h1>Sunny, 21 degrees</h1>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"{self.base_url}/weather"
