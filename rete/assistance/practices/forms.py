from __future__ import annotations

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from rete.accounts.scopes import Scope
from rete.assistance.files import AttachmentsField
from rete.assistance.practices.models import Practice, PracticeAttachment, Topic
from rete.assistance.practices.rules import author_territories
from rete.assistance.styling import StyledForm
from rete.network.models import Territory

MAX_BODY = 20_000
MAX_ANSWER = 5_000


class PracticeFilterForm(StyledForm):
    q = forms.CharField(label=_("Search in titles and summaries"), required=False, max_length=100)
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("Every topic")), *Topic.choices]
    )
    territory = forms.ModelChoiceField(
        label=_("Territory"),
        required=False,
        queryset=Territory.objects.order_by("name", "code"),
        empty_label=_("Every territory"),
        to_field_name="code",
    )


def contact_initial(user: AbstractBaseUser) -> dict[str, str]:
    """What the author's contact starts as: their name, organisation and e-mail."""
    account = getattr(user, "account", None)
    organization = ""
    if account is not None:
        organization = (
            account.organization.name if account.organization else account.organization_other
        )
    return {
        "contact_name": user.get_full_name() or user.get_username(),
        "contact_organization": organization,
        "contact_email": user.email,
    }


class PracticeForm(StyledForm):
    territory = forms.ModelChoiceField(
        label=_("Territory"),
        queryset=Territory.objects.none(),
        to_field_name="code",
        empty_label=None,
        error_messages={
            "invalid_choice": _("You may post only for the territories of your role."),
        },
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Two or three lines: what the practice is and what it achieved."),
    )
    body = forms.CharField(
        label=_("Description"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Who took part, how it works, what it needed, what you learnt. Plain text: leave "
            "an empty line between paragraphs."
        ),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=150)
    contact_organization = forms.CharField(label=_("Your organisation"), max_length=300)
    contact_email = forms.EmailField(label=_("Your work e-mail"))
    contact_consent = forms.BooleanField(
        label=_("Show my contact (name, organisation, e-mail) to the network"),
        error_messages={
            "required": _(
                "A good practice is published with its author's contact, so that other "
                "territories can reach you: tick the box to agree."
            )
        },
    )
    attachments = AttachmentsField()

    def __init__(self, *args, scope: Scope, practice: Practice | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if practice is None:
            self.fields["territory"].queryset = author_territories(scope)
        else:
            # A post stays with the territory it was written for.
            del self.fields["territory"]
            self.fields["remove_attachments"] = forms.ModelMultipleChoiceField(
                label=_("Remove attachments"),
                required=False,
                queryset=PracticeAttachment.objects.filter(practice=practice),
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            )
            self.fields["remove_attachments"].label_from_instance = lambda attachment: (
                attachment.original_filename
            )


class AnswerForm(StyledForm):
    body = forms.CharField(
        label=_("Your answer"), max_length=MAX_ANSWER, widget=forms.Textarea(attrs={"rows": 5})
    )
    territory = forms.ModelChoiceField(
        label=_("Answering for"),
        queryset=Territory.objects.none(),
        to_field_name="code",
        empty_label=None,
    )

    def __init__(self, *args, scope: Scope, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        mine = author_territories(scope)
        # Asked only of a person of several territories: with one, it is that one; the
        # Department answers as the Department.
        if mine.count() > 1:
            self.fields["territory"].queryset = mine
        else:
            del self.fields["territory"]


class HideForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason for hiding"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The author reads it."),
    )
