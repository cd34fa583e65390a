"""Who may open a screen of the reserved area: one decorator for every reserved view.

An anonymous visitor is sent to sign in; a signed-in person holding none of the view's
roles gets 403 (the screen exists, not for them); an object outside their scope is the
view's business, through the object's access helper, and answers 404 (we do not say it
exists). The person's scope is put on `request.scope`. Nothing reserved is ever kept by a
browser or a proxy: every answer is marked not to be cached.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from rete.accounts.roles import ROLES
from rete.accounts.scopes import user_scope

View = Callable[..., HttpResponse]


def reserved_view(*roles: str) -> Callable[[View], View]:
    """Let the view run for a person holding one of `roles` (any role of the platform
    when none is given)."""
    allowed = roles or ROLES
    unknown = set(allowed) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            scope = user_scope(request.user)
            if not scope.has_role(*allowed):
                raise PermissionDenied
            request.scope = scope  # type: ignore[attr-defined]
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response

        wrapped.reserved_roles = frozenset(allowed)  # type: ignore[attr-defined]
        return wrapped

    return decorator
