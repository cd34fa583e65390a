from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from rete.accounts.review import ReviewResult, accounts_review


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Daily review of the accounts: deactivate those whose yearly re-confirmation is "
            "overdue beyond the grace period, and end the access given through an "
            "organisation that has left the network. Prints what it did."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Print what would be done, changing nothing."),
        )

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        result = accounts_review(dry_run=dry_run)
        if dry_run:
            self._details(result)
        counts = result.counts
        lines = [
            (_("Accounts deactivated, re-confirmation overdue"), "deactivated_not_reconfirmed"),
            (_("Organisations that left the network"), "organizations_left"),
            (_("Grants revoked, organisation left"), "grants_revoked"),
            (_("Accounts deactivated, organisation left"), "deactivated_organization_left"),
        ]
        if dry_run:
            self.stdout.write(_("Dry run: nothing was changed."))
        for label, key in lines:
            self.stdout.write(f"{label}: {counts[key]}")

    def _details(self, result: ReviewResult) -> None:
        # Codes and ids only: the output may end up in a cron mail or a log.
        for account in result.not_reconfirmed:
            self.stdout.write(
                _("would deactivate %(code)s: re-confirmation overdue")
                % {"code": account.personal_code}
            )
        for grant in result.grants_revoked:
            self.stdout.write(
                _("would revoke grant %(id)s (%(role)s) of user %(user)s: organisation left")
                % {"id": grant.pk, "role": grant.role, "user": grant.user_id}
            )
        for account in result.organization_left:
            self.stdout.write(
                _("would deactivate %(code)s: organisation left") % {"code": account.personal_code}
            )
