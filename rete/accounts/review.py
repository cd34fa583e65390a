"""Who keeps their access: deactivation, reactivation and the daily review of accounts.

Two rules end access without anyone having to remember to (`accounts_review`, run daily
by `rete accounts-review`):

(a) the yearly re-confirmation is overdue by more than ACCOUNTS_RECONFIRM_GRACE_DAYS: the
    account is deactivated (reason not_reconfirmed);
(b) the organisation a person works for has left the network: the grants bound to it are
    revoked and, if no grant remains, the account is deactivated (organization_left).

An organisation has left the network when it has been a party of a protocol that came into
force (active or terminated, started) and is now a party of no protocol in force today. One
that was never recorded as a party of any protocol (many members take part through their
services, not as signatories) has not left anything and is not touched.

Deactivating sets both Account.deactivated_at and User.is_active = False, so that no
session, password or token of the person works any more, and ends their open sessions.
Reactivation is the reviewers' (`account_reactivate`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rete.accounts.account_page.services import user_sessions_end
from rete.accounts.models import Account, DeactivationReason, Grant
from rete.accounts.scopes import user_scope_forget
from rete.accounts.services import grant_revoke
from rete.audit.models import AuditAction
from rete.audit.services import audit_record

# Stored on each grant revoked by rule (b): the history of who could see what says why.
ORGANIZATION_LEFT_REASON = "organisation left the network"


@transaction.atomic
def account_deactivate(
    *,
    account: Account,
    by: AbstractBaseUser | None,
    reason: str,
    ip_address: str | None = None,
) -> bool:
    """Deactivate the account and end its sessions. `reason` is a DeactivationReason.
    False (nothing written) when it was already deactivated."""
    reason = DeactivationReason(reason).value
    account = Account.objects.select_for_update().select_related("user").get(pk=account.pk)
    if account.deactivated_at is not None:
        return False
    account.deactivated_at = timezone.now()
    account.deactivation_reason = reason
    account.save(update_fields=["deactivated_at", "deactivation_reason"])
    user = account.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    user_scope_forget(user)
    audit_record(
        actor=by,
        action=AuditAction.ACCOUNT_DEACTIVATE,
        target_type="accounts.account",
        target_id=account.pk,
        details={"user_id": user.pk, "reason": reason},
        ip_address=ip_address,
    )
    user_sessions_end(user=user, by=by, ip_address=ip_address)
    return True


@transaction.atomic
def account_reactivate(
    *, account: Account, by: AbstractBaseUser | None, ip_address: str | None = None
) -> bool:
    """Give a deactivated account back its access (the grants it still holds). The year of
    re-confirmation starts again now: the reviewer has just confirmed the need.
    False (nothing written) when it was not deactivated."""
    account = Account.objects.select_for_update().select_related("user").get(pk=account.pk)
    if account.deactivated_at is None and account.user.is_active:
        return False
    previous_reason = account.deactivation_reason
    account.deactivated_at = None
    account.deactivation_reason = ""
    account.reconfirmed_at = timezone.now()
    account.save(update_fields=["deactivated_at", "deactivation_reason", "reconfirmed_at"])
    user = account.user
    user.is_active = True
    user.save(update_fields=["is_active"])
    user_scope_forget(user)
    audit_record(
        actor=by,
        action=AuditAction.ACCOUNT_REACTIVATE,
        target_type="accounts.account",
        target_id=account.pk,
        details={"user_id": user.pk, "previous_reason": previous_reason or None},
        ip_address=ip_address,
    )
    return True


# --- (a) the yearly re-confirmation -------------------------------------------------------


def accounts_reconfirmation_lapsed(now: datetime.datetime) -> list[Account]:
    """Active accounts whose re-confirmation is overdue by more than the grace period."""
    limit = now - datetime.timedelta(
        days=settings.ACCOUNTS_RECONFIRM_DAYS + settings.ACCOUNTS_RECONFIRM_GRACE_DAYS
    )
    return list(
        Account.objects.filter(deactivated_at__isnull=True)
        .filter(Q(reconfirmed_at__lt=limit) | Q(reconfirmed_at__isnull=True, created_at__lt=limit))
        .select_related("user")
        .order_by("pk")
    )


# --- (b) organisations that left the network ----------------------------------------------


def _protocols_in_force(day: datetime.date) -> Q:
    from rete.network.models import ProtocolStatus

    return Q(
        protocols__status=ProtocolStatus.ACTIVE,
        protocols__valid_from__lte=day,
    ) & (Q(protocols__valid_to__isnull=True) | Q(protocols__valid_to__gte=day))


def protocol_has_started(protocol, day: datetime.date) -> bool:
    """Whether the protocol has been in force (its parties have been in the network)."""
    from rete.network.models import ProtocolStatus

    return protocol.status != ProtocolStatus.DRAFT and protocol.valid_from <= day


def organizations_left(
    day: datetime.date, *, among: Iterable[int] | None = None, former_parties: bool = False
) -> frozenset[int]:
    """Ids of the organisations that have left the network on `day` (see the module's
    docstring), limited to `among` when given. `former_parties`: those of `among` are known
    to have been parties of a protocol in force (they were just removed from one)."""
    from rete.directory.models import Organization
    from rete.network.models import ProtocolStatus

    if former_parties and among is not None:
        candidates = Organization.objects.all()
    else:
        candidates = Organization.objects.filter(
            protocols__status__in=[ProtocolStatus.ACTIVE, ProtocolStatus.TERMINATED],
            protocols__valid_from__lte=day,
        )
    if among is not None:
        candidates = candidates.filter(pk__in=list(among))
    in_force = Organization.objects.filter(_protocols_in_force(day)).values("pk")
    return frozenset(candidates.exclude(pk__in=in_force).values_list("pk", flat=True).distinct())


@dataclass(frozen=True)
class MembershipChange:
    """What rule (b) does to one account."""

    account: Account
    grants: tuple[Grant, ...]
    deactivate: bool


def membership_changes(organization_ids: Iterable[int]) -> list[MembershipChange]:
    """For the organisations given (that have left), each account bound to one of them:
    its active grants bound to them, and whether no active grant would remain."""
    left = set(organization_ids)
    if not left:
        return []
    user_ids = set(
        Account.objects.filter(organization_id__in=left).values_list("user_id", flat=True)
    ) | set(
        Grant.objects.filter(organization_id__in=left, revoked_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    accounts = Account.objects.filter(user_id__in=user_ids).select_related("user").order_by("pk")
    grants_by_user: dict[int, list[Grant]] = {}
    for grant in Grant.objects.filter(user_id__in=user_ids, revoked_at__isnull=True).order_by("pk"):
        grants_by_user.setdefault(grant.user_id, []).append(grant)
    changes = []
    for account in accounts:
        active = grants_by_user.get(account.user_id, [])
        to_revoke = tuple(grant for grant in active if grant.organization_id in left)
        remaining = len(active) - len(to_revoke)
        deactivate = account.deactivated_at is None and remaining == 0
        if to_revoke or deactivate:
            changes.append(
                MembershipChange(account=account, grants=to_revoke, deactivate=deactivate)
            )
    return changes


@dataclass
class ReviewResult:
    """What a review did (or, dry, would do)."""

    not_reconfirmed: list[Account] = field(default_factory=list)
    organizations_left: frozenset[int] = frozenset()
    grants_revoked: list[Grant] = field(default_factory=list)
    organization_left: list[Account] = field(default_factory=list)
    dry_run: bool = False

    @property
    def counts(self) -> dict[str, int]:
        return {
            "deactivated_not_reconfirmed": len(self.not_reconfirmed),
            "organizations_left": len(self.organizations_left),
            "grants_revoked": len(self.grants_revoked),
            "deactivated_organization_left": len(self.organization_left),
        }


def _apply_membership(changes: list[MembershipChange], result: ReviewResult) -> None:
    for change in changes:
        with transaction.atomic():
            for grant in change.grants:
                grant_revoke(grant=grant, by=None, reason=ORGANIZATION_LEFT_REASON)
                result.grants_revoked.append(grant)
            still_active = Grant.objects.filter(
                user_id=change.account.user_id, revoked_at__isnull=True
            ).exists()
            if not still_active and account_deactivate(
                account=change.account, by=None, reason=DeactivationReason.ORGANIZATION_LEFT
            ):
                result.organization_left.append(change.account)


def organizations_membership_review(
    organization_ids: Iterable[int],
    *,
    day: datetime.date | None = None,
    dry_run: bool = False,
    former_parties: bool = False,
) -> ReviewResult:
    """Rule (b) for some organisations: run right after a protocol or its parties change.
    `former_parties` as in organizations_left."""
    day = day or timezone.localdate()
    result = ReviewResult(dry_run=dry_run)
    result.organizations_left = organizations_left(
        day, among=organization_ids, former_parties=former_parties
    )
    changes = membership_changes(result.organizations_left)
    if dry_run:
        result.grants_revoked = [grant for change in changes for grant in change.grants]
        result.organization_left = [change.account for change in changes if change.deactivate]
    else:
        _apply_membership(changes, result)
    return result


def accounts_review(now: datetime.datetime | None = None, *, dry_run: bool = False) -> ReviewResult:
    """The daily review: rule (a) then rule (b), over every account. With `dry_run`,
    what would be done, changing nothing."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    result = ReviewResult(dry_run=dry_run)
    lapsed = accounts_reconfirmation_lapsed(now)
    if dry_run:
        result.not_reconfirmed = lapsed
    else:
        for account in lapsed:
            if account_deactivate(
                account=account, by=None, reason=DeactivationReason.NOT_RECONFIRMED
            ):
                result.not_reconfirmed.append(account)
    membership = organizations_membership_review(organizations_left(day), day=day, dry_run=dry_run)
    lapsed_ids = {account.pk for account in result.not_reconfirmed}
    result.organizations_left = membership.organizations_left
    result.grants_revoked = membership.grants_revoked
    # In a dry run an account lapsed under (a) is counted there only, as the real run
    # would have deactivated it before (b).
    result.organization_left = [
        account for account in membership.organization_left if account.pk not in lapsed_ids
    ]
    return result
