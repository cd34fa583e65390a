"""`rete erase-expired-callbacks`: the scheduled erasure of numbers kept past their time."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from rete.helpline.contacts.models import Callback
from rete.helpline.contacts.services import CALLBACK_EXPIRES_AFTER, callback_create

pytestmark = pytest.mark.django_db


def test_it_erases_only_expired_numbers_and_prints_no_number(contact, olga, monkeypatch):
    due = timezone.now() + timedelta(minutes=10)
    old = callback_create(
        contact=contact, actor=olga, number="+39 333 1111111", consent=True, due_at=due
    )
    later = timezone.now() + CALLBACK_EXPIRES_AFTER + timedelta(minutes=20)
    fresh = callback_create(
        contact=contact, actor=olga, number="+39 333 2222222", consent=True, due_at=later
    )
    real_now = timezone.now
    monkeypatch.setattr(
        timezone, "now", lambda: real_now() + CALLBACK_EXPIRES_AFTER + timedelta(minutes=11)
    )
    out = StringIO()
    call_command("erase-expired-callbacks", stdout=out)

    assert out.getvalue().strip() == "Expired call-backs erased: 1"
    assert Callback.objects.get(pk=old.pk).number is None
    assert Callback.objects.get(pk=fresh.pk).number == "+393332222222"
    assert "333" not in out.getvalue()
