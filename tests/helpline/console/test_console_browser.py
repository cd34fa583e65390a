"""An operator handles calls in the real console, in Chromium, keyboard first: the five
situations of the issue — transfer answered, out of hours with a call-back, a transfer that
gets through at the second attempt, an emergency, a nuisance call."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from rete.accounts.roles import HELPLINE_OPERATOR
from rete.helpline.contacts.models import Callback, Contact, EmergencyRecord, NuisanceFlag
from tests.browser_sign_in import sign_in
from tests.helpline.conftest import make_user
from tests.helpline.console.conftest import THURSDAY_1030, WEDNESDAY_1030

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def operator(demo_network: None) -> str:
    make_user("olga", HELPLINE_OPERATOR)
    return "olga"


def sign_in_to_console(page: Page, base_url: str, username: str) -> None:
    sign_in(page, base_url, username, next_path="/console/")
    expect(page.get_by_role("heading", name="Nuovo contatto")).to_be_visible()


def new_contact(page: Page, *, caller_number: str = "") -> Contact:
    # Shortcuts need the page's script: wait for it, not only for the markup.
    page.wait_for_load_state("load")
    if caller_number:
        page.get_by_label("Numero di chi chiama").fill(caller_number)
    page.keyboard.press("Alt+n")
    expect(page.get_by_label("Comune di chi chiama")).to_be_visible()
    page.wait_for_load_state("load")
    public_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    return Contact.objects.get(public_id=public_id)


def choose_comune(page: Page, typed: str, option: str) -> None:
    page.keyboard.press("Alt+c")
    page.keyboard.type(typed)
    expect(page.get_by_role("option", name=option, exact=True)).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("decision-mode")).to_be_visible()


def tick(scope, label: str) -> None:
    """Tick a radio button or a check box the way a person does: on its label (Bootstrap
    Italia draws the box on the label)."""
    scope.locator("label", has_text=label).filter(has_text=label).get_by_text(
        label, exact=True
    ).click()


def close_contact(page: Page, outcome: str) -> None:
    page.get_by_label("Esito del contatto").select_option(label=outcome)
    page.keyboard.press("Alt+x")
    expect(page.get_by_role("heading", name="Nuovo contatto")).to_be_visible()


def test_a_call_from_mola_on_wednesday_is_transferred_to_giraffa(
    browser_page: Page, live_server, operator, set_clock
):
    set_clock(WEDNESDAY_1030)
    page = browser_page
    sign_in_to_console(page, live_server.url, operator)
    contact = new_contact(page)
    choose_comune(page, "mola di", "Mola di Bari (BA)")
    expect(page.get_by_test_id("decision-mode")).to_have_text("Trasferimento diretto")
    transfer = page.get_by_test_id("transfer-next")
    expect(transfer).to_contain_text("Centro antiviolenza GIRAFFA")
    expect(transfer).to_contain_text("080 574 1461")
    expect(page.locator("#decision")).to_contain_text("lunedì, mercoledì e venerdì 9:00–13:00")
    page.keyboard.press("Alt+1")
    expect(page.get_by_test_id("transfer-done")).to_contain_text("Centro antiviolenza GIRAFFA")
    expect(page.get_by_test_id("attempts")).to_contain_text("Risposta")
    tick(page.locator("#classification"), "Valido")
    tick(page.locator("#classification"), "Vittima")
    page.keyboard.press("Alt+s")
    expect(page.get_by_text("Classificazione salvata.")).to_be_visible()
    close_contact(page, "Trasferita al servizio referente")

    contact.refresh_from_db()
    assert contact.status == "closed"
    assert contact.decision["mode"] == "transfer"
    assert contact.decision["target"]["service_id"] == "svc-giraffa"
    assert [(a.service_id, a.outcome) for a in contact.transfer_attempts.all()] == [
        ("svc-giraffa", "answered")
    ]
    assert contact.outcome == "transferred"


def test_on_thursday_the_operator_reads_the_out_of_hours_script_and_plans_a_call_back(
    browser_page: Page, live_server, operator, set_clock
):
    set_clock(THURSDAY_1030)
    page = browser_page
    sign_in_to_console(page, live_server.url, operator)
    contact = new_contact(page)
    choose_comune(page, "mola di", "Mola di Bari (BA)")
    expect(page.get_by_test_id("decision-mode")).to_have_text("Fuori orario")
    script = page.get_by_test_id("script")
    expect(script).to_contain_text("Centro antiviolenza GIRAFFA è chiuso")
    expect(script).to_contain_text("080 574 1461")
    expect(script).to_contain_text("venerdì 27 novembre, alle 9:00")
    expect(page.get_by_test_id("open-alternatives")).to_contain_text("H24")

    callback = page.locator("#callback")
    callback.get_by_label("Numero da richiamare").fill("333 123 4567")
    expect(callback.get_by_label("Richiamare il")).to_have_value("2026-11-27T09:00")
    callback.get_by_role("button", name="Programma la richiamata").click()
    expect(callback.get_by_text("La richiamata richiede il suo consenso")).to_be_visible()
    assert Callback.objects.count() == 0
    tick(callback, "Acconsente che conserviamo il suo numero fino alla richiamata")
    callback.get_by_role("button", name="Programma la richiamata").click()
    expect(page.get_by_text("Richiamata programmata.")).to_be_visible()

    saved = Callback.objects.get(contact=contact)
    assert saved.number == "+393331234567"
    assert saved.due_at.isoformat() == "2026-11-27T08:00:00+00:00"


def test_a_transfer_that_gets_through_at_the_second_attempt(
    browser_page: Page, live_server, operator, set_clock
):
    set_clock(WEDNESDAY_1030)
    page = browser_page
    sign_in_to_console(page, live_server.url, operator)
    contact = new_contact(page)
    choose_comune(page, "napoli", "Napoli (NA)")
    transfer = page.get_by_test_id("transfer-next")
    expect(transfer).to_contain_text("Centro antiviolenza di Napoli (esempio)")
    page.keyboard.press("Alt+2")
    expect(transfer).to_contain_text("Centro antiviolenza Napoli Est (esempio)")
    page.keyboard.press("Alt+1")
    expect(page.get_by_test_id("transfer-done")).to_contain_text("Napoli Est")
    rows = page.get_by_test_id("attempts").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Nessuna risposta")
    expect(rows.nth(1)).to_contain_text("Risposta")

    outcomes = [(a.position, a.outcome) for a in contact.transfer_attempts.all()]
    assert outcomes == [(1, "no_answer"), (2, "answered")]


def test_an_emergency_keeps_its_three_instants(
    browser_page: Page, live_server, operator, set_clock
):
    set_clock(WEDNESDAY_1030)
    page = browser_page
    sign_in_to_console(page, live_server.url, operator)
    contact = new_contact(page)
    choose_comune(page, "mola di", "Mola di Bari (BA)")
    page.keyboard.press("Alt+e")
    panel = page.get_by_test_id("emergency-panel")
    expect(panel).to_be_visible()
    expect(page.get_by_test_id("police-contacts")).to_contain_text("Questura di Bari")
    expect(page.get_by_test_id("police-contacts")).to_contain_text("112")
    # The hold timer runs on the server's clock, whatever the workstation's clock says.
    expect(page.get_by_test_id("hold-timer")).to_have_text(re.compile(r"^0:0[1-9]$"))
    page.keyboard.press("Alt+p")
    expect(panel.locator("[data-step=police_activated]")).to_be_visible()
    page.keyboard.press("Alt+h")
    expect(panel.locator("[data-step=handed_over]")).to_be_visible()
    page.keyboard.press("Alt+o")
    page.keyboard.press("Escape")
    panel.get_by_label("Esito dell'emergenza").select_option(
        label="Affidata alle forze dell'ordine"
    )
    panel.get_by_role("button", name="Registra").click()
    expect(panel.locator("[data-step=outcome]")).to_contain_text("Affidata alle forze dell'ordine")

    record = EmergencyRecord.objects.get(contact=contact)
    assert record.started_at < record.police_activated_at < record.handed_over_at
    assert record.handed_over_at <= record.outcome_at
    assert record.outcome == "handed_over"
    shown = [item["name"] for item in record.contacts_shown]
    assert "Numero unico di emergenza" in shown


def test_a_nuisance_number_is_flagged_then_warned_about(
    browser_page: Page, live_server, operator, set_clock
):
    set_clock(WEDNESDAY_1030)
    page = browser_page
    sign_in_to_console(page, live_server.url, operator)
    new_contact(page)
    page.get_by_text("Segnala un numero molesto").click()
    nuisance = page.locator("#nuisance")
    nuisance.get_by_label("Numero da segnalare").fill("+39 347 0000001")
    nuisance.get_by_label("Motivo").select_option("prank")
    nuisance.get_by_label("Per quanti giorni").fill("30")
    nuisance.get_by_role("button", name="Segnala il numero").click()
    expect(page.get_by_test_id("nuisance-saved")).to_be_visible()
    tick(page.locator("#classification"), "Non valido: scherzo")
    page.keyboard.press("Alt+s")
    expect(page.get_by_text("Classificazione salvata.")).to_be_visible()
    close_contact(page, "Informazioni fornite")

    contact = new_contact(page, caller_number="347 000 0001")
    expect(page.get_by_test_id("nuisance-warning")).to_be_visible()
    # A warning, never a block: the operator routes the call as any other.
    choose_comune(page, "mola di", "Mola di Bari (BA)")
    assert NuisanceFlag.objects.count() == 1
    assert "3470000001" not in NuisanceFlag.objects.get().number_digest
    assert contact.status == "in_progress"
