"""The 1522 routing engine: which service the operator transfers a caller to, right now.

Pure Python over an immutable in-memory snapshot, with no Django and no I/O on the decision
path, so it answers in microseconds and keeps answering from a file when the database is down
(DESIGN.md, "Routing: the heart of it", is normative).

    snapshot = snapshot_from_network(network_document, comuni, version="…")
    decision = decide(snapshot, "072006", at, emergency=False)
    body = decision.to_dict()  # the Routing API response, without "explanation"

Modules: `model` (value types), `clock` (Europe/Rome wall clock and DST), `holiday_calendar`
(national and patron holidays), `schedule` (compiled opening hours), `snapshot` (compilation
and the `rete-snapshot/1` file), `decide` (the four modes).

Explanation codes and their params (plain values; dates and instants as ISO strings). The
Django layer turns them into one or two Italian sentences.

- ``emergency``: emergency procedure. ``province`` (sigla), ``territory`` (name of the most
  specific covering territory in force, or None), ``contacts`` (number of emergency contacts,
  112 included).
- ``transfer``: target from the most specific covering chain. ``territory``, ``service``
  (target name), ``open_alternatives`` (how many other chain services are open).
- ``transfer_fallback_broader``: nobody open in the most specific chain, target from a broader
  one. As ``transfer``, with ``territory`` the broader territory, plus ``specific_territory``
  (the most specific one, where nobody is open).
- ``out_of_hours``: covered, nobody open. ``territory`` (most specific), ``service`` (target
  name), ``service_next_opening`` (target's next opening or None), ``next_opening`` (earliest
  over the covering chains, or None), ``open_alternatives`` (services covering the comune that
  are open now, listed after the chain services).
- ``orientation``: no territory in force with a referral chain; services covering the comune
  are listed. ``reason`` (below), ``territory`` (name of the most specific covering territory,
  or None), ``expired_on`` (its protocols' last day when ``reason`` is ``protocol_expired``,
  else None), ``province`` (sigla), ``services`` (count listed), ``open`` (count open now).
- ``orientation_none``: as ``orientation`` but no service covers the comune (``services`` 0).

Orientation reasons: ``no_territory`` (the comune is in no territory), ``protocol_expired``
(every active protocol of the most specific covering territory ended before today),
``protocol_not_in_force`` (draft, terminated or not yet valid), ``no_referral_chain`` (in force
but with an empty referral chain).
"""

from rete.routing.engine.clock import ROME
from rete.routing.engine.decide import decide, is_open, next_opening
from rete.routing.engine.model import (
    ComuneInfo,
    Decision,
    EmergencyContactRef,
    Explanation,
    NaiveInstant,
    ServiceStatus,
    TerritoryRef,
    UnknownComune,
)
from rete.routing.engine.snapshot import (
    NetworkSnapshot,
    snapshot_from_json,
    snapshot_from_network,
    snapshot_to_json,
)

__all__ = [
    "ROME",
    "ComuneInfo",
    "Decision",
    "EmergencyContactRef",
    "Explanation",
    "NaiveInstant",
    "NetworkSnapshot",
    "ServiceStatus",
    "TerritoryRef",
    "UnknownComune",
    "decide",
    "is_open",
    "next_opening",
    "snapshot_from_json",
    "snapshot_from_network",
    "snapshot_to_json",
]
