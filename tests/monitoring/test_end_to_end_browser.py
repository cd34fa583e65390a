"""In Chromium, the whole monitoring flow of issue 7 through its screens, as people do it.

The monitoring analyst signs in, builds a questionnaire (two sections; a single-choice
question, a number question asked only after one of its answers, a number question),
publishes it, creates a campaign asking the anti-violence centres of both territories and
launches it. Two operators, each in a browser of her own, answer for their centres and
submit: CAV Aurora (Ambito Alfa) says "yes" and the conditional question appears; CAV
Betulla (Ambito Beta) says "no". A third centre, CAV Castagno (Ambito Beta), stays silent:
the analyst reminds it and its operator gets a notice and an e-mail. The analyst then reads
the aggregated results (the counts of both answers, a chart drawn) and downloads the XLSX,
which holds the same figures.

Pages are driven through data-testid attributes and form field names only: the interface
text is being translated."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from rete.accounts.roles import NETWORK_OPERATOR
from rete.directory.models import Location, Organization, Service
from rete.monitoring.models import (
    Campaign,
    CampaignStatus,
    QuestionnaireVersion,
    Response,
    ResponseStatus,
    VersionStatus,
)
from rete.notices.models import Notice
from tests.browser_sign_in import sign_in
from tests.people import make_person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BOLOGNA = "037006"
QUESTIONNAIRES = "/area-riservata/questionari/"
CAMPAIGNS = "/area-riservata/questionari/campagne/"
TITLE = "Rilevazione dei centri 2026"
CHARTS_DRAWN = (
    "() => Array.from(document.querySelectorAll('canvas[data-chart-data]'))"
    ".filter(canvas => { const chart = Chart.getChart(canvas);"
    " return chart && chart.data.labels.length > 0; }).length"
)


def castagno_operator(net):
    """A third anti-violence centre in Ambito Beta, of an organisation of its own, and the
    operator who would answer for it."""
    organization = Organization.objects.create(
        ext_id="org-castagno", name="Associazione Castagno", kind="association"
    )
    service = Service.objects.create(
        ext_id="svc-castagno",
        organization=organization,
        name="CAV Castagno",
        kind="anti_violence_centre",
    )
    Location.objects.create(service=service, address="Via Castagno 3", comune_id=BOLOGNA)
    return make_person(
        "m-operator-castagno", NETWORK_OPERATOR, territory=net.b, organization=organization
    )


def submit_and_wait(page, testid: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(testid).click()


def add_section(page, title: str) -> None:
    form = page.get_by_test_id("section-add")
    form.locator("input[name=new-section-title]").fill(title)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("problems")).to_have_count(0)


def add_question(page, section: str, **fields) -> None:
    with page.expect_navigation():
        page.locator(f"[data-section='{section}'] [data-testid=question-add]").click()
    form = page.get_by_test_id("question-form")
    form.locator("select[name=type]").select_option(fields["type"])
    form.locator("input[name=label]").fill(fields["label"])
    # Bootstrap Italia draws the checkboxes on their labels: click them as a person does.
    form.locator("label[for=id_required]").click()
    expect(form.locator("input[name=required]")).to_be_checked()
    if "options" in fields:
        form.locator("textarea[name=options]").fill("\n".join(fields["options"]))
    if fields["type"] == "number":
        form.locator("input[name=minimum]").fill("0")
        form.locator("label[for=id_integer]").click()
        expect(form.locator("input[name=integer]")).to_be_checked()
    if "show_if" in fields:
        form.locator("select[name=show_if]").select_option(fields["show_if"])
    submit_and_wait(page, "question-save")
    expect(page.get_by_test_id("problems")).to_have_count(0)
    expect(page.get_by_test_id("form-errors")).to_have_count(0)


def answer(page, base_url: str, operator, *, waiting_list: str, weeks: int | None, women: int):
    """The operator opens her centre's questionnaire from the landing page, answers and
    submits."""
    sign_in(page, base_url, operator, next_path=QUESTIONNAIRES)
    links = page.get_by_test_id("response-link")
    expect(links).to_have_count(1)  # her centre's only
    with page.expect_navigation():
        links.click()
    conditional = page.locator("[data-question=q2]")
    expect(conditional).to_be_hidden()
    page.locator(f"label[for=f-q1-{waiting_list}]").click()
    expect(page.locator(f"input[name=a-q1][value={waiting_list}]")).to_be_checked()
    if weeks is None:
        expect(conditional).to_be_hidden()
    else:
        expect(conditional).to_be_visible()
        page.locator("input[name=a-q2]").fill(str(weeks))
    page.locator("input[name=a-q3]").fill(str(women))
    # Let the page's own draft save land before submitting (no race between the two).
    expect(page.get_by_test_id("autosave-saved")).to_be_visible()
    submit_and_wait(page, "submit")
    expect(page.get_by_test_id("response-status")).to_have_attribute("data-status", "submitted")
    expect(page.locator("input[name=a-q1]")).to_have_count(0)  # read-only now


def test_a_questionnaire_built_sent_answered_reminded_and_aggregated(
    browser_page, live_server, net, people
) -> None:
    page = browser_page
    browser = page.context.browser
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    castagno = castagno_operator(net)
    today = timezone.localdate()

    # --- the analyst builds the questionnaire and publishes it -----------------------------
    sign_in(page, live_server.url, people.analyst, next_path=QUESTIONNAIRES)
    with page.expect_navigation():
        page.get_by_test_id("questionnaire-create").click()
    page.locator("main form input[name=title]").fill(TITLE)
    page.locator("main form textarea[name=description]").fill("Rilevazione annuale.")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    add_section(page, "Accesso")
    add_section(page, "Accoglienza")
    add_question(
        page, "s1", type="single", label="Il centro ha una lista d'attesa?", options=["Sì", "No"]
    )
    add_question(page, "s1", type="number", label="Di quante settimane?", show_if=["q1:si"])
    add_question(page, "s2", type="number", label="Quante donne ha accolto nell'anno?")
    expect(page.get_by_test_id("section")).to_have_count(2)
    expect(page.locator("[data-question=q2] [data-testid=condition]")).to_have_count(1)
    expect(page.get_by_test_id("publish-problems")).to_have_count(0)
    submit_and_wait(page, "publish")
    expect(page.get_by_test_id("new-version")).to_be_visible()
    version = QuestionnaireVersion.objects.get(questionnaire__title=TITLE)
    assert version.status == VersionStatus.PUBLISHED
    assert [q["key"] for s in version.definition["sections"] for q in s["questions"]] == [
        "q1",
        "q2",
        "q3",
    ]

    # --- the campaign: the anti-violence centres of both territories ----------------------
    page.goto(f"{live_server.url}{CAMPAIGNS}")
    with page.expect_navigation():
        page.get_by_test_id("campaign-create").click()
    form = page.get_by_test_id("campaign-form")
    form.locator("input[name=title]").fill("Rilevazione 2026")
    form.locator("select[name=version]").select_option(str(version.pk))
    for name, value in (
        ("service_kinds", "anti_violence_centre"),
        ("territories", str(net.a.pk)),
        ("territories", str(net.b.pk)),
    ):
        box = form.locator(f"input[name={name}][value='{value}']")
        form.locator(f"label[for={box.get_attribute('id')}]").click()
        expect(box).to_be_checked()
    form.locator("input[name=opens_on]").fill(today.isoformat())
    form.locator("input[name=closes_on]").fill((today + timedelta(days=21)).isoformat())
    form.locator("input[name=reminder_days]").fill("7, 2")
    submit_and_wait(page, "campaign-preview")
    expect(page.get_by_test_id("preview-total")).to_have_attribute("data-count", "3")
    submit_and_wait(page, "campaign-save")
    campaign = Campaign.objects.get()
    assert page.url == f"{live_server.url}{CAMPAIGNS}{campaign.pk}/"
    submit_and_wait(page, "campaign-launch")
    expect(page.get_by_test_id("campaign-phase")).to_have_attribute("data-phase", "open")
    expect(page.get_by_test_id("rate-total")).to_have_attribute("data-percent", "0.0")
    expect(page.locator("[data-testid=targets] tbody tr")).to_have_count(3)
    dashboard = page.url

    # --- two operators answer, each in a browser of her own --------------------------------
    for operator, choices in (
        (people.operator_a, {"waiting_list": "si", "weeks": 3, "women": 40}),
        (people.operator_b, {"waiting_list": "no", "weeks": None, "women": 25}),
    ):
        context = browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
        try:
            operator_page = context.new_page()
            operator_page.set_default_timeout(15_000)
            operator_page.on("console", lambda message: console.append(message.text))
            answer(operator_page, live_server.url, operator, **choices)
        finally:
            context.close()
    submitted = {
        r.target.service.ext_id: r.answers
        for r in Response.objects.filter(
            target__campaign=campaign, status=ResponseStatus.SUBMITTED
        ).select_related("target__service")
    }
    assert submitted == {
        "svc-aurora": {"q1": "si", "q2": 3, "q3": 40},
        "svc-betulla": {"q1": "no", "q3": 25},  # the question not asked is not kept
    }

    # --- the analyst reminds the centre that has not answered -------------------------------
    mail.outbox.clear()
    page.goto(dashboard)
    expect(page.get_by_test_id("rate-total")).to_have_attribute("data-percent", "66.7")
    expect(page.locator("tr[data-service=svc-castagno]")).to_have_attribute(
        "data-status", "not_started"
    )
    submit_and_wait(page, "campaign-remind")
    expect(page.locator("tr[data-service=svc-castagno] [data-cell=reminded]")).to_have_attribute(
        "data-count", "1"
    )
    for answered in ("svc-aurora", "svc-betulla"):
        expect(page.locator(f"tr[data-service={answered}] [data-cell=reminded]")).to_have_attribute(
            "data-count", "0"
        )
    reminded = Notice.objects.filter(key__startswith=f"campaign.{campaign.pk}.manual.")
    assert [notice.recipient for notice in reminded] == [castagno]
    assert [message.to for message in mail.outbox] == [[castagno.email]]

    # --- the results: both answers counted, a chart drawn, the same figures in the XLSX ----
    submit_and_wait(page, "campaign-results-link")
    expect(page.get_by_test_id("results-count")).to_have_attribute("data-count", "2")
    waiting = page.locator("[data-question=q1]")
    expect(waiting.locator("tr[data-option=si] [data-cell=count]")).to_have_text("1")
    expect(waiting.locator("tr[data-option=no] [data-cell=count]")).to_have_text("1")
    expect(page.locator("[data-question=q2] [data-cell=sum]")).to_have_text("3")
    expect(page.locator("[data-question=q3] [data-cell=n]")).to_have_text("2")
    expect(page.locator("[data-question=q3] [data-cell=sum]")).to_have_text("65")
    page.wait_for_function("() => window.Chart && Chart.getChart(document.querySelector('canvas'))")
    assert page.evaluate(CHARTS_DRAWN) == 1  # q1, the choice question

    with page.expect_download() as info:
        page.get_by_test_id("download-xlsx").click()
    with open(info.value.path(), "rb") as saved:
        workbook = load_workbook(io.BytesIO(saved.read()))
    aggregates = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    heading = {row[0].split(" ", 1)[0]: index for index, row in enumerate(aggregates) if row[0]}
    # A block: heading, shown to, answered, then the figures (a choice: a header row and
    # one row per option; a number: the sum first).
    q1 = heading["q1"]
    assert [row[1] for row in aggregates[q1 + 4 : q1 + 6]] == [1, 1]
    assert aggregates[heading["q2"] + 3][1] == 3
    assert aggregates[heading["q3"] + 2][1] == 2
    assert aggregates[heading["q3"] + 3][1] == 65
    raw = list(workbook.worksheets[1].iter_rows(values_only=True))
    columns = {str(name).split(" ", 1)[0]: index for index, name in enumerate(raw[0])}
    by_service = {row[0]: row for row in raw[1:]}
    assert set(by_service) == {"svc-aurora", "svc-betulla"}
    assert [by_service["svc-aurora"][columns[q]] for q in ("q2", "q3")] == [3, 40]
    assert [by_service["svc-betulla"][columns[q]] for q in ("q2", "q3")] == [None, 25]

    assert Campaign.objects.get().status == CampaignStatus.LAUNCHED
    assert [text for text in console if "Refused to" in text] == []
