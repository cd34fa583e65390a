"""`rete import-network FILE` (also `rete import_network`): load a `rete-network/1` file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rete.network.networkfile.importer import network_import
from rete.network.networkfile.schema import NetworkFileInvalid, NetworkFileUnreadable
from rete.network.networkfile.validate import network_file_parse


class Command(BaseCommand):
    # argparse needs a str, not a lazy translation: translated when asked for.
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Import a network file (format rete-network/1, see DESIGN.md). The whole file is "
            "checked first: if anything is wrong, every error is printed as 'path: reason' and "
            "nothing is written. Otherwise, in one transaction, organisations and services are "
            "created or updated by id and territories by code; the collections of each record "
            "in the file (a service's phones, location, schedules, closed dates, special "
            "openings, languages and area; a territory's provinces, comuni and referral chain; "
            "the emergency contacts of each province in the file) become the file's, and an "
            "optional field left out of a record takes its default. Protocols are history: "
            "the file's are created or updated, none is removed. Records "
            "that are not in the file are left untouched: importing one "
            "territory's file into a national network deletes nothing else. Importing the same "
            "file again changes nothing."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("The JSON file to import; - reads stdin."))

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": file, "reason": error.strerror}
            ) from None
        try:
            document = network_file_parse(raw)
        except NetworkFileUnreadable as error:
            raise CommandError(f"{file}: {error}") from None
        try:
            report = network_import(document)
        except NetworkFileInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(str(error))
            count = len(invalid.errors)
            raise CommandError(
                ngettext(
                    "%(count)d error: nothing was imported.",
                    "%(count)d errors: nothing was imported.",
                    count,
                )
                % {"count": count}
            ) from None
        for line in report.lines():
            self.stdout.write(line)
        if report.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Imported; the network is now at revision %(revision)d.")
                    % {"revision": report.revision}
                )
            )
        else:
            self.stdout.write(_("Nothing changed."))
