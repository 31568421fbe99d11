"""Staff sign-in: password then TOTP, enrolment at first sign-in, lockout, one generic message."""

from base64 import b32decode

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.models import User
from tests.conftest import STAFF_PASSWORD, totp_code

pytestmark = pytest.mark.django_db
LOGIN = "/account/login/"


def post_password(client, username, password=STAFF_PASSWORD):
    return client.post(
        LOGIN, {"login_view-current_step": "auth", "auth-username": username, "auth-password": password}
    )


def post_token(client, token):
    return client.post(LOGIN, {"login_view-current_step": "token", "token-otp_token": token})


def test_it_asks_for_a_token_after_the_password(client, advocate):
    response = post_password(client, "alex")
    assert response.status_code == 200
    assert b"6-digit code" in response.content
    assert SESSION_KEY not in client.session


def test_password_and_token_reach_the_dashboard(client, advocate):
    post_password(client, "alex")
    response = post_token(client, totp_code(advocate))
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert client.session[DEVICE_ID_SESSION_KEY]


def test_a_wrong_password_and_an_unknown_name_get_one_generic_message(client, advocate):
    wrong_password = post_password(client, "alex", "not the password").content.decode()
    unknown_name = post_password(client, "nobody-here", "not the password").content.decode()
    message = "Please enter a correct username and password"
    assert message in wrong_password and message in unknown_name


def test_a_wrong_token_gets_a_generic_message(client, advocate):
    post_password(client, "alex")
    response = post_token(client, "000000" if totp_code(advocate) != "000000" else "111111")
    assert b"Invalid token" in response.content
    assert SESSION_KEY not in client.session


def test_the_first_sign_in_enrols_an_authenticator(client, make_staff):
    user = make_staff(User.Role.ADVOCATE, "newcomer")
    TOTPDevice.objects.filter(user=user).delete()  # created by an admin, never signed in

    assert post_password(client, "newcomer")["Location"] == "/"
    assert client.get("/")["Location"] == "/account/two_factor/setup/"

    client.get("/account/two_factor/setup/")
    response = client.post("/account/two_factor/setup/", {"setup_view-current_step": "welcome"})
    secret = response.context["secret_key"]
    assert client.get("/account/two_factor/qrcode/")["Content-Type"].startswith("image/svg+xml")

    code = f"{totp(b32decode(secret)):06d}"
    response = client.post(
        "/account/two_factor/setup/", {"setup_view-current_step": "generator", "generator-token": code}
    )
    assert response["Location"] == "/account/two_factor/setup/complete/"
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert client.get("/").status_code == 200


class TestLockout:
    def test_it_locks_the_account_after_repeated_wrong_passwords(self, client, advocate, settings):
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            post_password(client, "alex", "wrong")
        response = post_password(client, "alex")  # the right password, too late
        assert b"Too many failed attempts" in response.content
        assert b"6-digit code" not in response.content

    def test_wrong_tokens_count_towards_the_lock(self, client, advocate, settings):
        post_password(client, "alex")
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            post_token(client, "123456" if totp_code(advocate) != "123456" else "654321")
        response = post_token(client, totp_code(advocate))
        assert b"Too many failed attempts" in response.content
        assert SESSION_KEY not in client.session

    def test_the_lock_is_per_username_not_per_client(self, client, advocate, other_advocate, settings):
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            post_password(client, "alex", "wrong")
        response = post_password(client, "jordan")  # same client, another account
        assert b"6-digit code" in response.content

    def test_the_lock_ends_after_its_window(self, client, advocate, settings):
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            post_password(client, "alex", "wrong")
        cache.clear()  # what the TTL does after LOGIN_LOCKOUT_MINUTES
        assert b"6-digit code" in post_password(client, "alex").content

    def test_it_stores_no_client_address(self, client, advocate, settings):
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            client.post(
                LOGIN,
                {"login_view-current_step": "auth", "auth-username": "alex", "auth-password": "x"},
                REMOTE_ADDR="198.51.100.23",
            )
        from tests.conftest import cache_dump

        stored = cache_dump()
        assert "lockout" in stored and "198.51.100.23" not in stored
        assert "alex" not in stored  # the username is a keyed hash too

    def test_a_program_admin_can_unlock(self, client, advocate, program_admin, staff_client, settings):
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            post_password(client, "alex", "wrong")
        admin_client = staff_client(program_admin)
        admin_client.post(
            "/admin/staff/user/", {"action": "unlock_sign_in", "_selected_action": [advocate.pk]}
        )
        admin_client.logout()
        assert b"6-digit code" in post_password(client, "alex").content
