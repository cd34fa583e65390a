"""The definition format's checks (rete.monitoring.definition): the sample passes, each kind
of mistake is refused with a sentence that says where, and nothing makes it raise."""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from rete.monitoring.definition import (
    definition_validate,
    question_find,
    question_visible,
    questions,
)
from tests.monitoring.samples import sample_definition


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _problems_of(change) -> list[str]:
    definition = sample_definition()
    change(definition)
    return definition_validate(definition)


def test_it_accepts_the_sample_with_every_type() -> None:
    assert definition_validate(sample_definition()) == []
    assert [q["type"] for q in questions(sample_definition())] == [
        "single",
        "multiple",
        "number",
        "text",
        "date",
        "matrix",
    ]


def test_it_refuses_what_is_not_a_definition() -> None:
    assert definition_validate(None) == ["The questions must be an object with a list of sections."]
    assert definition_validate({"sections": "no"}) == [
        "Questionnaire: the sections must be a list."
    ]


def test_a_draft_may_be_empty_but_not_a_published_version() -> None:
    assert definition_validate({"sections": []}, draft=True) == []
    assert definition_validate({"sections": []}) == ["Questionnaire: add at least one section."]
    empty_section = {
        "sections": [{"key": "s1", "title": "Uno", "description": "", "questions": []}]
    }
    assert definition_validate(empty_section, draft=True) == []
    assert definition_validate(empty_section) == ["Section 1 (“Uno”): add at least one question."]


def test_it_refuses_a_repeated_question_key_across_sections() -> None:
    def repeat(d):
        d["sections"][1]["questions"][0]["key"] = "q1"

    assert _problems_of(repeat) == ["Question “q1”: the key is used by another question."]


@pytest.mark.parametrize("key", ["Q1", "q-1", "", "x" * 41, 7])
def test_it_refuses_a_malformed_key(key) -> None:
    def bad(d):
        d["sections"][0]["questions"][2]["key"] = key

    problems = _problems_of(bad)
    assert problems == [
        "Section 1 (“Accoglienza”), question 3: the key must be 1 to 40 lowercase letters, "
        "digits or underscores."
    ]


def test_it_refuses_an_unknown_type_and_unknown_attributes() -> None:
    def bad(d):
        d["sections"][0]["questions"][0]["type"] = "slider"
        d["sections"][0]["questions"][2]["colour"] = "red"

    problems = _problems_of(bad)
    assert (
        "Question “q1”: the type must be one of single, multiple, number, text, date, matrix."
        in problems
    )
    assert "Question “q3”: unknown attributes colour." in problems


def test_it_refuses_choices_without_enough_options_or_repeated_keys() -> None:
    def bad(d):
        d["sections"][0]["questions"][0]["options"] = [{"key": "yes", "label": "Sì"}]
        d["sections"][1]["questions"][2]["rows"] = [
            {"key": "a", "label": "A"},
            {"key": "a", "label": "B"},
        ]

    problems = _problems_of(bad)
    assert "Question “q1”: give at least 2 choices of type “option”." in problems
    assert "Question “q6”, row 2: the key “a” is repeated." in problems


def test_it_refuses_bad_number_bounds() -> None:
    def bad(d):
        d["sections"][0]["questions"][2].update({"min": 10, "max": 1.5})

    problems = _problems_of(bad)
    assert "Question “q3”: the minimum is greater than the maximum." in problems
    assert "Question “q3”: “max” must be a whole number." in problems


def test_it_refuses_a_text_limit_out_of_range() -> None:
    def bad(d):
        d["sections"][1]["questions"][0]["max_length"] = 0

    assert _problems_of(bad) == [
        "Question “q4”: the maximum length must be a whole number from 1 to 10000."
    ]


def test_a_condition_must_look_back_to_a_choice_question() -> None:
    def later(d):
        d["sections"][0]["questions"][0]["show_if"] = {"question": "q2", "any_of": ["phone"]}

    assert "Question “q1”: the condition must refer to an earlier question (“q2” is not one)." in (
        _problems_of(later)
    )

    def on_number(d):
        d["sections"][1]["questions"][0]["show_if"] = {"question": "q3", "any_of": ["1"]}

    assert _problems_of(on_number) == [
        "Question “q4”: the condition must refer to a single or multiple choice question."
    ]

    def unknown_answer(d):
        d["sections"][0]["questions"][1]["show_if"] = {"question": "q1", "any_of": ["maybe"]}

    assert _problems_of(unknown_answer) == [
        "Question “q2”: the condition names answers that “q1” does not offer: maybe."
    ]

    def itself(d):
        d["sections"][0]["questions"][0]["show_if"] = {"question": "q1", "any_of": ["yes"]}

    assert "(“q1” is not one)" in _problems_of(itself)[0]


def test_a_question_is_visible_by_its_condition() -> None:
    definition = sample_definition()
    conditional = question_find(definition, "q2")
    assert question_visible(question_find(definition, "q1"), {}) is True
    assert question_visible(conditional, {"q1": "yes"}) is True
    assert question_visible(conditional, {"q1": "no"}) is False
    assert question_visible(conditional, {}) is False
    on_multiple = {"key": "x", "show_if": {"question": "q2", "any_of": ["online"]}}
    assert question_visible(on_multiple, {"q2": ["phone", "online"]}) is True
    assert question_visible(on_multiple, {"q2": ["phone"]}) is False


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "sections",
                    "key",
                    "type",
                    "label",
                    "questions",
                    "options",
                    "rows",
                    "show_if",
                    "question",
                    "any_of",
                    "title",
                    "min",
                    "max",
                    "integer",
                    "max_length",
                    "required",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_any_json_is_checked_without_raising(data) -> None:
    problems = definition_validate(data)
    assert isinstance(problems, list)
    assert all(isinstance(problem, str) for problem in problems)
