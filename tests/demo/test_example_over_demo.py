"""The seed's example file, network-bari.json, imports over the demo network."""

import datetime

import pytest

from rete.demo.services import demo_network_load, network_counts
from rete.network.models import Protocol
from rete.network.networkfile.importer import network_import

pytestmark = pytest.mark.django_db


def test_it_imports_the_example_over_the_demo_changing_nothing(example_bari: dict) -> None:
    demo_network_load()
    counts = network_counts()

    report = network_import(example_bari)

    # Every record of the example is already in the demo, unchanged; Bari's 2026
    # renewal, which the example does not know, is kept (protocols are history).
    assert not report.changed
    assert network_counts() == counts
    assert list(
        Protocol.objects.filter(territory__code="ATR-BA")
        .order_by("valid_from")
        .values_list("valid_from", "status")
    ) == [
        (datetime.date(2011, 1, 1), "active"),
        (datetime.date(2026, 1, 1), "active"),
    ]
