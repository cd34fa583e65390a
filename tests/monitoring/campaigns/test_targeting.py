"""Which services a campaign asks, and the territory each one counts under."""

from __future__ import annotations

import pytest

from rete.monitoring.campaigns.targeting import targets_plan, targets_preview

pytestmark = pytest.mark.django_db

AVC = "anti_violence_centre"


def _plan(net, *, kinds, territories=()):
    planned = targets_plan(kinds=kinds, territory_ids=[t.pk for t in territories])
    by_id = {s.pk: s.ext_id for s in net.services.values()}
    codes = {t.pk: t.code for t in type(net.a).objects.all()}
    return {by_id.get(p.service_id, p.service_name): codes[p.territory_id] for p in planned}


def test_it_counts_a_service_under_the_most_specific_territory(net, city, mola) -> None:
    net.services["svc-aurora-mola"] = mola

    plan = _plan(net, kinds=[AVC])

    assert plan == {"svc-aurora": "ATR-BARI", "svc-aurora-mola": "ATR-AL", "svc-betulla": "ATR-BE"}


def test_a_chosen_broader_territory_takes_its_services_even_those_of_a_city(
    net, city, mola
) -> None:
    net.services["svc-aurora-mola"] = mola

    plan = _plan(net, kinds=[AVC], territories=[net.a])

    assert plan == {"svc-aurora": "ATR-AL", "svc-aurora-mola": "ATR-AL"}


def test_a_chosen_city_takes_only_its_own_services(net, city, mola) -> None:
    assert _plan(net, kinds=[AVC], territories=[city]) == {"svc-aurora": "ATR-BARI"}


def test_it_asks_only_the_kinds_chosen(net) -> None:
    assert _plan(net, kinds=["shelter"]) == {"svc-glicine": "ATR-AL", "svc-mimosa": "ATR-BE"}
    assert _plan(net, kinds=["shelter", AVC], territories=[net.b]) == {
        "svc-betulla": "ATR-BE",
        "svc-mimosa": "ATR-BE",
    }


def test_services_outside_every_territory_are_not_asked(net) -> None:
    # Sportello Cefalù and Sportello Altrove are in comuni no territory covers.
    assert _plan(net, kinds=["counselling"]) == {}
    assert targets_plan(kinds=[], territory_ids=[]) == []


def test_the_preview_groups_by_territory(net, city) -> None:
    groups = targets_preview(targets_plan(kinds=[AVC, "shelter"], territory_ids=[]))

    assert [(g.territory.code, g.count) for g in groups] == [("ATR-BE", 2), ("ATR-BARI", 2)]
    assert {item.service_name for item in groups[1].services} == {"CAV Aurora", "Casa Glicine"}
