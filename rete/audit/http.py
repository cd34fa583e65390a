"""Auditing from a view: the actor and the address come from the request."""

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

from rete.audit.models import AuditEntry
from rete.audit.services import audit_record


def client_ip(request: HttpRequest) -> str | None:
    # The address as the app server sees it; behind a proxy that is the proxy's, unless the
    # deployment rewrites REMOTE_ADDR from a header it trusts.
    return request.META.get("REMOTE_ADDR") or None


def audit_request(
    request: HttpRequest,
    *,
    action: str,
    target_type: str,
    target_id: str | int,
    details: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """audit_record() with the request's user as actor and its address."""
    return audit_record(
        actor=getattr(request, "user", None),
        action=action,
        target_type=target_type,
        target_id=target_id,
        details=details,
        ip_address=client_ip(request),
    )


# The address of the request being served, for audit entries written where no request is
# at hand (the admin's change log receiver, rete.audit.admin_changes).
_current_ip: ContextVar[str | None] = ContextVar("rete_audit_current_ip", default=None)


def current_request_ip() -> str | None:
    return _current_ip.get()


class RequestAddressMiddleware:
    """Makes the request's address known to `current_request_ip()` while it is served."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _current_ip.reset(token)
