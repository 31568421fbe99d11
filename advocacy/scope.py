from .privacy import INCIDENTAL_HEADERS, client_key


class ScopePrivacyMiddleware:
    """The WebSocket twin of ClientPrivacyMiddleware.

    Replaces the peer address with a keyed hash (`scope["client_key"]`) and drops
    the headers that describe the device, before any consumer sees the scope.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        headers = scope.get("headers", [])
        forwarded = next((v.decode("latin1") for k, v in headers if k == b"x-forwarded-for"), None)
        peer = (scope.get("client") or [None])[0]
        scope = dict(
            scope,
            client=None,
            client_key=client_key(peer, forwarded),
            headers=[(k, v) for k, v in headers if k not in INCIDENTAL_HEADERS],
        )
        return await self.app(scope, receive, send)
