"""Nothing invented may pass for real: every record outside the seed says "(esempio)"."""

import json

from tests.demo.conftest import EXAMPLE_BARI

SEED = json.loads(EXAMPLE_BARI.read_text(encoding="utf-8"))
SEED_ORGANIZATIONS = {o["id"] for o in SEED["organizations"]}
SEED_SERVICES = {s["id"] for s in SEED["services"]}


def test_it_marks_every_invented_service(document: dict) -> None:
    invented = [s for s in document["services"] if s["id"] not in SEED_SERVICES]

    assert len(invented) > 50
    assert [s["name"] for s in invented if "(esempio)" not in s["name"]] == []


def test_it_marks_every_invented_organization(document: dict) -> None:
    invented = [o for o in document["organizations"] if o["id"] not in SEED_ORGANIZATIONS]

    assert invented
    assert [o["name"] for o in invented if "(esempio)" not in o["name"]] == []
    assert all(o["tax_id"] is None for o in invented)


def test_it_invents_addresses_that_say_so(document: dict) -> None:
    invented = [s for s in document["services"] if s["id"] not in SEED_SERVICES]

    assert all(s["location"]["address"].startswith("Via dell'Esempio ") for s in invented)
