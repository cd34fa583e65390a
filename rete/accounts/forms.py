"""Forms of signing in, of the second factor and of passwords."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from rete.accounts.passwords import password_set_url
from rete.audit.http import audit_request
from rete.audit.models import AuditAction


class SignInForm(forms.Form):
    """Step one: who (personal code, username or e-mail) and the password.

    authenticate() goes through django-axes first, which counts the failures and refuses a
    locked-out name; a wrong name and a wrong password get the same message, so that the
    page never tells which names exist.
    """

    username = forms.CharField(
        label=_("Personal ID code, username or e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _("Incorrect code/username or password."),
    }

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: AbstractBaseUser | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        username, password = cleaned.get("username"), cleaned.get("password")
        if username and password:
            self.user = authenticate(self.request, username=username, password=password)
            if self.user is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_login"], code="invalid_login"
                )
        return cleaned


class CodeForm(forms.Form):
    """Step two: the 6-digit code of the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_(
            "The 6-digit code your authenticator app shows, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": True,
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )


class EnrolmentForm(forms.Form):
    code = forms.CharField(
        label=_("Code shown by the app"),
        max_length=16,
        help_text=_("Six digits."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Ask for a link to set a new password. The answer is the same whether or not the
    address belongs to an account; when it does, the link is sent and the request audited.

    Unlike Django's form, it also reaches an approved account that never set a password
    (its first link expired): that is how such a person gets a fresh one. A deactivated
    account gets nothing.
    """

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def get_users(self, email: str) -> list[AbstractBaseUser]:
        user_model = get_user_model()
        email_field = user_model.get_email_field_name()
        users = user_model._default_manager.filter(
            Q(account__isnull=True) | Q(account__deactivated_at__isnull=True),
            **{f"{email_field}__iexact": email, "is_active": True},
        )
        return [user for user in users if getattr(user, email_field, "").lower() == email.lower()]

    def save(self, *, request: HttpRequest, **kwargs: Any) -> None:  # type: ignore[override]
        email = self.cleaned_data["email"]
        for user in self.get_users(email):
            context = {
                "user": user,
                "link": password_set_url(user),
                "hours": settings.ACCOUNTS_LINK_HOURS,
            }
            self.send_mail(
                "accounts/password_reset_subject.txt",
                "accounts/password_reset_email.txt",
                context,
                None,
                getattr(user, get_user_model().get_email_field_name()),
            )
            audit_request(
                request,
                action=AuditAction.PASSWORD_RESET_REQUESTED,
                target_type="auth.user",
                target_id=user.pk,
            )


class SetPasswordForm(auth_forms.SetPasswordForm):
    """The new password, twice, checked by AUTH_PASSWORD_VALIDATORS."""


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """The current password, then the new one twice."""
