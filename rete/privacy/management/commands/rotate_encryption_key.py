"""`rete rotate-encryption-key` (also `rete rotate_encryption_key`): re-encrypt every
encrypted field with the newest key of FIELD_ENCRYPTION_KEYS."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rete.privacy.crypto import DecryptionError, encryption_keys_validate
from rete.privacy.rotation import DEFAULT_BATCH_SIZE, encryption_key_rotate


class Command(BaseCommand):
    # argparse needs a str, not a lazy translation: translated when asked for.
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Re-encrypt every encrypted field of every model with the newest key (the first "
            "of FIELD_ENCRYPTION_KEYS). Values already under it are left alone, so the "
            "command can be run again after an interruption. Rows are handled in chunks, "
            "each in its own transaction. Remove an old key only after this command has run "
            "without errors."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=_("Rows per transaction (default: %(default)s)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Count what would be re-encrypted; write nothing."),
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help=_("The database to rotate (default: %(default)s)."),
        )

    def handle(
        self, *args: Any, batch_size: int, dry_run: bool, database: str, **options: Any
    ) -> None:
        if batch_size < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        try:
            encryption_keys_validate()
            results = encryption_key_rotate(batch_size=batch_size, dry_run=dry_run, using=database)
        except (ImproperlyConfigured, DecryptionError) as error:
            raise CommandError(str(error)) from None
        if not results:
            self.stdout.write(_("No model has encrypted fields: nothing to do."))
            return
        template = (
            _(
                "%(field)s: %(reencrypted)d to re-encrypt, %(current)d already current, %(empty)d empty"
            )
            if dry_run
            else _(
                "%(field)s: %(reencrypted)d re-encrypted, %(current)d already current, %(empty)d empty"
            )
        )
        for result in results:
            self.stdout.write(
                template
                % {
                    "field": result.label,
                    "reencrypted": result.reencrypted,
                    "current": result.current,
                    "empty": result.empty,
                }
            )
        total = sum(result.reencrypted for result in results)
        if dry_run:
            message = ngettext(
                "Dry run: %(count)d value would be re-encrypted; nothing was written.",
                "Dry run: %(count)d values would be re-encrypted; nothing was written.",
                total,
            )
            self.stdout.write(message % {"count": total})
        else:
            message = ngettext(
                "Done: %(count)d value re-encrypted with the newest key.",
                "Done: %(count)d values re-encrypted with the newest key.",
                total,
            )
            self.stdout.write(self.style.SUCCESS(message % {"count": total}))
