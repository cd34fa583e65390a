"""Background work of the statistics: computing a release takes seconds to minutes, so the
Department's request returns at once and a worker (`rete db_worker`) does the rest."""

from __future__ import annotations

from django_tasks import task


@task()
def compute_release(release_id: int) -> str:
    """Compute the release `release_id` (rete.statistics.services.release_compute) and
    return its status. A failed computation is recorded on the release itself."""
    from rete.statistics.services import release_compute

    return str(release_compute(release_id).status)
