"""The computation task on both backends: the ImmediateBackend of the tests, and the
database backend of production with its worker (`rete db_worker`)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from rete.accounts.roles import DEPARTMENT_ADMIN
from rete.statistics.models import Release, ReleaseStatus
from rete.statistics.services import release_request
from rete.statistics.tasks import compute_release
from tests.people import make_person
from tests.statistics.releases.engine import CONTACTS, install_fake_engine

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def engine(monkeypatch):
    return install_fake_engine(monkeypatch)


@pytest.mark.django_db
def test_the_task_computes_the_release_on_the_immediate_backend(engine):
    dora = make_person("dora", DEPARTMENT_ADMIN)
    release = release_request(period="2026Q1", actor=dora, today=date(2026, 4, 2), enqueue=False)
    result = compute_release.enqueue(release.pk)
    assert result.return_value == "ready"
    release.refresh_from_db()
    assert release.status == ReleaseStatus.READY
    assert release.contacts_count == CONTACTS


@pytest.mark.django_db
def test_a_failed_computation_is_a_successful_task_with_a_failed_release(engine):
    engine.fail_with = MemoryError()
    dora = make_person("dora", DEPARTMENT_ADMIN)
    release = release_request(period="2026Q1", actor=dora, today=date(2026, 4, 2), enqueue=False)
    assert compute_release.enqueue(release.pk).return_value == "failed"
    release.refresh_from_db()
    assert release.error.startswith("MemoryError")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_on_the_database_backend_the_worker_computes_the_requested_release(engine):
    dora = make_person("dora", DEPARTMENT_ADMIN)
    release = release_request(period="2026Q1", actor=dora, today=date(2026, 4, 2))
    release.refresh_from_db()
    # Committed, enqueued, waiting for a worker.
    assert release.status == ReleaseStatus.COMPUTING
    task = DBTaskResult.objects.get()
    assert release.task_id == str(task.id)
    assert task.args_kwargs == {"args": [release.pk], "kwargs": {}}
    assert engine.calls == []

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    release.refresh_from_db()
    assert release.status == ReleaseStatus.READY
    assert release.contacts_count == CONTACTS
    assert engine.calls == ["2026Q1"]
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert task.return_value == "ready"
    assert Release.objects.count() == 1
