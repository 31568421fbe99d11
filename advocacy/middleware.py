from django.conf import settings

from .privacy import INCIDENTAL_META, client_key

DEFAULT_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), display-capture=(), geolocation=(), payment=(), usb=(), "
    "serial=(), bluetooth=(), hid=(), midi=(), accelerometer=(), gyroscope=(), magnetometer=(), "
    "browsing-topics=(), interest-cohort=()"
)


class ClientPrivacyMiddleware:
    """Turns the client's address into a keyed hash, then forgets address, agent and referrer.

    Nothing after this middleware (views, logs, error reports) can write what it
    never sees (privacy invariant 2).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        request.client_key = client_key(meta.get("REMOTE_ADDR"), meta.get("HTTP_X_FORWARDED_FOR"))
        for name in INCIDENTAL_META:
            meta.pop(name, None)
        return self.get_response(request)


def media_permissions(view):
    """Marks a view whose page needs the camera and microphone (device check, room)."""
    view.needs_media = True
    return view


class PrivacyHeadersMiddleware:
    """no-store on every response and a Permissions-Policy that grants devices only where needed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.needs_media = False
        response = self.get_response(request)
        # Nothing this app serves may stay in the browser's cache: on a shared or
        # watched device a cached page is a trace, static files included.
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"
        response["Permissions-Policy"] = self.permissions_policy(request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.needs_media = getattr(view_func, "needs_media", False)

    @staticmethod
    def permissions_policy(request) -> str:
        if not request.needs_media:
            return DEFAULT_PERMISSIONS_POLICY
        allowed = f'(self "{settings.JITSI_ORIGIN}")'
        granted = f"camera={allowed}, microphone={allowed}, display-capture={allowed}"
        rest = DEFAULT_PERMISSIONS_POLICY.replace("camera=(), microphone=(), display-capture=(), ", "")
        return f"{granted}, {rest}"


class SameOriginNullOriginMiddleware:
    """Lets Django's CSRF check accept the `Origin: null` that no-referrer causes.

    With `Referrer-Policy: no-referrer` browsers send `Origin: null` on
    same-origin form posts (Fetch standard), which Django's CsrfViewMiddleware
    refuses. When the browser's own `Sec-Fetch-Site: same-origin` vouches for
    the request, the origin is restored to this site's before the CSRF check;
    the CSRF token is still required. Must come before CsrfViewMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if meta.get("HTTP_ORIGIN") == "null" and meta.get("HTTP_SEC_FETCH_SITE") == "same-origin":
            meta["HTTP_ORIGIN"] = f"{request.scheme}://{request.get_host()}"
        return self.get_response(request)
