"""Invariant 2: no client address, user agent or referrer in the database, a log line or an error report."""

import io
import logging
import sys

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.views.debug import ExceptionReporter

from advocacy.logfilter import RedactAddressesFilter, redact
from advocacy.privacy import client_key
from tests.conftest import STAFF_PASSWORD, cache_dump, every_table_raw, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = "203.0.113.77"
FORGED = "192.0.2.200"
IPV6 = "2001:db8::beef:77"
AGENT = "MarkerAgent/9.9 (SurvivorPhone)"
REFERRER = "https://referrer-marker.example/secret-page"
MARKERS = (ADDRESS, FORGED, IPV6, "MarkerAgent", "referrer-marker")


def marked_client(address=ADDRESS) -> Client:
    return Client(
        REMOTE_ADDR=address,
        HTTP_X_FORWARDED_FOR=FORGED,
        HTTP_USER_AGENT=AGENT,
        HTTP_REFERER=REFERRER,
    )


def browse(advocate, program_admin):
    """A morning of use: failed and good sign-ins, pages, a 404, an admin action, a reset."""
    for address in (ADDRESS, IPV6):
        client = marked_client(address)
        client.get("/healthz")
        client.get("/no-such-page/")
        client.post("/account/login/", {"login_view-current_step": "auth", "auth-username": "alex", "auth-password": "x"})
        client.post(
            "/account/login/",
            {"login_view-current_step": "auth", "auth-username": "alex", "auth-password": STAFF_PASSWORD},
        )
        client.post("/account/login/", {"login_view-current_step": "token", "token-otp_token": totp_code(advocate)})
        client.get("/")
        client.get("/account/two_factor/")
        client.post("/account/password-reset/", {"email": "nobody@example.org"})
        client.post("/account/logout/")
    admin = marked_client()
    admin.post("/account/login/", {"login_view-current_step": "auth", "auth-username": "robin", "auth-password": STAFF_PASSWORD})
    admin.post("/account/login/", {"login_view-current_step": "token", "token-otp_token": totp_code(program_admin)})
    admin.get("/admin/staff/user/")
    admin.post("/admin/staff/user/", {"action": "unlock_sign_in", "_selected_action": [advocate.pk]})


def test_it_stores_no_client_address_agent_or_referrer(advocate, program_admin, caplog):
    caplog.set_level(logging.DEBUG)
    browse(advocate, program_admin)
    stored = "\n".join([*every_table_raw().values(), cache_dump()])  # sessions live in the cache
    logged = "\n".join(record.getMessage() for record in caplog.records)
    advocate.refresh_from_db()
    assert advocate.last_login is not None  # the browsing really signed in
    assert "alex" in stored  # the dump sees real data
    for marker in MARKERS:
        assert marker not in stored, f"{marker} was written to the database"
        assert marker not in logged, f"{marker} was written to a log line"


def test_every_model_is_in_the_dump():
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        assert model._meta.db_table in tables


def test_error_reports_carry_no_client_address(rf):
    request = rf.get("/boom/", REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT, HTTP_REFERER=REFERRER)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        report = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
    for marker in (ADDRESS, "MarkerAgent", "referrer-marker"):
        assert marker not in report


def test_the_log_filter_redacts_addresses_anywhere():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactAddressesFilter())
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("%s - \"WebSocket /ws/\" [accepted] from %s", (ADDRESS, 51234), IPV6)
        try:
            raise ValueError(f"peer {ADDRESS} reset")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert ADDRESS not in output and IPV6 not in output
    assert output.count("[address]") == 3


def test_redaction_keeps_times_and_versions():
    assert redact("at 10:30:00 on 2026-11-21, Django 5.2.19") == "at 10:30:00 on 2026-11-21, Django 5.2.19"
    assert redact("::1 and fe80::1%eth0 and 10.0.0.1") == "[address] and [address]%eth0 and [address]"


class TestForwardedFor:
    def test_a_forged_header_changes_nothing_by_default(self, settings):
        settings.TRUSTED_PROXIES = []
        assert client_key(ADDRESS, FORGED) == client_key(ADDRESS, None)

    def test_a_trusted_proxy_passes_the_client_on(self, settings):
        settings.TRUSTED_PROXIES = ["10.0.0.2"]
        assert client_key("10.0.0.2", f"{FORGED}, {ADDRESS}") == client_key(ADDRESS, None)

    def test_only_the_rightmost_untrusted_hop_counts(self, settings):
        settings.TRUSTED_PROXIES = ["10.0.0.2", "10.0.0.3"]
        assert client_key("10.0.0.2", f"{FORGED}, {ADDRESS}, 10.0.0.3") == client_key(ADDRESS, None)

    def test_the_request_sees_no_address_after_the_middleware(self, rf):
        from advocacy.middleware import ClientPrivacyMiddleware

        seen = {}

        def view(request):
            seen.update(request.META)
            seen["key"] = request.client_key
            from django.http import HttpResponse

            return HttpResponse()

        ClientPrivacyMiddleware(view)(rf.get("/", REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT, HTTP_REFERER=REFERRER))
        assert ADDRESS not in repr(seen) and "MarkerAgent" not in repr(seen) and "referrer-marker" not in repr(seen)
        assert seen["key"] == client_key(ADDRESS, None)
