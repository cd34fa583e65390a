"""The page shows the last verification of the chain; "Verify now" runs one."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from rete.audit.models import AuditEntry, AuditVerificationRun
from rete.audit.verification import audit_verification_run

pytestmark = pytest.mark.django_db


def banner(client: Client) -> str:
    page = client.get(reverse("reserved:audit")).content.decode()
    start = page.index('data-testid="verification"')
    return page[start : page.index("</section>", start)]


def test_it_says_when_the_chain_was_never_verified(client: Client, dora, log) -> None:
    client.force_login(dora)

    text = banner(client)

    assert "alert-warning" in text
    assert not AuditVerificationRun.objects.exists()


def test_it_shows_the_last_run_without_verifying_again(client: Client, dora, log) -> None:
    _, run = audit_verification_run(source="command")
    client.force_login(dora)

    text = banner(client)

    assert "alert-success" in text
    assert run.last_hash in text
    assert AuditVerificationRun.objects.count() == 1


def test_verify_now_runs_and_keeps_a_verification(client: Client, dora, log) -> None:
    client.force_login(dora)

    response = client.post(reverse("reserved:audit_verify"), follow=True)

    run = AuditVerificationRun.objects.get()
    assert run.intact
    assert run.source == "web"
    assert run.requested_by == dora
    assert "alert-success" in response.content.decode()
    entry = AuditEntry.objects.filter(action="audit.verify").get()
    assert entry.actor_id == dora.pk
    assert entry.details["intact"] is True
    assert entry.details["entries_verified"] == run.entries_verified


def test_verify_now_shows_where_the_chain_broke(client: Client, dora, log) -> None:
    # Past the trigger, as an owner of the database could.
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER audit_auditentry_append_only")
        else:
            cursor.execute("DROP TRIGGER audit_auditentry_append_only")
        cursor.execute(
            f"UPDATE {table} SET target_id = '99' WHERE sequence = %s", [log[1].sequence]
        )
    client.force_login(dora)

    response = client.post(reverse("reserved:audit_verify"), follow=True)

    page = response.content.decode()
    run = AuditVerificationRun.objects.get()
    assert not run.intact
    assert run.break_sequence == log[1].sequence
    assert "alert-danger" in page
    assert f"{log[1].sequence} (hash_mismatch)" in page


def test_verify_now_needs_a_post(client: Client, dora, log) -> None:
    client.force_login(dora)

    assert client.get(reverse("reserved:audit_verify")).status_code == 405
    assert not AuditVerificationRun.objects.exists()
