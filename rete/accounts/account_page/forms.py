from django import forms
from django.utils.translation import gettext_lazy as _


class ReconfirmForm(forms.Form):
    still_needed = forms.BooleanField(
        label=_("I still work for the organisation shown and still need this access."),
        error_messages={"required": _("Tick the box to confirm, or choose “I no longer need it”.")},
    )
