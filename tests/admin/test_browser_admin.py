"""In Chromium: the Department signs in and adds a service with its opening hours."""

import datetime
import re

import pytest

from rete.directory.models import Service
from tests.admin import factories
from tests.admin.conftest import PASSWORD
from tests.browser_sign_in import sign_in

# serialized_rollback: the live server needs a transactional database, whose flush
# would otherwise leave the next tests without the ISTAT comuni loaded by migrate.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def choose_autocomplete(page, field_id: str, term: str, option: str) -> None:
    """Pick `option` in the admin's select2 autocomplete of the field `field_id`."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(term)
    exact = re.compile(f"^{re.escape(option)}$")
    page.locator(".select2-results__option").filter(has_text=exact).click()


def test_it_adds_a_service_with_weekly_openings(live_server, browser_page, dora) -> None:
    factories.organization("Associazione GIRAFFA Onlus")
    page = browser_page

    sign_in(page, live_server.url, dora, next_path="/admin/", password=PASSWORD)
    assert page.url == f"{live_server.url}/admin/"
    page.get_by_role("link", name="Servizi", exact=True).click()
    page.get_by_role("link", name=re.compile("Aggiungi servizio")).click()

    page.locator("#id_name").press_sequentially("Centro antiviolenza GIRAFFA")
    assert page.input_value("#id_ext_id") == "centro-antiviolenza-giraffa"
    page.fill("#id_ext_id", "svc-giraffa")
    choose_autocomplete(page, "id_organization", "giraffa", "Associazione GIRAFFA Onlus")
    page.select_option("#id_kind", "anti_violence_centre")
    page.fill("#id_location-0-address", "Via Napoli 308")
    choose_autocomplete(page, "id_location-0-comune", "bari", "Bari (BA)")
    page.fill("#id_phones-0-number", "080 5741461")
    for day in ("Lunedì", "Mercoledì", "Venerdì"):
        page.locator("#schedules-group").get_by_label(day).first.check()
    page.fill("#id_schedules-0-opens_at", "09:00")
    page.fill("#id_schedules-0-closes_at", "13:00")
    page.click("input[name=_save]")

    message = page.locator(".messagelist .success")
    message.wait_for()
    assert "è stato aggiunto con successo" in message.inner_text()
    assert "Centro antiviolenza GIRAFFA" in message.inner_text()
    service = Service.objects.get(ext_id="svc-giraffa")
    assert service.location.comune_id == factories.BARI
    assert list(service.phones.values_list("number", flat=True)) == ["+390805741461"]
    assert list(service.schedules.values_list("byday", "opens_at", "closes_at")) == [
        ("MO,WE,FR", datetime.time(9), datetime.time(13))
    ]
