"""Fixtures of the console tests: the demo network (the seed's Bari with GIRAFFA, Monday,
Wednesday and Friday 9–13), named users per role, and a server clock set to a chosen
instant that keeps running (timers and the order of the emergency steps need time to pass).

Olga and Ornella answer 1522; Sara leads the shift; Dora works at the Department.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from rete.demo.services import demo_network_load

ROME = ZoneInfo("Europe/Rome")
MOLA = "072028"
BARI = "072006"
CEFALU = "082027"
# Wednesday 25 November 2026 at 10:30: GIRAFFA (Mon, Wed, Fri 9–13) is open.
WEDNESDAY_1030 = datetime(2026, 11, 25, 10, 30, tzinfo=ROME)
# Thursday 26 at 10:30: GIRAFFA is closed until Friday 9:00.
THURSDAY_1030 = datetime(2026, 11, 26, 10, 30, tzinfo=ROME)


@pytest.fixture
def demo_network(db: None) -> None:
    demo_network_load()


def signed_in(user: AbstractBaseUser) -> Client:
    client = Client()
    client.force_login(user)
    return client
