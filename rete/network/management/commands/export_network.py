"""`rete export-network [FILE]` (also `rete export_network`): write the network as a
`rete-network/1` file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from rete.network.networkfile.exporter import network_export, network_file_dumps


class Command(BaseCommand):
    # argparse needs a str, not a lazy translation: translated when asked for.
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Export the whole network as a network file (format rete-network/1, JSON, UTF-8) "
            "to FILE, or to standard output. The file is an internal exchange format for the "
            "Department: it includes the addresses and coordinates of confidential locations "
            "(shelters), so keep it as reserved as the reserved area itself; a FILE is created "
            "readable by its owner only."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", help=_("Where to write; standard output if omitted.")
        )

    def handle(self, *args: Any, file: str | None, **options: Any) -> None:
        text = network_file_dumps(network_export())
        if not file or file == "-":
            self.stdout.write(text, ending="")
            return
        target = Path(file)
        try:
            _write_atomically(target, text)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(reason)s") % {"file": file, "reason": error.strerror}
            ) from None


def _write_atomically(target: Path, text: str) -> None:
    """Write beside the target and rename, so that a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
