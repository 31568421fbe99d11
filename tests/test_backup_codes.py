"""Backup codes are stored hashed, work once, and showing or replacing them asks for the password."""

import time

import pytest
from django.contrib.auth import SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken

from staff import backup_codes
from staff.reauth import SESSION_KEY as CONFIRMED_AT
from tests.conftest import STAFF_PASSWORD
from tests.test_login import post_password

pytestmark = pytest.mark.django_db
URL = "/account/two_factor/backup/tokens/"


def test_the_database_holds_no_backup_code(advocate):
    codes = backup_codes.new_codes(advocate, 10)
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert len(stored) == 10
    for code in codes:
        assert code not in stored
        assert backup_codes.normalize(code) not in stored


def test_a_backup_code_signs_in_once(client, advocate):
    code = backup_codes.new_codes(advocate, 3)[0]
    post_password(client, "alex")
    client.post("/account/login/", {"wizard_goto_step": "backup"})
    response = client.post(
        "/account/login/", {"login_view-current_step": "backup", "backup-otp_token": code.upper()}
    )
    assert response.status_code == 302 and client.session[SESSION_KEY] == str(advocate.pk)
    assert backup_codes.remaining(advocate) == 2

    client.logout()
    post_password(client, "alex")
    client.post("/account/login/", {"wizard_goto_step": "backup"})
    response = client.post("/account/login/", {"login_view-current_step": "backup", "backup-otp_token": code})
    assert SESSION_KEY not in client.session
    assert b"Invalid token" in response.content


def signed_in_an_hour_ago(client):
    session = client.session
    session[CONFIRMED_AT] = int(time.time()) - 3600
    session.save()
    return client


def test_generating_codes_shows_them_once(staff_client, advocate):
    client = staff_client(advocate)
    session = client.session
    session[CONFIRMED_AT] = int(time.time())
    session.save()
    response = client.post(URL)
    shown = response.context["codes"]
    assert len(shown) == 10 and all(code in response.content.decode() for code in shown)
    again = client.get(URL)
    assert again.context["codes"] is None
    assert not any(code in again.content.decode() for code in shown)
    assert "10 unused backup codes" in again.content.decode()


def test_backup_codes_ask_for_the_password_again(staff_client, advocate):
    client = signed_in_an_hour_ago(staff_client(advocate))
    response = client.post(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/confirm-password/?next=")
    assert backup_codes.remaining(advocate) == 0

    wrong = client.post("/account/confirm-password/", {"password": "nope", "next": URL})
    assert b"That password is not right." in wrong.content
    right = client.post("/account/confirm-password/", {"password": STAFF_PASSWORD, "next": URL})
    assert right["Location"] == URL
    assert client.post(URL).status_code == 200
    assert backup_codes.remaining(advocate) == 10


def test_replacing_the_authenticator_asks_for_the_password_again(staff_client, advocate):
    client = signed_in_an_hour_ago(staff_client(advocate))
    response = client.get("/account/two_factor/disable/")
    assert response["Location"].startswith("/account/confirm-password/")
    client.post("/account/confirm-password/", {"password": STAFF_PASSWORD, "next": "/"})
    response = client.post("/account/two_factor/disable/", {"understand": "on"})
    assert response.status_code == 302
    # Without an authenticator, every staff page sends them to set up a new one.
    assert client.get("/")["Location"] == "/account/two_factor/setup/"


def test_confirm_password_refuses_an_outside_next_url(staff_client, advocate):
    client = staff_client(advocate)
    response = client.post(
        "/account/confirm-password/", {"password": STAFF_PASSWORD, "next": "https://elsewhere.example/"}
    )
    assert response["Location"] == "/"
