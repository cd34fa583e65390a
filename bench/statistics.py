"""A full quarterly statistics release on PostgreSQL (issue 6: "all tables, all areas, when
the contacts table holds 2,000,000 rows of which 200,000 fall in the quarter: ≤ 2 s, and
≤ 1.5× the same tables computed by hand-written SQL, one GROUP BY per table").

The bench creates a scratch database `rete_bench_statistics` on the local server (dropped
first if it is there, and always dropped at the end), migrates it with the production
settings, creates the territories of the national synthetic network (every province an ATR,
50 capitals city ATRs: 157 territories, 158 atoms, 285 areas), and loads the contacts
with one INSERT … SELECT generate_series in time order (as real records arrive): 1,800,000
from 2016 to 2025 and 200,000 in 2026Q1, about half not valid, with plausible answers,
routing decisions of realistic size, transfer attempts and emergency records. Then ANALYZE,
and in the same process, alternately: `release_compute_tables` for 2026Q1 (the engine) and
bench.statistics_sql (hand-written SQL: one GROUP BY per table at the atom grain, plus the
same roll-up into areas), each run `RUNS` times after one warm-up run each; best and median.
Both must give the same numbers, table by table and area by area.

Then, in the same process and database, the whole release as the platform makes it,
`RELEASE_RUNS` times: `services.release_request` (enqueue=False) and
`services.release_compute` (the engine, the disclosure control of the public tables,
storing every table as ReleaseTable rows, the audit), the release discarded after each run
so that the next request is accepted. Each run is split into the engine (timed through the
progress callback: from the first step to the start of the disclosure control), the
disclosure control (the `seconds` of its own report) and the rest (the request, storing the
tables, marking the release ready). The issue's ≤ 2 s target is compared with the engine's
tables, the computation it compares with hand-written SQL; the whole release is shown
beside it.

The Django work runs in a child process (`python -m bench.statistics run`) so that it sees
the scratch database whatever database the bench process itself has configured.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.http_load import HOST, BenchError

DATABASE_NAME = "rete_bench_statistics"
SERVER_URL = f"postgres://postgres@{HOST}:5432"
PSQL = "/usr/bin/psql"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
PERIOD = "2026Q1"
TOTAL_CONTACTS = 2_000_000
QUARTER_CONTACTS = 200_000
RUNS = 5
RELEASE_RUNS = 2
TARGET_SECONDS = 2.0
TARGET_RATIO = 1.5
NETWORK_SEED = 1522


@dataclass(frozen=True, slots=True)
class ReleaseRun:
    """One whole release: request + compute (engine, disclosure control, storing)."""

    total_s: float
    engine_s: float
    disclosure_s: float
    stored_tables: int
    # The disclosure control's report, as stored in Release.disclosure.
    disclosure: dict[str, Any]

    @property
    def rest_s(self) -> float:
        """The request, storing the tables, the audit: what is neither engine nor
        disclosure control."""
        return max(0.0, self.total_s - self.engine_s - self.disclosure_s)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rest_s": round(self.rest_s, 3)}


@dataclass(frozen=True, slots=True)
class StatisticsBench:
    contacts: int
    quarter_contacts: int
    transfer_attempts: int
    emergency_records: int
    areas: int
    atoms: int
    tables: int
    load_s: float
    migrate_s: float
    engine_runs_s: tuple[float, ...]
    sql_runs_s: tuple[float, ...]
    sql_queries_runs_s: tuple[float, ...]
    same_numbers: bool
    differences: tuple[str, ...]
    release_runs: tuple[ReleaseRun, ...] = ()
    # Why the whole release failed (then release_runs holds the runs before), "" if it did not.
    release_error: str = ""

    @property
    def engine_best(self) -> float:
        return min(self.engine_runs_s)

    @property
    def engine_median(self) -> float:
        return statistics.median(self.engine_runs_s)

    @property
    def sql_best(self) -> float:
        return min(self.sql_runs_s)

    @property
    def sql_median(self) -> float:
        return statistics.median(self.sql_runs_s)

    @property
    def release_best(self) -> ReleaseRun | None:
        """The fastest whole release, None when none was timed."""
        return min(self.release_runs, key=lambda run: run.total_s, default=None)

    @property
    def release_median(self) -> float | None:
        if not self.release_runs:
            return None
        return statistics.median(run.total_s for run in self.release_runs)

    @property
    def ratio(self) -> float:
        """Engine over hand-written SQL, medians."""
        return self.engine_median / self.sql_median if self.sql_median else float("inf")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(
            engine_best_s=round(self.engine_best, 3),
            engine_median_s=round(self.engine_median, 3),
            sql_best_s=round(self.sql_best, 3),
            sql_median_s=round(self.sql_median, 3),
            ratio=round(self.ratio, 3),
            release_runs=[run.to_dict() for run in self.release_runs],
            release_median_s=_rounded(self.release_median),
            release_best_s=_rounded(self.release_best and self.release_best.total_s),
        )
        return data


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _psql(sql: str) -> None:
    """Run one statement as the server's superuser, on the loopback server only."""
    completed = subprocess.run(
        [PSQL, "-h", HOST, "-p", "5432", "-U", "postgres", "-d", "postgres", "-v",
         "ON_ERROR_STOP=1", "-q", "-c", sql],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    if completed.returncode != 0:
        raise BenchError(f"psql failed on {sql!r}: {completed.stderr.strip()[-1000:]}")


def _drop_database() -> None:
    _psql(f"DROP DATABASE IF EXISTS {DATABASE_NAME} WITH (FORCE)")


def statistics_bench(*, runs: int = RUNS, total: int = TOTAL_CONTACTS,
                     quarter: int = QUARTER_CONTACTS,
                     release_runs: int = RELEASE_RUNS) -> StatisticsBench:  # fmt: skip
    """Create and load the scratch database, time both ways, then the whole release; the
    database is dropped at the end, always."""
    from bench.django_side import production_env

    _drop_database()
    try:
        _psql(f"CREATE DATABASE {DATABASE_NAME}")
        with tempfile.TemporaryDirectory(prefix="rete-bench-statistics-") as directory:
            env = production_env(
                database_url=f"{SERVER_URL}/{DATABASE_NAME}", workdir=Path(directory)
            )
            completed = subprocess.run(
                [sys.executable, "-m", "bench.statistics", "run", str(runs), str(total),
                 str(quarter), str(release_runs)],
                env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=3600,
                check=False,
            )  # fmt: skip
            if completed.returncode != 0:
                raise BenchError(f"statistics bench failed:\n{completed.stderr[-3000:]}")
            data = json.loads(completed.stdout.strip().splitlines()[-1])
    finally:
        _drop_database()
    for name in ("engine_runs_s", "sql_runs_s", "sql_queries_runs_s", "differences"):
        data[name] = tuple(data[name])
    data["release_runs"] = tuple(
        ReleaseRun(**{k: v for k, v in run.items() if k != "rest_s"})
        for run in data["release_runs"]
    )
    return StatisticsBench(**data)


# --- the child process -------------------------------------------------------------------

# Answer weights, roughly as ISTAT reports them for 1522 (about half the calls not valid).
VALIDITY_WEIGHTS = {
    "valid": 0.48, "nuisance": 0.15, "prank": 0.10, "wrong_number": 0.10, "silent": 0.15,
    None: 0.02,  # not classified yet
}  # fmt: skip
CALLER_WEIGHTS = {
    "victim": 0.60, "relative_friend": 0.22, "operator": 0.06, "other": 0.08, "not_stated": 0.04
}  # fmt: skip
REASON_WEIGHTS = {
    "help_request": 0.40, "violence_report": 0.15, "info_1522": 0.15, "info_centres": 0.10,
    "legal_info": 0.08, "operator_procedure": 0.04, "stalking": 0.06, "off_target": 0.02,
}  # fmt: skip
SINGLE_LISTS = {
    "sex": {"female": 0.95, "male": 0.04, "not_stated": 0.01},
    "age_class": {
        "up_to_17": 0.03, "age_18_24": 0.10, "age_25_34": 0.20, "age_35_44": 0.25,
        "age_45_54": 0.20, "age_55_64": 0.10, "age_65_plus": 0.05, "not_stated": 0.07,
    },
    "citizenship": {"italian": 0.78, "foreign": 0.17, "not_stated": 0.05},
    "perpetrator_relationship": {
        "current_partner": 0.50, "ex_partner": 0.22, "family_member": 0.12,
        "acquaintance": 0.05, "colleague_employer": 0.02, "stranger": 0.03, "other": 0.03,
        "not_stated": 0.03,
    },
    "children_witnessing": {"yes": 0.40, "no": 0.15, "no_children": 0.30, "not_stated": 0.15},
    "reported_to_police": {"yes": 0.20, "no": 0.70, "not_stated": 0.10},
    "first_contact": {"yes": 0.70, "no": 0.25, "not_stated": 0.05},
    "heard_of_1522": {
        "internet_social": 0.40, "tv_radio": 0.15, "press": 0.03, "services_centres": 0.12,
        "police": 0.06, "relatives_friends": 0.12, "information_material": 0.04,
        "other": 0.03, "not_stated": 0.05,
    },
}  # fmt: skip
# Several answers: each code's chance; none drawn gives "not stated".
MULTIPLE_LISTS = {
    "violence_type": {
        "psychological": 0.80, "threats": 0.35, "physical": 0.45, "sexual": 0.06,
        "economic": 0.15, "stalking": 0.12, "online": 0.05,
    },
    "referral_kind": {
        "anti_violence_centre": 0.60, "shelter": 0.05, "police": 0.20,
        "social_services": 0.08, "health_services": 0.04, "emergency_room": 0.02,
        "legal_advice": 0.06, "other": 0.03,
    },
}  # fmt: skip
MODE_WEIGHTS = {"transfer": 0.55, "out_of_hours": 0.35, "orientation": 0.05, "emergency": 0.05}
# Of the routed: valid contacts with a comune are mostly routed; others seldom.
ROUTED_VALID, ROUTED_OTHER = 0.75, 0.10
UNLOCATED_SHARE = 0.03
CAPITAL_SHARE = 0.40  # calls from provincial capitals (a quarter of Italy lives in them)


def _pick(weights: dict[Any, float], draw: str) -> str:
    """A CASE picking a code by `weights` from the uniform draw `draw` (SQL literal codes)."""
    parts, edge = [], 0.0
    items = list(weights.items())
    for code, weight in items[:-1]:
        edge += weight
        parts.append(f"WHEN {draw} < {edge:.4f} THEN {_literal(code)}")
    return f"(CASE {' '.join(parts)} ELSE {_literal(items[-1][0])} END)"


def _literal(code: Any) -> str:
    return "NULL" if code is None else f"'{code}'"


def _victim_answers() -> str:
    pairs = []
    for position, (key, weights) in enumerate(SINGLE_LISTS.items()):
        # A few victims leave a question without answer (not even "not stated").
        pairs.append(
            f"'{key}', CASE WHEN g.m{position} < 0.02 THEN NULL "
            f"ELSE {_pick(weights, f'g.s{position}')} END"
        )
    for key, chances in MULTIPLE_LISTS.items():
        drawn = ", ".join(
            f"CASE WHEN random() < {chance} THEN '{code}' END" for code, chance in chances.items()
        )
        pairs.append(
            f"'{key}', to_jsonb(COALESCE(NULLIF(array_remove(ARRAY[{drawn}], NULL), "
            "'{}'::text[]), ARRAY['not_stated']))"
        )
    return ", ".join(pairs)


def contacts_insert_sql() -> str:
    """The INSERT … SELECT that loads the contacts, in time order. Parameters: total,
    quarter, operator, version, history_start, history_days, quarter_start, quarter_days."""
    singles = ", ".join(f"random() AS s{i}, random() AS m{i}" for i in range(len(SINGLE_LISTS)))
    return f"""
WITH numbered AS MATERIALIZED (
    SELECT row_number() OVER (ORDER BY code) AS n, code, province_id FROM geography_comune
), capitals AS MATERIALIZED (
    SELECT row_number() OVER (ORDER BY code) AS n, code, province_id
    FROM geography_comune WHERE is_capital
), sizes AS MATERIALIZED (
    SELECT (SELECT count(*) FROM numbered) AS comuni, (SELECT count(*) FROM capitals) AS caps
), draws AS MATERIALIZED (
    SELECT i,
        -- day index in its segment, so rows come in time order
        CASE WHEN i <= %(history)s
            THEN %(history_start)s::date + (((i::bigint - 1) * %(history_days)s) / %(history)s)::int
            ELSE %(quarter_start)s::date
                + (((i::bigint - %(history)s - 1) * %(quarter_days)s) / %(quarter)s)::int
        END AS day,
        CASE WHEN r_place < {UNLOCATED_SHARE} THEN 0
            WHEN r_place < {UNLOCATED_SHARE + CAPITAL_SHARE} THEN 1 ELSE 2 END AS place_kind,
        random() AS r_hour, random() AS r_minute, random() AS r_comune,
        random() AS r_channel, random() AS r_validity, random() AS r_caller,
        random() AS r_reason, random() AS r_routed, random() AS r_mode, random() AS r_length,
        {singles}
    FROM (SELECT i, random() AS r_place FROM generate_series(1, %(total)s) AS i OFFSET 0) AS s
), placed AS MATERIALIZED (
    SELECT d.*,
        -- 60.6%% of calls between 09:00 and 17:00 (ISTAT), the rest spread over the others
        (d.day::timestamp + make_interval(secs => 3600 * CASE WHEN d.r_hour < 0.606
            THEN 9 + 8 * d.r_minute ELSE mod((17 + 16 * d.r_minute)::numeric, 24)::float8 END))
            AT TIME ZONE 'Europe/Rome' AS started_at,
        COALESCE(capital.code, anywhere.code) AS comune_id,
        {_pick(VALIDITY_WEIGHTS, "d.r_validity")} AS validity,
        {_pick(CALLER_WEIGHTS, "d.r_caller")} AS caller,
        {_pick(MODE_WEIGHTS, "d.r_mode")} AS mode
    FROM draws d CROSS JOIN sizes
    LEFT JOIN capitals AS capital
        ON d.place_kind = 1 AND capital.n = 1 + floor(d.r_comune * sizes.caps)::int
    LEFT JOIN numbered AS anywhere
        ON d.place_kind = 2 AND anywhere.n = 1 + floor(d.r_comune * sizes.comuni)::int
), g AS (
    SELECT p.*,
        CASE WHEN p.comune_id IS NOT NULL AND p.r_routed < CASE WHEN p.validity = 'valid'
            THEN {ROUTED_VALID} ELSE {ROUTED_OTHER} END THEN p.mode END AS routed_mode
    FROM placed p
)
INSERT INTO helpline_contact (public_id, channel, language, operator_id, status, started_at,
    ended_at, comune_id, emergency, decision, classification_version_id, classification,
    outcome, notes, synthetic, created_at, updated_at)
-- increasing ids: appended to the unique index's right edge, not scattered over it
SELECT (lpad(to_hex(g.i), 12, '0') || substr(md5(g.i::text), 1, 20))::uuid,
    CASE WHEN g.r_channel < 0.85 THEN 'phone' ELSE 'chat' END,
    'it', %(operator)s, 'closed', g.started_at,
    g.started_at + make_interval(secs => 60 + 1200 * g.r_length),
    g.comune_id,
    COALESCE(g.routed_mode = 'emergency', false),
    CASE WHEN g.routed_mode IS NOT NULL THEN jsonb_build_object(
        'mode', g.routed_mode,
        'comune', jsonb_build_object('code', g.comune_id, 'name', 'Comune ' || g.comune_id,
            'province', 'XX'),
        'territory', jsonb_build_object('code', 'ATR-XX', 'name', 'Ambito territoriale'),
        'target', CASE WHEN g.routed_mode IN ('transfer', 'out_of_hours') THEN
            jsonb_build_object('service_id', 'svc-' || (g.i %% 5000), 'name',
                'Centro antiviolenza del territorio', 'phone', '+390805550000',
                'open_now', g.routed_mode = 'transfer', 'next_opening', NULL) END,
        'next_opening', NULL,
        'alternatives', jsonb_build_array(
            jsonb_build_object('service_id', 'svc-' || (g.i %% 4999), 'name',
                'Consultorio familiare', 'phone', '+390805550001', 'open_now', true,
                'next_opening', NULL),
            jsonb_build_object('service_id', 'svc-' || (g.i %% 4998), 'name',
                'Sportello legale', 'phone', '+390805550002', 'open_now', false,
                'next_opening', '2026-01-02T09:00:00+01:00')),
        'emergency_contacts', CASE WHEN g.routed_mode = 'emergency' THEN jsonb_build_array(
            jsonb_build_object('name', 'Numero unico di emergenza', 'phone', '112'))
            ELSE '[]'::jsonb END,
        'explanation', 'Il servizio referente del territorio è aperto: trasferire la chiamata.'
    ) END,
    CASE WHEN g.validity IS NULL THEN NULL ELSE %(version)s END,
    CASE
        WHEN g.validity IS NULL THEN '{{}}'::jsonb
        WHEN g.validity <> 'valid' THEN jsonb_build_object('validity', g.validity)
        WHEN g.caller <> 'victim' THEN jsonb_build_object('validity', 'valid',
            'caller_type', g.caller, 'reason', {_pick(REASON_WEIGHTS, "g.r_reason")},
            'outcome', 'information_given')
        ELSE jsonb_strip_nulls(jsonb_build_object('validity', 'valid', 'caller_type', 'victim',
            'reason', {_pick(REASON_WEIGHTS, "g.r_reason")}, 'outcome', 'information_given',
            {_victim_answers()}))
    END,
    '', '', true, now(), now()
FROM g
ORDER BY g.i
"""


ATTEMPTS_INSERT_SQL = """
INSERT INTO helpline_transferattempt (contact_id, position, service_id, service_name,
    service_phone, attempted_at, outcome)
SELECT c.id, p, 'svc-' || p, 'Centro antiviolenza del territorio', '+390805550000',
    c.started_at + make_interval(secs => 15 + 45 * p + 60 * random()),
    CASE WHEN p = c.tries THEN CASE WHEN random() < 0.8 THEN 'answered' ELSE 'no_answer' END
        WHEN random() < 0.5 THEN 'busy' ELSE 'no_answer' END
FROM (
    SELECT id, started_at, 1 + floor(3 * random() * random())::int AS tries
    FROM helpline_contact WHERE decision ->> 'mode' = 'transfer' OFFSET 0
) c CROSS JOIN LATERAL generate_series(1, c.tries) AS p
ORDER BY c.id, p
"""

EMERGENCIES_INSERT_SQL = """
INSERT INTO helpline_emergencyrecord (contact_id, started_at, police_activated_at,
    handed_over_at, outcome_at, outcome, contacts_shown)
SELECT e.id, e.started_at + interval '5 seconds', e.police,
    CASE WHEN e.police IS NOT NULL AND random() < 0.6
        THEN e.police + make_interval(secs => 60 + 600 * random()) END,
    NULL, '', '[]'::jsonb
FROM (
    SELECT id, started_at, CASE WHEN random() < 0.7
        THEN started_at + make_interval(secs => 30 + 570 * random()) END AS police
    FROM helpline_contact WHERE decision ->> 'mode' = 'emergency' OFFSET 0
) e
ORDER BY e.id
"""


def _territories_create(seed: int) -> None:
    from bench.national_network import national_network
    from rete.network.models import Territory

    network = national_network(seed)
    territories = Territory.objects.bulk_create(
        Territory(code=raw["code"], name=raw["name"]) for raw in network["territories"]
    )
    by_code = {territory.code: territory.pk for territory in territories}
    Territory.provinces.through.objects.bulk_create(
        Territory.provinces.through(territory_id=by_code[raw["code"]], province_id=sigla)
        for raw in network["territories"]
        for sigla in raw.get("provinces", ())
    )
    Territory.comuni.through.objects.bulk_create(
        Territory.comuni.through(territory_id=by_code[raw["code"]], comune_id=code)
        for raw in network["territories"]
        for code in raw.get("comuni", ())
    )


def load(*, total: int, quarter: int, period: str = PERIOD) -> dict[str, Any]:
    """Migrate, create the territories and the contacts; ANALYZE. Returns the seconds."""
    import secrets

    from django.core.management import call_command
    from django.db import connection

    from rete.accounts.services import user_create_with_role
    from rete.helpline.classification.selectors import classification_current
    from rete.statistics.periods import Period

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0, stdout=sys.stderr)
    migrated = time.perf_counter()
    _territories_create(NETWORK_SEED)
    operator = user_create_with_role(
        username="bench-operator",
        email="bench-operator@example.invalid",
        password=secrets.token_urlsafe(32),
        role="helpline_operator",
    )
    bounds = Period.parse(period)
    history_start = bounds.start.replace(year=bounds.start.year - 10)
    with connection.cursor() as cursor:
        cursor.execute("SET work_mem = '256MB'")
        cursor.execute(
            contacts_insert_sql(),
            {
                "total": total,
                "history": total - quarter,
                "quarter": quarter,
                "operator": operator.pk,
                "version": classification_current().version_id,
                "history_start": history_start,
                "history_days": (bounds.start - history_start).days,
                "quarter_start": bounds.start,
                "quarter_days": (bounds.end - bounds.start).days,
            },
        )
        cursor.execute(ATTEMPTS_INSERT_SQL)
        cursor.execute(EMERGENCIES_INSERT_SQL)
        cursor.execute("RESET work_mem")
        # Django runs in autocommit here, so VACUUM is not inside a transaction block.
        cursor.execute("VACUUM ANALYZE")
    loaded = time.perf_counter()
    return {"migrate_s": round(migrated - started, 2), "load_s": round(loaded - migrated, 2)}


def release_runs_time(
    period: str, *, runs: int, results: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Make the release of `period` `runs` times as the platform does (request, then the
    task's body in this process), discarding it after each run; the figures of each run,
    appended to `results` as they come (kept when a later run fails)."""
    from rete.statistics.models import ReleaseStatus, ReleaseTable
    from rete.statistics.periods import Period
    from rete.statistics.services import release_compute, release_discard, release_request

    # A day after the quarter: the request accepts only a closed period.
    today = Period.parse(period).end + timedelta(days=1)
    results = [] if results is None else results
    for _ in range(runs):
        steps: list[tuple[float, int]] = []

        def step(percent: int, note: str, steps: list[tuple[float, int]] = steps) -> None:
            steps.append((time.perf_counter(), percent))

        started = time.perf_counter()
        release = release_request(period=period, actor=None, enqueue=False, today=today)
        release = release_compute(release.pk, on_progress=step)
        total = time.perf_counter() - started
        if release.status != ReleaseStatus.READY:
            raise BenchError(f"the release ended {release.status}: {release.error}")
        report = dict(release.disclosure)
        results.append(
            {
                "total_s": round(total, 4),
                "engine_s": round(engine_seconds(steps), 4),
                "disclosure_s": float(report.get("seconds") or 0.0),
                "stored_tables": ReleaseTable.objects.filter(release=release).count(),
                "disclosure": report,
            }
        )
        release_discard(release=release, actor=None, reason="bench")
    return results


def engine_seconds(steps: list[tuple[float, int]]) -> float:
    """From the computation's first step to the start of the disclosure control: the step
    just before the first one at DISCLOSURE_DONE (services.release_compute reports the
    start of the disclosure control right after the engine, and DISCLOSURE_DONE right after
    the disclosure control)."""
    from rete.statistics.services import DISCLOSURE_DONE

    done = next(i for i, (_, percent) in enumerate(steps) if percent >= DISCLOSURE_DONE)
    if done < 1:
        raise BenchError("the release reported no step before the disclosure control")
    return steps[done - 1][0] - steps[0][0]


def run(*, runs: int, total: int, quarter: int, release_runs: int = RELEASE_RUNS,
        period: str = PERIOD) -> dict[str, Any]:  # fmt: skip
    from bench import statistics_sql
    from rete.helpline.contacts.models import Contact, EmergencyRecord, TransferAttempt
    from rete.statistics.compute import release_compute_tables
    from rete.statistics.periods import Period

    loaded = load(total=total, quarter=quarter, period=period)
    bounds = Period.parse(period)
    print(f"loaded in {loaded['load_s']} s; timing {runs} runs each ...", file=sys.stderr)
    engine_runs: list[float] = []
    sql_runs: list[float] = []
    sql_queries: list[float] = []
    # One warm-up run each (caches, the classification snapshot), then alternate.
    computed = release_compute_tables(bounds)
    by_sql = statistics_sql.sql_compute_tables(bounds)
    for _ in range(runs):
        started = time.perf_counter()
        computed = release_compute_tables(bounds)
        engine_runs.append(time.perf_counter() - started)
        started = time.perf_counter()
        by_sql = statistics_sql.sql_compute_tables(bounds)
        sql_runs.append(time.perf_counter() - started)
        sql_queries.append(by_sql.queries_s)
    differences = statistics_sql.differences(computed, by_sql)
    quarter_count = computed.contacts_count
    print(f"timing the whole release {release_runs} times ...", file=sys.stderr)
    releases: list[dict[str, Any]] = []
    try:
        release_runs_time(period, runs=release_runs, results=releases)
        release_error = ""
    except Exception as error:  # the engine's figures are kept; the failure is reported
        release_error = f"{type(error).__name__}: {error}"[:500]
    return {
        "contacts": Contact.objects.count(),
        "quarter_contacts": quarter_count,
        "transfer_attempts": TransferAttempt.objects.count(),
        "emergency_records": EmergencyRecord.objects.count(),
        "areas": len(computed.area_atoms),
        "atoms": len(computed.area_atoms[("national", "IT")]),
        "tables": len(computed.tables),
        **loaded,
        "engine_runs_s": [round(value, 4) for value in engine_runs],
        "sql_runs_s": [round(value, 4) for value in sql_runs],
        "sql_queries_runs_s": [round(value, 4) for value in sql_queries],
        "same_numbers": not differences,
        "differences": differences[:20],
        "release_runs": releases,
        "release_error": release_error,
    }


def _child_main(argv: list[str]) -> int:
    import django

    if os.environ.get("RETE_ENV") != "production":
        print(
            "bench.statistics runs only under the bench's production environment", file=sys.stderr
        )
        return 2
    if len(argv) != 5 or argv[0] != "run":
        print(
            "usage: python -m bench.statistics run RUNS TOTAL QUARTER RELEASE_RUNS",
            file=sys.stderr,
        )
        return 2
    django.setup()
    runs, total, quarter, release_runs = (int(value) for value in argv[1:])
    print(json.dumps(run(runs=runs, total=total, quarter=quarter, release_runs=release_runs)))
    return 0


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
