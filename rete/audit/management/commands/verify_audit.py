"""`rete verify-audit` (also `rete verify_audit`): check the audit log's hash chain.

Each run is stored (rete.audit.models.AuditVerificationRun) and shown to the Department in
the reserved area's audit viewer. Exit status 0 when the chain holds, 1 when it does not (the first broken entry and why
are printed to stderr), 2 for bad arguments.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rete.audit.models import AuditVerificationSource
from rete.audit.verification import audit_verification_run


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    # argparse needs a str, not a lazy translation: translated when asked for.
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Check the audit log: recompute the hash of every entry in sequence order, "
            "check that each links to the one before it and that the last one is the one "
            "the chain head records. Prints the number of entries verified and the last "
            "entry's hash (note it elsewhere: a later run must reach the same hash), or "
            "names the first broken entry and exits with status 1."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--chunk-size",
            type=_positive,
            default=2000,
            help=_("Entries read from the database at a time (default 2000)."),
        )

    def handle(self, *args: Any, chunk_size: int, **options: Any) -> None:
        # The outcome is also stored: the audit viewer of the reserved area shows it.
        result, _run = audit_verification_run(
            source=AuditVerificationSource.COMMAND, chunk_size=chunk_size
        )
        broken = result.first_break
        if broken is not None:
            raise CommandError(
                _("Audit log broken at entry %(sequence)d (%(reason)s): %(message)s")
                % {"sequence": broken.sequence, "reason": broken.reason, "message": broken.message}
                + " "
                + ngettext(
                    "%(count)d entry before it is intact.",
                    "%(count)d entries before it are intact.",
                    result.entries_verified,
                )
                % {"count": result.entries_verified}
            )
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Audit log intact: %(count)d entry verified.",
                    "Audit log intact: %(count)d entries verified.",
                    result.entries_verified,
                )
                % {"count": result.entries_verified}
            )
        )
        if result.entries_verified:
            self.stdout.write(
                _("Last entry: %(sequence)d, hash %(hash)s")
                % {"sequence": result.entries_verified, "hash": result.last_hash}
            )
