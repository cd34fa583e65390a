"""Signing in: the name (personal code, username or e-mail) and the password, then the
authenticator's code; nothing reserved opens before both. Olga answers 1522; Dora works
at the Department; Nadia is new and has no authenticator yet."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from django_otp.oath import TOTP, hotp

from rete.accounts import views
from rete.accounts.models import UserSession
from rete.accounts.roles import DEPARTMENT_ADMIN, HELPLINE_OPERATOR
from rete.audit.models import AuditEntry
from tests.browser_sign_in import fresh_totp_code
from tests.people import PASSWORD, make_person, second_factor_device

pytestmark = pytest.mark.django_db

SIGN_IN = "/accesso/"
SECOND_FACTOR = "/accesso/secondo-fattore/"
WRONG_CREDENTIALS = "Incorrect code/username or password."


def it(message: str) -> str:
    """A message as the Italian interface shows it."""
    with translation.override("it"):
        return gettext(message)


def it_html(message: str) -> str:
    """The Italian message as it is written in the page's HTML (apostrophes escaped)."""
    return escape(it(message))


def post_password(
    client: Client, identifier: str, password: str = PASSWORD, next_path: str | None = None
) -> Any:
    data = {"username": identifier, "password": password}
    if next_path is not None:
        data["next"] = next_path
    return client.post(SIGN_IN, data)


def post_code(client: Client, code: str, next_path: str | None = None) -> Any:
    data = {"code": code}
    if next_path is not None:
        data["next"] = next_path
    return client.post(SECOND_FACTOR, data)


def sign_in_fully(client: Client, user: AbstractBaseUser, next_path: str | None = None) -> Any:
    """Both steps through the real pages; the answer of the second."""
    device = second_factor_device(user)
    post_password(client, user.get_username(), next_path=next_path)
    return post_code(client, fresh_totp_code(device), next_path=next_path)


def wrong_code(device: Any) -> str:
    """Six digits the device does not accept now (none of the steps it tolerates)."""
    device.refresh_from_db()
    step = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    accepted = {
        f"{hotp(device.bin_key, t, digits=device.digits):06d}"
        for t in range(step - device.tolerance - 1, step + device.tolerance + 2)
    }
    return next(code for code in ("000000", "111111", "222222") if code not in accepted)


def actions(*codes: str) -> list[str]:
    return list(
        AuditEntry.objects.filter(action__in=codes)
        .order_by("sequence")
        .values_list("action", flat=True)
    )


@pytest.fixture
def olga(db: None) -> AbstractBaseUser:
    user = make_person("olga", HELPLINE_OPERATOR)
    second_factor_device(user)
    return user


@pytest.fixture
def dora(db: None) -> AbstractBaseUser:
    user = make_person("dora", DEPARTMENT_ADMIN)
    second_factor_device(user)
    return user


def test_it_shows_the_sign_in_page(client: Client) -> None:
    response = client.get(SIGN_IN)

    assert response.status_code == 200
    assert it("Personal ID code, username or e-mail") in response.content.decode()
    assert 'autocomplete="current-password"' in response.content.decode()


@pytest.mark.parametrize("identifier", ["username", "personal_code", "lower_code", "email"])
def test_it_accepts_every_name_of_the_account(client: Client, olga, identifier: str) -> None:
    name = {
        "username": "olga",
        "personal_code": olga.account.personal_code,
        "lower_code": olga.account.personal_code.lower(),
        "email": "OLGA@example.org",
    }[identifier]

    response = post_password(client, name)

    assert response.status_code == 302
    assert response["Location"] == SECOND_FACTOR
    # Half-way: not signed in until the code.
    assert "_auth_user_id" not in client.session


def test_it_signs_in_after_the_code_and_goes_home(client: Client, olga) -> None:
    response = sign_in_fully(client, olga)

    assert response.status_code == 302
    assert response["Location"] == "/area-riservata/"
    assert client.session["_auth_user_id"] == str(olga.pk)


def test_it_keeps_next_through_both_steps(client: Client, olga) -> None:
    first = post_password(client, "olga", next_path="/console/")
    assert first["Location"] == f"{SECOND_FACTOR}?next=%2Fconsole%2F"

    page = client.get(first["Location"])
    assert 'name="next" value="/console/"' in page.content.decode()

    second = post_code(client, fresh_totp_code(second_factor_device(olga)), next_path="/console/")
    assert second["Location"] == "/console/"
    assert client.get("/console/").status_code == 200


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_it_ignores_a_next_to_another_site(client: Client, olga, unsafe: str) -> None:
    post_password(client, "olga", next_path=unsafe)

    response = post_code(client, fresh_totp_code(second_factor_device(olga)), next_path=unsafe)

    assert response["Location"] == "/area-riservata/"


@pytest.mark.parametrize(
    ("identifier", "password"),
    [("olga", "wrong-password-2026"), ("nobody", PASSWORD), ("RAV-999999", PASSWORD)],
)
def test_it_gives_one_message_for_a_wrong_name_or_password(
    client: Client, olga, identifier: str, password: str
) -> None:
    response = post_password(client, identifier, password)

    assert response.status_code == 200
    page = response.content.decode()
    assert it(WRONG_CREDENTIALS) in page
    assert "_auth_user_id" not in client.session
    assert views.PENDING_KEY not in client.session
    # What was typed stays (except the password).
    assert f'value="{identifier}"' in page
    assert password not in page


def test_it_refuses_a_wrong_code(client: Client, olga) -> None:
    post_password(client, "olga")

    response = post_code(client, wrong_code(second_factor_device(olga)))

    assert response.status_code == 400
    assert it("The code is not valid. Check it and try again.") in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_sends_the_code_page_back_to_sign_in_without_a_password_first(client: Client) -> None:
    response = client.get(f"{SECOND_FACTOR}?next=/console/")

    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next=%2Fconsole%2F"


def test_it_forgets_a_password_step_older_than_five_minutes(
    client: Client, olga, monkeypatch: pytest.MonkeyPatch
) -> None:
    post_password(client, "olga")
    started = time.time()
    monkeypatch.setattr(views.time, "time", lambda: started + views.PENDING_SECONDS + 1)

    response = post_code(client, fresh_totp_code(second_factor_device(olga)))

    assert response.status_code == 302
    assert response["Location"] == SIGN_IN
    assert "_auth_user_id" not in client.session
    assert (
        it_html("The sign-in took too long. Please start again.")
        in client.get(SIGN_IN).content.decode()
    )


@pytest.mark.parametrize("path", ["/area-riservata/", "/console/", "/admin/"])
def test_it_keeps_a_session_without_the_second_factor_out_of_reserved_pages(
    path: str, olga
) -> None:
    # A session signed in with the password only (as right after it, for a person who
    # still has to set up the app): every reserved screen asks for the second factor.
    client = Client()
    nadia = make_person("nadia", HELPLINE_OPERATOR)
    post_password(client, "nadia")
    assert client.session["_auth_user_id"] == str(nadia.pk)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == SECOND_FACTOR


def test_a_signed_in_person_visiting_the_sign_in_page_goes_on(client: Client, olga) -> None:
    sign_in_fully(client, olga)

    response = client.get(f"{SIGN_IN}?next=/console/")

    assert response["Location"] == "/console/"


def test_it_refuses_a_deactivated_account(client: Client, olga) -> None:
    from django.utils import timezone

    olga.account.deactivated_at = timezone.now()
    olga.account.save()

    response = post_password(client, "olga")

    assert it(WRONG_CREDENTIALS) in response.content.decode()


def test_it_sends_the_admin_login_to_the_platform_sign_in(client: Client) -> None:
    response = client.get("/admin/login/?next=/admin/directory/service/")

    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next=%2Fadmin%2Fdirectory%2Fservice%2F"


def test_the_department_reaches_the_admin_after_both_steps(client: Client, dora) -> None:
    response = sign_in_fully(client, dora, next_path="/admin/")

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_it_signs_out_with_post(client: Client, olga) -> None:
    sign_in_fully(client, olga)

    response = client.post("/uscita/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


# --- What the audit log and the session list keep ----------------------------------------


def test_it_audits_a_sign_in_with_its_method_and_records_the_session(client: Client, olga) -> None:
    sign_in_fully(client, olga)

    entry = AuditEntry.objects.get(action="auth.sign_in")
    assert entry.actor == olga
    assert (entry.target_type, entry.target_id) == ("auth.user", str(olga.pk))
    assert entry.details == {"method": "password+totp"}
    assert entry.ip_address == "127.0.0.1"
    session = UserSession.objects.get(user=olga)
    assert session.session_key == client.session.session_key
    assert session.ended_at is None
    assert session.ip_address == "127.0.0.1"


def test_it_truncates_the_browser_name_of_the_session(olga) -> None:
    client = Client(HTTP_USER_AGENT="x" * 500)

    sign_in_fully(client, olga)

    assert UserSession.objects.get(user=olga).user_agent == "x" * 200


def test_it_audits_a_failure_without_what_was_typed(client: Client, olga) -> None:
    post_password(client, "olga", "wrong-password-2026")
    post_password(client, "someone-unknown", "another-wrong-one")

    known, unknown = AuditEntry.objects.filter(action="auth.sign_in_failed").order_by("sequence")
    assert known.actor == olga
    assert (known.target_type, known.target_id) == ("auth.user", str(olga.pk))
    assert unknown.actor is None
    assert (unknown.target_type, unknown.target_id) == ("auth.user", "unknown")
    for entry in (known, unknown):
        assert "wrong-password" not in str(entry.details)
        assert "someone-unknown" not in str(entry.details)
        assert "another-wrong-one" not in str(entry.details)


def test_it_audits_a_wrong_code(client: Client, olga) -> None:
    post_password(client, "olga")
    post_code(client, wrong_code(second_factor_device(olga)))

    entry = AuditEntry.objects.get(action="auth.second_factor_failed")
    assert entry.actor == olga
    assert entry.details == {"method": "totp"}


def test_it_audits_the_sign_out_and_ends_the_session(client: Client, olga) -> None:
    sign_in_fully(client, olga)
    session_key = client.session.session_key

    client.post("/uscita/")

    assert actions("auth.sign_in", "auth.sign_out") == ["auth.sign_in", "auth.sign_out"]
    assert UserSession.objects.get(session_key=session_key).ended_at is not None


def test_an_account_deactivated_between_the_steps_is_not_let_in(client: Client, olga) -> None:
    from django.utils import timezone

    post_password(client, "olga")
    olga.account.deactivated_at = timezone.now()
    olga.account.save()

    response = post_code(client, fresh_totp_code(second_factor_device(olga)))

    assert response["Location"] == SIGN_IN
    assert "_auth_user_id" not in client.session
