"""`rete demo`: migrate, load the demo network and the demo accounts, serve."""

import base64
import io
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN, NETWORK_OPERATOR, ROLES
from rete.accounts.scopes import user_scope
from rete.demo.management.commands import demo as demo_command
from rete.demo.seed_bari import BARI_TERRITORY, GIRAFFA_ORGANIZATION
from rete.demo.services import (
    DEMO_PASSWORD,
    DEMO_TOTP_KEY,
    demo_totp_code,
    demo_username,
    network_counts,
)
from rete.helpline.contacts.models import Contact
from rete.network.models import Territory
from rete.network.revision import network_revision_current
from rete.statistics.models import Release, ReleaseStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug(settings: Any) -> None:
    settings.DEBUG = True


def _run(*args: str) -> str:
    out = io.StringIO()
    # The statistics' synthetic contacts have their own test below.
    call_command("demo", "--no-serve", "--synthetic-contacts", "0", *args, stdout=out)
    return out.getvalue()


def test_it_loads_the_demo_network(debug: None) -> None:
    _run()

    assert network_counts() == {
        "territories": 27,
        "protocols": 28,
        "organizations": 66,
        "services": 81,
        "referrals": 51,
        "emergency_contacts": 214,
    }


def test_it_creates_one_account_per_role(debug: None) -> None:
    _run()

    users = get_user_model().objects.filter(username__startswith="demo_")
    assert users.count() == len(ROLES) == 7
    for role in ROLES:
        user = users.get(username=demo_username(role))
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.is_active and user.is_staff
        assert user.check_password(DEMO_PASSWORD)
        assert user.is_superuser == (role == DEPARTMENT_ADMIN)


def test_the_territorial_demo_accounts_work_in_bari(debug: None) -> None:
    """The referent and the network operator of the demo see the seed's territory, so that
    their reserved area shows something; the national roles see the whole country."""
    _run()

    bari = Territory.objects.get(code=BARI_TERRITORY)
    for role in ROLES:
        scope = user_scope(get_user_model().objects.get(username=demo_username(role)))
        assert scope.covers_territory(bari.pk)
        assert scope.is_national == (role not in (ATR_REFERENT, NETWORK_OPERATOR))
    operator = get_user_model().objects.get(username=demo_username(NETWORK_OPERATOR))
    assert operator.account.organization.ext_id == GIRAFFA_ORGANIZATION


def test_it_lets_the_demo_accounts_sign_in_to_the_admin(debug: None, client: Any) -> None:
    _run()

    client.post(
        "/accesso/",
        {"username": demo_username(DEPARTMENT_ADMIN), "password": DEMO_PASSWORD, "next": "/admin/"},
    )
    # The second factor: the code of the published demo key, as `rete demo-code` prints it.
    code = io.StringIO()
    call_command("demo-code", stdout=code)
    signed_in = client.post(
        "/accesso/secondo-fattore/", {"code": code.getvalue().strip(), "next": "/admin/"}
    )

    assert signed_in["Location"] == "/admin/"
    assert client.get("/admin/directory/service/").status_code == 200


def test_every_demo_account_has_the_demo_authenticator(debug: None) -> None:
    _run()
    _run()

    for role in ROLES:
        devices = TOTPDevice.objects.filter(user__username=demo_username(role))
        assert [(device.key, device.confirmed) for device in devices] == [(DEMO_TOTP_KEY, True)]


def test_it_prints_the_demo_key_and_how_to_get_a_code(debug: None) -> None:
    output = _run()

    secret = base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()
    assert secret in output
    assert f"otpauth://totp/Rete%20Antiviolenza:demo?secret={secret}" in output
    assert "rete demo-code" in output


def test_demo_code_prints_the_current_code_of_the_demo_key(debug: None) -> None:
    out = io.StringIO()

    call_command("demo-code", stdout=out)

    assert re.fullmatch(r"\d{6}\n", out.getvalue())
    assert out.getvalue().strip() == demo_totp_code()


def test_demo_code_refuses_to_run_with_debug_off(settings: Any) -> None:
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo-code", stdout=io.StringIO())


def test_it_is_idempotent(debug: None) -> None:
    _run()
    counts, revision = network_counts(), network_revision_current()
    users = dict(get_user_model().objects.values_list("username", "pk"))

    _run()

    assert network_counts() == counts
    # The second import finds nothing to change, so routing snapshots are not rebuilt.
    assert network_revision_current() == revision
    assert dict(get_user_model().objects.values_list("username", "pk")) == users


def test_it_resets_the_demo_passwords_and_roles(debug: None) -> None:
    _run()
    user = get_user_model().objects.get(username=demo_username("helpline_operator"))
    user.set_password("Another-password-2026")
    user.is_active = False
    user.save()
    user.groups.clear()

    _run()

    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)
    assert user.is_active
    assert list(user.groups.values_list("name", flat=True)) == ["helpline_operator"]


def test_it_prints_the_accounts_the_password_and_the_urls(debug: None) -> None:
    output = _run()

    for role in ROLES:
        assert f"{demo_username(role)}  " in output
    assert DEMO_PASSWORD in output
    assert "http://127.0.0.1:8000/admin/" in output
    assert "http://127.0.0.1:8000/api/v1/docs" in output


def test_it_prints_the_urls_of_the_address_given(debug: None) -> None:
    output = _run("--addrport", "0.0.0.0:9000")

    assert "http://127.0.0.1:9000/admin/" in output


def test_it_refuses_to_run_with_debug_off(settings: Any) -> None:
    settings.DEBUG = False

    # The message is translated (the interface is in Italian): check what it points to.
    with pytest.raises(CommandError, match="DEBUG") as refusal:
        _run()

    assert "--force" in str(refusal.value)

    assert network_counts()["territories"] == 0
    assert not get_user_model().objects.exists()


def test_it_runs_with_debug_off_when_forced(settings: Any) -> None:
    settings.DEBUG = False

    _run("--force")

    assert network_counts()["territories"] == 27


class FakeWorker:
    started: list[list[str]] = []

    def __init__(self, args: list[str]) -> None:
        self.started.append(args)
        self.stopped = False

    def terminate(self) -> None:
        self.stopped = True

    def wait(self, timeout: float) -> int:
        return 0


def test_it_serves_on_127_0_0_1_8000_without_the_reloader_beside_a_task_worker(
    debug: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[tuple, dict]] = []

    def fake_call_command(name: str, *args: Any, **options: Any) -> None:
        calls.append(((name, *args), options))
        if name != "runserver":
            call_command(name, *args, **options)

    monkeypatch.setattr(demo_command, "call_command", fake_call_command)
    monkeypatch.setattr(demo_command.subprocess, "Popen", FakeWorker)
    FakeWorker.started.clear()
    call_command("demo", "--synthetic-contacts", "0", stdout=io.StringIO())

    assert calls[-1] == (("runserver", "127.0.0.1:8000"), {"use_reloader": False})
    # The statistics releases asked from the reserved area need a worker.
    [worker] = FakeWorker.started
    assert worker[-4:] == ["db_worker", "--no-reload", "--interval", "1"]


def test_it_publishes_the_statistics_of_the_last_four_quarters(debug: None) -> None:
    out = io.StringIO()
    call_command("demo", "--no-serve", "--synthetic-contacts", "400", stdout=out)

    published = Release.objects.filter(status=ReleaseStatus.PUBLISHED)
    assert published.count() == 4
    assert Contact.objects.filter(synthetic=True).exists()
    assert not Contact.objects.filter(synthetic=False).exists()
    # A second run makes nothing more.
    call_command("demo", "--no-serve", "--synthetic-contacts", "400", stdout=io.StringIO())
    assert Release.objects.count() == 4
