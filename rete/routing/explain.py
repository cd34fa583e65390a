"""The engine's `Explanation(code, params)` as one or two sentences for the operator.

Source strings are English and go through gettext; the answer is in the request's active
language, Italian by default (LANGUAGE_CODE "it"). Instants are read in Europe/Rome, in the
Italian way: "venerdì 27 novembre alle 9:00". Weekday and month names carry their own
translation context, so that a sentence can say "venerdì" in lower case without changing
Django's own "Venerdì" used by the admin's calendars.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from rete.directory.hours import MONTHS, WEEKDAYS, at_time
from rete.routing.engine import ROME, Decision, Explanation


def _weekday(day: date) -> str:
    return str(WEEKDAYS[day.weekday()])


def _month(day: date) -> str:
    return str(MONTHS[day.month - 1])


def format_instant(value: str | datetime) -> str:
    """'on Friday 27 November at 9:00' / 'venerdì 27 novembre alle 9:00', in Europe/Rome."""
    iso = value if isinstance(value, str) else value.isoformat()
    return _format_instant(get_language(), iso)


# Out-of-hours answers name the same few next openings over and over (Monday at 9:00 ...):
# their sentences are kept per language, which takes most of the explanation's cost away.
@lru_cache(maxsize=4096)
def _format_instant(language: str | None, iso: str) -> str:
    local = datetime.fromisoformat(iso).astimezone(ROME)
    return _("on %(weekday)s %(day)d %(month)s %(at)s") % {
        "weekday": _weekday(local),
        "day": local.day,
        "month": _month(local),
        "at": at_time(local),
    }


def format_day(value: str | date) -> str:
    """'31 December 2012' / '31 dicembre 2012'."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return _("%(day)d %(month)s %(year)d") % {
        "day": day.day,
        "month": _month(day),
        "year": day.year,
    }


def _emergency(decision: Decision, p: dict[str, Any]) -> list[str]:
    if p.get("contacts", 0) > 1:
        return [
            _(
                "Emergency: keep the caller on the line and activate the police contacts of the "
                "province (%(province)s) and the emergency number 112."
            )
            % {"province": p["province"]}
        ]
    return [
        _(
            "Emergency: keep the caller on the line and call the emergency number 112 (no police "
            "contact is configured for the province %(province)s)."
        )
        % {"province": p["province"]}
    ]


def _also_open(count: int) -> list[str]:
    if not count:
        return []
    return [
        ngettext(
            "One other service of the chain is open too.",
            "%(count)d other services of the chain are open too.",
            count,
        )
        % {"count": count}
    ]


def _transfer(decision: Decision, p: dict[str, Any]) -> list[str]:
    first = _(
        "Transfer to %(service)s: it is open now and comes first among the open services of the "
        "referral chain of %(territory)s."
    ) % {"service": p["service"], "territory": p["territory"]}
    return [first, *_also_open(p.get("open_alternatives", 0))]


def _transfer_fallback_broader(decision: Decision, p: dict[str, Any]) -> list[str]:
    first = _(
        "No service of the referral chain of %(specific_territory)s is open now: transfer to "
        "%(service)s, of the referral chain of %(territory)s."
    ) % {
        "specific_territory": p["specific_territory"],
        "service": p["service"],
        "territory": p["territory"],
    }
    return [first, *_also_open(p.get("open_alternatives", 0))]


def _out_of_hours(decision: Decision, p: dict[str, Any]) -> list[str]:
    others = p.get("open_alternatives", 0)
    if others:
        first = ngettext(
            "No service of the referral chain of %(territory)s is open now; one other service "
            "covering the comune is open, listed among the alternatives.",
            "No service of the referral chain of %(territory)s is open now; %(count)d other "
            "services covering the comune are open, listed among the alternatives.",
            others,
        ) % {"territory": p["territory"], "count": others}
    else:
        first = _("No service of the referral chain of %(territory)s is open now.") % {
            "territory": p["territory"]
        }
    service, own, earliest = p["service"], p.get("service_next_opening"), p.get("next_opening")
    if own and earliest and earliest != own:
        second = _(
            "Give the caller the contacts of %(service)s, which opens %(when)s; the first service "
            "of the chain to open does so %(first)s."
        ) % {"service": service, "when": format_instant(own), "first": format_instant(earliest)}
    elif own:
        second = _("Give the caller the contacts of %(service)s, which opens %(when)s.") % {
            "service": service,
            "when": format_instant(own),
        }
    elif earliest:
        second = _(
            "Give the caller the contacts of %(service)s, which does not open within 60 days; "
            "the first service of the chain to open does so %(first)s."
        ) % {"service": service, "first": format_instant(earliest)}
    else:
        second = _(
            "Give the caller the contacts of %(service)s; no service of the chain opens within "
            "60 days."
        ) % {"service": service}
    return [first, second]


def _orientation_reason(decision: Decision, p: dict[str, Any]) -> str:
    reason, territory = p.get("reason"), p.get("territory")
    if reason == "protocol_expired" and territory and p.get("expired_on"):
        return _("The protocol of %(territory)s expired on %(date)s.") % {
            "territory": territory,
            "date": format_day(p["expired_on"]),
        }
    if reason in {"protocol_expired", "protocol_not_in_force"} and territory:
        return _("The protocol of %(territory)s is not in force.") % {"territory": territory}
    if reason == "no_referral_chain" and territory:
        return _("%(territory)s has no referral chain for direct transfers.") % {
            "territory": territory
        }
    return _("The comune of %(comune)s is in no territory of the network.") % {
        "comune": decision.comune.name
    }


def _orientation(decision: Decision, p: dict[str, Any]) -> list[str]:
    services, opened = p.get("services", 0), p.get("open", 0)
    if opened:
        open_now = ngettext("%(count)d open now", "%(count)d open now", opened) % {"count": opened}
    else:
        open_now = _("none open now")
    guide = ngettext(
        "Orient the caller to the service that covers the comune (%(open)s).",
        "Orient the caller to the %(count)d services that cover the comune (%(open)s).",
        services,
    ) % {"count": services, "open": open_now}
    return [_orientation_reason(decision, p), guide]


def _orientation_none(decision: Decision, p: dict[str, Any]) -> list[str]:
    return [
        _orientation_reason(decision, p),
        _("No service of the directory covers the comune: give the caller general information."),
    ]


_RENDERERS: dict[str, Callable[[Decision, dict[str, Any]], list[str]]] = {
    "emergency": _emergency,
    "transfer": _transfer,
    "transfer_fallback_broader": _transfer_fallback_broader,
    "out_of_hours": _out_of_hours,
    "orientation": _orientation,
    "orientation_none": _orientation_none,
}


def explanation_text(decision: Decision) -> str:
    """The decision's explanation in the active language; an unknown code gives the mode."""
    explanation: Explanation = decision.explanation
    render = _RENDERERS.get(explanation.code)
    if render is None:
        # An engine newer than this module: say the mode rather than fail the decision.
        return _("Routing mode: %(mode)s.") % {"mode": decision.mode}
    return " ".join(render(decision, explanation.params))
