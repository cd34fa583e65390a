"""One entry in full: who, what, when, the record, the details and both hashes."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_it_shows_the_entry_with_its_hashes(client: Client, dora, olga, log) -> None:
    entry = log[1]
    client.force_login(dora)

    response = client.get(reverse("reserved:audit_entry", args=[entry.sequence]))

    page = response.content.decode()
    assert response.status_code == 200
    assert entry.entry_hash in page
    assert entry.previous_hash in page
    assert olga.account.personal_code in page
    assert "10.0.0.7" in page
    assert "outcome, classification" in page
    local = timezone.localtime(entry.created_at)
    assert local.strftime("%d/%m/%Y %H:%M:%S") in page
    assert reverse("reserved:audit_entry", args=[log[0].sequence]) in page
    assert reverse("reserved:audit_entry", args=[log[2].sequence]) in page


def test_an_entry_that_does_not_exist_is_404(client: Client, dora, log) -> None:
    client.force_login(dora)

    assert client.get(reverse("reserved:audit_entry", args=[999999])).status_code == 404
