"""Write a `rete-network/1` document into the database.

Semantics (also in the help of `rete import-network`):

- The whole document is validated first; with any error nothing is written
  (NetworkFileInvalid lists every error).
- Organisations and services are matched by id, territories by code: new ones are
  created, changed ones updated. The file's record is the truth: an optional field it
  leaves out takes its default (an organisation's e-mail is cleared). Records that are
  not in the file are left alone, so a file of one territory can be imported into a
  national network.
- The collections that belong to a record of the file are replaced by the file's: a
  service's phones, location, schedules, closed dates, special openings, languages and
  service area; a territory's provinces and comuni and its referral chain; the
  emergency contacts of each province that has contacts in the file.
- Protocols are history: the file's protocols are created or updated (matched by
  territory, valid_from and kind), and a protocol the file leaves out is kept. A
  protocol ends by its status (`terminated`) or its `valid_to`, never by an import.
- Idempotent: the database is compared with the file before anything is written, only
  what differs is written, and the network revision is bumped once, and only if
  something changed. A second import of the same file writes nothing.

Writes are bulk operations inside one transaction; per-row revision bumps of the
signals are suppressed by `network_revision_batch()`, which bumps once at its end.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rete.directory.models import (
    ClosedDate,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    SpecialOpening,
)
from rete.network.models import (
    EmergencyContact,
    NetworkRevision,
    Protocol,
    Referral,
    Territory,
)
from rete.network.networkfile.exporter import network_export
from rete.network.networkfile.validate import network_file_normalize
from rete.network.revision import (
    SINGLETON_ID,
    network_revision_batch,
    network_revision_current,
)

# Rows per statement: well under SQLite's limit of bound parameters per query.
CHUNK = 500

ORGANIZATION_FIELDS = ("name", "kind", "tax_id", "email", "website")
SERVICE_FIELDS = ("organization", "name", "kind", "description", "open_on_holidays")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@dataclass
class ImportReport:
    """What an import did, per kind of record; `revision` is the network revision after it."""

    organizations: Counts = field(default_factory=Counts)
    services: Counts = field(default_factory=Counts)
    territories: Counts = field(default_factory=Counts)
    protocols: Counts = field(default_factory=Counts)
    referrals: Counts = field(default_factory=Counts)
    emergency_contacts: Counts = field(default_factory=Counts)
    revision: int = 0

    def entities(self) -> list[tuple[str, Counts]]:
        return [
            (_("organisations"), self.organizations),
            (_("services"), self.services),
            (_("territories"), self.territories),
            (_("protocols"), self.protocols),
            (_("referrals"), self.referrals),
            (_("emergency contacts"), self.emergency_contacts),
        ]

    @property
    def changed(self) -> bool:
        return any(counts.changed for _name, counts in self.entities())

    def lines(self) -> list[str]:
        """A short summary, one line per kind of record."""
        return [
            _(
                "%(entity)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
                "%(deleted)d deleted"
            )
            % {
                "entity": name,
                "created": counts.created,
                "updated": counts.updated,
                "unchanged": counts.unchanged,
                "deleted": counts.deleted,
            }
            for name, counts in self.entities()
        ]


def network_import(document: object) -> ImportReport:
    """Validate `document` and write it; raise NetworkFileInvalid (nothing written) if it
    is not a valid `rete-network/1` document."""
    network = network_file_normalize(document)
    with transaction.atomic():
        # One import at a time (on PostgreSQL; SQLite serialises writers anyway): each
        # plans against the database as the previous one left it. The row exists from
        # the first change of the network on.
        NetworkRevision.objects.select_for_update().filter(pk=SINGLETON_ID).first()
        plan = _Plan(network, network_export())
        if plan.report.changed:
            with network_revision_batch():
                plan.apply()
        plan.report.revision = network_revision_current()
    return plan.report


# Helpers ------------------------------------------------------------------------------


def _chunks(values: Sequence) -> Iterator[Sequence]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _time(value: str) -> time:
    return time.fromisoformat(value)


def _decimal(value: float | None) -> Decimal | None:
    return Decimal(str(value)) if value is not None else None


def _delete_owned(model: type[models.Model], owner_field: str, owners: Sequence[int]) -> None:
    for chunk in _chunks(owners):
        model.objects.filter(**{f"{owner_field}__in": chunk}).delete()


def _sync_links(
    model: type[models.Model],
    owner_field: str,
    value_field: str,
    desired: dict[int, Iterable[Any]],
    make: Callable[[int, Any], models.Model],
) -> None:
    """Make the (owner, value) rows of `model` for the owners in `desired` exactly the
    desired ones, touching only the rows that differ (e.g. a service's languages)."""
    wanted = {owner: set(values) for owner, values in desired.items()}
    present: set[tuple[int, Any]] = set()
    stale: list[int] = []
    for chunk in _chunks(list(wanted)):
        rows = model.objects.filter(**{f"{owner_field}__in": chunk}).values_list(
            "pk", owner_field, value_field
        )
        for pk, owner, value in rows:
            if value in wanted[owner]:
                present.add((owner, value))
            else:
                stale.append(pk)
    for chunk in _chunks(stale):
        model.objects.filter(pk__in=chunk).delete()
    model.objects.bulk_create(
        [
            make(owner, value)
            for owner, values in wanted.items()
            for value in sorted(values)
            if (owner, value) not in present
        ],
        batch_size=CHUNK,
    )


def _count_keyed(counts: Counts, old: dict[Any, Any], new: dict[Any, Any]) -> None:
    """Count the rows of one replaced collection by key: new keys are created, keys
    whose value differs updated, missing keys deleted."""
    for key, value in new.items():
        if key not in old:
            counts.created += 1
        elif old[key] != value:
            counts.updated += 1
        else:
            counts.unchanged += 1
    counts.deleted += sum(1 for key in old if key not in new)


def _by_phone(contacts: list[tuple[str, str]]) -> dict[str, tuple[int, str]]:
    """A province's contacts keyed by phone: a contact moved or renamed is updated."""
    return {phone: (position, name) for position, (phone, name) in enumerate(contacts)}


# The plan -----------------------------------------------------------------------------


class _Plan:
    """The difference between the file and the database, computed before any write."""

    def __init__(self, network: dict, current: dict) -> None:
        self.report = ImportReport()
        self.network = network
        self._organizations(network["organizations"], current["organizations"])
        self._services(network["services"], current["services"])
        self._territories(network["territories"], current["territories"])
        self._protocols(network, current["protocols"])
        self._referrals(network, current["referrals"])
        self._emergency_contacts(network["emergency_contacts"], current["emergency_contacts"])

    # Comparing --------------------------------------------------------------------------

    def _upserts(
        self, items: list[dict], current: list[dict], key: str, counts: Counts
    ) -> tuple[list[dict], list[tuple[dict, dict]]]:
        """Split the file's records into new ones and (new, old) pairs that differ."""
        old_by_key = {record[key]: record for record in current}
        created, changed = [], []
        for record in items:
            old = old_by_key.get(record[key])
            if old is None:
                created.append(record)
                counts.created += 1
            elif old != record:
                changed.append((record, old))
                counts.updated += 1
            else:
                counts.unchanged += 1
        return created, changed

    def _organizations(self, items: list[dict], current: list[dict]) -> None:
        created, changed = self._upserts(items, current, "id", self.report.organizations)
        self.organizations_created = created
        self.organizations_updated = [new for new, _old in changed]

    def _services(self, items: list[dict], current: list[dict]) -> None:
        created, changed = self._upserts(items, current, "id", self.report.services)
        self.services_created = created
        # For each changed service, only the parts that differ are rewritten.
        self.services_updated: list[dict] = []
        self.service_parts: defaultdict[str, list[dict]] = defaultdict(list)
        for new, old in changed:
            if any(new[name] != old[name] for name in SERVICE_FIELDS):
                self.services_updated.append(new)
            for part in new:
                if part not in SERVICE_FIELDS and part != "id" and new[part] != old[part]:
                    self.service_parts[part].append(new)
        self.services_existing_parts = {
            part: [service["id"] for service in services]
            for part, services in self.service_parts.items()
        }
        for service in created:
            for part in service:
                if part not in SERVICE_FIELDS and part != "id":
                    self.service_parts[part].append(service)

    def _territories(self, items: list[dict], current: list[dict]) -> None:
        created, changed = self._upserts(items, current, "code", self.report.territories)
        self.territories_created = created
        self.territories_renamed = [new for new, old in changed if new["name"] != old["name"]]
        self.territories_covering = created + [
            new
            for new, old in changed
            if (new["provinces"], new["comuni"]) != (old["provinces"], old["comuni"])
        ]

    def _protocols(self, network: dict, current: list[dict]) -> None:
        """The file's protocols are created or updated; the others are kept (history)."""
        key = self._protocol_key
        new = {key(p): p for p in network["protocols"]}
        old = {key(p): p for p in current if key(p) in new}
        _count_keyed(self.report.protocols, old, new)
        self.protocols_created = [p for k, p in new.items() if k not in old]
        self.protocols_updated = [p for k, p in new.items() if k in old and old[k] != p]

    def _referrals(self, network: dict, current: list[dict]) -> None:
        """The referral chain of each territory of the file becomes the file's."""
        old: defaultdict[str, dict[str, int]] = defaultdict(dict)
        new: defaultdict[str, dict[str, int]] = defaultdict(dict)
        for referral in current:
            old[referral["territory"]][referral["service"]] = referral["priority"]
        for referral in network["referrals"]:
            new[referral["territory"]][referral["service"]] = referral["priority"]
        # A changed chain is written again whole: moving services up and down one by
        # one would collide with the unique (territory, priority) on the way.
        self.chains_replaced: list[str] = []
        for territory in network["territories"]:
            code = territory["code"]
            _count_keyed(self.report.referrals, old[code], new[code])
            if old[code] != new[code]:
                self.chains_replaced.append(code)

    def _emergency_contacts(self, items: list[dict], current: list[dict]) -> None:
        """The contacts of each province of the file become the file's, in its order."""
        old: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
        new: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
        for contact in current:
            old[contact["province"]].append((contact["phone"], contact["name"]))
        for contact in items:
            new[contact["province"]].append((contact["phone"], contact["name"]))
        self.contacts_replaced: dict[str, list[tuple[str, str]]] = {}
        for province, contacts in new.items():
            _count_keyed(
                self.report.emergency_contacts, _by_phone(old[province]), _by_phone(contacts)
            )
            if old[province] != contacts:
                self.contacts_replaced[province] = contacts

    # Writing ----------------------------------------------------------------------------

    def apply(self) -> None:
        now = timezone.now()
        self._write_organizations(now)
        self._write_services(now)
        self._write_territories()
        self._write_protocols()
        self._write_referrals()
        self._write_emergency_contacts()

    def _write_organizations(self, now: datetime) -> None:
        def build(record: dict, **extra: Any) -> Organization:
            return Organization(
                ext_id=record["id"],
                name=record["name"],
                kind=record["kind"],
                tax_id=record["tax_id"] or "",
                email=record["email"],
                website=record["website"],
                **extra,
            )

        Organization.objects.bulk_create(
            [build(record) for record in self.organizations_created], batch_size=CHUNK
        )
        if self.organizations_updated:
            pks = self._pks(Organization, [r["id"] for r in self.organizations_updated])
            Organization.objects.bulk_update(
                [build(r, pk=pks[r["id"]], updated_at=now) for r in self.organizations_updated],
                [*ORGANIZATION_FIELDS, "updated_at"],
                batch_size=CHUNK,
            )

    def _write_services(self, now: datetime) -> None:
        organizations = self._pks(
            Organization,
            [s["organization"] for s in self.services_created + self.services_updated],
        )

        def build(record: dict, **extra: Any) -> Service:
            return Service(
                ext_id=record["id"],
                organization_id=organizations[record["organization"]],
                name=record["name"],
                kind=record["kind"],
                description=record["description"],
                open_on_holidays=record["open_on_holidays"],
                **extra,
            )

        Service.objects.bulk_create(
            [build(record) for record in self.services_created], batch_size=CHUNK
        )
        if self.services_updated:
            pks = self._pks(Service, [s["id"] for s in self.services_updated])
            Service.objects.bulk_update(
                [build(s, pk=pks[s["id"]], updated_at=now) for s in self.services_updated],
                [*SERVICE_FIELDS, "updated_at"],
                batch_size=CHUNK,
            )
        parts = self.service_parts
        if not parts:
            return
        services = self._pks(
            Service, list({s["id"] for records in parts.values() for s in records})
        )

        def existing(part: str) -> list[int]:
            """The services whose old rows of `part` must go (new services have none)."""
            return [services[ext_id] for ext_id in self.services_existing_parts.get(part, [])]

        self._write_locations(parts["location"], services)
        _delete_owned(Phone, "service_id", existing("phones"))
        Phone.objects.bulk_create(
            [
                Phone(service_id=services[s["id"]], number=number, position=position)
                for s in parts["phones"]
                for position, number in enumerate(s["phones"])
            ],
            batch_size=CHUNK,
        )
        _delete_owned(Schedule, "service_id", existing("schedules"))
        Schedule.objects.bulk_create(
            [
                Schedule(
                    service_id=services[s["id"]],
                    byday=rule["byday"],
                    opens_at=_time(rule["opens_at"]),
                    closes_at=_time(rule["closes_at"]),
                    valid_from=_date(rule["valid_from"]),
                    valid_to=_date(rule["valid_to"]),
                )
                for s in parts["schedules"]
                for rule in s["schedules"]
            ],
            batch_size=CHUNK,
        )
        _delete_owned(SpecialOpening, "service_id", existing("special_openings"))
        SpecialOpening.objects.bulk_create(
            [
                SpecialOpening(
                    service_id=services[s["id"]],
                    date=_date(opening["date"]),
                    opens_at=_time(opening["opens_at"]),
                    closes_at=_time(opening["closes_at"]),
                )
                for s in parts["special_openings"]
                for opening in s["special_openings"]
            ],
            batch_size=CHUNK,
        )
        # Closed dates are synchronised rather than replaced: a date kept keeps the
        # reason written for it in the admin.
        _sync_links(
            ClosedDate,
            "service_id",
            "date",
            {services[s["id"]]: map(_date, s["closed_dates"]) for s in parts["closed_dates"]},
            lambda owner, day: ClosedDate(service_id=owner, date=day),
        )
        _sync_links(
            Service.languages.through,
            "service_id",
            "language_id",
            {services[s["id"]]: s["languages"] for s in parts["languages"]},
            lambda owner, code: Service.languages.through(service_id=owner, language_id=code),
        )
        area = parts["service_area"]
        _sync_links(
            Service.area_provinces.through,
            "service_id",
            "province_id",
            {services[s["id"]]: s["service_area"]["provinces"] for s in area},
            lambda owner, sigla: Service.area_provinces.through(
                service_id=owner, province_id=sigla
            ),
        )
        _sync_links(
            Service.area_comuni.through,
            "service_id",
            "comune_id",
            {services[s["id"]]: s["service_area"]["comuni"] for s in area},
            lambda owner, code: Service.area_comuni.through(service_id=owner, comune_id=code),
        )

    def _write_locations(self, records: list[dict], services: dict[str, int]) -> None:
        if not records:
            return
        owners = [services[s["id"]] for s in records]
        existing: dict[int, int] = {}
        for chunk in _chunks(owners):
            existing.update(
                Location.objects.filter(service_id__in=chunk).values_list("service_id", "pk")
            )

        def build(record: dict, **extra: Any) -> Location:
            location = record["location"]
            return Location(
                service_id=services[record["id"]],
                address=location["address"],
                comune_id=location["comune"],
                latitude=_decimal(location["lat"]),
                longitude=_decimal(location["lon"]),
                confidential=location["confidential"],
                **extra,
            )

        Location.objects.bulk_update(
            [
                build(s, pk=existing[services[s["id"]]])
                for s in records
                if services[s["id"]] in existing
            ],
            ["address", "comune_id", "latitude", "longitude", "confidential"],
            batch_size=CHUNK,
        )
        Location.objects.bulk_create(
            [build(s) for s in records if services[s["id"]] not in existing], batch_size=CHUNK
        )

    def _write_territories(self) -> None:
        Territory.objects.bulk_create(
            [Territory(code=t["code"], name=t["name"]) for t in self.territories_created],
            batch_size=CHUNK,
        )
        if self.territories_renamed:
            pks = self._territory_pks([t["code"] for t in self.territories_renamed])
            Territory.objects.bulk_update(
                [Territory(pk=pks[t["code"]], name=t["name"]) for t in self.territories_renamed],
                ["name"],
                batch_size=CHUNK,
            )
        if not self.territories_covering:
            return
        pks = self._territory_pks([t["code"] for t in self.territories_covering])
        _sync_links(
            Territory.provinces.through,
            "territory_id",
            "province_id",
            {pks[t["code"]]: t["provinces"] for t in self.territories_covering},
            lambda owner, sigla: Territory.provinces.through(territory_id=owner, province_id=sigla),
        )
        _sync_links(
            Territory.comuni.through,
            "territory_id",
            "comune_id",
            {pks[t["code"]]: t["comuni"] for t in self.territories_covering},
            lambda owner, code: Territory.comuni.through(territory_id=owner, comune_id=code),
        )

    def _write_protocols(self) -> None:
        territories = self._territory_pks(
            [p["territory"] for p in self.protocols_created + self.protocols_updated]
        )

        def build(record: dict, **extra: Any) -> Protocol:
            return Protocol(
                territory_id=territories[record["territory"]],
                title=record["title"],
                kind=record["kind"],
                signed_on=_date(record["signed_on"]),
                valid_from=_date(record["valid_from"]),
                valid_to=_date(record["valid_to"]),
                status=record["status"],
                **extra,
            )

        Protocol.objects.bulk_create([build(p) for p in self.protocols_created], batch_size=CHUNK)
        pks = self._protocol_pks()
        Protocol.objects.bulk_update(
            [build(p, pk=pks[self._protocol_key(p)]) for p in self.protocols_updated],
            ["title", "signed_on", "valid_to", "status"],
            batch_size=CHUNK,
        )
        touched = self.protocols_created + self.protocols_updated
        if touched:
            organizations = self._pks(
                Organization, list({party for p in touched for party in p["parties"]})
            )
            _sync_links(
                Protocol.parties.through,
                "protocol_id",
                "organization_id",
                {
                    pks[self._protocol_key(p)]: [organizations[o] for o in p["parties"]]
                    for p in touched
                },
                lambda owner, organization: Protocol.parties.through(
                    protocol_id=owner, organization_id=organization
                ),
            )

    def _write_referrals(self) -> None:
        if not self.chains_replaced:
            return
        territories = self._territory_pks(self.chains_replaced)
        _delete_owned(Referral, "territory_id", [territories[c] for c in self.chains_replaced])
        replaced = set(self.chains_replaced)
        chain = [r for r in self.network["referrals"] if r["territory"] in replaced]
        services = self._pks(Service, list({r["service"] for r in chain}))
        Referral.objects.bulk_create(
            [
                Referral(
                    territory_id=territories[r["territory"]],
                    service_id=services[r["service"]],
                    priority=r["priority"],
                )
                for r in chain
            ],
            batch_size=CHUNK,
        )

    def _write_emergency_contacts(self) -> None:
        if not self.contacts_replaced:
            return
        EmergencyContact.objects.filter(province_id__in=list(self.contacts_replaced)).delete()
        EmergencyContact.objects.bulk_create(
            [
                EmergencyContact(province_id=province, name=name, phone=phone, position=position)
                for province, contacts in self.contacts_replaced.items()
                for position, (phone, name) in enumerate(contacts)
            ],
            batch_size=CHUNK,
        )

    # Primary keys -----------------------------------------------------------------------

    @staticmethod
    def _pks(model: type[Organization] | type[Service], ext_ids: list[str]) -> dict[str, int]:
        result: dict[str, int] = {}
        for chunk in _chunks(ext_ids):
            result.update(model.objects.filter(ext_id__in=chunk).values_list("ext_id", "pk"))
        return result

    @staticmethod
    def _territory_pks(codes: list[str]) -> dict[str, int]:
        result: dict[str, int] = {}
        for chunk in _chunks(list(set(codes))):
            result.update(Territory.objects.filter(code__in=chunk).values_list("code", "pk"))
        return result

    @staticmethod
    def _protocol_key(protocol: dict) -> tuple[str, str, str]:
        return protocol["territory"], protocol["valid_from"], protocol["kind"]

    @staticmethod
    def _protocol_pks() -> dict[tuple[str, str, str], int]:
        rows = Protocol.objects.values_list("pk", "territory__code", "valid_from", "kind")
        return {(code, start.isoformat(), kind): pk for pk, code, start, kind in rows}
