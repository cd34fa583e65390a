"""Indexes for the audit viewer's filters, and the record of chain verifications.

The two indexes let the viewer page newest first by sequence within one action or one
actor as a single index range scan (see AuditEntry.Meta). Adding an index does not make
SQLite rebuild the table, so the append-only trigger of migration 0002 stays in place.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_guard"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditVerificationRun",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("started_at", models.DateTimeField(verbose_name="started")),
                ("finished_at", models.DateTimeField(verbose_name="finished")),
                ("intact", models.BooleanField(verbose_name="intact")),
                (
                    "entries_verified",
                    models.PositiveBigIntegerField(verbose_name="entries verified"),
                ),
                ("last_hash", models.CharField(max_length=64, verbose_name="last hash")),
                (
                    "break_sequence",
                    models.PositiveBigIntegerField(
                        blank=True, null=True, verbose_name="first broken entry"
                    ),
                ),
                (
                    "break_reason",
                    models.CharField(blank=True, max_length=20, verbose_name="reason"),
                ),
                (
                    "break_message",
                    models.CharField(blank=True, max_length=300, verbose_name="explanation"),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[("command", "command line"), ("web", "reserved area")],
                        max_length=10,
                        verbose_name="run from",
                    ),
                ),
            ],
            options={
                "verbose_name": "audit chain verification",
                "verbose_name_plural": "audit chain verifications",
                "ordering": ["-finished_at"],
                "default_permissions": ("view",),
            },
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["action", "sequence"], name="audit_action_seq_idx"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["actor", "sequence"], name="audit_actor_seq_idx"),
        ),
        migrations.AddField(
            model_name="auditverificationrun",
            name="requested_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="requested by",
            ),
        ),
        migrations.AddIndex(
            model_name="auditverificationrun",
            index=models.Index(fields=["-finished_at"], name="audit_verification_last_idx"),
        ),
    ]
