"""Documents are public: the reserved ones were moved to the reserved area first
(reserved 0002)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0001_initial"),
        ("reserved", "0002_move_reserved_publications"),
    ]

    operations = [
        migrations.RemoveField(model_name="document", name="visibility"),
    ]
