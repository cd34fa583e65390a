"""Reading shelter addresses is recorded: every detail page, a list that shows one, every
export; with counts and filter codes, never what the person typed."""

import pytest

from rete.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _reads():
    return list(AuditEntry.objects.filter(action="reserved.read").order_by("sequence"))


def test_it_records_a_list_that_shows_confidential_addresses(as_person, people) -> None:
    as_person("operator").get(
        "/area-riservata/mappatura/", {"territory": "ATR-AL", "place": "Bari", "kind": "shelter"}
    )

    (entry,) = _reads()
    assert entry.actor == people.operator
    assert (entry.target_type, entry.target_id) == ("network.territory", "ATR-AL")
    assert entry.details["count"] == 1
    assert entry.details["kind"] == "shelter"
    assert entry.details["place_filter"] is True
    assert "Bari" not in str(entry.details)


def test_it_does_not_record_a_list_without_confidential_addresses(as_person) -> None:
    as_person("committee").get("/area-riservata/mappatura/")
    as_person("operator").get("/area-riservata/mappatura/", {"kind": "anti_violence_centre"})

    assert _reads() == []


def test_it_records_every_detail_page(as_person, net) -> None:
    client = as_person("committee")
    client.get("/area-riservata/mappatura/svc-aurora/")
    client.get("/area-riservata/mappatura/svc-glicine/")

    first, second = _reads()
    assert (first.target_type, first.target_id) == (
        "directory.service",
        str(net.services["svc-aurora"].pk),
    )
    assert second.details == {
        "screen": "mapping_service",
        "confidential": True,
        "address_shown": False,
    }


def test_it_records_an_export(as_person) -> None:
    as_person("referent_a").get("/area-riservata/mappatura.csv")

    (entry,) = _reads()
    assert entry.details["export"] is True
    assert entry.details["rows"] == 3
    assert entry.details["count"] == 1


def test_it_records_nothing_for_a_refused_detail(as_person) -> None:
    as_person("referent_a").get("/area-riservata/mappatura/svc-mimosa/")

    assert _reads() == []
