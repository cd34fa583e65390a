"""Demo territory sheets: a first version for Bari (the seed's territory, its network as the
operational plan lists it) and for two other pilot territories.

The figures are plausible, not official: every sheet says in its note and in its area text
that it is an example of the demo, and the members and agreements that are not the seed's
end in "(esempio)". Loading is idempotent: a territory that has a sheet keeps it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from rete.accounts.roles import ATR_REFERENT, DEPARTMENT_ADMIN
from rete.demo.catalogue import EXAMPLE
from rete.demo.seed_bari import BARI_PARTY, BARI_TERRITORY, GIRAFFA_ORGANIZATION
from rete.demo.services import demo_username
from rete.directory.models import Organization
from rete.network.models import Territory
from rete.territory_sheets.content import AgreementRow, MemberRow, SheetContent
from rete.territory_sheets.models import TerritorySheetVersion
from rete.territory_sheets.services import sheet_first_version_write

DEMO_NOTE = "Prima versione (dati di esempio della demo)"
DEMO_AREA_PREFIX = "Dati di esempio della demo, non ufficiali."

# (directory id or None, name when not in the directory, role in the network)
Member = tuple[str | None, str, str]

BARI_MEMBERS: tuple[Member, ...] = (
    (
        BARI_PARTY,
        "",
        "Ente capofila: firma il protocollo con il Dipartimento e coordina la rete provinciale",
    ),
    (
        GIRAFFA_ORGANIZATION,
        "",
        "Gestisce il centro antiviolenza GIRAFFA, referente locale per i trasferimenti del 1522",
    ),
    ("org-comune-bari", "", "Servizi sociali: presa in carico e sostegno abitativo"),
    ("org-comune-mola", "", "Servizi sociali e centro antiviolenza di Mola di Bari"),
    ("org-comune-bitonto", "", "Pari opportunità: sensibilizzazione sul territorio"),
    ("org-cav-barletta", "", "Centro antiviolenza: accoglienza e consulenza"),
    ("org-asl-ba", "", "Consultori e salute mentale: sostegno psicologico"),
    ("org-osp-san-paolo", "", "Pronto soccorso: percorso per le donne che subiscono violenza"),
    ("org-osp-di-venere", "", "Pronto soccorso: percorso per le donne che subiscono violenza"),
    ("org-procura-bari", "", "Procura: referente per i reati di violenza di genere e stalking"),
    ("org-questura-bari", "", "Forze dell'ordine: emergenze e denunce"),
    ("org-carabinieri-bari", "", "Forze dell'ordine: emergenze e denunce"),
    ("org-tribunale-minori", "", "Tutela dei figli e delle figlie minorenni"),
    ("org-cpo-avvocati-bari", "", "Consulenza legale e formazione degli avvocati"),
    ("org-cpo-uniba", "", "Formazione e ricerca"),
    (None, f"Istituti scolastici della provincia {EXAMPLE}", "Prevenzione nelle scuole"),
)

SHEETS: dict[str, dict] = {
    BARI_TERRITORY: {
        "author": ATR_REFERENT,
        "members": BARI_MEMBERS,
        "content": {
            # Resident population of the province of Bari at the 2011 census, rounded.
            "population_served": 1_247_000,
            "area_notes": (
                "41 comuni della provincia di Bari, con il capoluogo e i comuni dell'area "
                "metropolitana. I servizi specializzati sono concentrati a Bari e a Mola di Bari."
            ),
            "staff_and_funding": (
                "Operatrici del centro GIRAFFA (accoglienza, consulenza legale e psicologica); "
                "un'assistente sociale referente per ciascun ambito sociale; fondi provinciali e "
                "regionali per la violenza di genere."
            ),
            "yearly_budget": Decimal("180000.00"),
            "critical_issues": (
                "Il centro di riferimento per i trasferimenti del 1522 è aperto tre mattine a "
                "settimana: fuori orario le donne ricevono solo l'indicazione del servizio.\n"
                "Posti in casa rifugio inferiori allo standard europeo di un posto ogni 10.000 "
                "abitanti.\nServizi scarsi nei comuni lontani dal capoluogo."
            ),
            "office_email": "atr-bari@example.org",
            "office_phone": "080 0000900",
        },
        "agreements": (
            AgreementRow(
                title=f"Protocollo della rete provinciale antiviolenza {EXAMPLE}",
                signed_on=date(2011, 3, 8),
                parties="Provincia di Bari, Comuni di Bari, Mola di Bari e Bitonto, ASL BA, "
                "Prefettura, centri antiviolenza",
            ),
            AgreementRow(
                title=f"Accordo per il percorso in pronto soccorso {EXAMPLE}",
                signed_on=date(2011, 11, 25),
                parties="ASL BA, Ospedale San Paolo, Ospedale Di Venere, Associazione GIRAFFA",
            ),
        ),
    },
    "ATR-C-BOLOGNA": {
        "author": DEPARTMENT_ADMIN,
        "members": (
            (
                "org-bologna-cav",
                "",
                "Centro antiviolenza e casa rifugio; referente per i trasferimenti del 1522",
            ),
            ("org-bologna-asl", "", "Pronto soccorso e consultori"),
            (None, f"Comune di Bologna - Servizi sociali {EXAMPLE}", "Ente capofila"),
        ),
        "content": {
            "population_served": 390_000,
            "area_notes": "Il comune di Bologna, articolato in sei quartieri.",
            "staff_and_funding": "Operatrici del centro antiviolenza; fondi comunali e regionali.",
            "yearly_budget": Decimal("240000.00"),
            "critical_issues": "Lunghe attese per un posto in casa rifugio.",
            "office_email": "atr-bologna@example.org",
            "office_phone": "051 0000900",
        },
        "agreements": (
            AgreementRow(
                title=f"Accordo metropolitano per l'accoglienza delle donne {EXAMPLE}",
                signed_on=date(2016, 11, 25),
                parties="Comune di Bologna, Azienda sanitaria, centro antiviolenza",
            ),
        ),
    },
    "ATR-AN": {
        "author": DEPARTMENT_ADMIN,
        "members": (
            (
                "org-ancona-cav",
                "",
                "Centro antiviolenza con sportelli a Jesi e Senigallia; referente per il 1522",
            ),
            (None, f"Provincia di Ancona - Servizi sociali {EXAMPLE}", "Ente capofila"),
        ),
        "content": {
            "population_served": 465_000,
            "area_notes": "I comuni della provincia di Ancona; sportelli a Jesi e Senigallia.",
            "staff_and_funding": "Operatrici del centro e degli sportelli; fondi regionali.",
            "yearly_budget": None,
            "critical_issues": "Gli sportelli sono aperti poche ore alla settimana.",
            "office_email": "",
            "office_phone": "",
        },
        "agreements": (),
    },
}


def _members(rows: tuple[Member, ...]) -> tuple[MemberRow, ...]:
    wanted = [ext_id for ext_id, _name, _role in rows if ext_id]
    organizations = {o.ext_id: o for o in Organization.objects.filter(ext_id__in=wanted)}
    members = []
    for ext_id, name, role in rows:
        if ext_id is None:
            members.append(MemberRow(name=name, role=role))
        elif ext_id in organizations:
            organization = organizations[ext_id]
            members.append(
                MemberRow(name=organization.name, role=role, organization_id=organization.pk)
            )
    return tuple(members)


def demo_territory_sheets_load() -> int:
    """Write the demo sheets of the territories that exist and have none; return how many
    territories have a sheet."""
    users = get_user_model().objects
    with transaction.atomic():
        for code, sheet in SHEETS.items():
            territory = Territory.objects.filter(code=code).first()
            if territory is None:
                continue
            fields = sheet["content"]
            content = SheetContent(
                **{**fields, "area_notes": f"{DEMO_AREA_PREFIX} {fields['area_notes']}"},
                members=_members(sheet["members"]),
                agreements=sheet["agreements"],
            )
            sheet_first_version_write(
                territory=territory,
                actor=users.filter(username=demo_username(sheet["author"])).first(),
                content=content,
                note=DEMO_NOTE,
            )
    return TerritorySheetVersion.objects.values("territory").distinct().count()
