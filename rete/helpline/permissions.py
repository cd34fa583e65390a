"""Who may open the 1522 screens: one decorator for every helpline view.

An anonymous visitor is sent to sign in; a signed-in user without the role gets 403 (the
screen exists, but not for them). Every answer is marked not to be cached. Objects inside a screen are checked by their own access
helper (rete.helpline.contacts.access), not here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from rete.accounts.roles import HELPLINE_OPERATOR, HELPLINE_SUPERVISOR
from rete.helpline.contacts.selectors import user_helpline_role

View = Callable[..., HttpResponse]
ANY_HELPLINE_ROLE = (HELPLINE_OPERATOR, HELPLINE_SUPERVISOR)


def helpline_role_required(*roles: str) -> Callable[[View], View]:
    """Let the view run only for a user whose helpline role is one of `roles` (any
    helpline role when none is given); the role is put on `request.helpline_role`."""
    allowed = roles or ANY_HELPLINE_ROLE

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            user = request.user
            # Read once per request: the services check the role again, from these names.
            user.request_group_names = frozenset(  # type: ignore[union-attr]
                user.groups.values_list("name", flat=True)  # type: ignore[union-attr]
            )
            role = user_helpline_role(user)
            if role not in allowed:
                raise PermissionDenied
            request.helpline_role = role  # type: ignore[attr-defined]
            response = view(request, *args, **kwargs)
            # Contact data must never be kept by a browser or a proxy cache.
            add_never_cache_headers(response)
            return response

        return wrapped

    return decorator
