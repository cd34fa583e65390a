"""What every kind of change has: a form, the data in a JSON shape of its own, their
display (the lines the Department compares side by side) and the function that applies an
accepted change.

- `current(territory, target)` reads the data as they are now, in the kind's JSON shape
  (an empty dict for a kind that adds something new). Stored as the request's `before`;
  read again at acceptance: if they differ, the data changed since the proposal and the
  change is not applied.
- `proposed(cleaned_data)` is the form's data in the same shape.
- `display(data)` gives the same fields, in the same order, for any data of the kind (an
  empty dict gives empty fields), so that before, now and proposed line up.
- `apply(request, by, scope, ip_address)` writes the change (inside the accepting
  transaction) and returns the ids of what it made, for the request's `outcome`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.db.models import Model
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from rete.directory.models import Organization, Service
from rete.network.models import Territory

NOTE_MAX_LENGTH = 2000


class ApplyError(Exception):
    """The change cannot be applied as it is (e.g. the territory has no protocol in force
    any more); the message says why, for the Department. Nothing was written."""


@dataclass(frozen=True)
class Target:
    """What a change is about: the territory, and the service or the member when the kind
    is about one."""

    territory: Territory
    service: Service | None = None
    organization: Organization | None = None
    day: date | None = None


@dataclass(frozen=True)
class DisplayField:
    key: str
    label: Promise | str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Kind:
    code: str
    # "service", "organization" or None: what the referent chooses before the form.
    target: str | None
    form_class: type[forms.Form]
    current: Callable[[Target], dict[str, Any]]
    initial: Callable[[dict[str, Any]], dict[str, Any]]
    proposed: Callable[[dict[str, Any]], dict[str, Any]]
    display: Callable[[dict[str, Any]], list[DisplayField]]
    apply: Callable[..., dict[str, Any]]


class KindForm(forms.Form):
    """The base of every kind's form: the target it is about and a note to the Department."""

    note = forms.CharField(
        label=_("Note for the Department"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_("Optional: why the data change, from when, whom to ask."),
    )

    def __init__(self, *args: Any, target: Target, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.target = target
        # The note goes last, after the kind's own fields.
        self.order_fields([name for name in self.fields if name != "note"] + ["note"])


def ext_id_new(prefix: str, name: str, model: type[Model]) -> str:
    """A network-file id for a new record, from its name: "svc-centro-aurora", then
    "svc-centro-aurora-2" if taken."""
    base = f"{prefix}-{slugify(name)}"[:90].rstrip("-_") or prefix
    candidate, number = base, 2
    while model.objects.filter(ext_id=candidate).exists():  # type: ignore[attr-defined]
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def yes_no(value: Any) -> str:
    return _gettext("yes") if value else _gettext("no")


def text_input(**attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"class": "form-control", **attrs})


def select() -> forms.Select:
    return forms.Select(attrs={"class": "form-select"})
