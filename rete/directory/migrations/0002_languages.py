from django.db import migrations

from rete.directory.languages import LANGUAGES


def load(apps, schema_editor):
    language = apps.get_model("directory", "Language")
    for code, name in LANGUAGES.items():
        language.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
