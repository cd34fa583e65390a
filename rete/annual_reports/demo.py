"""Demo annual reports: the published template of the last full year and Bari's report of
that year, started as a draft with its figures pre-filled from whatever statistics the demo
published for the year (none: the figures stay empty, as they would).

Idempotent: a template of the year already published (perhaps another) is used as it is; a
report of Bari for the year already there is left alone. Run it after the demo network, the
demo accounts and the demo statistics (`rete demo` loads them in that order).
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN
from rete.accounts.scopes import Scope
from rete.annual_reports.models import (
    AnnualReport,
    ReportTemplate,
    TemplateFigure,
    TemplateSection,
    TemplateStatus,
)
from rete.annual_reports.services import report_create
from rete.annual_reports.sources import FigureSource
from rete.demo.catalogue import EXAMPLE
from rete.demo.seed_bari import BARI_TERRITORY
from rete.network.models import Territory

TITLE = f"Relazione annuale dell'Ambito territoriale di rete {EXAMPLE}"
INTRODUCTION = (
    "Ogni territorio racconta l'anno della sua rete antiviolenza: come ha funzionato, con chi, "
    "con quali risultati e difficoltà. I dati del 1522 sono precompilati dalle statistiche "
    "pubblicate; l'esperto della società di monitoraggio commenta sezione per sezione."
)
SECTIONS = [
    (
        "Il territorio e la rete locale",
        "Chi fa parte della rete, con quali ruoli; novità dell'anno (nuovi servizi, adesioni).",
        True,
    ),
    (
        "Attività dell'anno",
        "Accoglienza, percorsi di uscita dalla violenza, formazione degli operatori.",
        True,
    ),
    (
        "Collaborazione con il 1522",
        "Come hanno funzionato i trasferimenti diretti e le informazioni fuori orario.",
        True,
    ),
    ("Criticità e proposte", "Cosa non ha funzionato e cosa proponete per l'anno nuovo.", False),
]
FIGURES = [
    ("contatti_validi", "Contatti validi con il 1522", "contatti", FigureSource.VALID_CONTACTS),
    ("vittime", "Vittime che hanno contattato il 1522", "persone", FigureSource.VICTIMS),
    (
        "trasferimenti",
        "Contatti instradati con un servizio aperto",
        "contatti",
        FigureSource.ROUTED_TRANSFER,
    ),
    (
        "fuori_orario",
        "Contatti instradati con i servizi chiusi",
        "contatti",
        FigureSource.ROUTED_OUT_OF_HOURS,
    ),
    ("donne_accolte", "Donne accolte dai centri antiviolenza", "donne", ""),
]
DEMO_REPORT_TEXT = (
    "La rete dell'Ambito di Bari comprende il centro antiviolenza, i servizi sociali dei "
    "comuni, il pronto soccorso e le forze dell'ordine. (testo di esempio della demo)"
)


def demo_year(today: date) -> int:
    """The last full year."""
    return today.year - 1


def _template(year: int) -> ReportTemplate:
    published = ReportTemplate.objects.filter(year=year, status=TemplateStatus.PUBLISHED).first()
    if published is not None:
        return published
    admin = get_user_model().objects.filter(username=f"demo_{DEPARTMENT_ADMIN}").first()
    now = timezone.now()
    template = ReportTemplate.objects.create(
        year=year,
        title=TITLE,
        introduction=INTRODUCTION,
        status=TemplateStatus.PUBLISHED,
        created_by=admin,
        created_at=now,
        published_by=admin,
        published_at=now,
    )
    TemplateSection.objects.bulk_create(
        TemplateSection(
            template=template, position=index, title=title, guidance=guidance, required=required
        )
        for index, (title, guidance, required) in enumerate(SECTIONS, start=1)
    )
    TemplateFigure.objects.bulk_create(
        TemplateFigure(
            template=template, position=index, key=key, label=label, unit=unit, source=source
        )
        for index, (key, label, unit, source) in enumerate(FIGURES, start=1)
    )
    return template


def demo_annual_reports_load(today: date | None = None) -> dict[str, int]:
    """Make what is missing; return how many templates and reports exist."""
    year = demo_year(today or timezone.localdate())
    bari = Territory.objects.filter(code=BARI_TERRITORY).first()
    with transaction.atomic():
        template = _template(year)
        if bari is not None and not AnnualReport.objects.filter(territory=bari, year=year).exists():
            referent = get_user_model().objects.filter(username=f"demo_{ATR_REFERENT}").first()
            # The demo's referent of Bari (or the system, before the demo accounts exist).
            scope = Scope(
                roles=frozenset({ATR_REFERENT}),
                territory_ids=frozenset({bari.pk}),
                territories_by_role={ATR_REFERENT: frozenset({bari.pk})},
            )
            report = report_create(scope=scope, actor=referent, template=template, territory=bari)
            first = template.sections.order_by("position", "pk").first()
            report.texts.filter(section=first).update(text=DEMO_REPORT_TEXT)
    return {
        "templates": ReportTemplate.objects.count(),
        "reports": AnnualReport.objects.count(),
    }
