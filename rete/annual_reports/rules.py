"""Who may do what with the annual reports: one place to review.

- Reading a report: the Department and the monitoring company read every territory's; the
  steering committee reads the accepted ones (a draft or a report under review is the
  territory's work in progress); a territory's referents and network operators read their
  territory's.
  The helpline's people read none (the archive's page shows them the formats only).
- Writing and submitting: the territory's referents, while the report is a draft or returned.
- The expert: a person of the monitoring company (MONITORING_ANALYST, granted for the whole
  country) whom the Department assigns to the report. The seed has the territory write its
  report "with the assistance of an expert", and the monitoring company provides them.
- Comments: the Department, the report's expert and the territory's referents, until the
  report is accepted. Only they read the comments (they are a working conversation, not part
  of the report: the network operators, the committee and the PDF do not carry them).
- Review: the Department or the expert start it; only the Department accepts or returns a
  report, and assigns its expert. The Department keeps the templates (the yearly format).
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser

from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    MONITORING_ANALYST,
    NETWORK_OPERATOR,
    STEERING_COMMITTEE,
)
from rete.accounts.scopes import Scope
from rete.annual_reports.models import AnnualReport, ReportStatus

FULL_READERS = (DEPARTMENT_ADMIN, MONITORING_ANALYST)
ACCEPTED_READERS = (STEERING_COMMITTEE,)
NATIONAL_READERS = FULL_READERS + ACCEPTED_READERS
TERRITORY_READERS = (ATR_REFERENT, NETWORK_OPERATOR)
READ_ROLES = NATIONAL_READERS + TERRITORY_READERS
WRITER_ROLES = (ATR_REFERENT,)
MANAGER_ROLES = (DEPARTMENT_ADMIN,)
EXPERT_ROLES = (MONITORING_ANALYST,)
COMMENT_ROLES = (DEPARTMENT_ADMIN, MONITORING_ANALYST, ATR_REFERENT)
REVIEW_ROLES = (DEPARTMENT_ADMIN, MONITORING_ANALYST)


def is_manager(scope: Scope) -> bool:
    return DEPARTMENT_ADMIN in scope.national_roles


def is_expert(scope: Scope, person: AbstractBaseUser, report: AnnualReport) -> bool:
    return (
        report.expert_id is not None
        and report.expert_id == person.pk
        and bool(scope.national_roles.intersection(EXPERT_ROLES))
    )


def writes_for(scope: Scope, territory_id: int) -> bool:
    """A referent of the territory (a national role never writes a territory's report)."""
    return territory_id in (scope.territories_for(*WRITER_ROLES) or frozenset())


def may_edit(scope: Scope, report: AnnualReport) -> bool:
    return report.is_editable and writes_for(scope, report.territory_id)


def may_read_comments(scope: Scope, person: AbstractBaseUser, report: AnnualReport) -> bool:
    return (
        is_manager(scope)
        or is_expert(scope, person, report)
        or writes_for(scope, report.territory_id)
    )


def may_comment(scope: Scope, person: AbstractBaseUser, report: AnnualReport) -> bool:
    return not report.is_final and may_read_comments(scope, person, report)


def comments_from_territory(scope: Scope, person: AbstractBaseUser, report: AnnualReport) -> bool:
    """Whose side a comment of `person` is on: the territory's, unless they also review."""
    return not (is_manager(scope) or is_expert(scope, person, report))


def may_start_review(scope: Scope, person: AbstractBaseUser, report: AnnualReport) -> bool:
    return report.status == ReportStatus.SUBMITTED and (
        is_manager(scope) or is_expert(scope, person, report)
    )


def may_decide(scope: Scope, report: AnnualReport) -> bool:
    return report.status == ReportStatus.IN_REVIEW and is_manager(scope)


def may_assign_expert(scope: Scope, report: AnnualReport) -> bool:
    return not report.is_final and is_manager(scope)
