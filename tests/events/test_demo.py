"""The demo's events: registration open on the coming demo events, slides on the past one;
loading twice changes nothing."""

from rete.events.demo import demo_events_load
from rete.events.models import EventDocument
from rete.publications.demo import demo_publications_load


def test_the_demo_events_load_once(db):
    demo_publications_load()
    first = demo_events_load()
    second = demo_events_load()

    assert first == second == {"events_open": 2, "event_documents": 1}
    assert EventDocument.objects.get().document.is_public()
