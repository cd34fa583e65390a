"""Small builders of directory and network rows for the admin tests."""

import datetime
import itertools

from rete.directory.models import Location, Organization, Phone, Service
from rete.network.models import Protocol, ProtocolStatus, Referral, Territory

BARI = "072006"
_sequence = itertools.count(1)


def organization(name: str = "Associazione GIRAFFA Onlus") -> Organization:
    number = next(_sequence)
    return Organization.objects.create(
        ext_id=f"org-{number}", name=name, kind="association", tax_id="01429080425"
    )


def service(
    owner: Organization,
    name: str = "Centro antiviolenza GIRAFFA",
    *,
    comune: str = BARI,
    phone: str = "+390805741461",
    confidential: bool = False,
) -> Service:
    number = next(_sequence)
    created = Service.objects.create(
        ext_id=f"svc-{number}", organization=owner, name=name, kind="anti_violence_centre"
    )
    Location.objects.create(
        service=created, address="Via Napoli 308", comune_id=comune, confidential=confidential
    )
    Phone.objects.create(service=created, number=phone)
    return created


def territory(code: str = "ATR-BA", name: str = "Provincia di Bari") -> Territory:
    created = Territory.objects.create(code=code, name=name)
    created.provinces.add("BA")
    return created


def protocol(owner: Territory) -> Protocol:
    return Protocol.objects.create(
        territory=owner,
        valid_from=datetime.date(2011, 5, 10),
        valid_to=datetime.date(2012, 12, 31),
        status=ProtocolStatus.ACTIVE,
    )


def referral(owner: Territory, target: Service, priority: int) -> Referral:
    return Referral.objects.create(territory=owner, service=target, priority=priority)
