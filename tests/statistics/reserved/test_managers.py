"""The Department reads every area like the other national readers and, on the same pages,
manages the releases: the screens of rete.statistics.releases (helper E1) are included here,
so these tests need that module."""

from __future__ import annotations

import re

import pytest

from rete.audit.models import AuditAction, AuditEntry
from rete.statistics.models import Release, ReleaseStatus
from tests.statistics.factories import release_make

pytest.importorskip("rete.statistics.releases.views")

pytestmark = pytest.mark.django_db

LIST = "/area-riservata/dati/"


def linked_areas(page: str) -> list[str]:
    return re.findall(r'data-testid="area-link" data-area="([^"]+)"', page)


def test_the_department_sees_every_area_and_the_release_management(as_person, release) -> None:
    page = as_person("department").get(LIST).content.decode()

    assert linked_areas(page) == ["IT", "16", "BA", "ATR-BA", "ATR-FG"]
    assert 'data-testid="release-manage"' in page


@pytest.mark.parametrize("name", ["committee", "referent_bari"])
def test_readers_do_not_see_the_release_management(as_person, release, name) -> None:
    page = as_person(name).get(LIST).content.decode()

    assert 'data-testid="release-manage"' not in page


def test_the_department_reviews_a_release_not_yet_published(as_person, release) -> None:
    ready = release_make(
        "2026Q2",
        status=ReleaseStatus.READY,
        reserved_areas=(("territory", "ATR-BA", "Provincia di Bari"),),
    )
    client = as_person("department")

    listing = client.get(LIST).content.decode()
    response = client.get(f"{LIST}{ready.pk}/")
    area = client.get(f"{LIST}{ready.pk}/territory/ATR-BA/")

    # Listed among the releases to finish, not among the published ones.
    assert f'data-release="{ready.pk}"' in listing.split('data-testid="releases"', 1)[0]
    assert f'data-release="{ready.pk}"' not in listing.split('data-testid="releases"', 1)[1]
    assert response.status_code == 200
    assert 'data-testid="release-review"' in response.content.decode()
    assert area.status_code == 200


def test_the_department_sees_the_disclosure_summary(as_person, release) -> None:
    Release.objects.filter(pk=release.pk).update(
        disclosure={
            "threshold": 5,
            "primary": 17,
            "secondary": 23,
            "cells": 4321,
            "suppressed": 40,
            "lp_checked": True,
            "min_width": 6,
            "seconds": 1.5,
        }
    )

    page = as_person("department").get(f"{LIST}{release.pk}/").content.decode()

    disclosure = page.split('data-testid="disclosure"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r"<dd[^>]*>([^<]*)", disclosure)[:4] == ["5", "4321", "17", "23"]
    assert 'data-testid="release-review"' not in page


def test_the_department_s_reads_are_audited_too(as_person, release, people) -> None:
    as_person("department").get(f"{LIST}{release.pk}/national/IT/")

    entry = AuditEntry.objects.get(action=AuditAction.STATISTICS_READ)
    assert entry.actor == people.department
    assert entry.details == {"level": "national", "area": "IT", "period": "2026Q1"}
