"""Until when a public page that shows opening hours stays right.

"Open now" and "opens on Monday at 9:00" change only when a service's interval starts or ends
(schedules, special openings: whole wall-clock minutes) or when the date changes (closed
dates, holidays, validity windows, "today"/"tomorrow"). So a page computed at an instant says
the same thing until the earliest of: the next start or end, on the wall clock, of an interval
of any service it shows, and the next local midnight. Earlier is always safe (the page is
rendered again); this never answers later than the true change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from rete.routing.engine import ROME, NetworkSnapshot
from rete.routing.engine.schedule import CompiledService

MINUTES_PER_DAY = 1440


def valid_until(snapshot: NetworkSnapshot, service_ids: Iterable[str], at: datetime) -> datetime:
    """The instant until which the opening state of `service_ids` seen at `at` holds."""
    local = at.astimezone(ROME)
    minute = local.hour * 60 + local.minute
    boundaries: set[int] = set()
    for service_id in service_ids:
        service = snapshot.services.get(service_id)
        if service is not None:
            boundaries |= _boundaries(service)
    later = [boundary for boundary in boundaries if boundary > minute]
    if later:
        return _earliest_instant(local.date(), min(later))
    return _earliest_instant(local.date() + timedelta(days=1), 0)


def _boundaries(service: CompiledService) -> set[int]:
    """Every wall-clock minute of the day at which an interval of the service starts or ends."""
    found: set[int] = set()
    for intervals in service.weekly:
        for start, end in intervals:
            found.update((start % MINUTES_PER_DAY, end % MINUTES_PER_DAY))
    for intervals in service.dated_weekly or ():
        for start, end, _since, _until in intervals:
            found.update((start % MINUTES_PER_DAY, end % MINUTES_PER_DAY))
    for intervals in service.special.values():
        for start, end in intervals:
            found.update((start % MINUTES_PER_DAY, end % MINUTES_PER_DAY))
    return found


def _earliest_instant(day: date, minute: int) -> datetime:
    """The earliest instant whose Rome wall clock reads `minute` of `day`: in the autumn hour
    that happens twice, the first; in the spring gap that never happens, the earlier mapping."""
    wall = datetime.combine(day, time(minute // 60, minute % 60))
    # Aware datetimes of one zone compare by wall time: compare the instants.
    return min(
        (wall.replace(tzinfo=ROME, fold=0), wall.replace(tzinfo=ROME, fold=1)),
        key=datetime.timestamp,
    )
