"""The Department exports the filtered log: CSV for a spreadsheet, JSON Lines to verify the
chain offline. Every export is audited with its row count."""

import csv
import hashlib
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from rete.audit.chain import GENESIS_HASH
from rete.audit.models import AuditEntry
from rete.audit.services import audit_record

pytestmark = pytest.mark.django_db


def export(client: Client, **query) -> tuple[object, bytes]:
    response = client.get(reverse("reserved:audit_export"), query)
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response, body


def csv_rows(body: bytes) -> list[dict[str, str]]:
    assert body.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_it_exports_the_filtered_entries_as_csv(client: Client, dora, sara, log) -> None:
    client.force_login(dora)

    response, body = export(client, format="csv", actor="sara")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="registro-audit-')
    rows = csv_rows(body)
    # Oldest first, each with who (and their personal code), what and on which record.
    assert [row["sequence"] for row in rows] == [str(log[2].sequence), str(log[3].sequence)]
    assert rows[1]["actor_username"] == "sara"
    assert rows[1]["personal_code"] == sara.account.personal_code
    assert rows[1]["action"] == "contact.export"
    assert json.loads(rows[1]["details"]) == {"format": "csv", "rows": 1}
    assert rows[1]["instant"].endswith("+01:00")


def test_the_export_is_audited_with_its_count(client: Client, dora, log) -> None:
    client.force_login(dora)

    _, body = export(client, format="csv", action="contact.read")

    entry = AuditEntry.objects.filter(action="audit.export").get()
    assert entry.actor_id == dora.pk
    assert entry.details["rows"] == len(csv_rows(body)) == 2
    assert entry.details["format"] == "csv"
    assert entry.details["filters"] == ["action"]
    # The export stops at the entry before its own.
    assert entry.details["up_to_sequence"] == entry.sequence - 1


def test_entries_written_during_the_export_are_left_out(client: Client, dora, log) -> None:
    client.force_login(dora)
    response = client.get(reverse("reserved:audit_export"), {"format": "csv"})
    late = audit_record(
        actor=None, action="contact.read", target_type="helpline.contact", target_id=9
    )

    rows = csv_rows(b"".join(response.streaming_content))

    counted = AuditEntry.objects.filter(action="audit.export").get().details["rows"]
    assert len(rows) == counted
    assert str(late.sequence) not in {row["sequence"] for row in rows}


def test_a_cell_that_a_spreadsheet_would_run_is_defused(client: Client, dora) -> None:
    audit_record(
        actor=None,
        action="contact.update",
        target_type="helpline.contact",
        target_id="=HYPERLINK(1)",
    )
    client.force_login(dora)

    _, body = export(client, format="csv", action="contact.update")

    assert csv_rows(body)[0]["target_id"] == "'=HYPERLINK(1)"


def test_the_json_lines_export_verifies_offline(client: Client, dora, log) -> None:
    """The procedure written on the page, with nothing but hashlib and json."""
    client.force_login(dora)

    response, body = export(client, format="jsonl")

    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    lines = body.decode().splitlines()
    previous = GENESIS_HASH
    for number, line in enumerate(lines, start=1):
        document = json.loads(line)
        entry_hash = document.pop("entry_hash")
        payload = json.dumps(
            document, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode()
        assert hashlib.sha256(payload).hexdigest() == entry_hash
        assert document["sequence"] == number
        assert document["previous_hash"] == previous
        previous = entry_hash
    assert len(lines) == AuditEntry.objects.count() - 1  # all but the export's own entry
    assert previous == AuditEntry.objects.get(sequence=len(lines)).entry_hash


def test_a_changed_entry_fails_the_offline_check(client: Client, dora, log) -> None:
    client.force_login(dora)
    _, body = export(client, format="jsonl")
    documents = [json.loads(line) for line in body.decode().splitlines()]

    forged = dict(documents[3], actor_username="someone-else")
    entry_hash = forged.pop("entry_hash")
    payload = json.dumps(forged, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    assert hashlib.sha256(payload.encode()).hexdigest() != entry_hash


def test_the_page_explains_the_offline_check(client: Client, dora) -> None:
    client.force_login(dora)

    page = client.get(reverse("reserved:audit")).content.decode()

    assert "hashlib.sha256(payload).hexdigest() == entry_hash" in page
    assert reverse("reserved:audit_export") + "?format=jsonl" in page


def test_it_refuses_an_unknown_format(client: Client, dora, log) -> None:
    client.force_login(dora)
    before = AuditEntry.objects.count()

    response, _ = export(client, format="xlsx")

    assert response.status_code == 400
    assert AuditEntry.objects.count() == before


def test_it_refuses_bad_filters_and_writes_nothing(client: Client, dora, log) -> None:
    client.force_login(dora)
    before = AuditEntry.objects.count()

    response, _ = export(client, format="csv", target_id="41")

    assert response.status_code == 400
    assert AuditEntry.objects.count() == before


def test_it_streams_under_asgi_too(client: Client, dora, log) -> None:
    """Served by ASGI (daphne, uvicorn), the export is sent as it is read, not gathered in
    memory first (Django does that to a synchronous iterator)."""
    from asgiref.sync import async_to_sync
    from django.conf import settings
    from django.test import AsyncClient

    client.force_login(dora)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    async def fetch() -> tuple[object, list[bytes]]:
        asgi = AsyncClient()
        asgi.cookies[settings.SESSION_COOKIE_NAME] = session
        response = await asgi.get(reverse("reserved:audit_export"), {"format": "csv"})
        assert response.is_async
        return response, [chunk async for chunk in response.streaming_content]

    response, chunks = async_to_sync(fetch)()

    rows = csv_rows(b"".join(chunks))
    assert response.status_code == 200
    assert str(log[-1].sequence) in {row["sequence"] for row in rows}
