"""A contact's answers are checked against the version it is made with; every refusal
names the list at fault."""

import pytest
from django.core.exceptions import ValidationError

from rete.helpline.classification.selectors import classification_current, classification_validate
from rete.helpline.classification.services import classification_item_create
from rete.helpline.models import ClassificationList

pytestmark = pytest.mark.django_db

VICTIM = {
    "validity": "valid",
    "caller_type": "victim",
    "reason": "help_request",
    "sex": "female",
    "age_class": "age_35_44",
    "citizenship": "italian",
    "violence_type": ["physical", "psychological"],
    "perpetrator_relationship": "ex_partner",
    "children_witnessing": "yes",
    "reported_to_police": "no",
    "first_contact": "yes",
    "heard_of_1522": "tv_radio",
    "referral_kind": ["anti_violence_centre"],
    "outcome": "transferred",
}


def refusal(answers: dict) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        classification_validate(version=classification_current(), answers=answers)
    return caught.value.message_dict


def test_it_accepts_a_victims_full_classification(version_1):
    cleaned = classification_validate(version=classification_current(), answers=VICTIM)

    # Several answers come back in the list's order, whatever the order given.
    assert cleaned == {**VICTIM, "violence_type": ["psychological", "physical"]}


def test_it_accepts_a_version_model_as_well_as_a_snapshot(version_1):
    assert classification_validate(version=version_1, answers=VICTIM)["sex"] == "female"


def test_it_accepts_a_relatives_call(version_1):
    answers = {
        "validity": "valid",
        "caller_type": "relative_friend",
        "reason": "violence_report",
        "outcome": "information_given",
    }

    assert classification_validate(version=version_1, answers=answers) == answers


def test_it_accepts_a_nuisance_call_with_validity_only(version_1):
    assert classification_validate(version=version_1, answers={"validity": "nuisance"}) == {
        "validity": "nuisance"
    }


def test_it_drops_empty_answers_and_repeats(version_1):
    answers = {
        "validity": "valid",
        "caller_type": "victim",
        "sex": "",
        "violence_type": ["threats", "threats"],
        "referral_kind": [],
    }

    assert classification_validate(version=version_1, answers=answers) == {
        "validity": "valid",
        "caller_type": "victim",
        "violence_type": ["threats"],
    }


def test_it_accepts_a_single_answer_given_as_a_list_of_one(version_1):
    answers = {"validity": ["valid"], "caller_type": "victim", "violence_type": "online"}

    assert classification_validate(version=version_1, answers=answers) == {
        "validity": "valid",
        "caller_type": "victim",
        "violence_type": ["online"],
    }


def test_it_refuses_an_unknown_list(version_1):
    assert refusal({**VICTIM, "place": "home"}) == {
        "place": ["“place” is not a list of classification version 1."]
    }


def test_it_refuses_an_unknown_code(version_1):
    assert refusal({**VICTIM, "sex": "f"}) == {"sex": ["“f” is not an answer of this list."]}
    assert refusal({**VICTIM, "violence_type": ["physical", "spiritual"]}) == {
        "violence_type": ["“spiritual” is not an answer of this list."]
    }


def test_it_refuses_several_answers_to_a_single_choice_list(version_1):
    assert refusal({**VICTIM, "age_class": ["age_18_24", "age_25_34"]}) == {
        "age_class": ["Choose one answer only."]
    }


def test_it_refuses_not_stated_combined_with_an_answer(version_1):
    assert refusal({**VICTIM, "violence_type": ["physical", "not_stated"]}) == {
        "violence_type": ["“Not stated” cannot be combined with other answers."]
    }
    assert refusal({**VICTIM, "referral_kind": ["none", "shelter"]}) == {
        "referral_kind": ["“No referral” cannot be combined with other answers."]
    }


def test_it_refuses_victim_questions_when_the_caller_is_not_the_victim(version_1):
    answers = {**VICTIM, "caller_type": "relative_friend"}

    errors = refusal(answers)

    assert set(errors) == {
        "sex",
        "age_class",
        "citizenship",
        "violence_type",
        "perpetrator_relationship",
        "children_witnessing",
        "reported_to_police",
        "first_contact",
        "heard_of_1522",
        "referral_kind",
    }
    assert errors["sex"] == ["This is asked only when the caller is the victim."]


def test_it_refuses_a_classification_of_a_contact_that_is_not_valid(version_1):
    assert refusal({"validity": "prank", "caller_type": "other", "reason": "off_target"}) == {
        "caller_type": ["A contact that is not valid has no other classification."],
        "reason": ["A contact that is not valid has no other classification."],
    }


def test_it_requires_validity(version_1):
    assert refusal({"caller_type": "victim"}) == {"validity": ["Say whether the contact is valid."]}


def test_it_requires_the_caller_of_a_valid_contact(version_1):
    assert refusal({"validity": "valid", "reason": "info_1522"}) == {
        "caller_type": ["Say who is calling."]
    }


def test_it_refuses_an_answer_that_is_not_a_code(version_1):
    assert refusal({**VICTIM, "sex": 1}) == {"sex": ["Give a code, or a list of codes."]}
    assert refusal({**VICTIM, "violence_type": ["physical", None]}) == {
        "violence_type": ["Give a code, or a list of codes."]
    }


def test_it_refuses_answers_that_are_not_a_mapping(version_1):
    with pytest.raises(ValidationError) as caught:
        classification_validate(version=version_1, answers=["valid"])  # type: ignore[arg-type]

    assert caught.value.code == "invalid_answers"


def test_it_names_every_list_at_fault_at_once(version_1):
    errors = refusal({**VICTIM, "sex": "f", "age_class": ["age_18_24", "age_25_34"], "x": "y"})

    assert set(errors) == {"sex", "age_class", "x"}


def test_it_validates_a_draft_as_it_is_now(version_1, draft):
    classification_item_create(
        classification_list=ClassificationList.objects.get(version=draft, key="sex"),
        code="other",
        label_it="Altro",
        label_en="Other",
    )

    answers = {"validity": "valid", "caller_type": "victim", "sex": "other"}
    assert classification_validate(version=draft, answers=answers) == answers
    with pytest.raises(ValidationError):
        classification_validate(version=version_1, answers=answers)


def test_it_makes_no_query_with_a_snapshot(version_1, django_assert_num_queries):
    snapshot = classification_current()

    with django_assert_num_queries(0):
        classification_validate(version=snapshot, answers=VICTIM)
