"""In Chromium: Alfa's referent shares a good practice with her contact; Beta's referent
finds it by its topic, reads the contact and answers; Alfa's referent sees the answer and
is told of it. The pages pass axe-core's WCAG 2.1 A and AA rules."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rete.assistance.practices.models import Practice
from tests.assistance.browser import context_signed_in, serious_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIST = "/area-riservata/buone-pratiche/"


def test_a_practice_of_alfa_is_answered_by_beta(chromium_browser, live_server, people) -> None:
    base = live_server.url
    alfa = context_signed_in(chromium_browser, base, people.referent_a, real=True).new_page()
    console: list[str] = []
    alfa.on("console", lambda message: console.append(message.text))

    alfa.goto(f"{base}{LIST}")
    alfa.get_by_test_id("practice-create").click()
    alfa.fill("#id_title", "Formazione comune con Polizia e Carabinieri")
    alfa.fill("#id_summary", "Una giornata sulla raccolta della denuncia e l'invio al centro.")
    alfa.fill("#id_body", "La mattina l'ascolto.\n\nIl pomeriggio i casi di studio.")
    alfa.locator("label[for=id_topics_1]").click()  # police and justice
    alfa.locator("label[for=id_topics_2]").click()  # training
    expect(alfa.locator("#id_contact_name")).to_have_value("Anna Alfieri")
    alfa.locator("label[for=id_contact_consent]").click()
    assert serious_violations(alfa) == []
    alfa.get_by_test_id("practice-submit").click()
    practice = Practice.objects.get()
    expect(alfa).to_have_url(f"{base}{LIST}{practice.pk}/")
    assert practice.topic_codes == ["police_justice", "training"]

    beta = context_signed_in(chromium_browser, base, people.referent_b).new_page()
    beta.goto(f"{base}{LIST}")
    beta.select_option("#id_topic", "training")
    beta.locator("[data-testid=practice-filter] button[type=submit]").click()
    expect(beta.get_by_test_id("practice-item")).to_have_count(1)
    beta.get_by_test_id("practice-item").get_by_role("link").click()
    expect(beta.get_by_test_id("practice-contact")).to_contain_text("referent_a@example.org")
    expect(beta.get_by_test_id("practice-body").locator("p")).to_have_count(2)
    beta.fill("#id_body", "Da noi ha funzionato anche con la Polizia locale: vi scrivo.")
    beta.get_by_test_id("answer-submit").click()
    expect(beta.get_by_test_id("answer")).to_have_count(1)
    expect(beta.get_by_test_id("answer")).to_contain_text("Ambito Beta")
    assert serious_violations(beta) == []

    alfa.reload()
    expect(alfa.get_by_test_id("answer")).to_contain_text("Polizia locale")
    expect(alfa.get_by_test_id("notices-unread")).to_contain_text("1")

    assert [text for text in console if "Refused to" in text] == []
