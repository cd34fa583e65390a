from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rete.accounts.scopes import Scope
from rete.network.models import Territory
from rete.publications.uploads import allowed_formats_text
from rete.reserved.documents.rules import may_upload_national, upload_territories
from rete.reserved.documents.services import document_file_check, reserved_max_upload_bytes
from rete.reserved.models import ReservedDocumentCategory

NATIONAL = ""


class DocumentFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *ReservedDocumentCategory.choices],
    )


class DocumentUploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    category = forms.ChoiceField(label=_("Category"), choices=ReservedDocumentCategory.choices)
    # Not required: an empty choice is "the whole network", refused in clean_territory to
    # whoever may not choose it, with the same message as another territory.
    territory = forms.ChoiceField(
        label=_("For"),
        required=False,
        error_messages={
            "invalid_choice": _("You may add documents only for the territories of your role."),
        },
    )
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, scope: Scope, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope
        self._territories = {t.code: t for t in upload_territories(scope)}
        choices = [(code, territory.name) for code, territory in self._territories.items()]
        if may_upload_national(scope):
            choices.insert(0, (NATIONAL, _("The whole network")))
        self.fields["territory"].choices = choices
        self.fields["file"].help_text = _("Allowed formats: %(formats)s; at most %(limit)s MB.") % {
            "formats": allowed_formats_text(),
            "limit": reserved_max_upload_bytes() // 1024 // 1024,
        }

    def clean_territory(self) -> Territory | None:
        code = self.cleaned_data["territory"]
        if code == NATIONAL:
            if may_upload_national(self.scope):
                return None
            raise ValidationError(
                self.fields["territory"].error_messages["invalid_choice"], code="invalid_choice"
            )
        return self._territories[code]

    def clean_file(self):
        file = self.cleaned_data["file"]
        document_file_check(file)
        return file
