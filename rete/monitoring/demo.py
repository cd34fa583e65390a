"""Demo of the monitoring questionnaires: the yearly survey of the anti-violence centres
(on the themes of ISTAT's survey of the centres for the Department: women received and
new ones, opening days and hours, the 24-hour line, waiting lists, staff by role, the
agreements with the emergency rooms and the other services of the network), published, and
a campaign asking every anti-violence centre of the demo network, launched ten days ago and
closing in twenty, with reminders 7 and 2 days before closing.

The questionnaire and the campaign are written through the services by the demo monitoring
analyst (rete.demo.services), so the demo leaves the audit entries and notices a real use
would. The answers of the GIRAFFA centre (Bari) are saved and submitted through the
answering services by the demo network operator, its only respondent in the demo.

The demo has no account for any other centre (one account per role, and no invented
people). So that the dashboard and the results show more than one service, three more
centres' answers are written directly, as if received and recorded by the monitoring
company: attributed to the demo monitoring analyst, checked against the questionnaire like
any answer, and without audit entries (nobody typed them). Figures are plausible, not real;
every title ends in "(esempio)".

Idempotent: the questionnaire and the campaign are found by title, a centre's answers are
written only when it has none. Without the demo monitoring analyst nothing is loaded;
without anti-violence centres in the network, only the questionnaire.
"""

from __future__ import annotations

import datetime
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from rete.accounts.roles import MONITORING_ANALYST, NETWORK_OPERATOR
from rete.demo.catalogue import EXAMPLE
from rete.demo.seed_bari import GIRAFFA_SERVICE
from rete.demo.services import demo_username
from rete.monitoring.answers import answers_clean
from rete.monitoring.campaigns.phase import campaign_accepts_answers
from rete.monitoring.campaigns.services import campaign_create, campaign_launch
from rete.monitoring.campaigns.targeting import targets_plan
from rete.monitoring.models import (
    Campaign,
    CampaignTarget,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    ResponseStatus,
    VersionStatus,
)
from rete.monitoring.questionnaires.answering import response_save, response_submit
from rete.monitoring.questionnaires.services import (
    questionnaire_create,
    version_change,
    version_publish,
)

QUESTIONNAIRE_TITLE = f"Rilevazione annuale dei centri antiviolenza {EXAMPLE}"
QUESTIONNAIRE_DESCRIPTION = (
    "Dati dell'anno solare precedente, sui temi della rilevazione ISTAT sui centri "
    "antiviolenza: accoglienza, apertura e reperibilità, personale, rapporti con la rete."
)
CAMPAIGN_TITLE = f"Rilevazione annuale 2025 dei centri antiviolenza {EXAMPLE}"
CENTRE_KIND = "anti_violence_centre"
OPENED_DAYS_AGO = 10
CLOSES_IN_DAYS = 20
REMINDER_DAYS = [7, 2]


def _options(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"key": key, "label": label} for key, label in pairs]


YES_NO = _options(("si", "Sì"), ("no", "No"))


def _number(key: str, label: str, *, required: bool = True, top: int, hint: str = ""):
    return {
        "key": key,
        "type": "number",
        "label": label,
        "help": hint,
        "required": required,
        "min": 0,
        "max": top,
        "integer": True,
    }


DEFINITION: dict[str, Any] = {
    "sections": [
        {
            "key": "accoglienza",
            "title": "Accoglienza",
            "description": "Le donne accolte dal centro dal 1° gennaio al 31 dicembre 2025.",
            "questions": [
                _number(
                    "donne_accolte",
                    "Quante donne ha accolto il centro nell'anno?",
                    top=10000,
                    hint="Le donne con almeno un colloquio, di persona o a distanza.",
                ),
                _number(
                    "donne_nuove",
                    "Di queste, quante si sono rivolte al centro per la prima volta?",
                    top=10000,
                ),
                {
                    "key": "invio",
                    "type": "multiple",
                    "label": "Da chi sono state indirizzate al centro le donne accolte?",
                    "help": "Tutti i canali da cui è arrivata almeno una donna.",
                    "required": True,
                    "options": _options(
                        ("accesso_diretto", "Accesso diretto"),
                        ("n1522", "Numero 1522"),
                        ("pronto_soccorso", "Pronto soccorso"),
                        ("forze_ordine", "Forze dell'ordine"),
                        ("servizi_sociali", "Servizi sociali"),
                        ("altro", "Altro"),
                    ),
                },
            ],
        },
        {
            "key": "apertura",
            "title": "Apertura e reperibilità",
            "description": "",
            "questions": [
                _number(
                    "giorni_apertura",
                    "Quanti giorni a settimana il centro è aperto al pubblico?",
                    top=7,
                ),
                _number(
                    "ore_settimanali",
                    "Quante ore a settimana, in tutto, il centro è aperto al pubblico?",
                    top=168,
                ),
                {
                    "key": "linea_24h",
                    "type": "single",
                    "label": "Il centro ha una linea telefonica attiva 24 ore su 24?",
                    "help": "",
                    "required": True,
                    "options": _options(
                        ("propria", "Sì, una linea propria"),
                        ("tramite_1522", "Sì, tramite il 1522"),
                        ("no", "No"),
                    ),
                },
                {
                    "key": "lista_attesa",
                    "type": "single",
                    "label": "Il centro ha una lista d'attesa per il primo colloquio?",
                    "help": "",
                    "required": True,
                    "options": YES_NO,
                },
                {
                    **_number(
                        "settimane_attesa",
                        "Di quante settimane è, in media, l'attesa?",
                        top=52,
                    ),
                    "show_if": {"question": "lista_attesa", "any_of": ["si"]},
                },
            ],
        },
        {
            "key": "personale",
            "title": "Personale",
            "description": "Le persone che lavorano nel centro al 31 dicembre, retribuite o "
            "volontarie.",
            "questions": [
                _number("operatrici", "Operatrici di accoglienza", top=500),
                _number("psicologhe", "Psicologhe", required=False, top=500),
                _number("avvocate", "Avvocate", required=False, top=500),
                _number(
                    "altre_figure",
                    "Altre figure (educatrici, mediatrici culturali, orientatrici al lavoro)",
                    required=False,
                    top=500,
                ),
            ],
        },
        {
            "key": "rete",
            "title": "Rapporti con la rete territoriale",
            "description": "",
            "questions": [
                {
                    "key": "rapporti",
                    "type": "matrix",
                    "label": "Che rapporto ha il centro con questi servizi?",
                    "help": "Un protocollo o un accordo scritto conta come formale.",
                    "required": True,
                    "rows": _options(
                        ("pronto_soccorso", "Pronto soccorso"),
                        ("forze_ordine", "Forze dell'ordine"),
                        ("servizi_sociali", "Servizi sociali"),
                        ("consultori", "Consultori"),
                    ),
                    "options": _options(
                        ("formale", "Accordo formale"),
                        ("informale", "Collaborazione informale"),
                        ("nessuno", "Nessun rapporto"),
                    ),
                },
                {
                    "key": "osservazioni",
                    "type": "text",
                    "label": "Osservazioni",
                    "help": "Difficoltà o novità dell'anno che i numeri non dicono.",
                    "required": False,
                    "max_length": 2000,
                },
            ],
        },
    ]
}

# The answers of the GIRAFFA centre, submitted by its operator through the answering pages'
# services.
GIRAFFA_ANSWERS: dict[str, Any] = {
    "donne_accolte": 212,
    "donne_nuove": 131,
    "invio": ["accesso_diretto", "n1522", "pronto_soccorso", "forze_ordine", "servizi_sociali"],
    "giorni_apertura": 5,
    "ore_settimanali": 35,
    "linea_24h": "propria",
    "lista_attesa": "si",
    "settimane_attesa": 2,
    "operatrici": 9,
    "psicologhe": 3,
    "avvocate": 4,
    "altre_figure": 2,
    "rapporti": {
        "pronto_soccorso": "formale",
        "forze_ordine": "formale",
        "servizi_sociali": "formale",
        "consultori": "informale",
    },
}

# Other centres (service id, submitted?, answers): recorded as received by the monitoring
# company (see the module's docstring). The last one is a draft, begun and not finished.
RECORDED: tuple[tuple[str, bool, dict[str, Any]], ...] = (
    (
        "svc-mola-sportello",
        True,
        {
            "donne_accolte": 48,
            "donne_nuove": 35,
            "invio": ["accesso_diretto", "servizi_sociali"],
            "giorni_apertura": 3,
            "ore_settimanali": 15,
            "linea_24h": "tramite_1522",
            "lista_attesa": "no",
            "operatrici": 3,
            "psicologhe": 1,
            "avvocate": 1,
            "rapporti": {
                "pronto_soccorso": "informale",
                "forze_ordine": "informale",
                "servizi_sociali": "formale",
                "consultori": "formale",
            },
        },
    ),
    (
        "svc-ancona-cav",
        True,
        {
            "donne_accolte": 167,
            "donne_nuove": 104,
            "invio": ["accesso_diretto", "n1522", "pronto_soccorso", "altro"],
            "giorni_apertura": 5,
            "ore_settimanali": 30,
            "linea_24h": "propria",
            "lista_attesa": "si",
            "settimane_attesa": 3,
            "operatrici": 7,
            "psicologhe": 2,
            "avvocate": 3,
            "altre_figure": 1,
            "rapporti": {
                "pronto_soccorso": "formale",
                "forze_ordine": "formale",
                "servizi_sociali": "informale",
                "consultori": "nessuno",
            },
        },
    ),
    (
        "svc-genova-cav",
        False,
        {
            "donne_accolte": 190,
            "donne_nuove": 122,
            "giorni_apertura": 5,
            "ore_settimanali": 32,
        },
    ),
)


def _user(role: str):
    return get_user_model().objects.filter(username=demo_username(role), is_active=True).first()


def _published_version(analyst) -> QuestionnaireVersion:
    """The questionnaire's newest published version, made and published if missing."""
    questionnaire = Questionnaire.objects.filter(title=QUESTIONNAIRE_TITLE).first()
    if questionnaire is not None:
        published = (
            questionnaire.versions.filter(status=VersionStatus.PUBLISHED)
            .order_by("-number")
            .first()
        )
        if published is not None:
            return published
        draft = questionnaire.versions.get(status=VersionStatus.DRAFT)
    else:
        draft = questionnaire_create(
            actor=analyst, title=QUESTIONNAIRE_TITLE, description=QUESTIONNAIRE_DESCRIPTION
        )
    version_change(
        actor=analyst,
        version=draft,
        change="demo_load",
        edit=lambda _definition, _taken: DEFINITION,
    )
    return version_publish(actor=analyst, version=draft)


def _campaign(analyst, version: QuestionnaireVersion, today: datetime.date) -> Campaign | None:
    campaign = Campaign.objects.filter(title=CAMPAIGN_TITLE).first()
    if campaign is not None:
        return campaign
    if not targets_plan(kinds=[CENTRE_KIND]):
        return None
    campaign = campaign_create(
        actor=analyst,
        title=CAMPAIGN_TITLE,
        version=version,
        service_kinds=[CENTRE_KIND],
        territories=[],  # every territory of the network
        opens_on=today - timedelta(days=OPENED_DAYS_AGO),
        closes_on=today + timedelta(days=CLOSES_IN_DAYS),
        reminder_days=REMINDER_DAYS,
    )
    return campaign_launch(actor=analyst, campaign=campaign, today=today)


def _target(campaign: Campaign, service_ext_id: str) -> CampaignTarget | None:
    target = (
        campaign.targets.select_related("campaign__version", "service")
        .filter(service__ext_id=service_ext_id)
        .first()
    )
    if target is None or Response.objects.filter(target=target).exists():
        return None
    return target


def _giraffa_answer(campaign: Campaign, today: datetime.date) -> None:
    operator = _user(NETWORK_OPERATOR)
    target = _target(campaign, GIRAFFA_SERVICE)
    # A campaign loaded long ago may have ended since: its answers can no longer change.
    if operator is None or target is None or not campaign_accepts_answers(campaign, today):
        return
    # As on the page: a draft first, then the submission.
    response_save(actor=operator, target=target, raw=GIRAFFA_ANSWERS, today=today)
    _response, errors = response_submit(
        actor=operator, target=target, raw=GIRAFFA_ANSWERS, today=today
    )
    if errors:  # the answers above are complete: a change of DEFINITION must keep them so
        raise ValueError(f"Demo answers refused: {sorted(errors)}")


def _recorded_answers(campaign: Campaign, analyst) -> None:
    definition = campaign.version.definition
    for service_ext_id, submitted, raw in RECORDED:
        target = _target(campaign, service_ext_id)
        if target is None:
            continue
        answers, errors = answers_clean(definition, raw, final=submitted)
        if errors:
            raise ValueError(f"Demo answers refused: {sorted(errors)}")
        Response.objects.create(
            target=target,
            status=ResponseStatus.SUBMITTED if submitted else ResponseStatus.DRAFT,
            answers=answers,
            updated_by=analyst,
            submitted_at=timezone.now() if submitted else None,
        )


def _counts() -> dict[str, int]:
    responses = Response.objects.filter(target__campaign__title=CAMPAIGN_TITLE)
    return {
        "questionnaires": Questionnaire.objects.filter(title=QUESTIONNAIRE_TITLE).count(),
        "campaigns": Campaign.objects.filter(title=CAMPAIGN_TITLE).count(),
        "targets": CampaignTarget.objects.filter(campaign__title=CAMPAIGN_TITLE).count(),
        "submitted": responses.filter(status=ResponseStatus.SUBMITTED).count(),
        "drafts": responses.filter(status=ResponseStatus.DRAFT).count(),
    }


def demo_monitoring_load(*, today: datetime.date | None = None) -> dict[str, int]:
    """Load the demo questionnaire, campaign and answers where missing; return how many of
    each the demo has (questionnaires, campaigns, targets, submitted, drafts)."""
    analyst = _user(MONITORING_ANALYST)
    if analyst is None:
        return _counts()
    today = today or timezone.localdate()
    with transaction.atomic():
        version = _published_version(analyst)
        campaign = _campaign(analyst, version, today)
        if campaign is not None:
            _giraffa_answer(campaign, today)
            _recorded_answers(campaign, analyst)
    return _counts()
