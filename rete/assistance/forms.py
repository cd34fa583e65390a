from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rete.accounts.scopes import Scope
from rete.assistance.files import AttachmentsField
from rete.assistance.models import AssistanceCategory, AssistanceStatus
from rete.assistance.rules import ACTIONS, REPLY_THEN, is_department, request_territories
from rete.assistance.selectors import department_people
from rete.assistance.styling import StyledForm
from rete.network.models import Territory

MAX_MESSAGE = 10_000


def _person_label(person) -> str:
    return person.get_full_name() or person.get_username()


class AssistanceFilterForm(StyledForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Every status")), *AssistanceStatus.choices],
    )
    territory = forms.ModelChoiceField(
        label=_("Territory"),
        required=False,
        queryset=Territory.objects.none(),
        empty_label=_("Every territory"),
        to_field_name="code",
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("Every category")), *AssistanceCategory.choices],
    )

    def __init__(self, *args, scope: Scope, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        territories = Territory.objects.order_by("name", "code")
        if not is_department(scope):
            territories = request_territories(scope)
        self.fields["territory"].queryset = territories


class AssistanceRequestForm(StyledForm):
    territory = forms.ModelChoiceField(
        label=_("For the territory"),
        queryset=Territory.objects.none(),
        to_field_name="code",
        empty_label=None,
        error_messages={
            "invalid_choice": _("You may ask for assistance only for the territories of your role.")
        },
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=AssistanceCategory.choices)
    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Describe the problem: what you did, what you expected, what happened."),
    )
    attachments = AttachmentsField()

    def __init__(self, *args, scope: Scope, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = request_territories(scope)


class ReplyForm(StyledForm):
    body = forms.CharField(
        label=_("Your message"), max_length=MAX_MESSAGE, widget=forms.Textarea(attrs={"rows": 6})
    )
    attachments = AttachmentsField()
    then = forms.ChoiceField(label=_("After sending"), required=False)

    def __init__(self, *args, scope: Scope, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if is_department(scope):
            self.fields["then"].choices = [
                ("", _("Leave the request in progress")),
                *((name, ACTIONS[name].label) for name in REPLY_THEN),
            ]
        else:
            del self.fields["then"]


class StatusForm(StyledForm):
    action = forms.ChoiceField(label=_("Step"), choices=[(n, a.label) for n, a in ACTIONS.items()])
    assignee = forms.ModelChoiceField(
        label=_("Assign to"),
        required=False,
        queryset=department_people(),
        empty_label=_("Myself"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Evaluated per form: people join and leave the Department.
        self.fields["assignee"].queryset = department_people()
        self.fields["assignee"].label_from_instance = _person_label
