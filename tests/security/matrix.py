"""The permission matrix: for every URL of the project, who gets what.

Each row is keyed by the URL's name ("namespace:name"; the route itself for an unnamed
pattern) and says how to ask (method, kwargs made from the test world, query string) and
what each actor must get:

- 200 (or another status the page answers with when the person may use it: 400 for an
  empty form posted by someone allowed to post it),
- LOGIN: a redirect to the sign-in page with ?next= back to the page,
- 403: signed in, but the screen is not for this role,
- 404: the object is outside the person's scope (we do not say it exists),
- 405: the method is not the page's,
- 401: an API endpoint that takes only a bearer token,
- REDIRECT: any other redirect (e.g. the sign-in page for a person already signed in).

Actors: ANONYMOUS, one person per role of rete.accounts.roles.ROLES (territory-bound roles
in territory A), and OTHER_TERRITORY, the referent of territory B: on a page about an
object of territory A that person must get 404.

The admin's generated pages are not listed one by one: tests/security/admin_rule.py
derives what each role must get on them from rete.accounts.roles.ROLE_PERMISSIONS.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rete.accounts.roles import ROLES
from rete.statistics.access import STATISTICS_ROLES
from tests.security.urls import ADMIN_LOGIN, LOGIN, REDIRECT
from tests.security.world import (
    ACTORS,
    ANONYMOUS,
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    HELPLINE_OPERATOR,
    HELPLINE_SUPERVISOR,
    OTHER_TERRITORY,
    SERVICE_A,
    SHELTER_A,
    TERRITORY_A,
    World,
)

Expected = int | str
Kwargs = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Spec:
    expect: Mapping[str, Expected]
    method: str = "GET"
    kwargs: Kwargs | None = None
    query: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    # For an unnamed pattern (keyed by its route): the path to ask.
    path: str | None = None

    def __post_init__(self) -> None:
        missing = set(ACTORS) - set(self.expect)
        if missing:
            raise ValueError(f"Row without an answer for {sorted(missing)}")


def everyone(value: Expected) -> dict[str, Expected]:
    return dict.fromkeys(ACTORS, value)


def only(
    *roles: str,
    ok: Expected = 200,
    refused: Expected = 403,
    anonymous: Expected = LOGIN,
    other: Expected | None = None,
) -> dict[str, Expected]:
    """`ok` for the roles named, `refused` for the other roles, LOGIN for anonymous; the
    referent of territory B as the referent of A unless `other` says otherwise."""
    expect: dict[str, Expected] = {ANONYMOUS: anonymous}
    for role in ROLES:
        expect[role] = ok if role in roles else refused
    expect[OTHER_TERRITORY] = expect[ATR_REFERENT] if other is None else other
    return expect


def but(expect: Mapping[str, Expected], **changes: Expected) -> dict[str, Expected]:
    unknown = set(changes) - set(ACTORS)
    if unknown:
        raise ValueError(f"Unknown actors: {sorted(unknown)}")
    return {**expect, **changes}


def _object(name: str, attribute: str, kwarg: str) -> Kwargs:
    return lambda world: {kwarg: getattr(world.objects[name], attribute)}


CONTACT = _object("contact", "public_id", "public_id")
CALLBACK = _object("callback", "pk", "pk")
SERVICE = lambda world: {"service_id": SERVICE_A}  # noqa: E731
SHELTER = lambda world: {"service_id": SHELTER_A}  # noqa: E731
TERRITORY = lambda world: {"code": TERRITORY_A}  # noqa: E731


def _pk(name: str) -> Kwargs:
    return _object(name, "pk", "pk")


STATISTICS_AREA_A = lambda world: {  # noqa: E731
    "pk": world.objects["release"].pk,
    "level": "territory",
    "code": TERRITORY_A,
}
ACCOUNT_A = _object("account_a", "personal_code", "personal_code")


def _slug(name: str) -> Kwargs:
    return _object(name, "slug", "slug")


EVERY_ROLE = ROLES
HELPLINE = (HELPLINE_OPERATOR, HELPLINE_SUPERVISOR)
PUBLIC = everyone(200)
# A page of the reserved area about an object of territory A: every role may open the
# screen; the referent of B must not learn that the object exists.
RESERVED_A_OBJECT = only(*EVERY_ROLE, other=404)

REVIEWERS = only(DEPARTMENT_ADMIN, ATR_REFERENT)
# A reviewer's page about a request or an account of territory A.
REVIEWERS_A_OBJECT = only(DEPARTMENT_ADMIN, ATR_REFERENT, other=404)

# A console screen of a contact in progress: only its one writer (the operator who took it)
# may act on it; a supervisor takes it over first (records:take_over).
CONTACT_WRITER = but(only(*HELPLINE), helpline_supervisor=403)

MATRIX: dict[str, Spec | tuple[Spec, ...]] = {
    # --- the public portal: everybody, signed in or not, gets the page
    "portal:home": Spec(PUBLIC),
    "portal:safety": Spec(PUBLIC),
    "portal:finder": Spec(PUBLIC),
    # POST only (the browser's position, sent by the finder's script); empty: refused.
    "portal:finder_position": Spec(everyone(400), method="POST"),
    "portal:service": (Spec(PUBLIC, kwargs=SERVICE), Spec(PUBLIC, kwargs=SHELTER)),
    "portal:territories": Spec(PUBLIC),
    "portal:territory": Spec(PUBLIC, kwargs=TERRITORY),
    "portal:news_list": Spec(PUBLIC),
    "portal:news_detail": Spec(PUBLIC, kwargs=_slug("news")),
    "portal:events": Spec(PUBLIC),
    "portal:event": Spec(PUBLIC, kwargs=_slug("event")),
    "portal:documents": Spec(PUBLIC),
    "portal:document": Spec(PUBLIC, kwargs=_slug("document")),
    "portal:document_file": Spec(PUBLIC, kwargs=_slug("document")),
    "portal:campaigns": Spec(PUBLIC),
    "portal:campaign": Spec(PUBLIC, kwargs=_slug("campaign")),
    "portal:campaign_material": Spec(
        PUBLIC,
        kwargs=lambda world: {
            "slug": world.objects["campaign"].slug,
            "pk": world.objects["material"].pk,
        },
    ),
    "portal:search": Spec(PUBLIC, query="q=violenza"),
    "portal:statistics": Spec(PUBLIC),
    "portal:statistics_period": Spec(PUBLIC, kwargs=lambda world: {"period": "2026Q1"}),
    "portal:statistics_area": Spec(
        PUBLIC,
        kwargs=lambda world: {"period": "2026Q1", "level": "territorio", "code": TERRITORY_A},
    ),
    "portal:statistics_download": Spec(
        PUBLIC,
        kwargs=lambda world: {"period": "2026Q1", "level": "italia", "code": "IT", "fmt": "csv"},
    ),
    # --- the public API: open data, anyone
    "api-v1:openapi-json": Spec(PUBLIC),
    "api-v1:openapi-view": Spec(PUBLIC),
    "api-v1:ping": Spec(PUBLIC),
    "api-v1:health": Spec(PUBLIC),
    "api-v1:routing_decide": Spec(everyone(400), method="POST"),
    "api-v1:comuni_search": Spec(PUBLIC, query="q=bari"),
    "api-v1:territories_list": Spec(PUBLIC),
    "api-v1:territories_detail": Spec(PUBLIC, kwargs=TERRITORY),
    "api-v1:services_list": Spec(PUBLIC),
    "api-v1:services_detail": Spec(PUBLIC, kwargs=SERVICE),
    "api-v1:stats_public": Spec(PUBLIC, query="period=2026Q1"),
    "api-v1:api-root": Spec(everyone(404)),
    "api-v1:not-found": Spec(everyone(404)),
    # The contacts API takes only a personal bearer token, never the session cookie
    # (tests/security/test_permission_matrix.py checks it with tokens too).
    "api-v1:contacts_start": Spec(everyone(401), method="POST"),
    "api-v1:contacts_read": Spec(
        everyone(401), kwargs=lambda world: {"contact_id": str(world.objects["contact"].public_id)}
    ),
    # --- signing in and out
    "accounts:login": Spec(but(everyone(REDIRECT), anonymous=200)),
    "accounts:logout": Spec(everyone(REDIRECT), method="POST"),
    # Signing in again, the second factor, passwords: reachable before the second factor.
    # The second factor's page sends away whoever has no sign-in in progress.
    "accounts:second_factor": Spec(everyone(REDIRECT)),
    "accounts:recovery_codes": Spec(but(everyone(200), anonymous=LOGIN)),
    "accounts:password_reset": Spec(PUBLIC),
    "accounts:password_reset_done": Spec(PUBLIC),
    "accounts:password_change": Spec(but(everyone(200), anonymous=LOGIN)),
    # A link with a wrong token: the page says the link does not work.
    "accounts:password_set": Spec(
        PUBLIC, kwargs=lambda world: {"uidb64": "MQ", "token": "not-a-token"}
    ),
    # Asking for an account: a public form (a signed-in person is told they have one).
    "accounts:access_request": (
        Spec(PUBLIC),
        Spec(but(everyone(200), anonymous=400), method="POST"),
    ),
    "accounts:access_request_sent": Spec(PUBLIC),
    # The e-mail's link with a wrong token: no such request.
    "accounts:access_request_verify": Spec(
        everyone(404), kwargs=lambda world: {"token": "not-a-token"}
    ),
    # Everyone's own account page; a session is ended only by its owner.
    "accounts:security": Spec(but(everyone(200), anonymous=LOGIN)),
    "accounts:session_end": Spec(
        but(everyone(404), anonymous=LOGIN, department_admin=REDIRECT),
        method="POST",
        kwargs=_pk("session_of_admin"),
    ),
    "accounts:sessions_end_others": Spec(but(everyone(REDIRECT), anonymous=LOGIN), method="POST"),
    "accounts:reconfirm": Spec(but(everyone(200), anonymous=LOGIN)),
    # --- the admin's own pages (its per-model pages: tests/security/admin_rule.py).
    # Every account is staff; what each sees inside follows its model permissions.
    "admin:index": Spec(but(everyone(200), anonymous=ADMIN_LOGIN)),
    # The admin's sign-in form is ours (accounts:login, with the second factor).
    "admin:login": Spec(everyone(LOGIN)),
    "admin:logout": Spec(everyone(REDIRECT), method="POST"),
    "admin:password_change": Spec(but(everyone(200), anonymous=ADMIN_LOGIN)),
    "admin:password_change_done": Spec(but(everyone(200), anonymous=ADMIN_LOGIN)),
    "admin:autocomplete": Spec(but(everyone(403), anonymous=ADMIN_LOGIN)),
    "admin:jsi18n": Spec(but(everyone(200), anonymous=ADMIN_LOGIN)),
    "admin:view_on_site": Spec(
        but(everyone(404), anonymous=ADMIN_LOGIN),
        kwargs=lambda world: {"content_type_id": "0", "object_id": "0"},
    ),
    "admin:app_list": Spec(
        but(everyone(404), anonymous=ADMIN_LOGIN, department_admin=200),
        kwargs=lambda world: {"app_label": "directory"},
    ),
    "admin/(?P<url>.*)$": Spec(
        but(everyone(404), anonymous=ADMIN_LOGIN), path="/admin/nessuna-pagina/"
    ),
    "admin:auth_user_password_change": Spec(
        but(everyone(403), anonymous=ADMIN_LOGIN),
        kwargs=lambda world: {"id": world.people[HELPLINE_OPERATOR].pk},
    ),
    # The second factor's secret: nobody through the admin.
    "admin:otp_totp_totpdevice_config": Spec(
        but(everyone(403), anonymous=ADMIN_LOGIN), kwargs=_pk("totp_device")
    ),
    "admin:otp_totp_totpdevice_qrcode": Spec(
        but(everyone(403), anonymous=ADMIN_LOGIN), kwargs=_pk("totp_device")
    ),
    # --- the 1522 console: helpline roles only
    "console:home": Spec(only(*HELPLINE)),
    "console:start": Spec(only(*HELPLINE, ok=400), method="POST"),
    "console:comuni": Spec(only(*HELPLINE), query="q=bari"),
    "console:contact": Spec(only(*HELPLINE), kwargs=CONTACT),
    "console:route": Spec(CONTACT_WRITER, method="POST", kwargs=CONTACT),
    "console:decision": Spec(CONTACT_WRITER, kwargs=CONTACT),
    "console:transfer": Spec(CONTACT_WRITER, method="POST", kwargs=CONTACT),
    "console:emergency": Spec(CONTACT_WRITER, method="POST", kwargs=CONTACT),
    "console:classify": Spec(
        but(CONTACT_WRITER, helpline_operator=400), method="POST", kwargs=CONTACT
    ),
    "console:notes": Spec(CONTACT_WRITER, method="POST", kwargs=CONTACT),
    "console:callback": Spec(
        but(CONTACT_WRITER, helpline_operator=400), method="POST", kwargs=CONTACT
    ),
    "console:nuisance": Spec(
        but(CONTACT_WRITER, helpline_operator=400), method="POST", kwargs=CONTACT
    ),
    "console:close": Spec(
        but(CONTACT_WRITER, helpline_operator=400), method="POST", kwargs=CONTACT
    ),
    "board:home": Spec(only(HELPLINE_SUPERVISOR)),
    "records:list": Spec(only(*HELPLINE)),
    "records:export": Spec(only(HELPLINE_SUPERVISOR)),
    "records:callbacks": Spec(only(*HELPLINE)),
    "records:callback_reveal": Spec(only(*HELPLINE), method="POST", kwargs=CALLBACK),
    "records:callback_done": Spec(only(*HELPLINE, ok=REDIRECT), method="POST", kwargs=CALLBACK),
    "records:detail": Spec(only(*HELPLINE), kwargs=CONTACT),
    "records:take_over": Spec(
        only(HELPLINE_SUPERVISOR, ok=REDIRECT), method="POST", kwargs=CONTACT
    ),
    # --- the reserved area
    "reserved:home": Spec(only(*EVERY_ROLE)),
    "reserved:mapping": Spec(only(*EVERY_ROLE)),
    "reserved:mapping_export": Spec(only(*EVERY_ROLE)),
    "reserved:mapping_service": (
        Spec(RESERVED_A_OBJECT, kwargs=SERVICE),
        # The confidential shelter of A: outside A it does not exist.
        Spec(RESERVED_A_OBJECT, kwargs=SHELTER),
    ),
    "reserved:territories": Spec(only(*EVERY_ROLE)),
    "reserved:territory": Spec(RESERVED_A_OBJECT, kwargs=TERRITORY),
    "reserved:protocol_document": Spec(
        RESERVED_A_OBJECT, kwargs=_object("protocol_document_a", "pk", "pk")
    ),
    "reserved:documents": Spec(only(*EVERY_ROLE)),
    "reserved:document_upload": Spec(only(DEPARTMENT_ADMIN, ATR_REFERENT)),
    "reserved:document_download": Spec(
        RESERVED_A_OBJECT, kwargs=_object("reserved_document", "pk", "pk")
    ),
    "reserved:document_delete": Spec(
        only(DEPARTMENT_ADMIN, ATR_REFERENT, ok=REDIRECT, other=404),
        method="POST",
        kwargs=_object("reserved_document", "pk", "pk"),
    ),
    # Call-centre statistics: readers by role; a territory's people read only its areas.
    "reserved:statistics": Spec(only(*STATISTICS_ROLES)),
    "reserved:statistics_release": Spec(only(*STATISTICS_ROLES), kwargs=_pk("release")),
    "reserved:statistics_area": Spec(only(*STATISTICS_ROLES, other=404), kwargs=STATISTICS_AREA_A),
    "reserved:statistics_download": Spec(
        only(*STATISTICS_ROLES, other=404),
        kwargs=lambda world: {**STATISTICS_AREA_A(world), "fmt": "csv"},
    ),
    # The Department's releases: asking, following, reviewing, publishing, discarding.
    "reserved:statistics_request": Spec(only(DEPARTMENT_ADMIN, ok=400), method="POST"),
    "reserved:statistics_progress": Spec(only(DEPARTMENT_ADMIN), kwargs=_pk("release_ready")),
    "reserved:statistics_publish": Spec(
        only(DEPARTMENT_ADMIN, ok=400), method="POST", kwargs=_pk("release_ready")
    ),
    "reserved:statistics_discard": Spec(
        only(DEPARTMENT_ADMIN, ok=400), method="POST", kwargs=_pk("release_ready")
    ),
    "reserved:statistics_preview": Spec(
        only(DEPARTMENT_ADMIN),
        kwargs=lambda world: {
            "pk": world.objects["release_ready"].pk,
            "level": "national",
            "code": "IT",
        },
    ),
    # The reviewers: the Department everywhere, a referent in their own territory.
    "reserved:access_requests": Spec(REVIEWERS),
    "reserved:access_request": Spec(REVIEWERS_A_OBJECT, kwargs=_pk("access_request_a")),
    "reserved:access_request_approve": Spec(
        but(REVIEWERS_A_OBJECT, department_admin=400, atr_referent=400),
        method="POST",
        kwargs=_pk("access_request_a"),
    ),
    "reserved:access_request_refuse": Spec(
        but(REVIEWERS_A_OBJECT, department_admin=400, atr_referent=400),
        method="POST",
        kwargs=_pk("access_request_a"),
    ),
    "reserved:accounts": Spec(REVIEWERS),
    "reserved:account": Spec(REVIEWERS_A_OBJECT, kwargs=ACCOUNT_A),
    "reserved:account_grant_add": Spec(
        but(REVIEWERS_A_OBJECT, department_admin=400, atr_referent=400),
        method="POST",
        kwargs=ACCOUNT_A,
    ),
    "reserved:account_grant_revoke": Spec(
        but(REVIEWERS_A_OBJECT, department_admin=400, atr_referent=400),
        method="POST",
        kwargs=lambda world: {
            "personal_code": world.objects["account_a"].personal_code,
            "grant_pk": world.objects["grant_a"].pk,
        },
    ),
    "reserved:account_deactivate": Spec(
        but(REVIEWERS_A_OBJECT, department_admin=REDIRECT, atr_referent=REDIRECT),
        method="POST",
        kwargs=ACCOUNT_A,
    ),
    "reserved:account_reactivate": Spec(
        but(REVIEWERS_A_OBJECT, department_admin=REDIRECT, atr_referent=REDIRECT),
        method="POST",
        kwargs=ACCOUNT_A,
    ),
    # The audit log: the Department only.
    "reserved:audit": Spec(only(DEPARTMENT_ADMIN)),
    "reserved:audit_export": Spec(only(DEPARTMENT_ADMIN)),
    "reserved:audit_verify": Spec(only(DEPARTMENT_ADMIN, ok=REDIRECT), method="POST"),
    "reserved:audit_entry": Spec(
        only(DEPARTMENT_ADMIN), kwargs=_object("audit_entry", "sequence", "sequence")
    ),
}


def _parts_rows() -> dict[str, Spec | tuple[Spec, ...]]:
    # Imported here: the part modules build their rows with the helpers above.
    from tests.security.parts import parts_rows

    return parts_rows()


MATRIX.update(_parts_rows())


def specs(key: str) -> tuple[Spec, ...]:
    row = MATRIX[key]
    return row if isinstance(row, tuple) else (row,)
