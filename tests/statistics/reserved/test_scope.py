"""Who reads which reserved statistics: national readers every area, a territory's people
their own territory only (404 elsewhere, as if it did not exist), the helpline's operators
nothing (403), anonymous visitors are sent to sign in."""

from __future__ import annotations

import re

import pytest

from rete.statistics.models import Release, ReleaseStatus
from tests.statistics.factories import release_make

pytestmark = pytest.mark.django_db

LIST = "/area-riservata/dati/"
ALL_AREAS = [
    ("national", "IT"),
    ("region", "16"),
    ("province", "BA"),
    ("territory", "ATR-BA"),
    ("territory", "ATR-FG"),
]
# The Department reads everything too, but its list shows the release management of
# rete.statistics.releases (tested in test_managers.py).
NATIONAL_READERS = ["committee", "analyst", "supervisor"]
BARI_PEOPLE = ["referent_bari", "netop_bari"]


def area_url(release, level: str, code: str) -> str:
    return f"{LIST}{release.pk}/{level}/{code}/"


def linked_areas(page: str) -> list[str]:
    return re.findall(r'data-testid="area-link" data-area="([^"]+)"', page)


@pytest.mark.parametrize("name", NATIONAL_READERS)
def test_national_readers_see_every_area_grouped_by_level(as_person, release, name) -> None:
    response = as_person(name).get(LIST)

    page = response.content.decode()
    assert response.status_code == 200
    assert linked_areas(page) == ["IT", "16", "BA", "ATR-BA", "ATR-FG"]
    levels = re.findall(r'data-testid="area-group" data-level="([^"]+)"', page)
    assert levels == ["national", "region", "province", "territory"]
    assert f'href="{area_url(release, "territory", "ATR-FG")}"' in page


@pytest.mark.parametrize("name", BARI_PEOPLE)
def test_bari_s_people_see_only_bari(as_person, release, name) -> None:
    page = as_person(name).get(LIST).content.decode()

    assert linked_areas(page) == ["ATR-BA"]
    assert "Provincia di Foggia" not in page


@pytest.mark.parametrize("name", NATIONAL_READERS)
@pytest.mark.parametrize(("level", "code"), ALL_AREAS)
def test_national_readers_open_every_area(as_person, release, name, level, code) -> None:
    assert as_person(name).get(area_url(release, level, code)).status_code == 200


@pytest.mark.parametrize("name", BARI_PEOPLE)
@pytest.mark.parametrize(("level", "code"), ALL_AREAS)
def test_bari_s_people_open_bari_and_nothing_else(as_person, release, name, level, code) -> None:
    expected = 200 if code == "ATR-BA" else 404

    client = as_person(name)

    assert client.get(area_url(release, level, code)).status_code == expected
    assert client.get(area_url(release, level, code) + "tabelle.csv").status_code == expected


def test_foggia_s_referent_does_not_open_bari(as_person, release) -> None:
    client = as_person("referent_foggia")

    assert client.get(area_url(release, "territory", "ATR-BA")).status_code == 404
    assert client.get(area_url(release, "territory", "ATR-FG")).status_code == 200


@pytest.mark.parametrize(
    "path",
    ["", "{pk}/", "{pk}/territory/ATR-BA/", "{pk}/territory/ATR-BA/tabelle.xlsx"],
)
def test_the_helpline_operator_is_refused(as_person, release, path) -> None:
    response = as_person("operator").get(LIST + path.format(pk=release.pk))

    assert response.status_code == 403


@pytest.mark.parametrize(
    "path",
    ["", "{pk}/", "{pk}/territory/ATR-BA/", "{pk}/territory/ATR-BA/tabelle.pdf"],
)
def test_an_anonymous_visitor_is_sent_to_sign_in(client, release, path) -> None:
    response = client.get(LIST + path.format(pk=release.pk))

    assert response.status_code == 302
    assert response["Location"].startswith("/accesso/?next=/area-riservata/dati/")


def test_an_unknown_level_or_area_is_not_found(as_person, release) -> None:
    client = as_person("committee")

    assert client.get(area_url(release, "comune", "072006")).status_code == 404
    assert client.get(area_url(release, "territory", "ATR-XX")).status_code == 404
    assert client.get(area_url(release, "territory", "ATR-BA") + "tabelle.docx").status_code == 404


def test_the_release_page_lists_the_areas_in_scope(as_person, release) -> None:
    national = as_person("committee").get(f"{LIST}{release.pk}/").content.decode()
    bari = as_person("referent_bari").get(f"{LIST}{release.pk}/").content.decode()

    assert linked_areas(national) == ["IT", "16", "BA", "ATR-BA", "ATR-FG"]
    assert linked_areas(bari) == ["ATR-BA"]
    # The disclosure control is the Department's business.
    assert 'data-testid="disclosure"' not in national


@pytest.mark.parametrize("status", [ReleaseStatus.READY, ReleaseStatus.DISCARDED])
@pytest.mark.parametrize("name", ["committee", "referent_bari"])
def test_a_release_not_published_is_hidden_from_readers(as_person, release, status, name) -> None:
    hidden = release_make(
        "2026Q2", status=status, reserved_areas=(("territory", "ATR-BA", "Provincia di Bari"),)
    )
    client = as_person(name)

    page = client.get(LIST).content.decode()

    assert f'data-release="{release.pk}"' in page
    assert f'data-release="{hidden.pk}"' not in page
    assert client.get(f"{LIST}{hidden.pk}/").status_code == 404
    assert client.get(area_url(hidden, "territory", "ATR-BA")).status_code == 404
    assert client.get(area_url(hidden, "territory", "ATR-BA") + "tabelle.csv").status_code == 404


def test_a_correction_says_which_release_it_corrects(as_person, release) -> None:
    correction = release_make(
        "2026Q1", number=2, reserved_areas=(("territory", "ATR-BA", "Provincia di Bari"),)
    )
    # A published release never changes: set what the release service would have set.
    Release.objects.filter(pk=correction.pk).update(
        corrects=release, notes="Contatti di marzo ricaricati"
    )

    page = as_person("referent_bari").get(LIST).content.decode()

    section = page.split(f'data-release="{correction.pk}"', 1)[1].split("</section>", 1)[0]
    assert 'data-testid="correction"' in section
    assert "Contatti di marzo ricaricati" in section
    # The latest release of the period comes first.
    assert page.index(f'data-release="{correction.pk}"') < page.index(
        f'data-release="{release.pk}"'
    )
