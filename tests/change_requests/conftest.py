"""The network of the reserved area's tests (tests/reserved/conftest.py: ATR-AL around
Bari with the chain "CAV Aurora" open Mon, Wed, Fri 9–13; ATR-BE around Bologna), its
people, and a helper that proposes a change through the service."""

from __future__ import annotations

from typing import Any

import pytest

from rete.change_requests.kinds import KINDS, Target
from rete.change_requests.services import change_request_create
from tests.reserved.conftest import as_person, net, people  # noqa: F401 - fixtures

HOURS_FORM = {
    "rule_0_days": ["MO", "TU", "WE", "TH", "FR", "SA"],
    "rule_0_opens_at": "09:00",
    "rule_0_closes_at": "13:00",
}


def form_for(kind: str, target: Target, data: dict[str, Any]):
    return KINDS[kind].form_class(data, target=target)


@pytest.fixture
def propose(people):  # noqa: F811 - the fixture imported above
    """propose(kind, target, data, by=people.referent_a): the form validated and the
    change recorded, as the view does."""

    def make(kind: str, target: Target, data: dict[str, Any], *, by=None):
        form = form_for(kind, target, data)
        assert form.is_valid(), form.errors
        return change_request_create(
            territory=target.territory,
            kind=kind,
            target=target,
            cleaned_data=form.cleaned_data,
            by=by or people.referent_a,
        )

    return make
