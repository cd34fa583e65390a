"""The finder's reads: which comune a text means, which services a comune gets and in which
order, what the filters keep, and the services near a position."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from rete.directory.models import Location, Organization, Phone, Schedule, Service
from rete.geography.models import Comune, Province
from rete.portal.finder.selectors import (
    FinderFilters,
    comune_resolve,
    finder_ids_for_comune,
    finder_language_choices,
    finder_results,
    finder_results_near,
    territory_referral,
)
from rete.routing.snapshot import routing_snapshot
from tests.portal.conftest import (
    BARI,
    CEFALU,
    MOLA,
    SECRET_SHELTER_ID,
    THURSDAY_1030,
    WEDNESDAY_1030,
)
from tests.portal.finder.conftest import BARI_POSITION, GIRAFFA_ID, MOLA_ID

pytestmark = pytest.mark.django_db


def _ids(comune: str, at: Any, **filters: Any) -> list[str]:
    return finder_ids_for_comune(
        comune=Comune.objects.get(code=comune),
        filters=FinderFilters(**filters),
        snapshot=routing_snapshot(),
        at=at,
    )


def finder_results_for_comune(**kwargs: Any) -> list[Any]:
    """Every service the finder lists for a comune, as it shows them."""
    snapshot, at = kwargs["snapshot"], kwargs["at"]
    return finder_results(service_ids=finder_ids_for_comune(**kwargs), snapshot=snapshot, at=at)


# --- comuni ---------------------------------------------------------------------------------


def test_it_resolves_a_name_whatever_its_accents_and_case() -> None:
    assert [c.code for c in comune_resolve(text="BARI")] == [BARI]
    assert [c.code for c in comune_resolve(text="cefalu")] == [CEFALU]
    assert [c.code for c in comune_resolve(text="  Cefalù ")] == [CEFALU]


def test_it_resolves_a_name_with_its_province_as_the_autocomplete_shows_it() -> None:
    assert [c.code for c in comune_resolve(text="Bari (BA)")] == [BARI]


def test_it_resolves_a_name_in_the_other_language() -> None:
    assert [c.name for c in comune_resolve(text="bozen")] == ["Bolzano"]


def test_it_lists_homonyms_in_different_provinces() -> None:
    assert [(c.name, c.province_id) for c in comune_resolve(text="peglio")] == [
        ("Peglio", "CO"),
        ("Peglio", "PU"),
    ]


def test_it_lists_the_comuni_a_part_of_a_name_may_mean() -> None:
    found = comune_resolve(text="mola")
    assert len(found) > 1
    assert found[0].code == MOLA  # names that start with the text first


def test_it_finds_nothing_for_an_unknown_or_empty_name() -> None:
    assert comune_resolve(text="xyzzyq") == []
    assert comune_resolve(text="   ") == []


# --- services for a comune ------------------------------------------------------------------


def test_it_puts_open_services_first(portal_network: None) -> None:
    assert _ids(BARI, WEDNESDAY_1030)[0] == GIRAFFA_ID
    thursday = _ids(BARI, THURSDAY_1030)
    assert thursday[-1] == GIRAFFA_ID  # closed on Thursday: after every open service
    assert set(thursday) == set(_ids(BARI, WEDNESDAY_1030))


def test_it_puts_services_of_the_same_comune_before_those_of_the_province(
    portal_network: None,
) -> None:
    # Thursday: the Mola desk is open and in Mola, the open Bari services are in Bari.
    results = _ids(MOLA, THURSDAY_1030)
    assert results[0] == MOLA_ID
    # Wednesday the desk is closed: every open service of the province comes first.
    assert _ids(MOLA, WEDNESDAY_1030)[-1] == MOLA_ID


def test_it_puts_anti_violence_centres_first_among_equals(portal_network: None) -> None:
    results = finder_results_for_comune(
        comune=Comune.objects.get(code=BARI),
        filters=FinderFilters(),
        snapshot=routing_snapshot(),
        at=WEDNESDAY_1030,
    )
    kinds = [result.kind for result in results]
    assert kinds[0] == "anti_violence_centre"
    assert kinds.index("shelter") < kinds.index("helpline") < kinds.index("emergency_room")


def test_it_lists_only_services_whose_area_covers_the_comune(portal_network: None) -> None:
    bari = _ids(BARI, WEDNESDAY_1030)
    assert MOLA_ID not in bari  # its area is Mola only
    assert "svc-asl-ba-consultorio" in bari
    assert "svc-asl-ba-consultorio" not in _ids(MOLA, WEDNESDAY_1030)  # its area is Bari only
    assert set(_ids(CEFALU, WEDNESDAY_1030)) == {
        "svc-palermo-cav",
        "svc-palermo-h24",
        "svc-palermo-rifugio",
    }


def test_it_filters_by_kind_group(portal_network: None) -> None:
    assert set(_ids(BARI, WEDNESDAY_1030, kind="shelter")) == {
        "svc-giraffa-rifugio",
        SECRET_SHELTER_ID,
    }
    # Counselling holds the counselling centres and the social services, health the
    # emergency rooms.
    assert _ids(BARI, WEDNESDAY_1030, kind="counselling") == ["svc-asl-ba-consultorio"]
    assert _ids(BARI, WEDNESDAY_1030, kind="health") == ["svc-di-venere-ps"]
    assert _ids(BARI, WEDNESDAY_1030, kind="police") == []
    centres = _ids(BARI, WEDNESDAY_1030, kind="anti_violence_centre")
    assert centres == [GIRAFFA_ID, "svc-coord-puglia-h24"]


def test_it_filters_by_language(portal_network: None) -> None:
    assert _ids(BARI, WEDNESDAY_1030, language="ar") == [SECRET_SHELTER_ID]
    assert _ids(BARI, WEDNESDAY_1030, language="sq") == ["svc-coord-puglia-h24"]


def test_it_filters_by_open_now(portal_network: None) -> None:
    assert GIRAFFA_ID in _ids(BARI, WEDNESDAY_1030, open_now=True)
    assert GIRAFFA_ID not in _ids(BARI, THURSDAY_1030, open_now=True)
    assert MOLA_ID in _ids(MOLA, THURSDAY_1030, open_now=True)


def test_it_says_when_a_closed_service_opens(portal_network: None) -> None:
    results = finder_results_for_comune(
        comune=Comune.objects.get(code=BARI),
        filters=FinderFilters(kind="anti_violence_centre"),
        snapshot=routing_snapshot(),
        at=THURSDAY_1030,
    )
    giraffa = next(r for r in results if r.service_id == GIRAFFA_ID)
    assert giraffa.open_now is False
    assert "9:00" in giraffa.opening
    assert [phone.display for phone in giraffa.phones] == ["080 574 1461"]
    assert [phone.number for phone in giraffa.phones] == ["+390805741461"]


def test_it_gives_a_shelter_its_comune_and_phone_only(portal_network: None) -> None:
    results = finder_results_for_comune(
        comune=Comune.objects.get(code=BARI),
        filters=FinderFilters(),
        snapshot=routing_snapshot(),
        at=WEDNESDAY_1030,
    )
    shelter = next(r for r in results if r.service_id == SECRET_SHELTER_ID)
    assert shelter.confidential is True
    assert shelter.address == ""
    assert shelter.latitude is None and shelter.longitude is None
    assert shelter.comune_name == "Bari"
    assert [phone.number for phone in shelter.phones] == ["+390805550199"]


def test_it_offers_the_languages_services_declare(portal_network: None) -> None:
    codes = [code for code, _label in finder_language_choices()]
    assert {"it", "ar", "zh", "lad"} <= set(codes)
    assert "ti" not in codes  # no service declares Tigrinya


# --- the territory's referral ----------------------------------------------------------------


def test_it_gives_the_territory_and_its_open_referral_service(portal_network: None) -> None:
    referral = territory_referral(snapshot=routing_snapshot(), comune_code=MOLA, at=WEDNESDAY_1030)
    assert referral is not None
    assert referral.territory == "Provincia di Bari"
    assert referral.service_id == GIRAFFA_ID
    assert referral.open_now is True


def test_it_gives_the_next_opening_of_the_referral_service_out_of_hours(
    portal_network: None,
) -> None:
    referral = territory_referral(snapshot=routing_snapshot(), comune_code=BARI, at=THURSDAY_1030)
    assert referral is not None and referral.open_now is False
    assert "9:00" in referral.opening


def test_it_gives_no_referral_outside_the_territories(portal_network: None) -> None:
    assert (
        territory_referral(snapshot=routing_snapshot(), comune_code=CEFALU, at=WEDNESDAY_1030)
        is None
    )


# --- services near a position ---------------------------------------------------------------


def _near(latitude: float, longitude: float, **filters: Any) -> list:
    return finder_results_near(
        latitude=latitude,
        longitude=longitude,
        filters=FinderFilters(**filters),
        snapshot=routing_snapshot(),
        at=WEDNESDAY_1030,
    )


def test_it_orders_located_services_by_distance(portal_network: None) -> None:
    results = _near(**BARI_POSITION)
    distances = [r.distance_km for r in results if r.distance_km is not None]
    assert distances == sorted(distances)
    assert results[0].comune_name == "Bari"
    assert distances[0] < 2
    mola = next(r for r in results if r.service_id == MOLA_ID)
    assert 15 < mola.distance_km < 25


def test_it_lists_services_without_public_position_of_the_nearest_comune_without_distance(
    portal_network: None,
) -> None:
    results = _near(**BARI_POSITION)
    by_id = {r.service_id: r for r in results}
    # GIRAFFA has no coordinates, the shelters have secret ones: all cover Bari.
    for service_id in (GIRAFFA_ID, "svc-giraffa-rifugio", SECRET_SHELTER_ID):
        assert by_id[service_id].distance_km is None
    ids = [r.service_id for r in results]
    assert ids.index(SECRET_SHELTER_ID) < ids.index(MOLA_ID)  # with Bari's services


def test_it_never_orders_by_a_shelters_secret_position(portal_network: None) -> None:
    """A shelter in Cefalù whose secret coordinates are exactly where she stands is not
    'at 0 km' nor first: it comes with the services of the nearest located comune."""
    organization = Organization.objects.create(ext_id="org-cefalu", name="Rifugio", kind="shelter")
    shelter = Service.objects.create(
        ext_id="svc-cefalu-rifugio", organization=organization, name="Casa Cefalù", kind="shelter"
    )
    Location.objects.create(
        service=shelter,
        address="Via Segreta 1",
        comune=Comune.objects.get(code=CEFALU),
        latitude=Decimal("38.038"),
        longitude=Decimal("14.022"),
        confidential=True,
    )
    Phone.objects.create(service=shelter, number="+390921000000")
    Schedule.objects.create(
        service=shelter, byday="MO,TU,WE,TH,FR", opens_at="00:00", closes_at="00:00"
    )
    shelter.area_provinces.add(Province.objects.get(sigla="PA"))

    results = _near(38.038, 14.022)
    ids = [r.service_id for r in results]
    found = results[ids.index("svc-cefalu-rifugio")]
    assert found.distance_km is None and found.address == "" and found.latitude is None
    assert ids[0] != "svc-cefalu-rifugio"
    assert results[0].comune_name == "Palermo"


def test_it_filters_services_near_a_position(portal_network: None) -> None:
    shelters = _near(**BARI_POSITION, kind="shelter")
    assert {r.kind for r in shelters} == {"shelter"}
    assert SECRET_SHELTER_ID in [r.service_id for r in shelters]
    arabic = _near(**BARI_POSITION, language="ar")
    assert arabic and all(any("العربيّة" in name for name in r.languages) for r in arabic)
    assert MOLA_ID not in [r.service_id for r in _near(**BARI_POSITION, open_now=True)]


def test_it_lists_at_most_the_nearest_located_services(portal_network: None) -> None:
    results = _near(**BARI_POSITION)
    assert len([r for r in results if r.distance_km is not None]) == 25
