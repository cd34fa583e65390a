"""Fixtures of the portal tests: the demo network with a shelter planted in it whose address
and coordinates must never reach a public page, and the clock of the demo's week.

The demo network holds the seed's Bari: GIRAFFA (Centro antiviolenza, Via Napoli 308, Bari)
open Monday, Wednesday and Friday 9–13, and a shelter line in each of several cities.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from rete.demo.services import demo_network_load
from rete.directory.models import Language, Location, Organization, Phone, Schedule, Service
from rete.geography.models import Comune, Province

ROME = ZoneInfo("Europe/Rome")
BARI = "072006"
MOLA = "072028"
CEFALU = "082027"
# Wednesday 25 November 2026 at 10:30: GIRAFFA (Mon, Wed, Fri 9–13) is open.
WEDNESDAY_1030 = datetime(2026, 11, 25, 10, 30, tzinfo=ROME)
# Thursday 26 at 10:30: GIRAFFA is closed until Friday 9:00.
THURSDAY_1030 = datetime(2026, 11, 26, 10, 30, tzinfo=ROME)

# The planted shelter: none of these may appear on any public page or API answer.
SECRET_SHELTER_ID = "svc-rifugio-segreto"
SECRET_SHELTER_NAME = "Casa rifugio Melograno"
SECRET_ADDRESS = "Vicolo delle Rondini 17"
SECRET_LATITUDE = Decimal("41.117143")
SECRET_LONGITUDE = Decimal("16.871871")
SECRET_SHELTER_PHONE = "+390805550199"


@pytest.fixture
def portal_network(db: None) -> None:
    """The demo network plus a confidential shelter in Bari, open every day, all day."""
    demo_network_load()
    organization = Organization.objects.create(
        ext_id="org-melograno", name="Cooperativa Melograno", kind="shelter"
    )
    shelter = Service.objects.create(
        ext_id=SECRET_SHELTER_ID,
        organization=organization,
        name=SECRET_SHELTER_NAME,
        kind="shelter",
        open_on_holidays=True,
    )
    Location.objects.create(
        service=shelter,
        address=SECRET_ADDRESS,
        comune=Comune.objects.get(code=BARI),
        latitude=SECRET_LATITUDE,
        longitude=SECRET_LONGITUDE,
        confidential=True,
    )
    Phone.objects.create(service=shelter, number=SECRET_SHELTER_PHONE)
    Schedule.objects.create(
        service=shelter, byday="MO,TU,WE,TH,FR,SA,SU", opens_at="00:00", closes_at="00:00"
    )
    shelter.languages.add(*Language.objects.filter(code__in=["it", "ar"]))
    shelter.area_provinces.add(Province.objects.get(sigla="BA"))
