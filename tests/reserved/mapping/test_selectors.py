"""services_in_territories: the one rule of which services are a territory's."""

import pytest

from rete.reserved.mapping.selectors import services_in_territories

pytestmark = pytest.mark.django_db


def _ids(queryset) -> list[str]:
    return sorted(queryset.values_list("ext_id", flat=True))


def test_it_takes_the_chain_the_covered_comuni_and_the_protocol_parties(net) -> None:
    assert _ids(services_in_territories([net.a.pk])) == [
        "svc-aurora",  # chain (and in the province)
        "svc-glicine",  # in the province
        "svc-sportello",  # its organisation is a party of the protocol
    ]


def test_it_counts_each_service_once(net) -> None:
    assert len(_ids(services_in_territories([net.a.pk, net.b.pk]))) == 5


def test_it_finds_a_chain_service_outside_the_territory(net) -> None:
    from rete.network.models import Referral

    Referral.objects.create(territory=net.b, service=net.services["svc-altrove"], priority=2)

    assert "svc-altrove" in _ids(services_in_territories([net.b.pk]))


def test_it_covers_a_city_territory_s_comuni(net) -> None:
    from rete.geography.models import Comune
    from rete.network.models import Territory

    city = Territory.objects.create(code="ATR-PA", name="Città di Palermo")
    city.comuni.add(Comune.objects.get(code="082053"))

    assert _ids(services_in_territories([city.pk])) == ["svc-altrove"]


def test_it_is_empty_for_no_territory(net) -> None:
    assert _ids(services_in_territories([])) == []
