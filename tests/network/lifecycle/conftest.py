"""Fixtures of the protocols' lifecycle: the reserved area's small network (ATR-AL with its
protocol in force, ATR-BE) and one person per role, and helpers to set a protocol's dates."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rete.network.models import Protocol
from rete.publications.demofiles import pdf_make
from tests.reserved.conftest import as_person, net, people  # noqa: F401 - fixtures

PDF = pdf_make("Protocollo rinnovato", ["Testo firmato."])


def pdf_upload(name: str = "rinnovo.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def protocol_a(net) -> Protocol:  # noqa: F811 - the imported fixture
    """ATR-AL's protocol: active, 2025-01-01 to 2026-12-31."""
    protocol = Protocol.objects.get(territory=net.a)
    protocol.title = "Protocollo d'intesa Alfa"
    protocol.valid_from = date(2025, 1, 1)
    protocol.valid_to = date(2026, 12, 31)
    protocol.save()
    return protocol
