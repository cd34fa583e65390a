"""The phone numbers of a service in a form: one per line, each validated and written in
E.164 as the directory does (rete.directory.validators); shown as read aloud in Italy."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rete.directory.hours import format_phone
from rete.directory.models import Phone, Service
from rete.directory.validators import normalize_phone

MAX_PHONES = 10


class PhonesField(forms.CharField):
    """One number per line; the first is the one the 1522 operators call."""

    widget = forms.Textarea

    def __init__(self, *, required: bool = True, **kwargs) -> None:
        super().__init__(required=required, **kwargs)
        self.widget.attrs.update({"rows": 4, "class": "form-control"})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(format_phone(number) for number in value)
        return value

    def clean(self, value) -> list[str]:
        text = super().clean(value)
        raw_numbers = [line.strip() for line in (text or "").splitlines() if line.strip()]
        errors, numbers = [], []
        for raw in raw_numbers:
            try:
                number = normalize_phone(raw)
            except ValidationError as error:
                errors.extend(error.messages)
                continue
            if number in numbers:
                errors.append(
                    _("“%(value)s” is written twice.") % {"value": raw}  # type: ignore[operator]
                )
                continue
            numbers.append(number)
        if errors:
            raise ValidationError(errors)
        if self.required and not numbers:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(numbers) > MAX_PHONES:
            raise ValidationError(
                _("At most %(count)d numbers.") % {"count": MAX_PHONES}  # type: ignore[operator]
            )
        return numbers


def phones_of(service: Service) -> list[str]:
    return list(Phone.objects.filter(service=service).values_list("number", flat=True))


def phones_write(service: Service, numbers: Iterable[str]) -> None:
    Phone.objects.filter(service=service).delete()
    for position, number in enumerate(numbers):
        phone = Phone(service=service, number=number, position=position)
        phone.full_clean()
        phone.save()


def phones_lines(numbers: Iterable[str]) -> tuple[str, ...]:
    return tuple(format_phone(number) for number in numbers)
