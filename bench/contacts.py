"""Contact saves over HTTP on PostgreSQL (issue 3: "≥ 300 saves/s with 50 concurrent clients,
0 errors, 0 duplicates").

A save is what one `POST /api/v1/contacts` of the telephony API does: the token check, the
Contact row and its hash-chained audit row, written in one transaction, idempotent on the
`Idempotency-Key` header. That endpoint writes no encrypted field (notes and call-back numbers
are written by later steps of a contact), so the figure includes no encryption; the printed
label says so, and gives what encrypting a note costs, measured apart.

The bench creates a scratch database `rete_bench_contacts` on the local server (dropped first
if it is there, and always dropped at the end), migrates it with the production settings,
creates a 1522 operator and an API token, serves it with gunicorn as `bench.http_load.Gunicorn`
does, and loads it with wrk (2 threads, 50 connections): every request carries a new key,
except about 5% that repeat a key the same thread already sent (a retry, sometimes while the
first request is still in flight). Around the measured run it reads from /proc the CPU time
of gunicorn, of the PostgreSQL backends of the scratch database, of wrk and of the whole
machine (bench.cpu): the CPU per save, and what the machine's CPUs could serve at full use,
move less than the rate when other processes share the machine. With the server stopped, one
client saves contacts in-process, to time how long each save holds the audit chain's lock.
Then it counts the rows: duplicates are contacts beyond the distinct keys, and the audit chain
must verify.

The Django work (migrate, user, token, the in-process saves, counts) runs in child processes
(`python -m bench.contacts prepare|in-process|check`) so that they see the scratch database
whatever database the bench process itself has configured.
"""

from __future__ import annotations

import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from bench import cpu
from bench.http_load import (
    HOST,
    BenchError,
    Gunicorn,
    WrkResult,
    free_port,
    parse_wrk,
    wrk_output,
)

DATABASE_NAME = "rete_bench_contacts"
SERVER_URL = f"postgres://postgres@{HOST}:5432"
PSQL = "/usr/bin/psql"
CONTACTS_PATH = "/api/v1/contacts"
CONNECTIONS = 50
THREADS = 2
RETRY_SHARE = 0.05
WARMUP_SECONDS = 2
TARGET_SAVES_PER_SECOND = 300
IN_PROCESS_SAVES = 500
NOTE_LENGTH = 1_000
ENCRYPTIONS = 2_000
SAVE_INCLUDES = (
    "contact + audit row in one transaction; no encryption"
    " (this endpoint writes no notes or call-back number)"
)
PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Each thread keeps its own counter; a key is `<run prefix>-<thread>-<n>`, so no two new
# requests share a key. A retry repeats one of the thread's earlier keys (possibly the one
# just sent, still in flight: the concurrent double submission the idempotency must absorb).
LUA_SCRIPT = r"""
local threads = {}

function setup(thread)
   threads[#threads + 1] = thread
   thread:set("thread_number", #threads)
end

function init(args)
   local file = assert(io.open(args[1], "r"))
   local token = file:read("*l")
   file:close()
   prefix = args[2]
   retry_share = tonumber(args[3])
   math.randomseed(tonumber(args[4]) + thread_number)
   headers = {
      ["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json",
   }
   body = '{"channel": "phone", "language": "it"}'
   counter = 0
   retries = 0
   created = 0
   replayed = 0
   other = 0
end

function request()
   local number
   if counter > 0 and math.random() < retry_share then
      number = math.random(counter)
      retries = retries + 1
   else
      counter = counter + 1
      number = counter
   end
   headers["Idempotency-Key"] = prefix .. "-" .. thread_number .. "-" .. number
   return wrk.format("POST", nil, headers, body)
end

function response(status, response_headers, response_body)
   if status == 201 then
      created = created + 1
   elseif status == 200 then
      replayed = replayed + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local totals = { new_keys = 0, retries = 0, created = 0, replayed = 0, other = 0 }
   for _, thread in ipairs(threads) do
      totals.new_keys = totals.new_keys + thread:get("counter")
      totals.retries = totals.retries + thread:get("retries")
      totals.created = totals.created + thread:get("created")
      totals.replayed = totals.replayed + thread:get("replayed")
      totals.other = totals.other + thread:get("other")
   end
   local errors = summary.errors
   io.write(string.format(
      'BENCH-JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"errors_connect": %d, "errors_read": %d, "errors_write": %d, '
      .. '"errors_status": %d, "errors_timeout": %d, '
      .. '"latency_mean_us": %.1f, "latency_p50_us": %d, "latency_p90_us": %d, '
      .. '"latency_p99_us": %d, "latency_p99_9_us": %d, "latency_max_us": %d}\n',
      summary.requests, summary.duration, summary.bytes,
      errors.connect, errors.read, errors.write, errors.status, errors.timeout,
      latency.mean, latency:percentile(50), latency:percentile(90),
      latency:percentile(99), latency:percentile(99.9), latency.max
   ))
   io.write(string.format(
      'CONTACTS-JSON {"new_keys": %d, "retries": %d, "created": %d, "replayed": %d, '
      .. '"other": %d}\n',
      totals.new_keys, totals.retries, totals.created, totals.replayed, totals.other
   ))
end
"""


@dataclass(frozen=True, slots=True)
class ContactLoad:
    """One wrk run: its figures and the answers the script counted."""

    wrk: WrkResult
    new_keys: int
    retries: int
    created: int  # 201
    replayed: int  # 200
    other: int  # any other status
    # CPU seconds of the server, its database backends, wrk and the machine during the run;
    # None where /proc cannot be read.
    cpu: cpu.CpuUse | None = None

    @property
    def saves_per_second(self) -> float:
        seconds = self.wrk.seconds
        return (self.created + self.replayed) / seconds if seconds else 0.0

    @property
    def errors(self) -> int:
        return self.other + sum(self.wrk.socket_errors.values())

    def cpu_ms_per_save(self) -> dict[str, float] | None:
        """CPU milliseconds per answered request: server, database, load generator."""
        if self.cpu is None:
            return None
        return self.cpu.per_request_ms(self.created + self.replayed)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["wrk"] = self.wrk.to_dict()
        data["cpu"] = self.cpu.to_dict(self.created + self.replayed) if self.cpu else None
        return data


@dataclass(frozen=True, slots=True)
class ContactBench:
    migrate_s: float
    server: str
    # The channel layer the server ran with: "Redis" broadcasts the live board after every
    # save, "in-memory" finds nobody listening in a WSGI worker and skips it.
    channel_layer: str
    load: ContactLoad
    warmup: ContactLoad
    contacts: int
    distinct_keys: int
    audit_contact_rows: int
    audit_entries: int
    audit_intact: bool
    # One client in one process, no HTTP (see _in_process); None if that step was skipped.
    in_process: dict[str, Any] | None = None

    @property
    def duplicates(self) -> int:
        return self.contacts - self.distinct_keys

    def to_dict(self) -> dict[str, Any]:
        data = {
            "database": f"PostgreSQL, scratch database {DATABASE_NAME} (dropped at the end)",
            "save_includes": SAVE_INCLUDES,
            "wrk": f"-t{THREADS} -c{CONNECTIONS} -d{round(self.load.wrk.seconds)}s --latency",
            "retry_share": RETRY_SHARE,
            "migrate_s": self.migrate_s,
            "server": self.server,
            "channel_layer": self.channel_layer,
            "saves_per_second": round(self.load.saves_per_second, 1),
            "p50_ms": self.load.wrk.p50_ms,
            "p99_ms": self.load.wrk.p99_ms,
            "errors": self.load.errors,
            "duplicates": self.duplicates,
            "contacts": self.contacts,
            "distinct_keys": self.distinct_keys,
            "audit_contact_rows": self.audit_contact_rows,
            "audit_entries": self.audit_entries,
            "audit_intact": self.audit_intact,
            "in_process": self.in_process,
        }
        per_save = self.load.cpu_ms_per_save()
        if per_save is not None:
            data["cpu_ms_per_save"] = {key: round(value, 3) for key, value in per_save.items()}
        for name in ("load", "warmup"):
            run: ContactLoad = getattr(self, name)
            data[name] = run.to_dict()
        return data


def _psql(sql: str) -> None:
    """Run one statement as the server's superuser, on the loopback server only."""
    completed = subprocess.run(
        [PSQL, "-h", HOST, "-p", "5432", "-U", "postgres", "-d", "postgres", "-v",
         "ON_ERROR_STOP=1", "-q", "-c", sql],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    if completed.returncode != 0:
        raise BenchError(f"psql failed on {sql!r}: {completed.stderr.strip()[-1000:]}")


def _backend_pids() -> set[int]:
    """The PostgreSQL processes serving the bench database now."""
    completed = subprocess.run(
        [PSQL, "-h", HOST, "-p", "5432", "-U", "postgres", "-d", "postgres", "-tA", "-c",
         f"SELECT pid FROM pg_stat_activity WHERE datname = '{DATABASE_NAME}'"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    if completed.returncode != 0:
        raise BenchError(f"psql failed listing backends: {completed.stderr.strip()[-1000:]}")
    return {int(line) for line in completed.stdout.split() if line.isdigit()}


def _drop_database() -> None:
    _psql(f"DROP DATABASE IF EXISTS {DATABASE_NAME} WITH (FORCE)")


def _child(step: str, env: dict[str, str], timeout: float) -> dict[str, Any]:
    """Run `python -m bench.contacts <step>` with `env`; its last stdout line is JSON."""
    completed = subprocess.run(
        [sys.executable, "-m", "bench.contacts", step],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        raise BenchError(f"contacts {step} failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _load(
    wrk: str,
    server: Gunicorn,
    *,
    seconds: int,
    workdir: Path,
    token_path: Path,
    prefix: str,
) -> ContactLoad:
    script = workdir / "contacts.lua"
    script.write_text(LUA_SCRIPT, encoding="utf-8")
    master = server.process.pid if server.process is not None else None
    measure = master is not None and cpu.available()
    if measure:
        backends = _backend_pids()
        before = cpu.sample(master, backends)
    events_before = server.events()
    # wrk is the only child this process starts and waits for during the run.
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    output = wrk_output(
        wrk,
        server.base_url + CONTACTS_PATH,
        seconds=seconds,
        connections=CONNECTIONS,
        threads=THREADS,
        script=script,
        script_args=[str(token_path), prefix, str(RETRY_SHARE), str(secrets.randbelow(1_000_000))],
    )
    elapsed = time.monotonic() - started
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    use = None
    if measure:
        after = cpu.sample(master, backends | _backend_pids())
        use = cpu.usage(
            before,
            after,
            seconds=elapsed,
            load_generator=(children_after.ru_utime - children_before.ru_utime)
            + (children_after.ru_stime - children_before.ru_stime),
        )
    counts_line = next(
        (line for line in output.splitlines() if line.startswith("CONTACTS-JSON ")),
        None,
    )
    if counts_line is None:
        raise BenchError(f"wrk printed no contact counts:\n{output[-2000:]}")
    counts = json.loads(counts_line.removeprefix("CONTACTS-JSON "))
    events_after = server.events()
    figures = replace(
        parse_wrk(CONTACTS_PATH, output, connections=CONNECTIONS),
        worker_restarts=events_after["worker_boots"] - events_before["worker_boots"],
    )
    return ContactLoad(wrk=figures, cpu=use, **counts)


def contact_bench(
    *,
    wrk: str,
    seconds: int,
    max_requests: int,
    workers: int = 2,
    redis_url: str | None = None,
) -> ContactBench:
    """Create, migrate and load the scratch database; it is dropped at the end, always.

    `redis_url`: serve with the Redis channel layer of production (the live board is then
    broadcast after every save); without it, the in-memory layer, whatever REDIS_URL the
    calling shell has, so that the figure does not change with it unnoticed."""
    from bench.django_side import production_env

    _drop_database()
    try:
        _psql(f"CREATE DATABASE {DATABASE_NAME}")
        with tempfile.TemporaryDirectory(prefix="rete-bench-contacts-") as directory:
            workdir = Path(directory)
            env = production_env(database_url=f"{SERVER_URL}/{DATABASE_NAME}", workdir=workdir)
            env.pop("REDIS_URL", None)
            if redis_url:
                env["REDIS_URL"] = redis_url
            print(f"Migrating the scratch database {DATABASE_NAME} ...", flush=True)
            prepared = _child("prepare", env, timeout=600)
            # The token goes to wrk in a file of the private temporary directory, not on a
            # command line that every user of the machine can read.
            token_path = workdir / "token"
            token_path.touch(mode=0o600)
            token_path.write_text(prepared["token"] + "\n", encoding="utf-8")
            server = Gunicorn(
                executable=str(Path(sys.executable).with_name("gunicorn")),
                env=env,
                port=free_port(),
                log_path=workdir / "gunicorn.log",
                workers=workers,
                max_requests=max_requests,
            )
            with server:
                print(
                    f"Contact saves: wrk -t{THREADS} -c{CONNECTIONS}, {WARMUP_SECONDS} s "
                    f"warm-up then {seconds} s ...",
                    flush=True,
                )
                run_prefix = secrets.token_hex(4)
                warmup = _load(
                    wrk, server, seconds=WARMUP_SECONDS, workdir=workdir,
                    token_path=token_path, prefix=f"w{run_prefix}",
                )  # fmt: skip
                load = _load(
                    wrk, server, seconds=seconds, workdir=workdir,
                    token_path=token_path, prefix=f"r{run_prefix}",
                )  # fmt: skip
            # With the server stopped, nothing else is writing: the saves of one client
            # show how long the audit chain stays locked, then the rows are counted.
            print(f"Contact saves in-process, one client ({IN_PROCESS_SAVES}) ...", flush=True)
            in_process = _child("in-process", env, timeout=600)
            checked = _child("check", env, timeout=600)
            return ContactBench(
                migrate_s=prepared["migrate_s"],
                server=server.description,
                channel_layer="Redis" if redis_url else "in-memory",
                load=load,
                warmup=warmup,
                in_process=in_process,
                **checked,
            )
    finally:
        _drop_database()


def _prepare() -> dict[str, Any]:
    from django.core.management import call_command

    from rete.accounts.services import user_create_with_role
    from rete.accounts.tokens import api_token_create

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0, stdout=sys.stderr)
    migrated = time.perf_counter()
    user = user_create_with_role(
        username="bench-operator",
        email="bench-operator@example.invalid",
        password=secrets.token_urlsafe(32),
        role="helpline_operator",
    )
    _record, token = api_token_create(user=user, name="contact bench")
    return {"token": token, "migrate_s": round(migrated - started, 2)}


def _percentile_ms(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))], 3)


def _in_process() -> dict[str, Any]:
    """One client, no server: the CPU a save costs the application alone, how long each save
    keeps the audit chain's head locked — the one serialised stretch of every audited write,
    so its inverse bounds the saves per second of the whole platform, whatever the number of
    servers — and what encrypting a note would add to a save that wrote one."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from rete.helpline.contacts import services
    from rete.privacy.crypto import encrypt_text

    operator = get_user_model().objects.get(username="bench-operator")
    held: list[float] = []
    called: list[float] = []
    record = services.audit_record
    commit = connection.commit

    # The head is locked inside audit_record, after its arguments are checked, and stays
    # locked until the commit has returned: from the call to then is the hold, a little over.
    def timed_record(**kwargs: Any) -> Any:
        called.append(time.perf_counter())
        return record(**kwargs)

    def timed_commit() -> None:
        commit()
        if called:
            held.append(time.perf_counter() - called.pop())

    services.audit_record = timed_record  # type: ignore[assignment]
    connection.commit = timed_commit  # type: ignore[method-assign]
    try:
        prefix = secrets.token_hex(4)
        for number in range(20):  # warm-up
            services.contact_start(
                operator=operator, channel="phone", language="it",
                idempotency_key=f"i{prefix}-w{number}",
            )  # fmt: skip
        held.clear()
        cpu_started = time.process_time()
        started = time.perf_counter()
        for number in range(IN_PROCESS_SAVES):
            services.contact_start(
                operator=operator, channel="phone", language="it",
                idempotency_key=f"i{prefix}-{number}",
            )  # fmt: skip
        wall = time.perf_counter() - started
        cpu_time = time.process_time() - cpu_started
    finally:
        services.audit_record = record  # type: ignore[assignment]
        del connection.commit
    note = "x" * NOTE_LENGTH
    encrypt_text(note)
    encrypted_started = time.process_time()
    for _ in range(ENCRYPTIONS):
        encrypt_text(note)
    encryption = (time.process_time() - encrypted_started) / ENCRYPTIONS
    return {
        "saves": IN_PROCESS_SAVES,
        "cpu_ms_per_save": round(1000 * cpu_time / IN_PROCESS_SAVES, 3),
        "wall_ms_per_save": round(1000 * wall / IN_PROCESS_SAVES, 3),
        "audit_lock_held_p50_ms": _percentile_ms(held, 0.50),
        "audit_lock_held_p99_ms": _percentile_ms(held, 0.99),
        "note_length": NOTE_LENGTH,
        "encrypt_note_ms": round(1000 * encryption, 4),
    }


def _check() -> dict[str, Any]:
    from rete.audit.models import AuditAction, AuditEntry
    from rete.audit.selectors import audit_chain_verify
    from rete.helpline.contacts.models import Contact

    verification = audit_chain_verify()
    return {
        "contacts": Contact.objects.count(),
        "distinct_keys": Contact.objects.exclude(idempotency_key=None)
        .values("idempotency_key")
        .distinct()
        .count(),
        "audit_contact_rows": AuditEntry.objects.filter(action=AuditAction.CONTACT_CREATE).count(),
        "audit_entries": verification.entries_verified,
        "audit_intact": verification.intact,
    }


def _child_main(step: str) -> int:
    import django

    if os.environ.get("RETE_ENV") != "production":
        print("bench.contacts runs only under the bench's production environment", file=sys.stderr)
        return 2
    django.setup()
    steps = {"prepare": _prepare, "in-process": _in_process, "check": _check}
    if step not in steps:
        print(f"unknown step {step!r}: {', '.join(steps)}", file=sys.stderr)
        return 2
    print(json.dumps(steps[step]()))
    return 0


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1] if len(sys.argv) > 1 else ""))
