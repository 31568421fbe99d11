from django.core.management.base import BaseCommand, CommandError

from advocacy.fields import models_with_encrypted_fields, rotate_model


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field under the newest key in FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, keep the old ones until this has run, then remove them. "
        "Prints counts only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="rows a transaction (default 500)")

    def handle(self, *args, batch_size: int, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        for model in models_with_encrypted_fields():
            rotated, current = rotate_model(model, batch_size)
            self.stdout.write(f"{model._meta.label}: {rotated} re-encrypted, {current} already under the newest key")
