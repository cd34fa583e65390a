"""No tests here: a hand-built quarter of contacts (2026Q1) over four comuni, two territories
and no comune, with known answers, decisions, transfer attempts and emergencies. The expected
figures of tests/statistics/test_compute.py are worked out by hand from this list.

Places: Bari (072006, BA, Puglia) is a city-level territory "ATR-TEST-BARI"; Altamura (072004,
BA) and the province of Lecce make up "ATR-TEST-SALENTO" (a province plus one comune);
Lecce (075035, LE, Puglia); Torino (001272, TO, Piemonte) has no territory; None: no comune.
Times are local (Europe/Rome): CET until 29 March 2026 02:00, CEST after.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from rete.helpline.classification.selectors import classification_current
from rete.helpline.contacts.models import Contact, EmergencyRecord, TransferAttempt
from rete.network.models import Territory

ROME = ZoneInfo("Europe/Rome")
BARI, ALTAMURA, LECCE, TORINO = "072006", "072004", "075035", "001272"
CITY_TERRITORY = "ATR-TEST-BARI"
MIXED_TERRITORY = "ATR-TEST-SALENTO"


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ROME)


@dataclass
class Spec:
    name: str
    comune: str | None
    channel: str
    at: str  # local time
    answers: dict = field(default_factory=dict)
    mode: str | None = None
    # (seconds after the start, outcome)
    attempts: tuple[tuple[int, str], ...] = ()
    # (police activated, handed over) in seconds after the start; None: not reached
    emergency: tuple[int | None, int | None] | None = None


def victim(reason: str | None, **answers) -> dict:
    data = {"validity": "valid", "caller_type": "victim", **answers}
    if reason:
        data["reason"] = reason
    return data


def valid(caller: str | None, reason: str | None) -> dict:
    data = {"validity": "valid"}
    if caller:
        data["caller_type"] = caller
    if reason:
        data["reason"] = reason
    return data


def _victim_full(
    reason, sex, age, citizenship, violence, relationship, children, reported, heard, referral
) -> dict:
    return victim(
        reason,
        sex=sex,
        age_class=age,
        citizenship=citizenship,
        violence_type=violence,
        perpetrator_relationship=relationship,
        children_witnessing=children,
        reported_to_police=reported,
        heard_of_1522=heard,
        referral_kind=referral,
    )


SPECS: tuple[Spec, ...] = (
    # Not valid, or not classified yet.
    Spec("c01", BARI, "phone", "2026-01-01T00:30", {"validity": "nuisance"}),
    Spec("c02", TORINO, "chat", "2026-02-10T10:00", {"validity": "prank"}),
    Spec("c03", None, "phone", "2026-03-05T15:00", {"validity": "silent"}),
    Spec("c04", LECCE, "phone", "2026-01-15T11:00", {"validity": "wrong_number"}),
    Spec("c05", ALTAMURA, "phone", "2026-02-02T18:00", {}, "transfer", ((30, "no_answer"),)),
    Spec("c06", None, "chat", "2026-03-31T23:30", {}),
    Spec("c28", LECCE, "phone", "2026-03-03T10:30", {"validity": "nuisance"}),
    Spec("c30", TORINO, "phone", "2026-02-20T09:30", {}),
    # Valid, the caller is not the victim (or did not say).
    Spec(
        "c07",
        BARI,
        "phone",
        "2026-01-05T09:15",
        valid("relative_friend", "violence_report"),
        "transfer",
        ((60, "busy"), (120, "answered")),
    ),
    Spec("c08", TORINO, "phone", "2026-01-06T13:00", valid("operator", "operator_procedure")),
    Spec("c09", LECCE, "chat", "2026-02-14T21:30", valid("other", "info_1522"), "out_of_hours"),
    # After the change to summer time (29 March, 02:00 -> 03:00); no reason given.
    Spec("c10", ALTAMURA, "phone", "2026-03-29T03:30", valid("relative_friend", None)),
    Spec("c11", BARI, "phone", "2026-03-10T08:59", valid(None, "info_centres")),
    Spec("c12", None, "phone", "2026-01-20T12:00", valid("not_stated", "legal_info")),
    # Victims.
    Spec(
        "v13",
        BARI,
        "phone",
        "2026-01-12T10:00",
        _victim_full(
            "help_request",
            "female",
            "age_25_34",
            "italian",
            ["psychological", "physical"],
            "current_partner",
            "yes",
            "no",
            "internet_social",
            ["anti_violence_centre", "police"],
        ),
        "transfer",
        ((45, "answered"),),
    ),
    Spec(
        "v14",
        BARI,
        "chat",
        "2026-01-13T14:30",
        _victim_full(
            "help_request",
            "female",
            "age_35_44",
            "foreign",
            ["psychological"],
            "ex_partner",
            "no",
            "yes",
            "tv_radio",
            ["anti_violence_centre"],
        ),
        # Out of hours: an answered attempt here is not a transfer of the territory.
        "out_of_hours",
        ((50, "answered"),),
    ),
    Spec(
        "v15",
        BARI,
        "phone",
        "2026-02-03T17:00",
        _victim_full(
            "stalking",
            "female",
            "age_18_24",
            "italian",
            ["threats", "stalking"],
            "ex_partner",
            "no_children",
            "no",
            "relatives_friends",
            ["none"],
        ),
        "emergency",
        emergency=(100, 200),
    ),
    Spec(
        "v16",
        ALTAMURA,
        "phone",
        "2026-02-04T22:00",
        _victim_full(
            "help_request",
            "female",
            "age_45_54",
            "italian",
            ["physical"],
            "current_partner",
            "yes",
            "yes",
            "police",
            ["shelter", "police"],
        ),
        "transfer",
        ((30, "no_answer"), (90, "answered")),
    ),
    Spec(
        "v17",
        ALTAMURA,
        "phone",
        "2026-02-05T07:00",
        victim("violence_report", sex="not_stated", age_class="not_stated"),
        "out_of_hours",
    ),
    Spec(
        "v18",
        LECCE,
        "phone",
        "2026-02-06T09:00",
        _victim_full(
            "help_request",
            "female",
            "age_55_64",
            "italian",
            ["psychological", "economic"],
            "family_member",
            "not_stated",
            "not_stated",
            "other",
            ["social_services"],
        ),
        "transfer",
        ((300, "answered"),),
        emergency=(None, None),
    ),
    Spec(
        "v19",
        LECCE,
        "chat",
        "2026-02-07T16:59",
        _victim_full(
            "help_request",
            "male",
            "up_to_17",
            "foreign",
            ["online"],
            "acquaintance",
            "no_children",
            "no",
            "internet_social",
            ["not_stated"],
        ),
    ),
    Spec(
        "v20",
        TORINO,
        "phone",
        "2026-03-01T11:11",
        _victim_full(
            "help_request",
            "female",
            "age_65_plus",
            "italian",
            ["physical", "sexual"],
            "stranger",
            "no",
            "yes",
            "press",
            ["police", "emergency_room"],
        ),
        "emergency",
        emergency=(60, 120),
    ),
    Spec(
        "v21",
        None,
        "phone",
        "2026-03-15T20:00",
        _victim_full(
            "help_request",
            "female",
            "age_25_34",
            "foreign",
            ["not_stated"],
            "other",
            "not_stated",
            "not_stated",
            "not_stated",
            ["none"],
        ),
        "orientation",
    ),
    Spec(
        "v22",
        BARI,
        "phone",
        "2026-03-31T23:30",
        _victim_full(
            "help_request",
            "female",
            "age_25_34",
            "italian",
            ["psychological"],
            "current_partner",
            "yes",
            "no",
            "services_centres",
            ["anti_violence_centre"],
        ),
        # Answered after midnight, in the next quarter: still this contact's transfer.
        "transfer",
        ((600, "answered"),),
    ),
    Spec(
        "v23",
        TORINO,
        "chat",
        "2026-01-31T23:59",
        _victim_full(
            None,
            "female",
            "age_18_24",
            "italian",
            ["psychological"],
            "ex_partner",
            "no_children",
            "no",
            "information_material",
            ["legal_advice"],
        ),
        "transfer",
    ),
    Spec(
        "v24",
        BARI,
        "phone",
        "2026-03-20T13:00",
        _victim_full(
            "help_request",
            "female",
            "age_35_44",
            "italian",
            ["psychological", "threats", "physical"],
            "current_partner",
            "yes",
            "yes",
            "internet_social",
            ["anti_violence_centre", "shelter", "police"],
        ),
        # Two answered attempts: the time to transfer is the first's.
        "transfer",
        ((30, "answered"), (200, "answered")),
        emergency=(400, None),
    ),
    Spec(
        "v29",
        LECCE,
        "phone",
        "2026-03-04T11:00",
        _victim_full(
            "help_request",
            "female",
            "age_25_34",
            "italian",
            ["psychological"],
            "current_partner",
            "yes",
            "no",
            "tv_radio",
            ["anti_violence_centre"],
        ),
        "transfer",
        ((20, "busy"), (40, "answered")),
    ),
    # Outside 2026Q1 in local time (the first two are inside it in UTC, or the other way).
    Spec(
        "x25",
        BARI,
        "phone",
        "2025-12-31T23:30",
        _victim_full(
            "help_request",
            "female",
            "age_25_34",
            "italian",
            ["physical"],
            "current_partner",
            "yes",
            "no",
            "press",
            ["police"],
        ),
        "transfer",
        ((10, "answered"),),
        emergency=(20, 30),
    ),
    Spec("x26", TORINO, "phone", "2026-04-01T00:10", valid("victim", "help_request")),
    Spec("x27", None, "chat", "2026-04-01T00:00", {"validity": "prank"}),
)

IN_PERIOD = 27


def territories_make() -> None:
    city = Territory.objects.create(code=CITY_TERRITORY, name="Città di Bari (prova)")
    city.comuni.set([BARI])
    mixed = Territory.objects.create(code=MIXED_TERRITORY, name="Salento e Altamura (prova)")
    mixed.provinces.set(["LE"])
    mixed.comuni.set([ALTAMURA])


def contact_make(spec: Spec, operator, version_id: int) -> Contact:
    started = local(spec.at)
    contact = Contact.objects.create(
        channel=spec.channel,
        language="it",
        operator=operator,
        started_at=started,
        comune_id=spec.comune,
        decision={"mode": spec.mode, "territory": None} if spec.mode else None,
        classification_version_id=version_id if spec.answers else None,
        classification=spec.answers,
    )
    for position, (seconds, outcome) in enumerate(spec.attempts, start=1):
        TransferAttempt.objects.create(
            contact=contact,
            position=position,
            service_id=f"svc-{position}",
            service_name="Servizio di prova",
            attempted_at=started + timedelta(seconds=seconds),
            outcome=outcome,
        )
    if spec.emergency is not None:
        police, handed = spec.emergency
        EmergencyRecord.objects.create(
            contact=contact,
            started_at=started + timedelta(seconds=10),
            police_activated_at=started + timedelta(seconds=police) if police else None,
            handed_over_at=started + timedelta(seconds=handed) if handed else None,
        )
    return contact


def quarter_make(operator) -> None:
    territories_make()
    version_id = classification_current().version_id
    for spec in SPECS:
        contact_make(spec, operator, version_id)
