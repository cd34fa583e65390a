"""The Department's release screens: the request form in the list, the progress fragment,
the review, publication and discarding, the previews; and nobody else reaches them."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from rete.accounts.roles import DEPARTMENT_ADMIN, HELPLINE_OPERATOR, STEERING_COMMITTEE
from rete.audit.models import AuditAction, AuditEntry
from rete.statistics.models import Release, ReleaseStatus
from rete.statistics.periods import last_closed_quarter
from rete.statistics.releases.forms import ReleaseRequestForm
from tests.people import make_person
from tests.statistics.factories import release_make
from tests.statistics.releases.engine import install_fake_engine

pytestmark = pytest.mark.django_db
BASE = "/area-riservata/dati/"


@pytest.fixture
def engine(monkeypatch):
    return install_fake_engine(monkeypatch)


def _client(user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def dora():
    return make_person("dora", DEPARTMENT_ADMIN)


@pytest.fixture
def department(dora) -> Client:
    return _client(dora)


def _latest_closed() -> str:
    return last_closed_quarter(timezone.localdate()).code


def _ready_release(department, engine, django_capture_on_commit_callbacks) -> Release:
    with django_capture_on_commit_callbacks(execute=True):
        response = department.post(f"{BASE}nuovo/", {"period": _latest_closed(), "notes": ""})
    assert response.status_code == 302
    return Release.objects.get()


# --- The request form ----------------------------------------------------------------------


def test_the_form_offers_the_closed_quarters_and_years_the_latest_quarter_first():
    form = ReleaseRequestForm(today=date(2026, 4, 2))
    (_quarters, quarters), (_years, years) = form.fields["period"].choices
    assert [code for code, _label in quarters][:3] == ["2026Q1", "2025Q4", "2025Q3"]
    assert len(quarters) == 12
    assert [code for code, _label in years] == ["2025", "2024", "2023"]
    assert form.fields["period"].initial == "2026Q1"


def test_the_list_shows_the_department_the_form_and_the_unfinished_releases(department):
    release_make("2025Q2", status=ReleaseStatus.COMPUTING)
    release_make("2025Q1", status=ReleaseStatus.PUBLISHED)
    html = department.get(BASE).content.decode()
    assert 'data-testid="release-request-form"' in html
    assert f'<option value="{_latest_closed()}" selected>' in html
    assert "Q2 2025 (April–June) — release 1</a>: Computing (100%)" in html
    assert "Q1 2025 (January–March) — release 1</a>" not in html


def test_the_list_shows_no_form_to_other_readers():
    committee = make_person("carla", STEERING_COMMITTEE)
    html = _client(committee).get(BASE).content.decode()
    assert "release-request-form" not in html


def test_a_request_computes_and_leads_to_the_review(
    department, dora, engine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = department.post(f"{BASE}nuovo/", {"period": _latest_closed(), "notes": ""})
    release = Release.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{release.pk}/"
    assert release.status == ReleaseStatus.READY
    assert release.requested_by == dora
    html = department.get(response["Location"]).content.decode()
    assert 'data-testid="summary-contacts">42<' in html
    assert 'data-testid="summary-tables">36 public, 56 reserved<' in html
    assert 'data-testid="summary-primary">3<' in html
    assert 'data-testid="summary-secondary">4<' in html
    assert "Passed: the narrowest range of a suppressed value is 12" in html
    assert f'href="{BASE}{release.pk}/anteprima/national/IT/">Italia</a>' in html
    assert f'href="{BASE}{release.pk}/anteprima/region/16/">Puglia</a>' in html
    assert f'href="{BASE}{release.pk}/anteprima/territory/ATR-AL/">Ambito Alfa</a>' in html
    assert "/anteprima/province/" not in html
    assert 'data-testid="publish-form"' in html
    assert 'data-testid="discard-form"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"period": "2099Q1"}, "Select a valid choice"),
        ({"period": ""}, "This field is required"),
    ],
)
def test_a_bad_request_shows_the_form_again_and_changes_nothing(department, data, message):
    response = department.post(f"{BASE}nuovo/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Release.objects.count() == 0


def test_a_second_request_for_a_period_under_review_is_refused(department):
    release_make(_latest_closed(), status=ReleaseStatus.READY)
    response = department.post(f"{BASE}nuovo/", {"period": _latest_closed()})
    assert response.status_code == 400
    assert "already has a release being computed or waiting for review" in (
        response.content.decode()
    )
    assert Release.objects.count() == 1


def test_a_correction_without_a_note_is_refused(department):
    release_make(_latest_closed(), status=ReleaseStatus.PUBLISHED)
    response = department.post(f"{BASE}nuovo/", {"period": _latest_closed(), "notes": " "})
    assert response.status_code == 400
    assert "is already published: a new release corrects it" in response.content.decode()
    assert Release.objects.count() == 1


# --- Progress ------------------------------------------------------------------------------


def test_the_progress_fragment_polls_while_computing(department):
    release = release_make("2025Q4", status=ReleaseStatus.COMPUTING)
    Release.objects.filter(pk=release.pk).update(progress=45, progress_note="Victims by age")
    response = department.get(f"{BASE}{release.pk}/avanzamento/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # a fragment
    assert 'role="progressbar"' in html
    assert 'aria-valuenow="45"' in html
    assert 'hx-trigger="every 2s"' in html
    assert f'hx-get="{BASE}{release.pk}/avanzamento/"' in html
    assert "Victims by age" in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_progress_fragment_shows_the_review_once_ready(department):
    release = release_make("2025Q4", status=ReleaseStatus.READY)
    html = department.get(f"{BASE}{release.pk}/avanzamento/").content.decode()
    assert "hx-trigger" not in html
    assert "progressbar" not in html
    assert 'data-testid="summary-contacts">1000<' in html
    assert "Publish the release" in html


def test_the_progress_fragment_shows_a_failure(department):
    release = release_make("2025Q4", status=ReleaseStatus.FAILED)
    Release.objects.filter(pk=release.pk).update(error="KeyError at 45% (Victims by age)")
    html = department.get(f"{BASE}{release.pk}/avanzamento/").content.decode()
    assert "hx-trigger" not in html
    assert "The computation failed." in html
    assert "KeyError at 45% (Victims by age)" in html
    assert 'data-testid="discard-form"' in html
    assert "Publish the release" not in html


# --- Publish, discard ----------------------------------------------------------------------


def test_publish_needs_the_confirmation(department):
    release = release_make("2025Q4", status=ReleaseStatus.READY)
    response = department.post(f"{BASE}{release.pk}/pubblica/", {})
    assert response.status_code == 400
    assert "Tick the box to confirm the publication." in response.content.decode()
    release.refresh_from_db()
    assert release.status == ReleaseStatus.READY


def test_publish(department, dora):
    release = release_make("2025Q4", status=ReleaseStatus.READY)
    response = department.post(f"{BASE}{release.pk}/pubblica/", {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{release.pk}/"
    release.refresh_from_db()
    assert release.status == ReleaseStatus.PUBLISHED
    assert release.published_by == dora
    entry = AuditEntry.objects.get(action=AuditAction.STATISTICS_RELEASE_PUBLISH)
    assert entry.actor == dora
    page = department.get(response["Location"]).content.decode()
    assert "Release 1 of Q4 2025 (October–December) published." in page
    assert 'data-testid="release-status">Published<' in page


def test_a_release_not_ready_is_not_published(department):
    release = release_make("2025Q4", status=ReleaseStatus.COMPUTING)
    response = department.post(f"{BASE}{release.pk}/pubblica/", {"confirm": "on"})
    assert response.status_code == 400
    assert "Only a release ready for review can be published" in response.content.decode()
    release.refresh_from_db()
    assert release.status == ReleaseStatus.COMPUTING


def test_discard_needs_a_reason(department):
    release = release_make("2025Q4", status=ReleaseStatus.READY)
    response = department.post(f"{BASE}{release.pk}/scarta/", {"reason": "   "})
    assert response.status_code == 400
    assert "Say why the release is discarded." in response.content.decode()
    release.refresh_from_db()
    assert release.status == ReleaseStatus.READY


def test_discard(department):
    release = release_make("2025Q4", status=ReleaseStatus.READY)
    response = department.post(f"{BASE}{release.pk}/scarta/", {"reason": "Dati incompleti"})
    assert response.status_code == 302
    assert response["Location"] == BASE
    release.refresh_from_db()
    assert release.status == ReleaseStatus.DISCARDED
    assert release.discard_reason == "Dati incompleti"
    html = department.get(f"{BASE}{release.pk}/").content.decode()
    assert "This release was discarded. Reason: Dati incompleti" in html


def test_a_published_release_is_not_discarded(department):
    release = release_make("2025Q4", status=ReleaseStatus.PUBLISHED)
    response = department.post(f"{BASE}{release.pk}/scarta/", {"reason": "Errore"})
    assert response.status_code == 400
    assert "can be discarded" in response.content.decode()
    release.refresh_from_db()
    assert release.status == ReleaseStatus.PUBLISHED


# --- Preview -------------------------------------------------------------------------------


def test_the_preview_shows_the_public_tables_with_suppressed_values_marked(
    department, dora, engine, django_capture_on_commit_callbacks
):
    release = _ready_release(department, engine, django_capture_on_commit_callbacks)
    response = department.get(f"{BASE}{release.pk}/anteprima/territory/ATR-AL/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Ambito Alfa" in html
    assert html.count('data-testid="preview-table"') == 12
    assert "Transfers" not in html  # reserved tables are not in the public preview
    assert html.count(">n.p.</td>") == 12  # the stand-in hid the first cell of each
    assert "They are not public yet." in html
    entry = AuditEntry.objects.get(action=AuditAction.STATISTICS_READ)
    assert entry.actor == dora
    assert entry.details == {
        "screen": "preview",
        "level": "territory",
        "area": "ATR-AL",
        "period": release.period,
    }


@pytest.mark.parametrize("path", ["province/BA/", "national/XX/", "nowhere/IT/"])
def test_no_preview_of_what_the_public_will_not_see(department, path):
    release = release_make("2025Q4", status=ReleaseStatus.READY)
    assert department.get(f"{BASE}{release.pk}/anteprima/{path}").status_code == 404


# --- Access --------------------------------------------------------------------------------


def _department_paths(pk: int) -> list[tuple[str, str]]:
    return [
        ("post", f"{BASE}nuovo/"),
        ("get", f"{BASE}{pk}/avanzamento/"),
        ("post", f"{BASE}{pk}/pubblica/"),
        ("post", f"{BASE}{pk}/scarta/"),
        ("get", f"{BASE}{pk}/anteprima/national/IT/"),
    ]


@pytest.mark.parametrize("role", [STEERING_COMMITTEE, HELPLINE_OPERATOR])
def test_other_roles_get_403_and_nothing_changes(role):
    release = release_make("2025Q4", status=ReleaseStatus.READY)
    client = _client(make_person("altro", role))
    for method, path in _department_paths(release.pk):
        data = {"period": "2025Q4", "confirm": "on", "reason": "x"}
        response = getattr(client, method)(path, data)
        assert response.status_code == 403, path
    release.refresh_from_db()
    assert release.status == ReleaseStatus.READY
    assert Release.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in():
    release = release_make("2025Q4", status=ReleaseStatus.READY)
    for method, path in _department_paths(release.pk):
        response = getattr(_client(), method)(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accesso/")


def test_the_forms_accept_only_post(department):
    release = release_make("2025Q4", status=ReleaseStatus.READY)
    for path in (f"{BASE}nuovo/", f"{BASE}{release.pk}/pubblica/", f"{BASE}{release.pk}/scarta/"):
        assert department.get(path).status_code == 405
