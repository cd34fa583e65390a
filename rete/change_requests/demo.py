"""Demo: one change waiting for the Department — the demo referent of Bari proposes to open
the GIRAFFA centre on Tuesday mornings too — so that the demo shows the comparison and the
decision. Idempotent: nothing is made if the territory already has a proposed change, or
if the demo network or the demo referent is missing."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from rete.accounts.roles import ATR_REFERENT
from rete.change_requests.kinds import KINDS, Target
from rete.change_requests.models import ChangeKind, ChangeRequest
from rete.change_requests.services import change_request_create
from rete.demo.catalogue import EXAMPLE
from rete.demo.seed_bari import BARI_TERRITORY, GIRAFFA_SERVICE
from rete.demo.services import demo_username
from rete.directory.models import Service
from rete.network.models import Territory


def demo_change_requests_load() -> int:
    """Make the demo change if missing; return how many changes Bari has."""
    territory = Territory.objects.filter(code=BARI_TERRITORY).first()
    service = Service.objects.filter(ext_id=GIRAFFA_SERVICE).first()
    referent = get_user_model().objects.filter(username=demo_username(ATR_REFERENT)).first()
    if territory is None or service is None or referent is None:
        return 0
    if ChangeRequest.objects.filter(territory=territory).exists():
        return ChangeRequest.objects.filter(territory=territory).count()
    spec = KINDS[ChangeKind.SERVICE_HOURS]
    target = Target(territory=territory, service=service)
    rules = spec.current(target).get("schedules", [])
    data = {"note": f"Apertura anche il martedì mattina dal prossimo mese {EXAMPLE}."}
    for index, rule in enumerate(rules):
        days = rule["byday"].split(",")
        if index == 0 and "TU" not in days:
            days.append("TU")
        data.update(
            {
                f"rule_{index}_days": days,
                f"rule_{index}_opens_at": rule["opens_at"],
                f"rule_{index}_closes_at": rule["closes_at"],
                f"rule_{index}_valid_from": rule["valid_from"] or "",
                f"rule_{index}_valid_to": rule["valid_to"] or "",
            }
        )
    form = spec.form_class(data, target=target)
    if not form.is_valid() or spec.proposed(form.cleaned_data) == spec.current(target):
        return 0
    change_request_create(
        territory=territory,
        kind=ChangeKind.SERVICE_HOURS,
        target=target,
        cleaned_data=form.cleaned_data,
        by=referent,
    )
    return 1
