"""The Department's staff write a service's accessibility in the admin; the public page shows
it (see test_service_page.test_it_shows_accessibility_when_set)."""

from __future__ import annotations

from typing import Any

import pytest

from rete.directory.models import Service
from tests.portal.service_page.conftest import GIRAFFA

pytestmark = pytest.mark.usefixtures("portal_network")


def test_the_admin_offers_the_accessibility_field(admin_client: Any) -> None:
    service = Service.objects.get(ext_id=GIRAFFA)
    response = admin_client.get(f"/admin/directory/service/{service.pk}/change/")
    assert response.status_code == 200
    assert 'name="accessibility"' in response.content.decode()


def test_it_is_blank_unless_written() -> None:
    service = Service.objects.get(ext_id=GIRAFFA)
    assert service.accessibility == ""
    service.full_clean()
