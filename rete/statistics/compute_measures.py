"""The reserved measures tables (transfers, emergencies) at the atom grain.

Counts add up from atoms to areas like any table. Medians and 90th percentiles do not, so
for them the engine fetches one small row per contact that has such a time (its atom and
the seconds) — only the few contacts transferred or with the police activated, never the
whole period — and takes the percentiles of each area's values in memory.

Percentiles interpolate linearly between the closest ranks (numpy's default, "type 7"):
with values sorted v[0..n-1], the p-th percentile is at rank (n - 1) * p / 100.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Count, F, Min, Q

from rete.helpline.contacts.models import EmergencyRecord, TransferAttempt, TransferOutcome
from rete.statistics.areas import Geography
from rete.statistics.compute_counts import ATOM_FIELDS, atom_annotations, local_midnight

TRANSFER_MODE = "transfer"
OUT_OF_HOURS_MODE = "out_of_hours"


@dataclass
class Durations:
    """Seconds by atom: `atoms[i]` is the atom index of `seconds[i]`."""

    atoms: np.ndarray
    seconds: np.ndarray

    def __post_init__(self) -> None:
        # The values of each atom together, so an area's values are a few slices.
        order = np.argsort(self.atoms, kind="stable")
        self._sorted = self.seconds[order]
        self._bounds = np.searchsorted(self.atoms[order], np.arange(self.atoms.max(initial=-1) + 2))

    def of(self, mask: np.ndarray) -> np.ndarray:
        """The values of the atoms where `mask` (a boolean array over atoms) is True."""
        bounds = self._bounds
        pieces = [
            self._sorted[bounds[atom] : bounds[atom + 1]]
            for atom in np.flatnonzero(mask)
            if atom + 1 < len(bounds)
        ]
        return np.concatenate(pieces) if pieces else self._sorted[:0]


@dataclass
class MeasureAtoms:
    counts: dict[str, np.ndarray]  # measure -> count by atom
    durations: dict[str, Durations]  # "time_to_transfer", "police_delay"


def _in_period(start, end) -> Q:
    return Q(contact__started_at__gte=local_midnight(start)) & Q(
        contact__started_at__lt=local_midnight(end)
    )


def _durations(rows, geography: Geography, atom_index: dict[str, int]) -> Durations:
    atoms: list[int] = []
    seconds: list[float] = []
    for province, city, delay in rows:
        if delay is None:
            continue
        atoms.append(atom_index[geography.atom_of(province, city)])
        seconds.append(delay.total_seconds())
    return Durations(np.array(atoms, dtype=np.int64), np.array(seconds, dtype=np.float64))


def measure_atoms(
    start, end, geography: Geography, atom_index: dict[str, int], mode_counts: np.ndarray,
    mode_codes: tuple[str, ...], progress=None,
) -> MeasureAtoms:  # fmt: skip
    """`mode_counts[atom, mode]`: routed contacts by routing mode (from the routing table)."""
    size = len(atom_index)
    counts = {
        "routed_transfer": mode_counts[:, mode_codes.index(TRANSFER_MODE)].copy(),
        "routed_out_of_hours": mode_counts[:, mode_codes.index(OUT_OF_HOURS_MODE)].copy(),
    }
    # Transfers of the contacts the routing sent to a transfer (an attempt elsewhere, e.g. to
    # an alternative of an out-of-hours decision, is not a transfer of the territory).
    attempts = (
        TransferAttempt.objects.filter(
            _in_period(start, end), contact__decision__mode=TRANSFER_MODE
        )
        .annotate(**atom_annotations(geography, "contact__"))
        .order_by()
    )
    for name in ("transfer_attempts", "transfers_answered", "contacts_transferred"):
        counts[name] = np.zeros(size, dtype=np.int64)
    answered = Q(outcome=TransferOutcome.ANSWERED)
    for province, city, tried, succeeded in (
        attempts.values(*ATOM_FIELDS)
        .annotate(tried=Count("*"), succeeded=Count("pk", filter=answered))
        .values_list(*ATOM_FIELDS, "tried", "succeeded")
    ):
        atom = atom_index[geography.atom_of(province, city)]
        counts["transfer_attempts"][atom] += tried
        counts["transfers_answered"][atom] += succeeded
    first_answered = (
        attempts.filter(answered)
        .values("contact_id", *ATOM_FIELDS)
        .annotate(delay=Min("attempted_at") - F("contact__started_at"))
        .values_list(*ATOM_FIELDS, "delay")
    )
    # Grouped by contact, so one value per contact transferred.
    to_transfer = _durations(first_answered, geography, atom_index)
    counts["contacts_transferred"] = np.bincount(to_transfer.atoms, minlength=size).astype(np.int64)
    if progress:
        progress()

    emergencies = (
        EmergencyRecord.objects.filter(_in_period(start, end))
        .annotate(**atom_annotations(geography, "contact__"))
        .order_by()
    )
    for name in ("emergencies", "police_activated", "handed_over"):
        counts[name] = np.zeros(size, dtype=np.int64)
    for province, city, total, police, handed in (
        emergencies.values(*ATOM_FIELDS)
        .annotate(
            total=Count("*"),
            police=Count("pk", filter=Q(police_activated_at__isnull=False)),
            handed=Count("pk", filter=Q(handed_over_at__isnull=False)),
        )
        .values_list(*ATOM_FIELDS, "total", "police", "handed")
    ):
        atom = atom_index[geography.atom_of(province, city)]
        counts["emergencies"][atom] += total
        counts["police_activated"][atom] += police
        counts["handed_over"][atom] += handed
    police_delay = _durations(
        emergencies.filter(police_activated_at__isnull=False)
        .annotate(delay=F("police_activated_at") - F("contact__started_at"))
        .values_list(*ATOM_FIELDS, "delay"),
        geography,
        atom_index,
    )
    return MeasureAtoms(
        counts=counts,
        durations={"time_to_transfer": to_transfer, "police_delay": police_delay},
    )


def percentiles(values: np.ndarray, shares: tuple[float, ...]) -> list[float | None]:
    """Linear interpolation between closest ranks (numpy's default), rounded to 0.1; None
    without values. One sort for all the shares: it runs for every area."""
    if values.size == 0:
        return [None for _share in shares]
    ordered = np.sort(values)
    last = ordered.size - 1
    found = []
    for share in shares:
        rank = last * share / 100
        low = int(rank)
        high = min(low + 1, last)
        value = ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
        found.append(round(float(value), 1))
    return found


def share_percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def measure_values(measures: MeasureAtoms, mask: np.ndarray) -> dict[str, float | int | None]:
    """Every measure of an area whose atoms are `mask`."""
    total = {name: int(values[mask].sum()) for name, values in measures.counts.items()}
    transfer_median, transfer_p90 = percentiles(
        measures.durations["time_to_transfer"].of(mask), (50, 90)
    )
    police_median, police_p90 = percentiles(measures.durations["police_delay"].of(mask), (50, 90))
    routed = total["routed_transfer"] + total["routed_out_of_hours"]
    return {
        **total,
        "out_of_hours_share": share_percent(total["routed_out_of_hours"], routed),
        "transfer_success_share": share_percent(
            total["contacts_transferred"], total["routed_transfer"]
        ),
        "time_to_transfer_median": transfer_median,
        "time_to_transfer_p90": transfer_p90,
        "police_delay_median": police_median,
        "police_delay_p90": police_p90,
    }
