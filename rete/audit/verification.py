"""Verifying the chain and keeping the outcome, so that the audit viewer can show the
last result without recomputing every hash on each page view.

A run is made by `rete verify-audit` (operations, e.g. nightly) or by the Department's
"Verify now" button in the reserved area; both go through `audit_verification_run`.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone

from rete.audit.models import AuditVerificationRun, AuditVerificationSource
from rete.audit.selectors import AuditVerification, audit_chain_verify

MESSAGE_MAX_LENGTH = AuditVerificationRun._meta.get_field("break_message").max_length


def audit_verification_run(
    *,
    source: str,
    requested_by: AbstractBaseUser | None = None,
    chunk_size: int = 2000,
) -> tuple[AuditVerification, AuditVerificationRun]:
    """Verify the whole chain (rete.audit.selectors.audit_chain_verify) and store the
    outcome. Returns the verification and the stored run."""
    if source not in AuditVerificationSource.values:
        raise ValueError(f"Unknown source {source!r}.")
    started_at = timezone.now()
    result = audit_chain_verify(chunk_size=chunk_size)
    broken = result.first_break
    run = AuditVerificationRun.objects.create(
        started_at=started_at,
        finished_at=timezone.now(),
        intact=result.intact,
        entries_verified=result.entries_verified,
        last_hash=result.last_hash,
        break_sequence=broken.sequence if broken else None,
        break_reason=broken.reason if broken else "",
        break_message=(str(broken.message)[:MESSAGE_MAX_LENGTH] if broken else ""),
        source=source,
        requested_by=requested_by,
    )
    return result, run


def audit_verification_last() -> AuditVerificationRun | None:
    """The most recent run, or None if the chain was never verified."""
    return (
        AuditVerificationRun.objects.select_related("requested_by").order_by("-finished_at").first()
    )
