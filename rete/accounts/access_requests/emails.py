"""The e-mails of the access request procedure, plain text.

The requester's e-mails are written in the language they used for the request; the
reviewers' in the interface's language. They are sent after the transaction that caused
them commits (a rolled-back approval sends nothing), each to one address: reviewers do not
learn each other's addresses.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from rete.accounts.access_requests.limits import role_label
from rete.accounts.models import AccessRequest

logger = logging.getLogger(__name__)

TEMPLATES = "accounts/access_requests/email"


def _send_after_commit(*, to: str, template: str, context: dict[str, Any], language: str) -> None:
    with translation.override(language):
        subject = render_to_string(f"{TEMPLATES}/{template}_subject.txt", context)
        body = render_to_string(f"{TEMPLATES}/{template}.txt", context)
    subject = " ".join(subject.split())

    def send() -> None:
        send_mail(subject, body, None, [to])

    # robust: the change is committed; a mail server down must not turn it into an error
    # page (the failure is logged, the request can be made or reviewed again).
    transaction.on_commit(send, robust=True)


def _request_context(access_request: AccessRequest) -> dict[str, Any]:
    return {
        "access_request": access_request,
        "role": role_label(access_request.role),
        "organization": (
            access_request.organization.name
            if access_request.organization_id
            else access_request.organization_other
        ),
        "territory": access_request.territory.name if access_request.territory_id else "",
        "link_hours": settings.ACCOUNTS_LINK_HOURS,
        "site_url": settings.SITE_URL,
    }


def verification_send(access_request: AccessRequest, *, token: str) -> None:
    context = _request_context(access_request)
    context["verify_url"] = settings.SITE_URL + reverse(
        "accounts:access_request_verify", kwargs={"token": token}
    )
    _send_after_commit(
        to=access_request.email,
        template="verify",
        context=context,
        language=access_request.language,
    )


def reviewers_notify(access_request: AccessRequest, reviewers) -> None:
    context = _request_context(access_request)
    context["review_url"] = settings.SITE_URL + reverse(
        "reserved:access_request", kwargs={"pk": access_request.pk}
    )
    for reviewer in reviewers:
        _send_after_commit(
            to=reviewer.email,
            template="review",
            context=context,
            language=settings.LANGUAGE_CODE,
        )


def approval_send(
    access_request: AccessRequest,
    *,
    role: str,
    territory,
    personal_code: str,
    password_url: str | None,
) -> None:
    """password_url: the one-time link to choose a password, for a new account (None when
    the role was added to an account that already has one)."""
    context = _request_context(access_request)
    context.update(
        {
            "granted_role": role_label(role),
            "granted_territory": territory.name if territory is not None else "",
            "personal_code": personal_code,
            "password_url": password_url,
            "sign_in_url": settings.SITE_URL + reverse("accounts:login"),
        }
    )
    _send_after_commit(
        to=access_request.email,
        template="approved",
        context=context,
        language=access_request.language,
    )


def refusal_send(access_request: AccessRequest) -> None:
    _send_after_commit(
        to=access_request.email,
        template="refused",
        context=_request_context(access_request),
        language=access_request.language,
    )
