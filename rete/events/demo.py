"""Demo data of the events: registration open on the demo agenda's coming seminar and annual
meeting, and a document (an example PDF) attached to its past training. Idempotent: what
exists is left as it is. Run after rete.publications.demo (it uses its events)."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction

from rete.demo.catalogue import EXAMPLE
from rete.events.models import EventDocument, RegistrationSettings
from rete.events.services import document_slug
from rete.portal.http import content_changed
from rete.publications.demofiles import pdf_make
from rete.publications.models import Document, DocumentCategory, Event, Status

OPEN_EVENTS = {
    # slug of the demo event -> places
    "seminario-rete-territoriale-esempio": 60,
    "incontro-annuale-ambiti-esempio": 150,
}
PAST_EVENT = "formazione-accoglienza-telefonica-esempio"
DEMO_NOTICE = "Documento di esempio della demo: non è un documento ufficiale."


def demo_events_load() -> dict[str, int]:
    """Open the registration of the demo events and attach the past one's slides."""
    with transaction.atomic():
        for slug, places in OPEN_EVENTS.items():
            event = Event.objects.filter(slug=slug).first()
            if event is None:
                continue
            RegistrationSettings.objects.get_or_create(
                event=event,
                defaults={
                    "is_open": True,
                    "capacity": places,
                    "deadline": event.starts_at - timedelta(days=2),
                },
            )
        past = Event.objects.filter(slug=PAST_EVENT).first()
        if past is not None and not EventDocument.objects.filter(event=past).exists():
            title = f"Slide del corso {EXAMPLE}"
            document = Document(
                title=title,
                slug=document_slug(past, "slide"),
                summary="Le slide presentate durante la formazione sull'accoglienza telefonica.",
                category=DocumentCategory.OTHER,
                status=Status.PUBLISHED,
                published_at=past.ends_at or past.starts_at,
                file=ContentFile(
                    pdf_make(
                        title,
                        [
                            "L'accoglienza telefonica: ascolto, orientamento, trasferimento.",
                            "",
                            DEMO_NOTICE,
                        ],
                    ),
                    name="slide-esempio.pdf",
                ),
            )
            document.full_clean()
            document.save()
            EventDocument.objects.create(event=past, document=document)
            transaction.on_commit(content_changed)
    return {
        "events_open": RegistrationSettings.objects.filter(is_open=True).count(),
        "event_documents": EventDocument.objects.count(),
    }
