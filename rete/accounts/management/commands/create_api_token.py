from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from rete.accounts.tokens import api_token_create


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Create a personal API token for USERNAME (for the telephony integration). "
            "The token is printed once and only its digest is kept: store it at once."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="api", help=_("What the token is for."))
        parser.add_argument(
            "--days", type=int, default=365, help=_("Days of validity (0: no expiry).")
        )

    def handle(self, *args: Any, username: str, name: str, days: int, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(_("No active user is called %(username)s.") % {"username": username})
        if days < 0:
            raise CommandError(_("--days must be 0 or more."))
        expires_at = timezone.now() + timedelta(days=days) if days else None
        record, token = api_token_create(user=user, name=name, expires_at=expires_at)
        self.stdout.write(token)
        when = record.expires_at.date().isoformat() if record.expires_at else _("never")
        self.stderr.write(
            _("Token %(prefix)s… for %(username)s, expires: %(when)s.")
            % {"prefix": record.prefix, "username": username, "when": when}
        )
