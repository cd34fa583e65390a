"""Gunicorn settings for production: `gunicorn -c python:rete.config.gunicorn rete.config.wsgi`.

Synchronous workers, one per core: the routing decision is CPU-bound and synchronous,
and a sync worker serves a sync Django view without the thread hop an ASGI server pays.
The application is loaded once in the master and the routing snapshot is built there
before forking, so that every worker (and every worker restarted by max_requests)
starts with it instead of rebuilding it on its first request.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
worker_class = "sync"
preload_app = True
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = 500
timeout = 30
# Access logs carry paths, never bodies; the routing API takes its input in the body.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None


def when_ready(server) -> None:
    from django.conf import settings
    from django.conf.urls.i18n import is_language_prefix_patterns_used

    from rete.routing.snapshot import routing_snapshot_preload

    # Django imports the URLconf — and with it every view module, the API and its schemas,
    # the phone-number data — on a process's first request. Done here, before forking, it
    # is done once: otherwise every worker, including each one restarted by max_requests,
    # spends more than a second of CPU on it while its first requests wait.
    is_language_prefix_patterns_used(settings.ROOT_URLCONF)
    routing_snapshot_preload()
