"""Technical assistance and good practices (rete.assistance).

A request of territory A, opened by A's referent with an attached PDF; a good practice of
A, posted by A's referent, with an attachment. Assistance is for the Department and the
territory's people (the referent of B gets 404 on A's request); good practices are read by
every role of every territory (B's referent reads A's post and may answer it).
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from rete.accounts.roles import (
    ATR_REFERENT,
    DEPARTMENT_ADMIN,
    NETWORK_OPERATOR,
    ROLES,
)
from rete.accounts.scopes import user_scope
from tests.security.matrix import Spec, only
from tests.security.world import PDF

ASSISTANCE = (DEPARTMENT_ADMIN, ATR_REFERENT, NETWORK_OPERATOR)
TERRITORY = (ATR_REFERENT, NETWORK_OPERATOR)


def objects(world: Any) -> dict[str, Any]:
    from rete.assistance.practices.services import practice_create
    from rete.assistance.services import assistance_request_open

    referent = world.people[ATR_REFERENT]
    scope = user_scope(referent)
    request = assistance_request_open(
        scope=scope,
        actor=referent,
        territory=world.territory_a,
        subject="Accesso alla mappatura",
        category="data_mapping",
        body="Non vediamo il nuovo sportello.",
        files=[SimpleUploadedFile("schermata.pdf", PDF, "application/pdf")],
    )
    practice = practice_create(
        scope=scope,
        actor=referent,
        territory=world.territory_a,
        title="Protocollo con il pronto soccorso",
        summary="Un percorso dedicato.",
        body="Il testo.",
        topics=["health"],
        contact_name="Referente di prova",
        contact_organization="Provincia di Bari",
        contact_email="referente@example.org",
        contact_consent=True,
        files=[SimpleUploadedFile("protocollo.pdf", PDF, "application/pdf")],
    )
    return {
        "assistance_request_a": request,
        "assistance_attachment_a": request.messages.get().attachments.get(),
        "practice_a": practice,
        "practice_attachment_a": practice.attachments.get(),
    }


def _request(world: Any) -> dict[str, Any]:
    return {"pk": world.objects["assistance_request_a"].pk}


def _practice(world: Any) -> dict[str, Any]:
    return {"pk": world.objects["practice_a"].pk}


ROWS = {
    "reserved:assistance": Spec(only(*ASSISTANCE)),
    "reserved:assistance_create": Spec(only(*TERRITORY)),
    "reserved:assistance_request": Spec(only(*ASSISTANCE, other=404), kwargs=_request),
    # Empty posts by the allowed people: refused as bad input, nothing written.
    "reserved:assistance_reply": Spec(
        only(*ASSISTANCE, ok=400, other=404), method="POST", kwargs=_request
    ),
    "reserved:assistance_status": Spec(
        only(*ASSISTANCE, ok=400, other=404), method="POST", kwargs=_request
    ),
    "reserved:assistance_attachment": Spec(
        only(*ASSISTANCE, other=404),
        kwargs=lambda world: {
            **_request(world),
            "attachment_pk": world.objects["assistance_attachment_a"].pk,
        },
    ),
    "reserved:practices": Spec(only(*ROLES)),
    "reserved:practice_create": Spec(only(*TERRITORY)),
    # Every role of every territory reads a published post.
    "reserved:practice": Spec(only(*ROLES), kwargs=_practice),
    "reserved:practice_attachment": Spec(
        only(*ROLES),
        kwargs=lambda world: {
            **_practice(world),
            "attachment_pk": world.objects["practice_attachment_a"].pk,
        },
    ),
    # Only the author (A's referent) edits: the other territorial people do not find it.
    "reserved:practice_edit": Spec(
        only(*TERRITORY, other=404) | {NETWORK_OPERATOR: 404}, kwargs=_practice
    ),
    "reserved:practice_answer": Spec(
        only(DEPARTMENT_ADMIN, *TERRITORY, ok=400), method="POST", kwargs=_practice
    ),
    "reserved:practice_hide": Spec(only(DEPARTMENT_ADMIN, ok=400), method="POST", kwargs=_practice),
    # A published post cannot be restored: refused, nothing changed.
    "reserved:practice_restore": Spec(
        only(DEPARTMENT_ADMIN, ok=400), method="POST", kwargs=_practice
    ),
}
