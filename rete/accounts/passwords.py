"""One-time links to set a password: for a new account (after its request is approved) and
for a forgotten password. Django's token generator signs the user's current password hash
and last sign-in, so a link stops working once used, and after ACCOUNTS_LINK_HOURS."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def password_set_path(user: AbstractBaseUser) -> str:
    return reverse(
        "accounts:password_set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def password_set_url(user: AbstractBaseUser) -> str:
    """The absolute link (SITE_URL) for an e-mail."""
    return settings.SITE_URL + password_set_path(user)
