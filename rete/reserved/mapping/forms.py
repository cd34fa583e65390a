from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from rete.directory.kinds import ServiceKind
from rete.network.models import Territory
from rete.reserved.mapping.listing import MappingFilters


class MappingFilterForm(forms.Form):
    territory = forms.ChoiceField(label=_("Territory"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of service"),
        required=False,
        choices=[("", _("Every kind")), *ServiceKind.choices],
    )
    place = forms.CharField(
        label=_("Comune or province"),
        required=False,
        max_length=100,
        help_text=_("A comune's name, or a province's name or sigla (e.g. BA)."),
    )
    confidential = forms.BooleanField(label=_("Confidential locations only"), required=False)

    def __init__(self, *args, territories: QuerySet[Territory], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._territories = {t.code: t for t in territories}
        self.fields["territory"].choices = [
            ("", _("Every territory")),
            *((code, t.name) for code, t in self._territories.items()),
        ]

    def filters(self) -> MappingFilters:
        """The filters that are valid (an invalid one is shown as an error and not applied)."""
        if not self.is_bound:
            return MappingFilters()
        self.is_valid()
        data = self.cleaned_data
        return MappingFilters(
            territory=self._territories.get(data.get("territory") or ""),
            kind=data.get("kind") or "",
            place=(data.get("place") or "").strip(),
            confidential_only=bool(data.get("confidential")),
        )
