"""Loads classification version 1, published, from rete.helpline.classification.lists."""

from django.db import migrations
from django.utils import timezone

from rete.helpline.classification.lists import VERSION_1, VERSION_1_NOTES
from rete.helpline.classification.loader import classification_load


def load(apps, schema_editor):
    version_model = apps.get_model("helpline", "ClassificationVersion")
    if version_model.objects.filter(number=1).exists():
        return
    classification_load(
        version_model,
        apps.get_model("helpline", "ClassificationList"),
        apps.get_model("helpline", "ClassificationItem"),
        number=1,
        lists=VERSION_1,
        notes=VERSION_1_NOTES,
        published_at=timezone.now(),
    )


class Migration(migrations.Migration):
    dependencies = [("helpline", "0001_initial")]
    # Unapplying removes the tables with 0001; nothing to undo here first.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
