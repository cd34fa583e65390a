"""The results' downloads: XLSX (aggregates and raw answers) and CSV (raw answers)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from rete.audit.models import AuditAction, AuditEntry
from rete.monitoring.models import CampaignTarget
from tests.monitoring.samples import SAMPLE_ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(net, campaign_launched, respond):
    """CAV Aurora (A) and CAV Betulla (B) submitted; Casa Glicine (A) only drafted."""
    glicine = CampaignTarget.objects.create(
        campaign=campaign_launched, service=net.services["svc-glicine"], territory=net.a
    )
    respond(campaign_launched.targets.get(service__ext_id="svc-aurora"), SAMPLE_ANSWERS)
    respond(
        campaign_launched.targets.get(service__ext_id="svc-betulla"),
        {"q1": "no", "q3": 5, "q4": '=HYPERLINK("x")', "q6": {"police": "poor"}},
    )
    respond(glicine, {"q1": "yes"}, submitted=False)
    return campaign_launched


def _export(client, campaign, **query):
    return client.get(
        reverse("reserved:campaign_results_export", kwargs={"pk": campaign.pk}), query
    )


def _rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_xlsx_has_the_aggregates_and_the_raw_answers(signed_in, people, answered) -> None:
    response = _export(signed_in(people.analyst), answered, format="xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="campagna-' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    results, raw = workbook.worksheets
    rows = _rows(results)
    # Interface words will be translated: the cells are found by position and by data.
    assert rows[0][0] == answered.title
    assert rows[2][1] == 2  # submitted responses
    q1_start = next(i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("q1 "))
    block = rows[q1_start : q1_start + 7]
    counts = {r[0]: r[1] for r in block[4:6]}
    assert counts == {"Sì": 1, "No": 1}
    assert block[1][1] == 2  # shown to
    q3_start = next(i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("q3 "))
    assert rows[q3_start + 3][1] == 17  # sum of 12 and 5

    raw_rows = _rows(raw)
    header = raw_rows[0]
    assert "q6.police Come valutate la collaborazione con — Forze dell'ordine" in header
    by_service = {row[0]: dict(zip(header, row, strict=True)) for row in raw_rows[1:]}
    assert set(by_service) == {"svc-aurora", "svc-betulla"}  # the draft is not exported
    aurora = by_service["svc-aurora"]
    assert aurora[header[1]] == "ATR-AL"
    assert aurora["q2 Con quali canali?"] == "Telefono | Online"
    assert aurora["q3 Quante donne?"] == 12
    # A text that a spreadsheet would run as a formula is kept as text.
    assert by_service["svc-betulla"]["q4 Osservazioni"] == '\'=HYPERLINK("x")'
    # No names of people anywhere.
    everything = repr(rows) + repr(raw_rows)
    assert "m-operator" not in everything and "m-analyst" not in everything
    entry = AuditEntry.objects.get(action=AuditAction.CAMPAIGN_RESULTS_EXPORT)
    assert entry.details == {"format": "xlsx", "territory": "", "responses": 2}


def test_the_csv_has_the_raw_answers_with_a_bom_and_semicolons(signed_in, people, answered) -> None:
    response = _export(signed_in(people.analyst), answered, format="csv", territory="ATR-BE")

    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("svc-betulla;ATR-BE;")
    assert ";5;" in lines[1]
    assert (
        AuditEntry.objects.get(action=AuditAction.CAMPAIGN_RESULTS_EXPORT).details["territory"]
        == "ATR-BE"
    )


def test_a_referent_downloads_only_her_territory(signed_in, people, answered) -> None:
    client = signed_in(people.referent_b)

    response = _export(client, answered, format="csv")

    lines = response.content.decode("utf-8-sig").splitlines()
    assert [line.split(";")[0] for line in lines[1:]] == ["svc-betulla"]
    assert _export(client, answered, format="csv", territory="ATR-AL").status_code == 404


def test_an_unknown_format_is_refused(signed_in, people, answered) -> None:
    assert _export(signed_in(people.analyst), answered, format="pdf").status_code == 400
    assert not AuditEntry.objects.filter(action=AuditAction.CAMPAIGN_RESULTS_EXPORT).exists()
