from django.core.management.base import BaseCommand

from retention.jobs import run_all


class Command(BaseCommand):
    help = "Runs every retention job now (the same ones beat schedules) and prints how many rows each removed."

    def handle(self, *args, **options):
        total = 0
        for name, rows in run_all():
            self.stdout.write(f"{name}: {rows}")
            total += rows
        self.stdout.write(self.style.SUCCESS(f"{total} rows removed in all."))
