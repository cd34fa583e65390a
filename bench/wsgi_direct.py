"""The WSGI application called directly, in this process: no server, no socket, no client.

It splits the cost of a request over HTTP into what the application spends (middleware,
django-ninja, the view, the engine, the JSON body) and what gunicorn, the kernel and the load
generator add: the CPU time per request of `GET /api/v1/ping` and of `POST
/api/v1/routing/decide` on the same bodies wrk sends.
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bench.http_load import DECIDE_PATH, PING_PATH, BenchError


@dataclass(frozen=True, slots=True)
class WsgiFigures:
    requests: int
    cpu_us_per_request: float
    wall_us_per_request: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "cpu_us_per_request": round(self.cpu_us_per_request, 1),
            "wall_us_per_request": round(self.wall_us_per_request, 1),
        }


def _environ(method: str, path: str, body: bytes) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def _caller(app: Callable[..., Any]) -> Callable[[str, str, bytes], str]:
    def call(method: str, path: str, body: bytes) -> str:
        statuses: list[str] = []
        result = app(_environ(method, path, body), lambda status, headers: statuses.append(status))
        try:
            b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        return statuses[0]

    return call


def measure_wsgi(bodies: Sequence[str], requests: int) -> dict[str, WsgiFigures]:
    """CPU and wall time per request of ping and decide; BenchError if one is not a 200."""
    from django.core.wsgi import get_wsgi_application

    call = _caller(get_wsgi_application())
    encoded = [body.encode() for body in bodies]
    # First calls build the routing snapshot and warm Django's caches: not measured.
    for index in range(min(200, len(encoded))):
        call("POST", DECIDE_PATH, encoded[index])
        call("GET", PING_PATH, b"")

    results = {}
    endpoints: dict[str, Callable[[int], str]] = {
        "ping": lambda index: call("GET", PING_PATH, b""),
        "decide": lambda index: call("POST", DECIDE_PATH, encoded[index % len(encoded)]),
    }
    for name, request in endpoints.items():
        wall, cpu = time.perf_counter(), time.thread_time()
        for index in range(requests):
            status = request(index)
            if not status.startswith("200"):
                raise BenchError(f"{name} answered {status} when called through WSGI")
        cpu_spent, wall_spent = time.thread_time() - cpu, time.perf_counter() - wall
        results[name] = WsgiFigures(
            requests=requests,
            cpu_us_per_request=cpu_spent / requests * 1e6,
            wall_us_per_request=wall_spent / requests * 1e6,
        )
    return results
