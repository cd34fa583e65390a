"""The public event page's list of the event's documents (slides, minutes), published in
the documents library. Nothing about the participants is ever read here."""

from __future__ import annotations

from django import template

from rete.events.selectors import event_public_documents
from rete.publications.models import Event

register = template.Library()


@register.inclusion_tag("events/_public_documents.html")
def event_public_documents_list(event: Event) -> dict:
    return {"documents": event_public_documents(event)}
