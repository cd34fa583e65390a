"""The sheet's screens through the client: who reads, who edits, another territory's sheet
is not found, refused input keeps what was typed and saves nothing, a stale edit is refused
and kept."""

from __future__ import annotations

import pytest
from django.utils import translation

from rete.directory.models import Organization
from rete.territory_sheets.content import MemberRow
from rete.territory_sheets.models import TerritorySheetVersion
from tests.territory_sheets.conftest import (
    EDIT_URL,
    HISTORY_URL,
    SHEET_URL,
    VERSION_URL,
    form_data,
    save,
    sheet_content,
)

pytestmark = pytest.mark.django_db

A_SHEET = SHEET_URL.format(code="ATR-AL")
A_EDIT = EDIT_URL.format(code="ATR-AL")
A_HISTORY = HISTORY_URL.format(code="ATR-AL")
READERS = ["admin", "operator", "supervisor", "analyst", "committee", "referent_a", "netop_a"]


@pytest.fixture
def english():
    with translation.override("en"):
        yield


# Reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", READERS)
def test_everyone_who_sees_the_territory_reads_its_sheet(net, people, as_person, name) -> None:
    save(people.referent_a, net.a, base=0)

    response = as_person(name).get(A_SHEET)

    assert response.status_code == 200
    assert b'data-testid="sheet-version"' in response.content
    assert "Associazione Aurora" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [A_SHEET, A_HISTORY, VERSION_URL.format(code="ATR-AL", number=1), A_EDIT],
)
def test_another_territory_s_referent_gets_not_found(net, people, as_person, url) -> None:
    save(people.referent_a, net.a, base=0)

    response = as_person("referent_b").get(url)

    assert response.status_code == 404


def test_another_territory_s_network_operator_gets_not_found(net, people, as_person) -> None:
    save(people.referent_a, net.a, base=0)

    assert as_person("netop_b").get(A_SHEET).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, net) -> None:
    response = client.get(A_SHEET)

    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_an_empty_sheet_says_so_and_offers_the_referent_to_write_it(net, people, as_person) -> None:
    page = as_person("referent_a").get(A_SHEET).content.decode()

    assert 'data-testid="sheet-empty"' in page
    assert A_EDIT in page


def test_a_reader_who_may_not_edit_gets_no_edit_link(net, people, as_person) -> None:
    save(people.referent_a, net.a, base=0)

    page = as_person("netop_a").get(A_SHEET).content.decode()

    assert A_EDIT not in page


def test_the_territory_page_links_to_the_sheet(net, people, as_person) -> None:
    page = as_person("referent_a").get("/area-riservata/territori/ATR-AL/").content.decode()

    assert f'href="{A_SHEET}"' in page


def test_the_history_lists_every_version_newest_first(net, people, as_person) -> None:
    save(people.referent_a, net.a, base=0)
    save(people.admin, net.a, base=1, content=sheet_content(population_served=10), note="Cifra")

    page = as_person("netop_a").get(A_HISTORY).content.decode()

    assert page.index('data-version="2"') < page.index('data-version="1"')
    assert "Cifra" in page


def test_a_version_shows_the_changed_fields_beside_the_previous_one(net, people, as_person) -> None:
    save(people.referent_a, net.a, base=0)
    save(people.referent_a, net.a, base=1, content=sheet_content(critical_issues="Nuove"))

    page = as_person("analyst").get(VERSION_URL.format(code="ATR-AL", number=2)).content.decode()

    assert page.count('data-changed="true"') == 1
    assert 'data-field="critical_issues" class="table-warning" data-changed="true"' in page
    assert "Poche ore di apertura." in page
    assert "Nuove" in page


def test_a_version_that_does_not_exist_is_not_found(net, people, as_person) -> None:
    save(people.referent_a, net.a, base=0)

    response = as_person("referent_a").get(VERSION_URL.format(code="ATR-AL", number=7))

    assert response.status_code == 404


# Editing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["netop_a", "operator", "supervisor", "analyst", "committee"])
def test_who_reads_but_may_not_edit_gets_forbidden(net, people, as_person, name) -> None:
    client = as_person(name)

    assert client.get(A_EDIT).status_code == 403
    assert client.post(A_EDIT, form_data()).status_code == 403
    assert not TerritorySheetVersion.objects.exists()


def test_another_territory_s_referent_cannot_post_to_the_sheet(net, people, as_person) -> None:
    response = as_person("referent_b").post(A_EDIT, form_data())

    assert response.status_code == 404
    assert not TerritorySheetVersion.objects.exists()


def test_the_form_is_prefilled_with_the_current_version(net, people, as_person) -> None:
    aurora = Organization.objects.get(ext_id="org-aurora")
    save(
        people.referent_a,
        net.a,
        base=0,
        content=sheet_content(
            members=(MemberRow(name=aurora.name, role="Capofila", organization_id=aurora.pk),)
        ),
    )

    page = as_person("referent_a").get(A_EDIT).content.decode()

    assert 'name="base_version" value="1"' in page
    assert 'value="1247000"' in page
    assert f'<option value="{aurora.pk}" selected>' in page
    assert 'value="Capofila"' in page
    # Blank rows to add members without JavaScript.
    assert page.count('data-testid="member-row"') == 1 + 3


@pytest.mark.parametrize("name", ["referent_a", "admin"])
def test_the_department_and_the_referent_save_a_new_version(net, people, as_person, name) -> None:
    aurora = Organization.objects.get(ext_id="org-aurora")
    data = form_data(
        members=[
            {"organization": str(aurora.pk), "role": "Centro antiviolenza"},
            {"name": "Sportello del Comune", "role": "Ascolto"},
            {},
        ],
        agreements=[{"title": "Accordo ASL", "signed_on": "2022-05-04", "parties": "ASL"}, {}],
        note="Prima stesura",
    )

    response = as_person(name).post(A_EDIT, data)

    assert response.status_code == 302
    assert response["Location"] == A_SHEET
    version = TerritorySheetVersion.objects.get(territory=net.a)
    assert version.number == 1
    assert version.created_by == getattr(people, name)
    assert [(m.name, m.organization_id, m.role) for m in version.members.all()] == [
        ("Associazione Aurora", aurora.pk, "Centro antiviolenza"),
        ("Sportello del Comune", None, "Ascolto"),
    ]
    assert [a.title for a in version.agreements.all()] == ["Accordo ASL"]
    assert str(version.yearly_budget) == "150000.00"
    assert version.office_phone == "+390805550199"


def test_a_removed_row_is_not_in_the_next_version(net, people, as_person) -> None:
    save(people.referent_a, net.a, base=0)
    data = form_data(
        base=1,
        members=[{"name": "Associazione Aurora", "role": "Centro antiviolenza", "DELETE": True}],
        initial_members=1,
    )

    as_person("referent_a").post(A_EDIT, data)

    assert not TerritorySheetVersion.objects.get(number=2).members.exists()


@pytest.mark.parametrize(
    ("changes", "typed"),
    [
        ({"population_served": "-4"}, 'value="-4"'),
        ({"yearly_budget": "tanti"}, 'value="tanti"'),
        ({"office_email": "non-una-mail"}, 'value="non-una-mail"'),
        ({"office_phone": "12"}, 'value="12"'),
    ],
)
def test_bad_input_is_refused_kept_and_nothing_saved(
    net, people, as_person, english, changes, typed
) -> None:
    data = form_data(
        members=[{"name": "Sportello del Comune", "role": "Ascolto"}],
        area_notes="Testo scritto a mano",
        **changes,
    )

    response = as_person("referent_a").post(A_EDIT, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="sheet-errors"' in page
    assert typed in page
    assert "Testo scritto a mano" in page
    assert 'value="Sportello del Comune"' in page
    assert not TerritorySheetVersion.objects.exists()


@pytest.mark.parametrize(
    ("member", "typed"),
    [
        ({"name": "Sportello", "role": ""}, 'value="Sportello"'),
        ({"role": "Senza nome"}, 'value="Senza nome"'),
    ],
)
def test_a_half_filled_member_row_is_refused(net, people, as_person, member, typed) -> None:
    response = as_person("referent_a").post(A_EDIT, form_data(members=[member]))

    assert response.status_code == 400
    assert b'data-testid="row-error"' in response.content
    assert typed in response.content.decode()
    assert not TerritorySheetVersion.objects.exists()


def test_a_member_both_chosen_and_named_is_refused(net, people, as_person) -> None:
    aurora = Organization.objects.get(ext_id="org-aurora")
    member = {"organization": str(aurora.pk), "name": "Altro", "role": "Capofila"}

    response = as_person("referent_a").post(A_EDIT, form_data(members=[member]))

    assert response.status_code == 400
    assert not TerritorySheetVersion.objects.exists()


@pytest.mark.parametrize(
    "agreement",
    [
        {"title": "Accordo senza data"},
        {"title": "Accordo futuro", "signed_on": "2999-01-01"},
        {"signed_on": "2020-01-01"},
        {"title": "Data sbagliata", "signed_on": "2020-02-31"},
    ],
)
def test_a_wrong_agreement_row_is_refused(net, people, as_person, agreement) -> None:
    response = as_person("referent_a").post(A_EDIT, form_data(agreements=[agreement]))

    assert response.status_code == 400
    assert not TerritorySheetVersion.objects.exists()


def test_a_save_that_changes_nothing_is_refused(net, people, as_person) -> None:
    save(people.referent_a, net.a, base=0, content=sheet_content(members=(), agreements=()))

    response = as_person("referent_a").post(A_EDIT, form_data(base=1))

    assert response.status_code == 400
    assert b'data-testid="sheet-errors"' in response.content
    assert TerritorySheetVersion.objects.count() == 1


def test_a_stale_edit_is_refused_keeps_the_text_and_points_to_the_newer_version(
    net, people, as_person
) -> None:
    save(people.referent_a, net.a, base=0)
    # The Department saves version 2 while the referent edits version 1.
    save(people.admin, net.a, base=1, content=sheet_content(critical_issues="Dal Dipartimento"))

    data = form_data(base=1, critical_issues="Scritto dalla referente")
    response = as_person("referent_a").post(A_EDIT, data)

    assert response.status_code == 409
    page = response.content.decode()
    assert 'data-testid="sheet-stale"' in page
    assert VERSION_URL.format(code="ATR-AL", number=2) in page
    assert "Scritto dalla referente" in page
    assert TerritorySheetVersion.objects.count() == 2
    # Shown again on the newer version: saving again, knowingly, writes version 3.
    assert 'name="base_version" value="2"' in page
    response = as_person("referent_a").post(A_EDIT, {**data, "base_version": "2"})
    assert response.status_code == 302
    assert TerritorySheetVersion.objects.get(number=3).critical_issues == "Scritto dalla referente"


def test_more_rows_gives_blank_rows_keeps_the_text_and_saves_nothing(
    net, people, as_person
) -> None:
    data = form_data(
        members=[{"name": f"Membro {n}", "role": "Ascolto"} for n in range(3)],
        agreements=[{"title": "Mezzo accordo"}],
        area_notes="Da non perdere",
        more_members="1",
    )

    response = as_person("referent_a").post(A_EDIT, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('data-testid="member-row"') == 3 + 3
    assert 'value="Membro 2"' in page
    assert 'value="Mezzo accordo"' in page
    assert "Da non perdere" in page
    # Half typed, not judged yet.
    assert 'data-testid="sheet-errors"' not in page
    assert not TerritorySheetVersion.objects.exists()


def test_the_first_version_is_shown_alone(net, people, as_person) -> None:
    save(people.referent_a, net.a, base=0)

    response = as_person("committee").get(VERSION_URL.format(code="ATR-AL", number=1))

    assert response.status_code == 200
    assert b'data-changed="true"' not in response.content
    assert b'data-side="before"' not in response.content
