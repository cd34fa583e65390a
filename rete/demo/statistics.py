"""Demo statistics: a year and a bit of synthetic 1522 contacts over the demo network, and a
published release for each of the last four closed quarters, so that the statistics pages
have real tables and charts to show.

The contacts cover the last four closed quarters and the current one up to yesterday, at
about 100,000 a year: today's volume is about 65,000 valid calls a year nationwide
(ISTAT 2024) and about as many not valid. Loading is idempotent: when the database already
holds synthetic contacts none are made, and a quarter that already has a release (published
or not) is left as it is. On SQLite, on a 2-CPU machine: the contacts take about 50 s, the
four releases about 90 s, once; later runs cost a query per quarter.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from rete.helpline.contacts.models import Contact
from rete.statistics.models import Release, ReleaseStatus
from rete.statistics.periods import Period
from rete.statistics.services import release_compute, release_publish, release_request
from rete.statistics.synthetic import synthetic_contacts_generate

DEMO_SEED = 1522
CONTACTS_PER_YEAR = 100_000
QUARTERS_RELEASED = 4


def demo_quarters(today: date) -> list[Period]:
    """The last four closed quarters, the oldest first."""
    quarters = [Period.of(today).previous()]
    while len(quarters) < QUARTERS_RELEASED:
        quarters.append(quarters[-1].previous())
    return quarters[::-1]


def demo_contacts_period(today: date) -> tuple[date, date]:
    """[start, end): from the first of the released quarters to today (excluded)."""
    return demo_quarters(today)[0].start, today


def demo_statistics_load(
    today: date | None = None, *, contacts_per_year: int = CONTACTS_PER_YEAR
) -> dict[str, int]:
    """Make the demo's synthetic contacts unless there are some, and publish a release of
    each of the last four closed quarters that has none. Returns how many synthetic
    contacts were made and how many releases were published by this call."""
    today = today or timezone.localdate()
    made = 0
    if not Contact.objects.filter(synthetic=True).exists():
        start, end = demo_contacts_period(today)
        count = max(1, round(contacts_per_year * (end - start).days / 365))
        made = synthetic_contacts_generate(count=count, seed=DEMO_SEED, start=start, end=end)
    published = 0
    for quarter in demo_quarters(today):
        if Release.objects.filter(period=quarter.code).exists():
            continue
        try:
            release = release_request(period=quarter, actor=None, today=today, enqueue=False)
        except ValidationError:
            continue  # refused (another release of the quarter appeared meanwhile)
        release = release_compute(release.pk)
        if release.status != ReleaseStatus.READY:
            continue  # failed: the Department's list shows it with its error
        try:
            release_publish(release=release, actor=None)
        except ValidationError:
            continue  # refused (the disclosure check): left for review, as a person would
        published += 1
    return {"synthetic_contacts": made, "releases_published": published}
