"""`rete demo`: migrate, load the demo network and the demo accounts, then serve.

For a developer's machine only. The accounts share one known password, so the command
refuses to run with DEBUG off (a production configuration) unless `--force` is given.
"""

import subprocess  # nosec B404  # starts our own task worker, no shell, fixed arguments
import sys
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rete.demo.services import (
    DEMO_PASSWORD,
    DemoAccount,
    demo_accounts_ensure,
    demo_network_load,
    demo_totp_secret,
    demo_totp_uri,
)
from rete.demo.statistics import CONTACTS_PER_YEAR, demo_statistics_load
from rete.demo.workflows import demo_workflows_load
from rete.publications.demo import demo_publications_load
from rete.reserved.demo import demo_reserved_documents_load

DEFAULT_ADDRPORT = "127.0.0.1:8000"
ADMIN_PATH = "/admin/"
API_DOCS_PATH = "/api/v1/docs"
# Addresses that mean "every interface": a browser on this machine reaches them here.
WILDCARD_HOSTS = {"0.0.0.0", "[::]", "::"}  # noqa: S104  # nosec B104  # recognised, not bound
COUNT_LABELS = {
    "territories": gettext_lazy("territories"),
    "protocols": gettext_lazy("protocols"),
    "organizations": gettext_lazy("organisations"),
    "services": gettext_lazy("services"),
    "referrals": gettext_lazy("referrals"),
    "emergency_contacts": gettext_lazy("emergency contacts"),
}


def base_url(addrport: str) -> str:
    """'127.0.0.1:8000' -> 'http://127.0.0.1:8000'; a bare port is on 127.0.0.1."""
    host, _sep, port = addrport.rpartition(":")
    if not host or host in WILDCARD_HOSTS:
        host = "127.0.0.1"
    return f"http://{host}:{port}"


class Command(BaseCommand):
    help = _(
        "Development only: migrate, load the demo network and one demo account per role "
        "(all with the same known password), then serve on 127.0.0.1:8000."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--addrport",
            default=DEFAULT_ADDRPORT,
            help=_("Address and port to serve on (default %(default)s), or just a port."),
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help=_("Load the demo and exit without starting the server."),
        )
        parser.add_argument(
            "--synthetic-contacts",
            type=int,
            default=CONTACTS_PER_YEAR,
            help=_(
                "Synthetic contacts per year to generate on the first run, for the statistics "
                "(default %(default)s, about today's volume of the 1522; 0: no statistics)."
            ),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Run even with DEBUG off. Demo accounts must never reach production."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _(
                    "Refusing to load the demo: DEBUG is off, which looks like a production "
                    "configuration. The demo creates accounts with a publicly known password "
                    "that must never reach production. Use development settings "
                    "(RETE_ENV=local), or pass --force if this database is a throwaway one."
                )
            )
        addrport: str = options["addrport"]
        verbosity: int = options["verbosity"]

        self.stdout.write(_("Migrating the database…"))
        call_command(
            "migrate", interactive=False, verbosity=max(verbosity - 1, 0), stdout=self.stdout
        )
        counts = demo_network_load()
        demo_publications_load()
        demo_reserved_documents_load()
        accounts = demo_accounts_ensure()
        if options["synthetic_contacts"] > 0:
            self._load_statistics(options["synthetic_contacts"])
        demo_workflows_load()

        self.stdout.write(
            _("Demo network loaded: %(counts)s.")
            % {"counts": ", ".join(f"{count} {COUNT_LABELS[key]}" for key, count in counts.items())}
        )
        self._write_accounts(accounts, base_url(addrport))

        if options["no_serve"]:
            return
        # Background tasks (a statistics release asked from the reserved area) need a worker
        # beside the server; it stops with the server.
        worker = subprocess.Popen(  # nosec B603  # our own interpreter and command
            [sys.executable, "-m", "rete.manage", "db_worker", "--no-reload", "--interval", "1"]
        )
        try:
            # The reloader would run this command again in a child process at every code
            # change, migrating and reloading the demo each time: serve without it.
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)

    def _load_statistics(self, per_year: int) -> None:
        self.stdout.write(
            _("Synthetic contacts and the statistics of the last four quarters (first run only)…")
        )
        statistics = demo_statistics_load(contacts_per_year=per_year)
        self.stdout.write(
            _(
                "Statistics: %(contacts)s synthetic contacts made, %(releases)s quarterly "
                "releases published."
            )
            % {
                "contacts": statistics["synthetic_contacts"],
                "releases": statistics["releases_published"],
            }
        )

    def _write_accounts(self, accounts: list[DemoAccount], url: str) -> None:
        rows = [(_("username"), _("role"), "")]
        for account in accounts:
            note = _("superuser") if account.is_superuser else ""
            rows.append((account.username, account.role, note))
        widths = [max(len(row[column]) for row in rows) for column in range(2)]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo accounts")))
        for username, role, note in rows:
            self.stdout.write(
                f"  {username.ljust(widths[0])}  {role.ljust(widths[1])}  {note}".rstrip()
            )
        self.stdout.write("")
        self.stdout.write(
            self.style.WARNING(
                _(
                    "Password of every demo account: %(password)s — DEMO ONLY, publicly known: "
                    "never use these accounts outside this machine."
                )
                % {"password": DEMO_PASSWORD}
            )
        )
        self._write_second_factor()
        self.stdout.write("")
        self.stdout.write(_("Portal:   %(url)s") % {"url": url + "/"})
        self.stdout.write(_("Console:  %(url)s") % {"url": url + "/console/"})
        self.stdout.write(_("Reserved area: %(url)s") % {"url": url + "/area-riservata/"})
        self.stdout.write(_("Admin:    %(url)s") % {"url": url + ADMIN_PATH})
        self.stdout.write(_("API docs: %(url)s") % {"url": url + API_DOCS_PATH})

    def _write_second_factor(self) -> None:
        # Every demo account asks for the code of one published demo key after the
        # password: add it once to an authenticator app, or ask `rete demo-code`.
        self.stdout.write(
            self.style.WARNING(
                _(
                    "Second factor of every demo account: an authenticator app on the demo "
                    "key %(secret)s (time-based, 6 digits, 30 seconds) — DEMO ONLY, publicly "
                    "known."
                )
                % {"secret": demo_totp_secret()}
            )
        )
        self.stdout.write(_("  Key for the app: %(uri)s") % {"uri": demo_totp_uri()})
        self.stdout.write(
            _("  Current code without an app: %(command)s") % {"command": "rete demo-code"}
        )
