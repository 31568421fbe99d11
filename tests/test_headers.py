"""Invariant 6 (the staff side of it): security headers on every kind of response."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def page_types(client, staff_client, advocate):
    """One response of each kind the app serves."""
    yield "login page", client.get("/account/login/")
    yield "json", client.get("/healthz")
    yield "static file", client.get("/static/css/app.css")
    yield "not found", client.get("/no-such-page/")
    yield "redirect", client.get("/")
    yield "method not allowed", client.get("/account/logout/")
    signed_in = staff_client(advocate)
    yield "staff page", signed_in.get("/")
    yield "staff form", signed_in.get("/account/two_factor/")
    yield "forbidden", signed_in.get("/admin/", follow=True)


@pytest.fixture
def responses(client, staff_client, advocate):
    return list(page_types(client, staff_client, advocate))


def test_every_response_is_never_stored(responses):
    for kind, response in responses:
        assert response["Cache-Control"] == "no-store", kind


def test_every_response_sends_no_referrer(responses):
    for kind, response in responses:
        assert response["Referrer-Policy"] == "no-referrer", kind
        assert response["X-Content-Type-Options"] == "nosniff", kind


def test_every_response_denies_devices_unless_the_page_needs_them(responses):
    for kind, response in responses:
        policy = response["Permissions-Policy"]
        assert "camera=()" in policy and "microphone=()" in policy and "geolocation=()" in policy, kind


def test_every_page_forbids_framing_and_inline_script(responses):
    for kind, response in responses:
        if kind == "static file":
            continue
        csp = response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp, kind
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, kind
        assert response["X-Frame-Options"] == "DENY", kind


def test_html_pages_load_nothing_from_elsewhere(responses):
    for kind, response in responses:
        if response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            assert "//cdn" not in html and "https://" not in html.split("</head>")[0], kind
            assert "<script>" not in html and " onclick=" not in html and " style=" not in html, kind


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_SSL_REDIRECT=False)
def test_hsts_is_sent_over_https(client):
    response = client.get("/account/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Strict-Transport-Security" not in client.get("/account/login/")


def test_a_page_that_needs_the_camera_grants_it_to_self_and_jitsi_only(rf, settings):
    from django.http import HttpResponse

    from advocacy.middleware import PrivacyHeadersMiddleware, media_permissions

    @media_permissions
    def room(request):
        return HttpResponse("room")

    def get_response(request):
        middleware.process_view(request, room, (), {})
        return room(request)

    middleware = PrivacyHeadersMiddleware(get_response)
    response = middleware(rf.get("/room/"))
    policy = response["Permissions-Policy"]
    assert f'camera=(self "{settings.JITSI_ORIGIN}")' in policy
    assert f'microphone=(self "{settings.JITSI_ORIGIN}")' in policy
    assert "geolocation=()" in policy
