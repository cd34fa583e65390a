from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rete.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from rete.accounts.roles import roles_sync_after_migrate

        post_migrate.connect(
            roles_sync_after_migrate, sender=self, dispatch_uid="rete-accounts-roles-sync"
        )
