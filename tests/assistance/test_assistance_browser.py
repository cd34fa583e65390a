"""In Chromium: Alfa's referent asks the Department for help with a screenshot attached;
the Department downloads it and answers; the referent sees the answer and a notice, and
marks the request resolved. Beta's referent does not find it. The pages pass axe-core's
WCAG 2.1 A and AA rules under the reserved area's CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rete.assistance.models import AssistanceRequest
from rete.audit.models import AuditEntry
from tests.assistance.browser import context_signed_in, serious_violations
from tests.assistance.conftest import PDF

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIST = "/area-riservata/assistenza/"


def test_a_request_is_opened_answered_and_resolved(chromium_browser, live_server, people) -> None:
    base = live_server.url
    referent = context_signed_in(chromium_browser, base, people.referent_a, real=True).new_page()
    console: list[str] = []
    referent.on("console", lambda message: console.append(message.text))

    # The referent opens a request with an attachment.
    referent.goto(f"{base}{LIST}")
    referent.get_by_test_id("assistance-create").click()
    referent.fill("#id_subject", "Lo sportello nuovo non compare nella mappa")
    referent.select_option("#id_category", "data_mapping")
    referent.fill("#id_body", "Lo abbiamo aggiunto ieri: vi alleghiamo la schermata.")
    referent.set_input_files(
        "#id_attachments",
        files=[{"name": "schermata.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    assert serious_violations(referent) == []
    referent.get_by_test_id("assistance-submit").click()
    request = AssistanceRequest.objects.get()
    expect(referent).to_have_url(f"{base}{LIST}{request.pk}/")
    expect(referent.get_by_test_id("request-status")).to_have_attribute("data-status", "open")

    # The Department finds it first in its list, downloads the file and answers.
    department = context_signed_in(chromium_browser, base, people.admin).new_page()
    department.goto(f"{base}{LIST}")
    row = department.get_by_test_id("assistance-row").first
    expect(row).to_have_attribute("data-request", str(request.pk))
    expect(row.get_by_test_id("awaiting")).to_be_visible()
    row.get_by_role("link").click()
    with department.expect_download() as info:
        department.get_by_test_id("attachment").click()
    with open(info.value.path(), "rb") as saved:
        assert saved.read() == PDF
    department.fill("#id_body", "Grazie: la mappa si aggiorna entro un'ora, riprovate più tardi.")
    department.get_by_test_id("reply-submit").click()
    expect(department.get_by_test_id("request-status")).to_have_attribute(
        "data-status", "in_progress"
    )
    assert serious_violations(department) == []

    # The referent sees the answer and a notice of it, then marks the request resolved.
    referent.reload()
    expect(referent.get_by_test_id("message")).to_have_count(2)
    expect(referent.get_by_test_id("message").nth(1)).to_have_attribute("data-side", "department")
    expect(referent.get_by_test_id("message").nth(1)).to_contain_text("la mappa si aggiorna")
    expect(referent.get_by_test_id("notices-unread")).to_contain_text("1")
    referent.get_by_test_id("action-resolve").click()
    expect(referent.get_by_test_id("request-status")).to_have_attribute("data-status", "resolved")
    expect(referent.get_by_test_id("action-reopen")).to_be_visible()
    assert serious_violations(referent) == []

    assert list(
        AuditEntry.objects.filter(action__startswith="assistance.")
        .order_by("sequence")
        .values_list("action", flat=True)
    ) == [
        "assistance.create",
        "assistance.download",
        "assistance.reply",
        "assistance.status",
        "assistance.status",
    ]

    # Another territory's referent does not find it, nor its attachment.
    outsider = context_signed_in(chromium_browser, base, people.referent_b).new_page()
    assert outsider.goto(f"{base}{LIST}{request.pk}/").status == 404
    attachment = request.messages.first().attachments.get()
    assert outsider.goto(f"{base}{LIST}{request.pk}/allegati/{attachment.pk}/").status == 404

    assert [text for text in console if "Refused to" in text] == []
