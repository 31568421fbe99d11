"""Sessions end at browser close and after inactivity; sign out everywhere; password resets."""

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.cache import SessionStore
from django.core import mail
from django.test import Client
from django.core.cache import cache

from tests.conftest import login_verified, session_ttl
from tests.test_login import post_password

pytestmark = pytest.mark.django_db


def test_the_session_cookie_ends_with_the_browser(staff_client, advocate, settings):
    response = staff_client(advocate).get("/")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert cookie["httponly"] and cookie["samesite"] == "Strict"


def test_no_csrf_cookie_is_set(client, settings):
    response = client.get("/account/login/")
    assert settings.CSRF_COOKIE_NAME not in response.cookies  # the token lives in the session


def session_key_of(client, settings) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_the_session_expires_after_the_idle_time(staff_client, advocate, settings):
    client = staff_client(advocate)
    assert client.get("/").status_code == 200
    key = session_key_of(client, settings)
    assert settings.SESSION_IDLE_MINUTES * 60 - 5 < session_ttl(key) <= settings.SESSION_IDLE_MINUTES * 60
    cache.delete(SessionStore(key).cache_key)  # what the cache does when the idle time runs out
    assert client.get("/")["Location"].startswith("/account/login/")


def test_activity_restarts_the_idle_timer(staff_client, advocate, settings):
    client = staff_client(advocate)
    key = session_key_of(client, settings)
    cache.touch(SessionStore(key).cache_key, 60)  # a minute left
    client.get("/")
    assert session_ttl(key) > 25 * 60


def test_sessions_never_reach_the_database(staff_client, advocate):
    """Sign-ins and visits live in the cache only (Redis keeps nothing on disk): no table holds them."""
    from django.db import connection

    staff_client(advocate).get("/")
    assert "django_session" not in connection.introspection.table_names()


def test_sign_out_everywhere_ends_the_other_sessions(advocate):
    laptop, phone = Client(), Client()
    login_verified(laptop, advocate)
    login_verified(phone, advocate)
    assert phone.get("/").status_code == 200
    laptop.post("/account/logout-everywhere/")
    assert phone.get("/")["Location"].startswith("/account/login/")
    assert laptop.get("/")["Location"].startswith("/account/login/")


def test_sign_out_needs_a_post(staff_client, advocate):
    client = staff_client(advocate)
    assert client.get("/account/logout/").status_code == 405
    assert client.post("/account/logout/")["Location"] == "/account/login/"
    assert client.get("/")["Location"].startswith("/account/login/")


def test_a_password_reset_never_signs_anyone_in(client, advocate):
    advocate.email = "alex@program.example"
    advocate.save()
    client.post("/account/password-reset/", {"email": "alex@program.example"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/account/password-reset/\S+/)", mail.outbox[0].body).group(1)

    form_url = client.get(link)["Location"]  # Django swaps the token for a session marker
    new_password = "a brand new long passphrase"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response["Location"] == "/account/password-reset/done/"
    assert client.get("/")["Location"].startswith("/account/login/")

    response = post_password(client, "alex", new_password)
    assert b"6-digit code" in response.content  # the second factor is still asked


def test_the_reset_email_names_no_program_or_service(client, advocate):
    advocate.email = "alex@program.example"
    advocate.save()
    client.post("/account/password-reset/", {"email": "alex@program.example"})
    body = mail.outbox[0].body.lower()
    for word in ("advocacy", "violence", "survivor", "abuse"):
        assert word not in body
