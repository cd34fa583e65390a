"""Saving a sheet: each save is a new numbered version; a stale or empty edit is refused;
only the Department and the territory's referent may save; the save is audited and the
Department told when the territory saved."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rete.audit.models import AuditAction, AuditEntry
from rete.notices.models import Notice
from rete.territory_sheets.content import AgreementRow, MemberRow
from rete.territory_sheets.models import SheetMember, TerritorySheetVersion
from rete.territory_sheets.services import SheetStale, SheetUnchanged
from tests.territory_sheets.conftest import save, sheet_content

pytestmark = pytest.mark.django_db


def test_it_writes_version_one_then_two_and_keeps_the_first(net, people) -> None:
    first = save(people.referent_a, net.a, base=0, note="Prima stesura")
    second = save(
        people.referent_a,
        net.a,
        base=1,
        content=sheet_content(population_served=1_250_000),
    )

    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert first.population_served == 1_247_000
    assert first.note == "Prima stesura"
    assert first.created_by == people.referent_a
    assert second.population_served == 1_250_000
    # Each version has its own rows.
    assert SheetMember.objects.filter(version=first).count() == 1
    assert SheetMember.objects.filter(version=second).count() == 1


def test_it_records_the_changed_fields(net, people) -> None:
    first = save(people.referent_a, net.a, base=0)
    members = (
        MemberRow(name="Associazione Aurora", role="Centro antiviolenza"),
        MemberRow(name="Questura", role="Emergenze"),
    )
    second = save(
        people.referent_a,
        net.a,
        base=1,
        content=sheet_content(members=members, yearly_budget=Decimal("160000")),
    )

    # A first version is compared with an empty sheet: every field it fills.
    assert first.changed_fields == [
        "population_served",
        "area_notes",
        "members",
        "agreements",
        "staff_and_funding",
        "yearly_budget",
        "critical_issues",
        "office_email",
        "office_phone",
    ]
    assert second.changed_fields == ["members", "yearly_budget"]


def test_it_refuses_a_save_based_on_an_older_version(net, people) -> None:
    save(people.referent_a, net.a, base=0)
    save(people.admin, net.a, base=1, content=sheet_content(critical_issues="Dal Dipartimento"))

    with pytest.raises(SheetStale) as refused:
        save(people.referent_a, net.a, base=1, content=sheet_content(critical_issues="Mia"))

    assert refused.value.current_number == 2
    assert TerritorySheetVersion.objects.filter(territory=net.a).count() == 2
    assert (
        TerritorySheetVersion.objects.get(territory=net.a, number=2).critical_issues
        == "Dal Dipartimento"
    )


def test_a_first_save_is_refused_when_someone_wrote_the_sheet_meanwhile(net, people) -> None:
    save(people.admin, net.a, base=0)

    with pytest.raises(SheetStale):
        save(people.referent_a, net.a, base=0)


def test_it_refuses_a_save_that_changes_nothing(net, people) -> None:
    save(people.referent_a, net.a, base=0)

    with pytest.raises(SheetUnchanged):
        save(people.referent_a, net.a, base=1)

    assert TerritorySheetVersion.objects.count() == 1


def test_text_typed_again_with_browser_line_ends_is_no_change(net, people) -> None:
    save(people.referent_a, net.a, base=0, content=sheet_content(area_notes="Uno\nDue"))

    with pytest.raises(SheetUnchanged):
        save(people.referent_a, net.a, base=1, content=sheet_content(area_notes="Uno\r\nDue  "))


def test_it_stores_the_phone_in_international_form(net, people) -> None:
    version = save(
        people.referent_a, net.a, base=0, content=sheet_content(office_phone="080 555 0199")
    )

    assert version.office_phone == "+390805550199"


def test_it_refuses_a_wrong_phone(net, people) -> None:
    with pytest.raises(ValidationError):
        save(people.referent_a, net.a, base=0, content=sheet_content(office_phone="12"))

    assert not TerritorySheetVersion.objects.exists()


@pytest.mark.parametrize("name", ["netop_a", "operator", "analyst", "committee", "referent_b"])
def test_only_the_department_and_the_territory_s_referent_may_save(net, people, name) -> None:
    with pytest.raises(PermissionDenied):
        save(getattr(people, name), net.a, base=0)

    assert not TerritorySheetVersion.objects.exists()


def test_it_audits_the_save_with_the_version_and_the_fields(net, people) -> None:
    save(people.referent_a, net.a, base=0)
    save(
        people.referent_a,
        net.a,
        base=1,
        content=sheet_content(
            agreements=(AgreementRow(title="Nuovo accordo", signed_on=date(2024, 1, 9)),)
        ),
    )

    entries = AuditEntry.objects.filter(action=AuditAction.TERRITORY_SHEET_UPDATE).order_by(
        "sequence"
    )
    assert [(e.target_type, e.target_id) for e in entries] == [
        ("network.territory", "ATR-AL"),
        ("network.territory", "ATR-AL"),
    ]
    assert entries.last().details == {"version": 2, "fields": ["agreements"]}
    assert entries.last().actor == people.referent_a


def test_the_department_is_told_when_the_referent_saves(net, people) -> None:
    save(people.referent_a, net.a, base=0)

    notice = Notice.objects.get(recipient=people.admin)
    assert notice.key == f"territory_sheet.{net.a.pk}.1"
    assert notice.url == "/area-riservata/territori/ATR-AL/scheda/versioni/1/"
    # Nobody else: the Department only.
    assert Notice.objects.count() == 1


def test_the_department_is_not_told_of_its_own_save(net, people) -> None:
    save(people.admin, net.a, base=0)

    assert not Notice.objects.exists()


def test_another_territory_s_versions_are_numbered_on_their_own(net, people) -> None:
    save(people.referent_a, net.a, base=0)
    version = save(people.referent_b, net.b, base=0)

    assert version.number == 1


def test_two_saves_racing_for_the_same_number_refuse_the_second(net, people, monkeypatch) -> None:
    """As if the second save read the sheet before the first one wrote: the database's
    unique number refuses it, and the person is told of the newer version."""
    save(people.admin, net.a, base=0)
    monkeypatch.setattr("rete.territory_sheets.services.sheet_current", lambda territory: None)

    with pytest.raises(SheetStale) as refused:
        save(people.referent_a, net.a, base=0, content=sheet_content(critical_issues="Mia"))

    assert refused.value.current_number == 1
    assert TerritorySheetVersion.objects.count() == 1
    assert not AuditEntry.objects.filter(details__version=2).exists()
