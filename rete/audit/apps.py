from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "rete.audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from django.contrib import admin
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import post_save

        from rete.audit.admin_changes import admin_log_entry_audit, delete_selected

        # Every change made in the admin is audited (rete.audit.admin_changes).
        post_save.connect(
            admin_log_entry_audit, sender=LogEntry, dispatch_uid="rete.audit.admin_changes"
        )
        # Replaces Django's site-wide action of the same name, whose bulk logging of a
        # multiple deletion would escape the receiver above.
        admin.site.add_action(delete_selected, "delete_selected")
