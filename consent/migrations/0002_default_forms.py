from django.db import migrations

from consent.defaults import create_defaults


def add_default_forms(apps, schema_editor):
    create_defaults(apps.get_model("consent", "ConsentForm"))


class Migration(migrations.Migration):
    dependencies = [("consent", "0001_initial")]

    # Reversing leaves the forms: they may already be in use by consent records.
    operations = [migrations.RunPython(add_default_forms, migrations.RunPython.noop)]
