import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from staff.demo import seed


class Command(BaseCommand):
    help = "Create the demo program (DEBUG only): one admin, one supervisor, two advocates."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the accounts as JSON")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it creates accounts with published passwords.")
        accounts = seed()
        if options["json"]:
            self.stdout.write(json.dumps({"accounts": accounts}, indent=2))
            return
        self.stdout.write("Demo accounts (password, then a code from an authenticator app set up with the secret):")
        for account in accounts:
            self.stdout.write(
                f"  {account['role']:<14} {account['username']:<17} password {account['password']}"
                f"   TOTP secret {account['totp_secret']}"
            )
