"""The audit log in the admin: readable with the view permission, never writable.

Sara (supervisor) is given "view audit entry" here directly; which roles hold it is
declared in rete.accounts.roles. Olga (operator) has no access.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from rete.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(sara):
    sara.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    return get_user_model().objects.get(pk=sara.pk)


@pytest.fixture
def root(db):
    return get_user_model().objects.create_superuser(
        username="root", email="root@example.org", password="Sirena-di-Bari-2026"
    )


def test_it_lists_the_entries_to_a_reader(client: Client, reader, log) -> None:
    client.force_login(reader)

    response = client.get(reverse("admin:audit_auditentry_changelist"))

    assert response.status_code == 200
    # Newest first; 6 is the reader's own sign-in.
    assert [entry.sequence for entry in response.context["cl"].result_list] == [6, 5, 4, 3, 2, 1]


def test_it_shows_an_entry_read_only(client: Client, reader, log) -> None:
    client.force_login(reader)

    response = client.get(reverse("admin:audit_auditentry_change", args=[3]))

    assert response.status_code == 200
    assert log[2].entry_hash in response.content.decode()
    assert b'name="_save"' not in response.content


def test_it_refuses_an_operator(client: Client, olga, log) -> None:
    client.force_login(olga)

    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 403
    assert client.get(reverse("admin:audit_auditentry_change", args=[3])).status_code == 403


def test_it_sends_an_anonymous_visitor_to_sign_in(client: Client, log) -> None:
    response = client.get(reverse("admin:audit_auditentry_changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("who", ["reader", "root"])
def test_it_refuses_to_add_change_or_delete_even_to_a_superuser(
    client: Client, request, log, who: str
) -> None:
    client.force_login(request.getfixturevalue(who))

    add = client.get(reverse("admin:audit_auditentry_add"))
    change = client.post(reverse("admin:audit_auditentry_change", args=[3]), {"target_id": "42"})
    delete = client.post(reverse("admin:audit_auditentry_delete", args=[3]), {"post": "yes"})
    bulk = client.post(
        reverse("admin:audit_auditentry_changelist"),
        {"action": "delete_selected", "_selected_action": ["3"], "post": "yes"},
    )

    assert add.status_code == 403
    assert change.status_code == 403
    assert delete.status_code == 403
    assert bulk.status_code in (200, 302)
    # The five of the log and the sign-in.
    assert AuditEntry.objects.count() == 6
    assert AuditEntry.objects.get(sequence=3).target_id == "41"
