import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from staff.models import User

pytestmark = pytest.mark.django_db


def seed(settings, *args) -> str:
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_it_creates_one_admin_one_supervisor_and_two_advocates(settings):
    accounts = json.loads(seed(settings, "--json"))["accounts"]
    roles = sorted(account["role"] for account in accounts)
    assert roles == ["advocate", "advocate", "program_admin", "supervisor"]
    assert set(accounts[0]) == {"username", "password", "totp_secret", "role"}
    for account in accounts:
        assert User.objects.get(username=account["username"]).check_password(account["password"])


def test_running_it_twice_prints_the_same_accounts(settings):
    first = seed(settings, "--json")
    second = seed(settings, "--json")
    assert first == second
    assert User.objects.count() == 4


def test_the_advocates_report_to_the_supervisor(settings):
    seed(settings)
    supervisor = User.objects.get(role=User.Role.SUPERVISOR)
    assert set(User.objects.filter(role=User.Role.ADVOCATE).values_list("supervisor", flat=True)) == {supervisor.pk}


def test_it_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("seed_demo")
    assert not User.objects.exists()
