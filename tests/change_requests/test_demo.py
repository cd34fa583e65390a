"""The demo's change: one pending hours change of Bari, made once."""

from __future__ import annotations

import pytest

from rete.change_requests.demo import demo_change_requests_load
from rete.change_requests.models import ChangeRequest, ChangeStatus
from rete.demo.services import demo_accounts_ensure, demo_network_load

pytestmark = pytest.mark.django_db


def test_it_makes_one_pending_change_for_bari_once():
    demo_network_load()
    demo_accounts_ensure()

    assert demo_change_requests_load() == 1
    assert demo_change_requests_load() == 1

    change = ChangeRequest.objects.get()
    assert change.status == ChangeStatus.PENDING
    assert change.territory.code == "ATR-BA"
    assert "TU" in change.proposed["schedules"][0]["byday"]


def test_it_makes_nothing_without_the_demo_network():
    assert demo_change_requests_load() == 0
    assert not ChangeRequest.objects.exists()
