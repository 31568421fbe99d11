import json
import subprocess
import sys

import pytest
from django_otp.oath import totp

from tests.browser import browser, context, live_url, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_advocate_signs_in_with_password_and_totp_from_the_seeded_secret(page, live_url, settings):
    from base64 import b32decode

    from django.core.management import call_command
    from io import StringIO

    settings.DEBUG = True  # seed_demo refuses to run otherwise
    out = StringIO()
    call_command("seed_demo", "--json", stdout=out)
    account = next(a for a in json.loads(out.getvalue())["accounts"] if a["role"] == "advocate")
    key = b32decode(account["totp_secret"])
    code = f"{totp(key):06d}"

    page.goto(f"{live_url}/")
    page.get_by_label("Username").fill(account["username"])
    page.get_by_label("Password").fill(account["password"])
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Token").fill(code)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(f"{live_url}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Alex Moreno"
    assert "Advocate" in page.locator("main").inner_text()
