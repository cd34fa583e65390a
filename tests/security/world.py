"""The small world the permission matrix runs in: two territories, one person per role,
a referent of the other territory, and one object of every kind a page can be about.

- Territory A is ATR-BA (province of Bari): GIRAFFA, the Mola centre and a confidential
  shelter (svc-casa-ba). Territory B is ATR-BO (Bologna). Both come from the API tests'
  network file (tests/api/network.py), loaded through the real importer.
- The territory-bound people (atr_referent, network_operator) belong to A; "other_territory"
  is the referent of B, who must not reach A's objects.
- Objects of models that other parts of the reserved area bring (reserved documents, ...)
  are made only when their model exists: `World.objects` then holds them by name.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.base import ContentFile
from django.utils import timezone

from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    HELPLINE_OPERATOR,
    HELPLINE_SUPERVISOR,
    MONITORING_ANALYST,
    NETWORK_OPERATOR,
    ROLES,
    STEERING_COMMITTEE,
)
from rete.directory.models import Organization, Service
from rete.network.models import Territory
from rete.network.networkfile.importer import network_import
from rete.publications.demofiles import pdf_make, png_make
from tests.api.network import small_network
from tests.people import make_person, second_factor_device

ANONYMOUS = "anonymous"
OTHER_TERRITORY = "other_territory"
# Everybody the matrix asks: nobody signed in, one person per role, and the outsider.
ACTORS: tuple[str, ...] = (ANONYMOUS, *ROLES, OTHER_TERRITORY)

TERRITORY_A = "ATR-BA"
TERRITORY_B = "ATR-BO"
SERVICE_A = "svc-giraffa"
SHELTER_A = "svc-casa-ba"
SERVICE_B = "svc-cav-bologna"
ORGANIZATION_A = "org-giraffa"
ORGANIZATION_B = "org-cav-bologna"

PDF = pdf_make("Documento di prova", ["Una riga di testo."])
PNG = png_make(8, 6, (92, 45, 145), (255, 255, 255))


@dataclass
class World:
    people: dict[str, AbstractBaseUser]
    territory_a: Territory
    territory_b: Territory
    objects: dict[str, Any] = field(default_factory=dict)

    def person(self, actor: str) -> AbstractBaseUser | None:
        return None if actor == ANONYMOUS else self.people[actor]


def _people(territory_a: Territory, territory_b: Territory) -> dict[str, AbstractBaseUser]:
    organization_a = Organization.objects.get(ext_id=ORGANIZATION_A)
    scoped = {
        ATR_REFERENT: {"territory": territory_a},
        NETWORK_OPERATOR: {"territory": territory_a, "organization": organization_a},
    }
    people = {role: make_person(f"m-{role}", role, **scoped.get(role, {})) for role in ROLES}
    people[OTHER_TERRITORY] = make_person("m-other-referent", ATR_REFERENT, territory=territory_b)
    return people


def _helpline_objects(people: dict[str, AbstractBaseUser]) -> dict[str, Any]:
    from rete.helpline.contacts.services import callback_create, contact_start

    operator = people[HELPLINE_OPERATOR]
    contact = contact_start(operator=operator, channel="phone", language="it").contact
    callback = callback_create(
        contact=contact,
        actor=operator,
        number="+39 333 1234567",
        consent=True,
        due_at=timezone.now() + timedelta(hours=2),
    )
    return {"contact": contact, "callback": callback}


def _publications() -> dict[str, Any]:
    from rete.publications.models import (
        Campaign,
        CampaignMaterial,
        Document,
        DocumentCategory,
        Event,
        EventKind,
        MaterialKind,
        NewsItem,
        Status,
    )

    def published(slug: str) -> dict[str, Any]:
        return {
            "slug": slug,
            "title": slug.capitalize(),
            "summary": f"Summary of {slug}",
            "status": Status.PUBLISHED,
            "published_at": timezone.now() - timedelta(hours=1),
        }

    starts = timezone.now() + timedelta(days=7)
    campaign = Campaign.objects.create(**published("campagna"))
    return {
        "news": NewsItem.objects.create(**published("notizia")),
        "event": Event.objects.create(
            **published("evento"),
            kind=EventKind.SEMINAR,
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            place="Bari",
        ),
        "document": Document.objects.create(
            **published("documento"),
            category=DocumentCategory.PROTOCOL,
            file=ContentFile(PDF, name="protocollo.pdf"),
        ),
        "campaign": campaign,
        "material": CampaignMaterial.objects.create(
            campaign=campaign,
            kind=MaterialKind.POSTER,
            title="Manifesto",
            file=ContentFile(PNG, name="manifesto.png"),
            alt_text="Manifesto viola",
        ),
    }


def _accounts_objects(world: World) -> dict[str, Any]:
    """A pending access request for territory A, an account of A with its grant, a session
    of the Department's person, and an entry of the audit log."""
    from rete.accounts.models import AccessRequest, AccessRequestStatus, Grant, UserSession
    from rete.audit.models import AuditEntry

    # Made directly, as the requester's verified request: waiting for review.
    request = AccessRequest.objects.create(
        full_name="Lucia Rossi",
        email="lucia.rossi@example.org",
        organization=Organization.objects.get(ext_id=ORGANIZATION_A),
        role=NETWORK_OPERATOR,
        territory=world.territory_a,
        reason="Operatrice del centro antiviolenza.",
        language="it",
        status=AccessRequestStatus.PENDING,
        verification_digest=secrets.token_hex(32),
        email_verified_at=timezone.now(),
    )
    member = world.people[NETWORK_OPERATOR]
    return {
        "totp_device": second_factor_device(world.people[HELPLINE_OPERATOR]),
        "access_request_a": request,
        "account_a": member.account,
        "grant_a": Grant.objects.get(user=member, revoked_at__isnull=True),
        "session_of_admin": UserSession.objects.create(
            user=world.people[DEPARTMENT_ADMIN],
            session_key="m" * 32,
            last_seen_at=timezone.now(),
        ),
        "audit_entry": AuditEntry.objects.order_by("-sequence").first(),
    }


def _protocol_document(territory: Territory):
    from rete.network.models import ProtocolDocument

    protocol = territory.protocols.order_by("pk").first()
    return ProtocolDocument.objects.create(
        protocol=protocol, title="Protocollo firmato", file=ContentFile(PDF, name="p.pdf")
    )


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _reserved_objects(world: World) -> dict[str, Any]:
    """Objects of the reserved area's own models, when they exist: each made through the
    fields the model has, bound to territory A so that the outsider (B) must get 404."""
    made: dict[str, Any] = {}
    document_model = _model("reserved.ReservedDocument")
    if document_model is not None:
        made["reserved_document"] = _reserved_document(document_model, world)
    return made


def _reserved_document(model, world: World):
    return model.objects.create(
        title="Piano operativo riservato",
        category="operational_plan",
        territory=world.territory_a,
        file=ContentFile(PDF, name="piano.pdf"),
        original_filename="piano.pdf",
        size=len(PDF),
        content_type="application/pdf",
        uploaded_by=world.people[DEPARTMENT_ADMIN],
    )


def _statistics_objects(world: World) -> dict[str, Any]:
    """A published release with public and reserved tables of territory A (and national), and
    a release still under review, which only the Department may see."""
    from rete.statistics.models import ReleaseStatus
    from tests.statistics.factories import release_make

    areas = (("national", "IT", "Italia"), ("territory", TERRITORY_A, world.territory_a.name))
    return {
        "release": release_make("2026Q1", areas=areas),
        "release_ready": release_make("2026Q2", status=ReleaseStatus.READY, areas=areas),
    }


def world_build() -> World:
    network_import(small_network())
    territory_a = Territory.objects.get(code=TERRITORY_A)
    territory_b = Territory.objects.get(code=TERRITORY_B)
    world = World(
        people=_people(territory_a, territory_b),
        territory_a=territory_a,
        territory_b=territory_b,
    )
    world.objects.update(
        territory_a=territory_a,
        territory_b=territory_b,
        service_a=Service.objects.get(ext_id=SERVICE_A),
        shelter_a=Service.objects.get(ext_id=SHELTER_A),
        service_b=Service.objects.get(ext_id=SERVICE_B),
    )
    world.objects["protocol_document_a"] = _protocol_document(territory_a)
    world.objects.update(_helpline_objects(world.people))
    world.objects.update(_accounts_objects(world))
    world.objects.update(_publications())
    world.objects.update(_reserved_objects(world))
    world.objects.update(_statistics_objects(world))
    from tests.security.parts import parts_objects

    world.objects.update(parts_objects(world))
    return world


__all__ = [
    "ACTORS",
    "ANONYMOUS",
    "ATR_REFERENT",
    "DEPARTMENT_ADMIN",
    "HELPLINE_OPERATOR",
    "HELPLINE_SUPERVISOR",
    "MONITORING_ANALYST",
    "NETWORK_OPERATOR",
    "OTHER_TERRITORY",
    "STEERING_COMMITTEE",
    "World",
    "world_build",
]
