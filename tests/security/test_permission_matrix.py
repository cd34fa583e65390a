"""Every URL of the project answers each kind of person as the matrix says
(tests/security/matrix.py), and no URL exists that the matrix does not know.

A new page fails `test_it_knows_every_url_of_the_project` until someone writes down who
may open it. Each person's request runs in a transaction rolled back afterwards, so that
what one allowed person does (e.g. a supervisor taking a contact over) does not change
what the next one sees; a request by someone not allowed must change nothing at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse

from rete.accounts.roles import ROLES
from rete.accounts.services import account_ensure
from rete.accounts.tokens import api_token_create
from tests.security.admin_rule import admin_generated_keys, admin_models
from tests.security.matrix import MATRIX, Spec, specs
from tests.security.urls import ADMIN_LOGIN, LOGIN, outcome, url_patterns
from tests.security.world import (
    ACTORS,
    DEPARTMENT_ADMIN,
    HELPLINE_OPERATOR,
    HELPLINE_SUPERVISOR,
    World,
    world_build,
)

RESERVED_PREFIX = "area-riservata/"
# What an allowed person may do changes these, and so does signing in (sessions, the
# second factor's device, the audit log of reads and refusals): not "a change".
UNWATCHED_APPS = {"sessions", "audit", "axes", "otp_totp", "otp_static", "geography"}
UNWATCHED_MODELS = {"accounts.usersession"}
VOLATILE_FIELDS = {"last_login", "last_used_at", "last_seen_at", "throttling_failure_timestamp"}


@pytest.fixture
def world(db: None) -> World:
    return world_build()


def _url(key: str, spec: Spec, world: World) -> str:
    kwargs = spec.kwargs(world) if spec.kwargs else {}
    url = spec.path or reverse(key, kwargs=kwargs)
    return f"{url}?{spec.query}" if spec.query else url


def _ask(world: World, actor: str, spec: Spec, url: str) -> int | str:
    client = Client(raise_request_exception=False)
    person = world.person(actor)
    if person is not None:
        client.force_login(person)
    send = getattr(client, spec.method.lower())
    return outcome(send(url, {}, headers=dict(spec.headers)))


def _database_fingerprint() -> str:
    """A digest of every row of every table a page could change."""
    digest = hashlib.blake2b(digest_size=20)
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        if meta.app_label in UNWATCHED_APPS or meta.label_lower in UNWATCHED_MODELS:
            continue
        fields = [f.attname for f in meta.concrete_fields if f.name not in VOLATILE_FIELDS]
        digest.update(meta.label_lower.encode())
        for row in model._default_manager.order_by("pk").values_list(*fields):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _refused(expected: int | str) -> bool:
    # 400: bad input changes nothing either (a clear error, nothing written).
    return expected in (LOGIN, ADMIN_LOGIN, 400, 401, 403, 404, 405)


def _answers(world: World, key: str, spec: Spec) -> Iterator[tuple[str, int | str, int | str]]:
    """(actor, expected, got) for every actor, each in a rolled-back transaction; for a
    POST, a refused person must leave every watched table exactly as it was."""
    url = _url(key, spec, world)
    before = _database_fingerprint() if spec.method != "GET" else None
    for actor in ACTORS:
        expected = spec.expect[actor]
        with transaction.atomic():
            got = _ask(world, actor, spec, url)
            if before is not None and _refused(expected) and _database_fingerprint() != before:
                got = f"{got} and changed data"
            transaction.set_rollback(True)
        yield actor, expected, got


def _keys() -> list[str]:
    return sorted(MATRIX)


@pytest.mark.django_db
def test_it_knows_every_url_of_the_project() -> None:
    known = set(MATRIX) | admin_generated_keys()
    missing = sorted({p.key for p in url_patterns()} - known)

    assert not missing, "URL patterns missing from tests/security/matrix.py:\n" + "\n".join(missing)


@pytest.mark.django_db
def test_every_row_of_the_matrix_names_a_url_that_exists() -> None:
    existing = {p.key for p in url_patterns()}
    stale = sorted(set(MATRIX) - existing)

    assert not stale, "Rows of the matrix for URLs that do not exist:\n" + "\n".join(stale)


@pytest.mark.parametrize("key", _keys())
def test_it_answers_each_person_as_the_matrix_says(world: World, key: str) -> None:
    try:
        rows = [list(_answers(world, key, spec)) for spec in specs(key)]
    except NoReverseMatch as error:
        pytest.fail(f"{key} does not reverse with the row's kwargs: {error}")
    wrong = [
        f"{spec.method} {key} as {actor}: expected {expected}, got {got}"
        for spec, answers in zip(specs(key), rows, strict=True)
        for actor, expected, got in answers
        if expected != got
    ]

    assert not wrong, "\n".join(wrong)


def _routes_under(prefix: str) -> list[str]:
    return sorted({p.key for p in url_patterns() if p.route.startswith(prefix)})


def _person_without_grant():
    """Signed in, second factor passed, an account — but no role anywhere."""
    user = get_user_model().objects.create_user(
        "m-nobody", "m-nobody@example.org", "Sirena-di-Bari-2026"
    )
    account_ensure(user)
    return user


def test_every_reserved_page_sends_anonymous_to_sign_in_and_refuses_a_person_without_grant(
    world: World,
) -> None:
    """The issue's rule, as a property of every pattern under /area-riservata/ (whatever the
    matrix says): anonymous is sent to sign in; a person without a grant gets 403 or 404."""
    nobody = _person_without_grant()
    wrong = []
    for key in _routes_under(RESERVED_PREFIX):
        if key not in MATRIX:
            wrong.append(f"{key}: not in the matrix, cannot be asked")
            continue
        for spec in specs(key):
            url = _url(key, spec, world)
            send = spec.method.lower()
            anonymous = outcome(getattr(Client(), send)(url, {}))
            client = Client(raise_request_exception=False)
            client.force_login(nobody)
            signed_in = outcome(getattr(client, send)(url, {}))
            if anonymous != LOGIN:
                wrong.append(f"{spec.method} {url} as anonymous: {anonymous}")
            if signed_in not in (403, 404):
                wrong.append(f"{spec.method} {url} without a grant: {signed_in}")

    assert _routes_under(RESERVED_PREFIX), "no pattern under /area-riservata/?"
    assert not wrong, "\n".join(wrong)


def test_admin_pages_follow_the_role_permissions(world: World) -> None:
    """The admin group's rule (tests/security/admin_rule.py) on every registered model."""
    wrong = []
    clients = {}
    for role in ROLES:
        clients[role] = Client(raise_request_exception=False)
        clients[role].force_login(world.people[role])
    anonymous = Client()
    for model in admin_models():
        for page, actions in (("changelist", ("view", "change")), ("add", ("add",))):
            url = reverse(f"admin:{model.app_label}_{model.model_name}_{page}")
            got = outcome(anonymous.get(url))
            if got != ADMIN_LOGIN:
                wrong.append(f"{url} as anonymous: {got}")
            for role in ROLES:
                got = outcome(clients[role].get(url))
                if not model.holds(role, *actions):
                    allowed = {403}
                elif page == "changelist":
                    allowed = {200}
                else:
                    allowed = {200, 403}
                if got not in allowed:
                    wrong.append(f"{url} as {role}: expected {sorted(allowed)}, got {got}")

    assert not wrong, "\n".join(wrong)


def test_the_contacts_api_takes_the_token_of_a_helpline_person_only(world: World) -> None:
    contact = world.objects["contact"]
    url = reverse("api-v1:contacts_read", kwargs={"contact_id": str(contact.public_id)})
    answers = {}
    for role in (HELPLINE_OPERATOR, HELPLINE_SUPERVISOR, DEPARTMENT_ADMIN):
        _, token = api_token_create(user=world.people[role], name="matrix")
        answers[role] = Client().get(url, headers={"Authorization": f"Bearer {token}"})
    wrong_token = Client().get(url, headers={"Authorization": "Bearer rete_not-a-token"})

    assert answers[HELPLINE_OPERATOR].status_code == 200
    assert answers[HELPLINE_SUPERVISOR].status_code == 200
    # Not a helpline person: the contact "does not exist" for them.
    assert answers[DEPARTMENT_ADMIN].status_code == 404
    assert wrong_token.status_code == 401
