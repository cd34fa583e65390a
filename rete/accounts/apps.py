from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rete.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib import admin

        from rete.accounts import signals  # noqa: F401  (connects the sign-in audit)
        from rete.accounts.roles import roles_sync_after_migrate
        from rete.accounts.views import admin_login

        post_migrate.connect(
            roles_sync_after_migrate, sender=self, dispatch_uid="rete-accounts-roles-sync"
        )
        from rete.accounts import membership  # noqa: F401

        # The admin signs in through the platform's pages (password and second factor).
        admin.site.login = admin_login  # type: ignore[method-assign]
