"""The demo's assistance request and good practices: loaded once, through the services,
by the demo accounts of Bari."""

import pytest

from rete.assistance.demo import demo_assistance_load
from rete.assistance.models import AssistanceRequest
from rete.assistance.practices.models import Practice
from rete.demo.services import demo_accounts_ensure, demo_network_load

pytestmark = pytest.mark.django_db


def test_it_loads_an_answered_request_and_two_practices_once() -> None:
    demo_network_load()
    demo_accounts_ensure()

    first = demo_assistance_load()
    second = demo_assistance_load()

    assert first == second == {"assistance_requests": 1, "practices": 2}
    request = AssistanceRequest.objects.get()
    assert (request.territory.code, request.status) == ("ATR-BA", "resolved")
    assert [m.side for m in request.messages.all()] == ["territory", "department"]
    assert request.messages.last().attachments.count() == 1
    for practice in Practice.objects.all():
        assert "(esempio)" in practice.title
        assert practice.territory.code == "ATR-BA"
        assert practice.contact_email.endswith("@demo.invalid")


def test_without_the_demo_accounts_it_loads_nothing() -> None:
    demo_network_load()

    assert demo_assistance_load() == {"assistance_requests": 0, "practices": 0}
