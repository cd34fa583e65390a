"""Server time from "comune entered" to "decision fragment rendered" in the 1522 console.

`python -m bench.console_fragment [--requests N] [--database-url URL]` configures Django as in
production (rete.config.settings.production, keys generated for the run), loads the demo
network into a scratch database (a temporary SQLite file, or the PostgreSQL database of
BENCH_CONSOLE_DATABASE_URL / --database-url, which is migrated and then used), signs an
operator in, and posts the comune of each request to the console's route view exactly as
the browser does (HTMX request, CSRF checks off as in Django's test client). Every request
routes, stores the decision with its audit entry and renders the decision part; a new
contact is started every 20 requests, as operators do.

The time measured is the server's: from the request handed to Django to the response it
returns — middleware, session, the routing decision, the writes, the audit entry and the
template; not the test client's bookkeeping around it. It prints the figures and,
with --json, one JSON line with them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

TARGET_P99_MS = 20.0
CONTACT_EVERY = 20


def _configure(database_url: str, workdir: Path) -> None:
    from bench.django_side import production_env

    env = production_env(database_url=database_url, workdir=workdir)
    env["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    env["LOG_LEVEL"] = "WARNING"
    os.environ.update(env)
    import django

    django.setup()


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(requests: int) -> dict[str, float]:
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from rete.accounts.roles import HELPLINE_OPERATOR
    from rete.accounts.services import user_create_with_role
    from rete.demo.network import demo_network
    from rete.demo.services import demo_network_load
    from rete.routing.snapshot import routing_snapshot_preload

    call_command("migrate", verbosity=0)
    demo_network_load()
    # As gunicorn's preload does in production: the snapshot built before the first call and
    # its objects frozen out of the garbage collector.
    routing_snapshot_preload()
    username = f"bench-{uuid.uuid4().hex[:8]}"
    user = user_create_with_role(
        username=username,
        email=f"{username}@example.org",
        password=uuid.uuid4().hex + "Aa1!",
        role=HELPLINE_OPERATOR,
    )
    client = Client()
    client.force_login(user)
    network = demo_network()
    covered = {c for t in network["territories"] for c in t.get("comuni", [])}
    comuni = [*sorted(covered), "072028", "072006", "082027", "037006", "001272", "063049"]

    def new_contact() -> str:
        response = client.post(
            reverse("console:start"),
            {"channel": "phone", "language": "it", "idempotency_key": str(uuid.uuid4())},
        )
        return response["Location"]

    contact_url = new_contact()
    route_url = contact_url + "comune/"
    # Server time: from the request handed to Django to the response it returns (middleware,
    # view, writes, template), not the test client's own bookkeeping around it.
    timings: list[float] = []
    handler = client.handler
    get_response = handler.get_response

    def timed_get_response(request):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return get_response(request)
        finally:
            timings.append((time.perf_counter() - started) * 1000)

    for index in range(requests):
        if index and index % CONTACT_EVERY == 0:
            contact_url = new_contact()
            route_url = contact_url + "comune/"
        comune = comuni[index % len(comuni)]
        handler.get_response = timed_get_response
        try:
            response = client.post(route_url, {"comune": comune}, headers={"HX-Request": "true"})
        finally:
            del handler.get_response
        if response.status_code != 200 or b'id="decision"' not in response.content:
            raise RuntimeError(f"unexpected answer {response.status_code} for {comune}")
    warm = timings[min(50, len(timings) // 10) :]
    return {
        "requests": len(warm),
        "p50_ms": statistics.median(warm),
        "p99_ms": _percentile(warm, 0.99),
        "max_ms": max(warm),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_CONSOLE_DATABASE_URL", ""))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rete-bench-console-") as tmp:
        workdir = Path(tmp)
        database_url = args.database_url or f"sqlite:///{workdir / 'console.sqlite3'}"
        _configure(database_url, workdir)
        figures = measure(args.requests)
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    figures["database"] = engine
    figures["target_p99_ms"] = TARGET_P99_MS
    figures["met"] = figures["p99_ms"] <= TARGET_P99_MS
    print(
        f"  console decision fragment ({engine}, {figures['requests']} requests): "
        f"p50 {figures['p50_ms']:.2f} ms, p99 {figures['p99_ms']:.2f} ms, "
        f"max {figures['max_ms']:.2f} ms  (target p99 <= {TARGET_P99_MS:.0f} ms: "
        f"{'met' if figures['met'] else 'NOT MET'})",
        flush=True,
    )
    if args.json:
        print(json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
