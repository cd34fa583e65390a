"""JSON API of the network registry: the territories (ATR), their protocol in force and their
local referral chain. Public data."""

import datetime
import re

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from rete.config.api_errors import ErrorOut
from rete.network.selectors import TerritorySummary, territory_get, territory_list

router = Router()

TERRITORY_CODE_RE = re.compile(r"^ATR-[A-Z0-9-]{2,36}$")


class TerritoryProvinceOut(Schema):
    sigla: str
    name: str


class TerritoryComuneOut(Schema):
    code: str
    name: str
    province: str


class TerritoryProtocolOut(Schema):
    valid_from: datetime.date
    valid_to: datetime.date | None
    status: str


class ReferralOut(Schema):
    service_id: str
    name: str
    priority: int


class TerritoryOut(Schema):
    code: str
    name: str
    provinces: list[TerritoryProvinceOut]
    comuni: list[TerritoryComuneOut]
    comuni_count: int
    protocol: TerritoryProtocolOut | None
    referral_chain: list[ReferralOut]


def territory_to_dict(summary: TerritorySummary) -> dict:
    territory = summary.territory
    protocol = summary.protocol
    return {
        "code": territory.code,
        "name": territory.name,
        "provinces": [{"sigla": p.sigla, "name": p.name} for p in territory.provinces.all()],
        # The comuni listed one by one (a city-level territory); a province-level territory
        # covers every comune of its provinces, counted in comuni_count.
        "comuni": [
            {"code": c.code, "name": c.name, "province": c.province_id}
            for c in territory.comuni.all()
        ],
        "comuni_count": summary.comuni_count,
        "protocol": (
            {
                "valid_from": protocol.valid_from,
                "valid_to": protocol.valid_to,
                "status": protocol.status,
            }
            if protocol
            else None
        ),
        "referral_chain": [
            {"service_id": r.service.ext_id, "name": r.service.name, "priority": r.priority}
            for r in territory.referrals.all()
        ],
    }


@router.get(
    "/territories",
    response={200: list[TerritoryOut], 503: ErrorOut},
    summary="List territories (ATR)",
)
def territories_list(request: HttpRequest) -> list[dict]:
    """Every territory by code, with the protocol in force today (Europe/Rome) or null, and its
    referral chain in priority order."""
    return [territory_to_dict(summary) for summary in territory_list()]


@router.get(
    "/territories/{code}",
    response={200: TerritoryOut, 404: ErrorOut, 503: ErrorOut},
    summary="One territory (ATR)",
)
def territories_detail(request: HttpRequest, code: str) -> dict:
    summary = territory_get(code=code) if TERRITORY_CODE_RE.match(code) else None
    if summary is None:
        raise HttpError(404, _("No territory has this code."))
    return territory_to_dict(summary)
