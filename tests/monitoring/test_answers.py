"""Answers against the definition (rete.monitoring.answers): each type, conditions, required
questions only when asked, drafts keep the good answers; nothing makes it raise."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from rete.monitoring.answers import (
    answer_text,
    answers_as_raw,
    answers_clean,
    answers_from_post,
)
from rete.monitoring.definition import question_find
from tests.monitoring.samples import SAMPLE_ANSWERS, sample_definition

DEFINITION = sample_definition()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def clean(raw, *, final=False):
    return answers_clean(DEFINITION, raw, final=final)


def test_it_keeps_a_complete_submission_as_typed_values() -> None:
    raw = {
        "q1": "yes",
        "q2": ["online", "phone"],
        "q3": "12",
        "q4": "  Nessuna criticità.\r\n",
        "q5": "2026-03-02",
        "q6": {"police": "good", "health": "fair"},
    }
    assert clean(raw, final=True) == (SAMPLE_ANSWERS, {})


def test_it_reads_the_form_as_the_page_posts_it() -> None:
    post = QueryDict(mutable=True)
    post.update({"a-q1": "yes", "a-q3": "12", "a-q6.police": "good", "a-q6.health": "fair"})
    post.setlist("a-q2", ["phone", "online"])
    post.update({"a-q4": "", "a-q5": "", "autosave": "1", "a-q9": "x"})
    raw = answers_from_post(DEFINITION, post)
    assert raw == {
        "q1": "yes",
        "q2": ["phone", "online"],
        "q3": "12",
        "q4": "",
        "q5": "",
        "q6": {"police": "good", "health": "fair"},
    }
    answers, errors = clean(raw, final=True)
    assert errors == {}
    assert answers == {k: v for k, v in SAMPLE_ANSWERS.items() if k not in ("q4", "q5")}


def test_stored_answers_fill_the_form_again() -> None:
    raw = answers_as_raw(DEFINITION, SAMPLE_ANSWERS)
    assert raw["q3"] == "12"
    assert clean(raw, final=True) == (SAMPLE_ANSWERS, {})


def test_a_hidden_question_is_dropped_and_not_required() -> None:
    answers, errors = clean(
        {"q1": "no", "q2": ["phone"], "q3": 0, "q6": {"police": "good", "health": "good"}},
        final=True,
    )
    assert "q2" not in answers
    assert errors == {}


def test_a_visible_required_question_is_required_on_submission_only() -> None:
    raw = {"q1": "yes", "q3": "4", "q6": {"police": "good"}}
    _answers, errors = clean(raw, final=True)
    assert errors == {
        "q2": ["This question needs an answer."],
        "q6": ["Choose one answer for each row."],
    }
    draft, draft_errors = clean(raw)
    assert draft_errors == {}
    assert draft == {"q1": "yes", "q3": 4, "q6": {"police": "good"}}


def test_a_draft_keeps_the_good_answers_and_reports_the_others() -> None:
    answers, errors = clean({"q1": "maybe", "q3": "tanti", "q4": "ok", "q5": "2026-02-30"})
    assert answers == {"q4": "ok"}
    assert errors == {
        "q1": ["Choose one of the answers offered."],
        "q3": ["Write a number, e.g. 12 or 3,5."],
        "q5": ["This date does not exist."],
    }


@pytest.mark.parametrize(
    ("typed", "kept", "problem"),
    [
        ("7", 7, None),
        ("-1", None, "The smallest answer allowed is 0."),
        ("100001", None, "The largest answer allowed is 100000."),
        ("3,5", None, "Write a whole number."),
        ("3,0", 3, None),
        (True, None, "Write a number, e.g. 12 or 3,5."),
        (float("nan"), None, "Write a number, e.g. 12 or 3,5."),
        ("1e5", None, "Write a number, e.g. 12 or 3,5."),
    ],
)
def test_numbers(typed, kept, problem) -> None:
    answers, errors = clean({"q3": typed})
    assert answers.get("q3") == kept
    assert errors.get("q3", [None]) == [problem]


def test_a_decimal_question_keeps_decimals() -> None:
    definition = sample_definition()
    question = question_find(definition, "q3")
    question.update({"integer": False, "max": None})
    assert answers_clean(definition, {"q3": "3,25"}, final=False) == ({"q3": 3.25}, {})
    assert answers_clean(definition, {"q3": str(10**16)}, final=False)[1] == {
        "q3": ["The number is too large."]
    }


def test_texts_are_limited_and_cleaned() -> None:
    assert clean({"q4": "x" * 2001})[1] == {"q4": ["Write at most 2000 characters (now 2001)."]}
    assert clean({"q4": "a\x00b"})[0] == {"q4": "ab"}
    assert clean({"q4": "   "})[0] == {}


@pytest.mark.parametrize(
    "typed", ["02/03/2026", "2026-3-2", "1850-01-01", 20260302, ["2026-03-02"]]
)
def test_bad_dates_are_refused(typed) -> None:
    answers, errors = clean({"q5": typed})
    assert "q5" not in answers
    assert list(errors) == ["q5"]


def test_multiple_choices_are_ordered_and_checked() -> None:
    assert clean({"q1": "yes", "q2": ["online", "phone", "online"]})[0]["q2"] == ["phone", "online"]
    assert clean({"q1": "yes", "q2": ["phone", "fax"]})[1] == {
        "q2": ["Choose among the answers offered."]
    }
    assert clean({"q1": "yes", "q2": "phone"})[0]["q2"] == ["phone"]


def test_a_matrix_takes_one_offered_answer_per_known_row() -> None:
    answers, _errors = clean({"q6": {"police": "good", "other": "good"}})
    assert answers == {"q6": {"police": "good"}}
    assert clean({"q6": {"police": "excellent"}})[1] == {
        "q6": ["Choose one of the answers offered in each row."]
    }
    assert clean({"q6": ["good"]})[1] == {"q6": ["Choose one answer for each row."]}


def test_answers_read_as_labels() -> None:
    q2, q6 = question_find(DEFINITION, "q2"), question_find(DEFINITION, "q6")
    assert answer_text(q2, ["phone", "online"]) == "Telefono; Online"
    assert answer_text(q6, {"police": "good"}) == "Forze dell'ordine: Buona; Servizi sanitari: "


ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from(["q1", "q2", "q3", "q4", "q5", "q6", "zz", "police"])


@settings(max_examples=400, deadline=None)
@given(st.one_of(ANY, st.dictionaries(KEYS, ANY, max_size=7)), st.booleans())
def test_any_answers_clean_or_yield_errors_never_raise(raw, final) -> None:
    answers, errors = answers_clean(DEFINITION, raw, final=final)
    assert set(answers) <= {"q1", "q2", "q3", "q4", "q5", "q6"}
    if not final:
        assert set(answers).isdisjoint(errors)
    # What is kept is clean: cleaning it again changes nothing.
    assert answers_clean(DEFINITION, answers, final=False) == (answers, {})
