"""Read and check a `rete-network/1` document, listing every error with its JSON path.

Checking writes nothing. It reads the comuni and provinces of the geography app, to
refuse codes that do not exist, and otherwise depends on the document alone: every
reference (a service's organisation, a referral's territory and service, ...) must be
to a record of the same document.

The result of a successful check is the document normalised to the exact shape the
export gives back: phones in E.164, omitted optional fields filled in with their
defaults, unordered lists sorted (see schema.canonical_order).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Collection, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _
from stdnum.it import codicefiscale, iva

from rete.directory.kinds import OrganizationKind, ServiceKind
from rete.directory.languages import LANGUAGES
from rete.directory.models import ext_id_validator, validate_byday
from rete.directory.validators import normalize_emergency_phone, normalize_phone, validate_tax_id
from rete.geography.models import Comune, Province
from rete.network.models import ProtocolKind, ProtocolStatus, Territory
from rete.network.networkfile.schema import (
    ADDRESS_LENGTH,
    COORDINATE_PLACES,
    DOCUMENT,
    EMAIL_LENGTH,
    EMERGENCY_CONTACT,
    EMERGENCY_NAME_LENGTH,
    FORMAT,
    LOCATION,
    MAX_PRIORITY,
    NAME_LENGTH,
    ORGANIZATION,
    PROTOCOL,
    REFERRAL,
    SCHEDULE,
    SECTIONS,
    SERVICE,
    SERVICE_AREA,
    SPECIAL_OPENING,
    TERRITORY,
    TERRITORY_NAME_LENGTH,
    TITLE_LENGTH,
    WEBSITE_LENGTH,
    Fields,
    FileError,
    NetworkFileInvalid,
    NetworkFileUnreadable,
    canonical_order,
)

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME_RE = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
_IDENTIFIER_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_COORDINATE_QUANTUM = Decimal(1).scaleb(-COORDINATE_PLACES)
_validate_email = EmailValidator()
_validate_url = URLValidator()


class _Invalid:
    """Stands for a value that failed its check (the error is already recorded)."""

    def __repr__(self) -> str:
        return "<invalid>"


INVALID: Any = _Invalid()
_REQUIRED: Any = object()


def network_file_parse(raw: bytes) -> object:
    """Decode the bytes of a file as a JSON document.

    Stricter than `json.loads`: a key repeated in an object (the second would silently
    win) and the non-standard NaN / Infinity are refused. Raises NetworkFileUnreadable.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NetworkFileUnreadable(
            _("The file is not UTF-8 text (byte %(position)d).") % {"position": error.start}
        ) from None
    try:
        return json.loads(text, object_pairs_hook=_refuse_repeated_keys, parse_constant=_refuse)
    except json.JSONDecodeError as error:
        raise NetworkFileUnreadable(
            _("The file is not a JSON document: %(reason)s at line %(line)d, column %(column)d.")
            % {"reason": error.msg, "line": error.lineno, "column": error.colno}
        ) from None
    except ValueError as error:
        raise NetworkFileUnreadable(
            _("The file is not a JSON document: %(reason)s") % {"reason": error}
        ) from None


def _refuse_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(_("the key “%(key)s” appears twice in one object.") % {"key": key})
        result[key] = value
    return result


def _refuse(constant: str) -> Any:
    raise ValueError(_("%(constant)s is not a JSON number.") % {"constant": constant})


def network_file_validate(
    document: object,
    *,
    comuni: Collection[str] | None = None,
    provinces: Collection[str] | None = None,
) -> list[FileError]:
    """Every error of the document, in document order; an empty list if it is valid.

    `comuni` and `provinces` (ISTAT codes, siglas) default to those in the database.
    """
    _network, errors = _check(document, comuni=comuni, provinces=provinces)
    return errors


def network_file_normalize(
    document: object,
    *,
    comuni: Collection[str] | None = None,
    provinces: Collection[str] | None = None,
) -> dict:
    """The document in its normalised shape; raises NetworkFileInvalid with every error."""
    network, errors = _check(document, comuni=comuni, provinces=provinces)
    if errors:
        raise NetworkFileInvalid(errors)
    return network


def _check(
    document: object,
    *,
    comuni: Collection[str] | None,
    provinces: Collection[str] | None,
) -> tuple[dict, list[FileError]]:
    if comuni is None:
        comuni = set(Comune.objects.values_list("code", flat=True))
    if provinces is None:
        provinces = set(Province.objects.values_list("sigla", flat=True))
    checker = _Checker(comuni=comuni, provinces=provinces)
    network = checker.document(document)
    if checker.errors:
        return {}, checker.errors
    return canonical_order(network), []


def _key_path(path: str, key: str) -> str:
    if _IDENTIFIER_RE.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _declared(items: object, key: str) -> set[str]:
    """The ids a section declares, read before checking, so that references to a
    record whose other fields are wrong are not reported as dangling as well."""
    if not isinstance(items, list):
        return set()
    return {
        item[key] for item in items if isinstance(item, dict) and isinstance(item.get(key), str)
    }


class _Checker:
    """Walks a document once, records every error and builds the normalised copy.

    Each check takes (value, path), returns the normalised value, or INVALID after
    recording why.
    """

    def __init__(self, *, comuni: Collection[str], provinces: Collection[str]) -> None:
        self.comuni = comuni
        self.provinces = provinces
        self.errors: list[FileError] = []
        self.territory_codes: set[str] = set()
        self.organization_ids: set[str] = set()
        self.service_ids: set[str] = set()

    # Plumbing -------------------------------------------------------------------------

    def fail(self, path: str, message: str) -> Any:
        self.errors.append(FileError(path, message))
        return INVALID

    def record(self, value: object, path: str, fields: Fields) -> dict | None:
        """Check that `value` is an object with the fields of its kind; report the
        unknown ones and the missing required ones."""
        if not isinstance(value, dict):
            self.fail(path, _("Expected an object."))
            return None
        for key in value:
            if key not in fields.names:
                self.fail(
                    _key_path(path, key),
                    _("Unknown field; the fields are: %(fields)s.")
                    % {"fields": ", ".join(fields.names)},
                )
        for key in fields.required:
            if key not in value:
                self.fail(_key_path(path, key), _("This field is required."))
        return value

    def field(
        self,
        record: dict,
        path: str,
        key: str,
        check: Callable[..., Any],
        *,
        default: Any = _REQUIRED,
        **options: Any,
    ) -> Any:
        """Check one field of a record; an omitted optional field is its default, checked
        like a given value so that the result has the same shape."""
        if key in record:
            return check(record[key], _key_path(path, key), **options)
        if default is _REQUIRED:
            return INVALID  # reported by record()
        return check(default, _key_path(path, key), **options)

    def items(self, value: object, path: str, *, item: Callable[[Any, str], Any]) -> list:
        """A list, each element checked by `item`."""
        if not isinstance(value, list):
            self.fail(path, _("Expected a list."))
            return []
        return [item(element, f"{path}[{index}]") for index, element in enumerate(value)]

    def unique_items(self, value: object, path: str, *, item: Callable[[Any, str], Any]) -> list:
        """A list whose elements, once normalised, appear at most once."""
        result = self.items(value, path, item=item)
        first: dict[Any, int] = {}
        for index, element in enumerate(result):
            if element is INVALID:
                continue
            if element in first:
                self.fail(
                    f"{path}[{index}]",
                    _("“%(value)s” is already listed at %(path)s.")
                    % {"value": element, "path": f"{path}[{first[element]}]"},
                )
            else:
                first[element] = index
        return result

    def first_use(
        self, key: tuple, seen: dict[tuple, str], path: str, message: str, **params: Any
    ) -> None:
        """Report `message` at `path` if `key` was seen before (at the path kept in `seen`).
        Keys with an invalid part are skipped: their error is already reported."""
        if any(part is INVALID for part in key):
            return
        if key in seen:
            self.fail(path, message % {"path": seen[key], **params})
        else:
            seen[key] = path

    # Values ----------------------------------------------------------------------------

    def text(self, value: object, path: str, *, max_length: int | None, blank: bool = False) -> Any:
        if not isinstance(value, str):
            return self.fail(path, _("Expected a string."))
        if not blank and not value.strip():
            return self.fail(path, _("Must not be blank."))
        if max_length is not None and len(value) > max_length:
            return self.fail(
                path, _("Must be at most %(max)d characters long.") % {"max": max_length}
            )
        return value

    def choice(self, value: object, path: str, *, choices: Iterable[str]) -> Any:
        choices = list(choices)
        if not isinstance(value, str):
            return self.fail(path, _("Expected a string."))
        if value not in choices:
            return self.fail(
                path,
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(choices)},
            )
        return value

    def boolean(self, value: object, path: str) -> Any:
        if not isinstance(value, bool):
            return self.fail(path, _("Expected true or false."))
        return value

    def integer(self, value: object, path: str, *, low: int, high: int) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return self.fail(
                path,
                _("Expected a whole number from %(low)d to %(high)d.") % {"low": low, "high": high},
            )
        return value

    def coordinate(self, value: object, path: str, *, limit: int) -> Any:
        """A latitude or longitude, or null; rounded to the places the database keeps."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self.fail(path, _("Expected a number or null."))
        if not math.isfinite(value) or not -limit <= value <= limit:
            return self.fail(
                path, _("Expected a number from -%(limit)d to %(limit)d.") % {"limit": limit}
            )
        return float(Decimal(str(value)).quantize(_COORDINATE_QUANTUM))

    def date(self, value: object, path: str, *, nullable: bool = False) -> Any:
        if value is None and nullable:
            return None
        if isinstance(value, str) and _DATE_RE.fullmatch(value):
            try:
                date.fromisoformat(value)
            except ValueError:
                pass
            else:
                return value
        if nullable:
            return self.fail(path, _("Expected a date as YYYY-MM-DD, or null."))
        return self.fail(path, _("Expected a date as YYYY-MM-DD."))

    def time(self, value: object, path: str) -> Any:
        if not isinstance(value, str) or not _TIME_RE.fullmatch(value):
            return self.fail(path, _("Expected a time as HH:MM, from 00:00 to 23:59."))
        return value

    def validated(self, value: object, path: str, *, validator: Callable[[str], Any]) -> Any:
        """A string checked by a Django validator or normaliser, which gives the message
        (and, for normalisers, the normalised value)."""
        if not isinstance(value, str):
            return self.fail(path, _("Expected a string."))
        if value.endswith("\n"):
            # The models' patterns end in `$`, which Python lets match before a final
            # line break; the database constraints would not.
            return self.fail(path, _("Must not end with a line break."))
        try:
            normalised = validator(value)
        except ValidationError as error:
            return self.fail(path, " ".join(error.messages))
        return value if normalised is None else normalised

    def ext_id(self, value: object, path: str) -> Any:
        return self.validated(value, path, validator=ext_id_validator)

    def territory_code(self, value: object, path: str) -> Any:
        return self.validated(
            value, path, validator=Territory._meta.get_field("code").run_validators
        )

    def phone(self, value: object, path: str) -> Any:
        return self.validated(value, path, validator=normalize_phone)

    def emergency_phone(self, value: object, path: str) -> Any:
        return self.validated(value, path, validator=normalize_emergency_phone)

    def byday(self, value: object, path: str) -> Any:
        return self.validated(value, path, validator=validate_byday)

    def tax_id(self, value: object, path: str) -> Any:
        """A VAT number or fiscal code in its compact form; null or empty for none."""
        if value is None or value == "":
            return None
        checked = self.validated(value, path, validator=validate_tax_id)
        if checked is INVALID:
            return INVALID
        return iva.compact(checked) if iva.is_valid(checked) else codicefiscale.compact(checked)

    def email(self, value: object, path: str) -> Any:
        checked = self.text(value, path, max_length=EMAIL_LENGTH, blank=True)
        if checked in (INVALID, ""):
            return checked
        return self.validated(checked, path, validator=_validate_email)

    def website(self, value: object, path: str) -> Any:
        checked = self.text(value, path, max_length=WEBSITE_LENGTH, blank=True)
        if checked in (INVALID, ""):
            return checked
        return self.validated(checked, path, validator=_validate_url)

    def comune(self, value: object, path: str) -> Any:
        if not isinstance(value, str):
            return self.fail(path, _("Expected a string."))
        if value not in self.comuni:
            return self.fail(
                path,
                _(
                    "Unknown comune “%(value)s”: expected the 6-digit ISTAT code of a comune, "
                    "such as 072006 for Bari."
                )
                % {"value": value},
            )
        return value

    def province(self, value: object, path: str) -> Any:
        if not isinstance(value, str):
            return self.fail(path, _("Expected a string."))
        if value not in self.provinces:
            return self.fail(
                path,
                _(
                    "Unknown province “%(value)s”: expected the two-letter sigla of a province, "
                    "such as BA."
                )
                % {"value": value},
            )
        return value

    def language(self, value: object, path: str) -> Any:
        if not isinstance(value, str):
            return self.fail(path, _("Expected a string."))
        if value not in LANGUAGES:
            return self.fail(
                path,
                _("Unknown language “%(value)s”: expected one of the ISO 639-1 codes %(codes)s.")
                % {"value": value, "codes": ", ".join(LANGUAGES)},
            )
        return value

    def reference(self, value: object, path: str, *, declared: set[str], message: str) -> Any:
        if not isinstance(value, str):
            return self.fail(path, _("Expected a string."))
        if value not in declared:
            return self.fail(path, message % {"value": value})
        return value

    def organization_ref(self, value: object, path: str) -> Any:
        return self.reference(
            value,
            path,
            declared=self.organization_ids,
            message=_("No organisation with id “%(value)s” in this file."),
        )

    def territory_ref(self, value: object, path: str) -> Any:
        return self.reference(
            value,
            path,
            declared=self.territory_codes,
            message=_("No territory with code “%(value)s” in this file."),
        )

    def service_ref(self, value: object, path: str) -> Any:
        return self.reference(
            value,
            path,
            declared=self.service_ids,
            message=_("No service with id “%(value)s” in this file."),
        )

    def valid_interval(self, record: dict, path: str) -> None:
        """valid_to, when given, must not be before valid_from (ISO dates sort as text)."""
        start, end = record["valid_from"], record["valid_to"]
        if start and end and INVALID not in (start, end) and end < start:
            self.fail(
                f"{path}.valid_to",
                _("Must not be before valid_from (%(date)s).") % {"date": start},
            )

    # Records ---------------------------------------------------------------------------

    def document(self, document: object) -> dict:
        if not isinstance(document, dict):
            self.fail("$", _("The document must be a JSON object."))
            return {}
        self.record(document, "$", DOCUMENT)
        if "format" in document and document["format"] != FORMAT:
            self.fail("$.format", _("Expected “%(format)s”.") % {"format": FORMAT})
        sections: dict[str, list] = {}
        for name in SECTIONS:
            items = document.get(name, [])  # a missing section is an empty one
            if not isinstance(items, list):
                self.fail(f"$.{name}", _("Expected a list."))
                items = []
            sections[name] = items
        self.territory_codes = _declared(sections["territories"], "code")
        self.organization_ids = _declared(sections["organizations"], "id")
        self.service_ids = _declared(sections["services"], "id")
        return {
            "format": FORMAT,
            "territories": self.section(sections, "territories", self.territory, "code"),
            "protocols": self.protocols(sections["protocols"]),
            "organizations": self.section(sections, "organizations", self.organization, "id"),
            "services": self.section(sections, "services", self.service, "id"),
            "referrals": self.referrals(sections["referrals"]),
            "emergency_contacts": self.emergency_contacts(sections["emergency_contacts"]),
        }

    def section(
        self, sections: dict, name: str, check: Callable[[Any, str], dict | None], key: str
    ) -> list[dict]:
        """A section of records identified by `key`, which must be unique."""
        result = []
        seen: dict[tuple, str] = {}
        for index, item in enumerate(sections[name]):
            path = f"$.{name}[{index}]"
            record = check(item, path)
            if record is None:
                continue
            self.first_use(
                (record[key],),
                seen,
                f"{path}.{key}",
                _("“%(value)s” is already used at %(path)s."),
                value=record[key],
            )
            result.append(record)
        return result

    def territory(self, value: object, path: str) -> dict | None:
        record = self.record(value, path, TERRITORY)
        if record is None:
            return None
        return {
            "code": self.field(record, path, "code", self.territory_code),
            "name": self.field(record, path, "name", self.text, max_length=TERRITORY_NAME_LENGTH),
            "provinces": self.field(
                record, path, "provinces", self.unique_items, item=self.province, default=[]
            ),
            "comuni": self.field(
                record, path, "comuni", self.unique_items, item=self.comune, default=[]
            ),
        }

    def organization(self, value: object, path: str) -> dict | None:
        record = self.record(value, path, ORGANIZATION)
        if record is None:
            return None
        return {
            "id": self.field(record, path, "id", self.ext_id),
            "name": self.field(record, path, "name", self.text, max_length=NAME_LENGTH),
            "kind": self.field(record, path, "kind", self.choice, choices=OrganizationKind.values),
            "tax_id": self.field(record, path, "tax_id", self.tax_id, default=None),
            "email": self.field(record, path, "email", self.email, default=""),
            "website": self.field(record, path, "website", self.website, default=""),
        }

    def service(self, value: object, path: str) -> dict | None:
        record = self.record(value, path, SERVICE)
        if record is None:
            return None
        service = {
            "id": self.field(record, path, "id", self.ext_id),
            "organization": self.field(record, path, "organization", self.organization_ref),
            "name": self.field(record, path, "name", self.text, max_length=NAME_LENGTH),
            "kind": self.field(record, path, "kind", self.choice, choices=ServiceKind.values),
            "phones": self.field(
                record, path, "phones", self.unique_items, item=self.phone, default=[]
            ),
            "location": self.field(record, path, "location", self.location),
            "schedules": self.field(
                record, path, "schedules", self.items, item=self.schedule, default=[]
            ),
            "closed_dates": self.field(
                record, path, "closed_dates", self.unique_items, item=self.date, default=[]
            ),
            "special_openings": self.field(
                record, path, "special_openings", self.special_openings, default=[]
            ),
            "open_on_holidays": self.field(
                record, path, "open_on_holidays", self.boolean, default=False
            ),
            "languages": self.field(
                record, path, "languages", self.unique_items, item=self.language, default=[]
            ),
            "service_area": self.field(record, path, "service_area", self.service_area, default={}),
            "description": self.field(
                record, path, "description", self.text, max_length=None, blank=True, default=""
            ),
        }
        closed = set(service["closed_dates"])
        for index, opening in enumerate(service["special_openings"]):
            if opening is not INVALID and opening["date"] in closed:
                self.fail(
                    f"{path}.special_openings[{index}].date",
                    _(
                        "%(date)s is also a closed date: a service cannot be both closed and "
                        "specially open on one date."
                    )
                    % {"date": opening["date"]},
                )
        return service

    def location(self, value: object, path: str) -> Any:
        record = self.record(value, path, LOCATION)
        if record is None:
            return INVALID
        location = {
            "address": self.field(
                record, path, "address", self.text, max_length=ADDRESS_LENGTH, blank=True
            ),
            "comune": self.field(record, path, "comune", self.comune),
            "lat": self.field(record, path, "lat", self.coordinate, limit=90, default=None),
            "lon": self.field(record, path, "lon", self.coordinate, limit=180, default=None),
            "confidential": self.field(record, path, "confidential", self.boolean, default=False),
        }
        lat, lon = location["lat"], location["lon"]
        if INVALID not in (lat, lon) and (lat is None) != (lon is None):
            missing = "lat" if lat is None else "lon"
            self.fail(f"{path}.{missing}", _("Give both lat and lon, or neither."))
        return location

    def schedule(self, value: object, path: str) -> Any:
        record = self.record(value, path, SCHEDULE)
        if record is None:
            return INVALID
        schedule = {
            "byday": self.field(record, path, "byday", self.byday),
            "opens_at": self.field(record, path, "opens_at", self.time),
            "closes_at": self.field(record, path, "closes_at", self.time),
            "valid_from": self.field(
                record, path, "valid_from", self.date, nullable=True, default=None
            ),
            "valid_to": self.field(
                record, path, "valid_to", self.date, nullable=True, default=None
            ),
        }
        self.valid_interval(schedule, path)
        return schedule

    def special_openings(self, value: object, path: str) -> list:
        openings = self.items(value, path, item=self.special_opening)
        seen: dict[tuple, str] = {}
        for index, opening in enumerate(openings):
            if opening is INVALID:
                continue
            self.first_use(
                (opening["date"], opening["opens_at"]),
                seen,
                f"{path}[{index}]",
                _("A special opening on the same date at the same time is already at %(path)s."),
            )
        return openings

    def special_opening(self, value: object, path: str) -> Any:
        record = self.record(value, path, SPECIAL_OPENING)
        if record is None:
            return INVALID
        return {
            "date": self.field(record, path, "date", self.date),
            "opens_at": self.field(record, path, "opens_at", self.time),
            "closes_at": self.field(record, path, "closes_at", self.time),
        }

    def service_area(self, value: object, path: str) -> Any:
        record = self.record(value, path, SERVICE_AREA)
        if record is None:
            return INVALID
        return {
            "provinces": self.field(
                record, path, "provinces", self.unique_items, item=self.province, default=[]
            ),
            "comuni": self.field(
                record, path, "comuni", self.unique_items, item=self.comune, default=[]
            ),
        }

    def protocols(self, items: list) -> list[dict]:
        result = []
        seen: dict[tuple, str] = {}
        for index, item in enumerate(items):
            path = f"$.protocols[{index}]"
            record = self.record(item, path, PROTOCOL)
            if record is None:
                continue
            protocol = {
                "territory": self.field(record, path, "territory", self.territory_ref),
                "signed_on": self.field(
                    record, path, "signed_on", self.date, nullable=True, default=None
                ),
                "valid_from": self.field(record, path, "valid_from", self.date),
                "valid_to": self.field(
                    record, path, "valid_to", self.date, nullable=True, default=None
                ),
                "status": self.field(
                    record, path, "status", self.choice, choices=ProtocolStatus.values
                ),
                "title": self.field(
                    record,
                    path,
                    "title",
                    self.text,
                    max_length=TITLE_LENGTH,
                    blank=True,
                    default="",
                ),
                "kind": self.field(
                    record,
                    path,
                    "kind",
                    self.choice,
                    choices=ProtocolKind.values,
                    default=ProtocolKind.ORIGINAL.value,
                ),
                "parties": self.field(
                    record,
                    path,
                    "parties",
                    self.unique_items,
                    item=self.organization_ref,
                    default=[],
                ),
            }
            self.valid_interval(protocol, path)
            self.first_use(
                (protocol["territory"], protocol["valid_from"], protocol["kind"]),
                seen,
                f"{path}.valid_from",
                _(
                    "A protocol of the same territory and kind starting on the same date is "
                    "already at %(path)s."
                ),
            )
            result.append(protocol)
        return result

    def referrals(self, items: list) -> list[dict]:
        result = []
        priorities: dict[tuple, str] = {}
        services: dict[tuple, str] = {}
        for index, item in enumerate(items):
            path = f"$.referrals[{index}]"
            record = self.record(item, path, REFERRAL)
            if record is None:
                continue
            referral = {
                "territory": self.field(record, path, "territory", self.territory_ref),
                "service": self.field(record, path, "service", self.service_ref),
                "priority": self.field(
                    record, path, "priority", self.integer, low=1, high=MAX_PRIORITY
                ),
            }
            self.first_use(
                (referral["territory"], referral["priority"]),
                priorities,
                f"{path}.priority",
                _("The territory already has a service with this priority at %(path)s."),
            )
            self.first_use(
                (referral["territory"], referral["service"]),
                services,
                f"{path}.service",
                _("The service is already in the territory's chain at %(path)s."),
            )
            result.append(referral)
        return result

    def emergency_contacts(self, items: list) -> list[dict]:
        result = []
        seen: dict[tuple, str] = {}
        for index, item in enumerate(items):
            path = f"$.emergency_contacts[{index}]"
            record = self.record(item, path, EMERGENCY_CONTACT)
            if record is None:
                continue
            contact = {
                "province": self.field(record, path, "province", self.province),
                "name": self.field(
                    record, path, "name", self.text, max_length=EMERGENCY_NAME_LENGTH
                ),
                "phone": self.field(record, path, "phone", self.emergency_phone),
            }
            self.first_use(
                (contact["province"], contact["phone"]),
                seen,
                f"{path}.phone",
                _("The province already has a contact with this phone at %(path)s."),
            )
            result.append(contact)
        return result
