"""People of the tests: a user with a role and scope, with the suite's shared password."""

from django.contrib.auth.base_user import AbstractBaseUser

from rete.accounts.services import user_create_with_role

PASSWORD = "Sirena-di-Bari-2026"


def make_person(
    username: str, role: str, *, territory=None, organization=None, **names: str
) -> AbstractBaseUser:
    """An active user with an Account, one grant of `role` bound to `territory` and/or
    `organization`, the shared password and, if given, names (first_name=...)."""
    user = user_create_with_role(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        role=role,
        territory=territory,
        organization=organization,
    )
    if names:
        for field, value in names.items():
            setattr(user, field, value)
        user.save(update_fields=list(names))
    return user


def second_factor_device(user: AbstractBaseUser):
    """The user's confirmed TOTP device, created if they have none (a known random key)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return device
