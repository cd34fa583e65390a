"""`rete demo-code`: the current code of the demo accounts' authenticator.

For a developer's machine only, like `rete demo`: the key is published, so the command
refuses to run with DEBUG off unless `--force` is given.
"""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from rete.demo.services import demo_totp_code


class Command(BaseCommand):
    help = _(
        "Development only: print the current 6-digit code of the demo accounts' "
        "authenticator (the published demo key)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Run even with DEBUG off. Demo accounts must never reach production."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _(
                    "Refusing to give a demo code: DEBUG is off, which looks like a production "
                    "configuration, where demo accounts must never exist. Use development "
                    "settings (RETE_ENV=local), or pass --force."
                )
            )
        self.stdout.write(demo_totp_code())
