"""Demo content of the portal: news, events, public documents and a campaign (the network's
reserved documents are the reserved area's: rete.reserved.demo).

Every item says "(esempio)" in its title and in its files: none is a real communication of
the Department. Loading is idempotent by slug: an item already there (perhaps edited in the
admin) is left as it is. Dates are set relative to the first load, so the agenda has
upcoming events and past ones.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from rete.demo.catalogue import EXAMPLE
from rete.demo.seed_bari import BARI_TERRITORY
from rete.network.models import Territory
from rete.publications.demofiles import pdf_make, png_make
from rete.publications.models import (
    Campaign,
    CampaignMaterial,
    Document,
    DocumentCategory,
    Event,
    EventKind,
    MaterialKind,
    NewsItem,
    Status,
)

DEMO_NOTICE = "Documento di esempio della demo: non è un documento ufficiale."
PURPLE, WHITE, ROSE = (92, 45, 145), (255, 255, 255), (214, 51, 132)


def demo_publications_load() -> dict[str, int]:
    """Create the demo content that is missing; return how many items of each kind exist."""
    now = timezone.now().replace(second=0, microsecond=0)
    with transaction.atomic():
        _news(now)
        _events(now)
        _documents(now)
        _campaign(now)
    return {
        "news": NewsItem.objects.count(),
        "events": Event.objects.count(),
        "documents": Document.objects.count(),
        "campaigns": Campaign.objects.count(),
    }


def _ensure(model: type, slug: str, **fields: Any) -> Any | None:
    """Create the item unless one with this slug exists; None when it did."""
    if model.objects.filter(slug=slug).exists():
        return None
    fields.setdefault("status", Status.PUBLISHED)
    item = model(slug=slug, **fields)
    item.full_clean()
    item.save()
    return item


def _pdf(title: str, *lines: str) -> ContentFile:
    return ContentFile(pdf_make(title, [*lines, "", DEMO_NOTICE]), name="esempio.pdf")


def _news(now) -> None:
    _ensure(
        NewsItem,
        "portale-rete-antiviolenza-esempio",
        title=f"Online il portale della Rete nazionale antiviolenza {EXAMPLE}",
        summary="Servizi vicini e aperti ora, notizie, agenda e documenti della Rete in un solo sito.",
        body=(
            "Il portale raccoglie i servizi della **Rete nazionale antiviolenza**: centri "
            "antiviolenza, case rifugio, servizi sociali e sanitari.\n\n"
            "## Cosa trovi\n\n"
            "- i servizi vicini a te, aperti ora;\n"
            "- le notizie e l'agenda della Rete;\n"
            "- i documenti pubblici: protocolli, procedure, piani.\n\n"
            "Il **1522** risponde gratis, 24 ore su 24."
        ),
        title_en=f"The portal of the National Anti-violence Network is online {EXAMPLE}",
        summary_en="Services near you and open now, news, agenda and documents of the Network in one site.",
        body_en=(
            "The portal gathers the services of the **National Anti-violence Network**: "
            "anti-violence centres, shelters, social and health services.\n\n"
            "## What you find\n\n"
            "- the services near you, open now;\n"
            "- the Network's news and agenda;\n"
            "- public documents: protocols, procedures, plans.\n\n"
            "**1522** answers free of charge, 24 hours a day."
        ),
        published_at=now - timedelta(days=2),
    )
    _ensure(
        NewsItem,
        "protocollo-provincia-bari-esempio",
        title=f"Firmato il protocollo con la Provincia di Bari {EXAMPLE}",
        summary="Il Dipartimento e la Provincia di Bari avviano l'Ambito territoriale di rete: trasferimenti diretti dal 1522 ai servizi del territorio.",
        body=(
            "Con il protocollo d'intesa la Provincia di Bari entra nella Rete come "
            "Ambito territoriale di rete (ATR). Le chiamate al 1522 dal territorio possono "
            "essere trasferite direttamente al centro antiviolenza di riferimento."
        ),
        title_en=f"Protocol signed with the Province of Bari {EXAMPLE}",
        summary_en="The Department and the Province of Bari start a Network territory: direct transfers from 1522 to local services.",
        published_at=now - timedelta(days=9),
    )
    # No English version: the English page shows the Italian, marked as such.
    _ensure(
        NewsItem,
        "chat-1522-lingue-esempio",
        title=f"La chat del 1522 risponde in cinque lingue {EXAMPLE}",
        summary="Italiano, inglese, francese, spagnolo e arabo: la chat su 1522.eu è gratuita e anonima.",
        body="La chat del 1522 è attiva 24 ore su 24. Le operatrici rispondono in cinque lingue.",
        published_at=now - timedelta(days=20),
    )
    _ensure(
        NewsItem,
        "bozza-relazione-annuale-esempio",
        title=f"Relazione annuale della Rete {EXAMPLE}",
        summary="Bozza: i dati dell'anno sui contatti al 1522 e sui trasferimenti ai servizi.",
        status=Status.DRAFT,
    )


def _events(now) -> None:
    seminar_day = (now + timedelta(days=14)).replace(hour=9, minute=30)
    _ensure(
        Event,
        "seminario-rete-territoriale-esempio",
        title=f"Seminario: la rete territoriale e il 1522 {EXAMPLE}",
        summary="Come funzionano i trasferimenti diretti dal 1522 ai centri antiviolenza del territorio.",
        body="Seminario per le operatrici e gli operatori della rete locale. Ingresso libero fino a esaurimento posti.",
        title_en=f"Seminar: the local network and 1522 {EXAMPLE}",
        summary_en="How direct transfers from 1522 to the local anti-violence centres work.",
        kind=EventKind.SEMINAR,
        starts_at=seminar_day,
        ends_at=seminar_day.replace(hour=13, minute=0),
        place="Sala conferenze (esempio), Via dell'Esempio 1, Bari",
        published_at=now - timedelta(days=3),
    )
    meeting_day = (now + timedelta(days=45)).replace(hour=10, minute=0)
    _ensure(
        Event,
        "incontro-annuale-ambiti-esempio",
        title=f"Incontro annuale degli Ambiti territoriali di rete {EXAMPLE}",
        summary="I referenti dei territori si incontrano per il bilancio dell'anno e il piano di lavoro.",
        body=(
            "Programma:\n\n"
            "1. relazioni dei territori;\n"
            "2. dati del monitoraggio;\n"
            "3. piano di lavoro per l'anno successivo."
        ),
        title_en=f"Annual meeting of the Network territories {EXAMPLE}",
        summary_en="The territories' referents meet to review the year and plan the next.",
        kind=EventKind.ANNUAL_MEETING,
        starts_at=meeting_day,
        ends_at=meeting_day + timedelta(days=1, hours=7),
        place="Dipartimento per le Pari Opportunità (esempio), Roma",
        online=True,
        published_at=now - timedelta(days=1),
    )
    training_day = (now - timedelta(days=20)).replace(hour=15, minute=0)
    _ensure(
        Event,
        "formazione-accoglienza-telefonica-esempio",
        title=f"Formazione: l'accoglienza telefonica {EXAMPLE}",
        summary="Corso online per le operatrici dei centri che ricevono i trasferimenti dal 1522.",
        title_en=f"Training: answering the phone {EXAMPLE}",
        summary_en="Online course for the staff of centres that receive transfers from 1522.",
        kind=EventKind.TRAINING,
        starts_at=training_day,
        ends_at=training_day.replace(hour=18),
        online=True,
        published_at=now - timedelta(days=30),
    )


def _documents(now) -> None:
    bari = Territory.objects.filter(code=BARI_TERRITORY).first()
    documents = [
        (
            "protocollo-intesa-bari-esempio",
            f"Protocollo d'intesa {EXAMPLE}",
            "Protocollo tra il Dipartimento per le Pari Opportunità e la Provincia di Bari per la Rete antiviolenza.",
            f"Memorandum of understanding {EXAMPLE}",
            "Protocol between the Department for Equal Opportunities and the Province of Bari on the Anti-violence Network.",
            DocumentCategory.PROTOCOL,
            bari,
        ),
        (
            "piano-operativo-bari-esempio",
            f"Piano operativo {EXAMPLE}",
            "Le azioni, i tempi e le responsabilità dell'Ambito territoriale di Bari.",
            f"Operational plan {EXAMPLE}",
            "Actions, timing and responsibilities of the Bari Network territory.",
            DocumentCategory.OPERATIONAL_PLAN,
            bari,
        ),
        (
            "procedura-trasferimento-1522-esempio",
            f"Procedura di trasferimento delle chiamate dal 1522 {EXAMPLE}",
            "Quando e come il 1522 trasferisce una chiamata al servizio del territorio.",
            f"Procedure for transferring calls from 1522 {EXAMPLE}",
            "When and how 1522 transfers a call to the local service.",
            DocumentCategory.PROCEDURE,
            None,
        ),
        (
            "piano-regionale-esempio",
            f"Piano regionale contro la violenza {EXAMPLE}",
            "Le misure della Regione per la prevenzione e il sostegno alle donne.",
            "",
            "",
            DocumentCategory.REGIONAL_PLAN,
            None,
        ),
    ]
    for days, (
        slug,
        title,
        summary,
        title_en,
        summary_en,
        category,
        territory,
    ) in enumerate(documents, start=5):
        _ensure(
            Document,
            slug,
            title=title,
            summary=summary,
            title_en=title_en,
            summary_en=summary_en,
            category=category,
            territory=territory,
            file=_pdf(title, summary),
            published_at=now - timedelta(days=days),
        )


def _campaign(now) -> None:
    campaign = _ensure(
        Campaign,
        "non-sei-sola-esempio",
        title=f"Non sei sola {EXAMPLE}",
        summary="Una campagna per far conoscere il 1522: manifesti, card per i social e un pieghevole da scaricare.",
        body="Scarica i materiali e condividili: ricordano che il **1522** è gratuito e risponde 24 ore su 24.",
        title_en=f"You are not alone {EXAMPLE}",
        summary_en="A campaign to make 1522 known: posters, social media cards and a leaflet to download.",
        body_en="Download the materials and share them: they remind that **1522** is free and answers 24 hours a day.",
        published_at=now - timedelta(days=4),
    )
    if campaign is None:
        return
    materials = [
        (
            MaterialKind.POSTER,
            f"Manifesto 70×100 {EXAMPLE}",
            f"Poster 70×100 {EXAMPLE}",
            ContentFile(png_make(280, 400, PURPLE, WHITE), name="manifesto.png"),
            "Manifesto viola con una fascia bianca al centro (immagine di esempio).",
            "Purple poster with a white band across the middle (example picture).",
        ),
        (
            MaterialKind.SOCIAL_CARD,
            f"Card per i social {EXAMPLE}",
            f"Social media card {EXAMPLE}",
            ContentFile(png_make(400, 400, ROSE, PURPLE), name="card.png"),
            "Riquadro rosa con una fascia viola al centro (immagine di esempio).",
            "Pink square with a purple band across the middle (example picture).",
        ),
        (
            MaterialKind.LEAFLET,
            f"Pieghevole {EXAMPLE}",
            f"Leaflet {EXAMPLE}",
            ContentFile(
                pdf_make(
                    f"Non sei sola {EXAMPLE}",
                    ["Chiama il 1522: gratuito, 24 ore su 24.", "", DEMO_NOTICE],
                ),
                name="pieghevole.pdf",
            ),
            "",
            "",
        ),
    ]
    for position, (kind, title, title_en, file, alt_text, alt_text_en) in enumerate(materials):
        material = CampaignMaterial(
            campaign=campaign,
            kind=kind,
            title=title,
            title_en=title_en,
            file=file,
            alt_text=alt_text,
            alt_text_en=alt_text_en,
            position=position,
        )
        material.full_clean()
        material.save()
