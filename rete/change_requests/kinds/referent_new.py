"""Kind 6: a new referent of the territory. On acceptance the person gets the territory's
referent role through the accounts' own procedure: the change becomes an access request
made on the person's behalf and approved at once by the deciding Department
(rete.accounts.access_requests.services.access_request_approve), which creates the account
when the address has none, gives the role, writes its audit entries and e-mails the
personal code and the one-time link to choose a password."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from rete.accounts.access_requests.services import (
    AccessRequestNotReviewable,
    access_request_approve,
    verification_digest,
)
from rete.accounts.models import AccessRequest, AccessRequestStatus, Grant
from rete.accounts.roles import ATR_REFERENT
from rete.accounts.scopes import Scope
from rete.change_requests.kinds.base import (
    ApplyError,
    DisplayField,
    Kind,
    KindForm,
    Target,
    select,
    text_input,
)
from rete.change_requests.models import ChangeKind
from rete.directory.models import Organization


def _already_referent(territory, email: str) -> bool:
    return Grant.objects.filter(
        role=ATR_REFERENT,
        territory=territory,
        revoked_at__isnull=True,
        user__email__iexact=email,
        user__is_active=True,
    ).exists()


class ReferentNewForm(KindForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200, widget=text_input())
    email = forms.EmailField(label=_("Work e-mail"), widget=text_input(type="email"))
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.order_by("name", "pk"),
        to_field_name="ext_id",
        required=False,
        widget=select(),
        help_text=_("The organisation the person works for, if it is in the directory."),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if _already_referent(self.target.territory, email):
            raise ValidationError(
                _("A person with this e-mail address is already a referent of the territory.")
            )
        return email


def current(target: Target) -> dict[str, Any]:
    return {}  # a new referent: nothing before


def initial(data: dict[str, Any]) -> dict[str, Any]:
    return {}


def proposed(cleaned: dict[str, Any]) -> dict[str, Any]:
    organization = cleaned.get("organization")
    return {
        "full_name": cleaned["full_name"].strip(),
        "email": cleaned["email"],
        "organization": organization.ext_id if organization else "",
        "organization_name": organization.name if organization else "",
    }


def display(data: dict[str, Any]) -> list[DisplayField]:
    def line(key: str) -> tuple[str, ...]:
        return (str(data[key]),) if data.get(key) else ()

    return [
        DisplayField("full_name", _("Full name"), line("full_name")),
        DisplayField("email", _("Work e-mail"), line("email")),
        DisplayField("organization", _("Organisation"), line("organization_name")),
    ]


def apply(
    change_request: Any,
    *,
    by: AbstractBaseUser | AnonymousUser,
    scope: Scope,
    ip_address: str | None = None,
    **context: Any,
) -> dict[str, Any]:
    data = change_request.proposed
    territory = change_request.territory
    if _already_referent(territory, data["email"]):
        raise ApplyError(
            _gettext("A person with this e-mail address is already a referent of the territory.")
        )
    organization = (
        Organization.objects.filter(ext_id=data["organization"]).first()
        if data["organization"]
        else None
    )
    access_request = AccessRequest.objects.create(
        full_name=data["full_name"],
        email=data["email"],
        organization=organization,
        role=ATR_REFERENT,
        territory=territory,
        # A fixed text, in the site's language: the request was not typed by the person.
        reason=_gettext("Proposed as a new referent by the territory (change no. %(number)d).")
        % {"number": change_request.pk},
        language=settings.LANGUAGE_CODE,
        status=AccessRequestStatus.PENDING,
        # Its link is never sent: the person proves the address by using the e-mail of the
        # approval, which carries the link to choose a password.
        verification_digest=verification_digest(secrets.token_urlsafe(32)),
    )
    try:
        access_request = access_request_approve(
            access_request=access_request,
            by=by,
            scope=scope,
            role=ATR_REFERENT,
            territory=territory,
            organization=organization,
            ip_address=ip_address,
        )
    except ValidationError as error:
        raise ApplyError(" ".join(error.messages)) from None
    except AccessRequestNotReviewable:  # made just above: cannot happen but must not pass
        raise ApplyError(_gettext("The account could not be given.")) from None
    return {"access_request": access_request.pk, "user_id": access_request.account_id}


KIND = Kind(
    code=ChangeKind.REFERENT_NEW,
    target=None,
    form_class=ReferentNewForm,
    current=current,
    initial=initial,
    proposed=proposed,
    display=display,
    apply=apply,
)
