"""Nuisance flags: found by any spelling of the number while active, never after."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from rete.helpline.contacts.models import NuisanceFlag
from rete.helpline.contacts.selectors import nuisance_flag_active
from rete.helpline.contacts.services import contact_start, nuisance_flag_create

pytestmark = pytest.mark.django_db


def test_it_finds_the_flag_by_any_spelling_while_active(olga) -> None:
    flag = nuisance_flag_create(number="080 5741461", actor=olga, reason="prank", days=7)
    now = timezone.now()

    for spelling in ("0805741461", "+39 080 574 1461", "+390805741461"):
        assert nuisance_flag_active(number=spelling, at=now) == flag
    assert nuisance_flag_active(number="080 5741462", at=now) is None
    assert nuisance_flag_active(number="not a number", at=now) is None


def test_it_forgets_the_flag_after_expiry(olga) -> None:
    flag = nuisance_flag_create(number="080 5741461", actor=olga, reason="silent", days=1)

    assert nuisance_flag_active(number="0805741461", at=flag.expires_at) is None
    assert nuisance_flag_active(number="0805741461", at=flag.expires_at + timedelta(days=1)) is None


def test_it_keeps_only_a_digest(olga) -> None:
    flag = nuisance_flag_create(number="080 5741461", actor=olga, reason="harassment", days=30)

    assert "5741461" not in flag.number_digest
    assert len(flag.number_digest) == 64


def test_a_flagged_caller_gets_a_warning_not_a_block(olga) -> None:
    nuisance_flag_create(number="080 5741461", actor=olga, reason="prank", days=7)

    result = contact_start(
        operator=olga, channel="phone", language="it", caller_number="+390805741461"
    )

    assert result.created
    assert result.nuisance_flag is not None


def test_it_refuses_bad_input(olga) -> None:
    with pytest.raises(ValidationError) as error:
        nuisance_flag_create(number="12", actor=olga, reason="dislike", days=0)

    assert set(error.value.message_dict) == {"number", "reason", "days"}
    assert not NuisanceFlag.objects.exists()


def test_it_refuses_a_user_without_a_helpline_role(dora) -> None:
    with pytest.raises(PermissionDenied):
        nuisance_flag_create(number="080 5741461", actor=dora, reason="prank", days=7)
