"""Aggregated results: pure functions over the definition and the submitted answers."""

from __future__ import annotations

import datetime

from rete.monitoring.results import SMALL_CELL, results_aggregate
from tests.monitoring.samples import sample_definition

ANSWERS = [
    {
        "q1": "yes",
        "q2": ["phone", "online"],
        "q3": 12,
        "q4": "Nessuna criticità.",
        "q5": "2026-03-02",
        "q6": {"police": "good", "health": "fair"},
    },
    {
        "q1": "yes",
        "q2": ["phone"],
        "q3": 3,
        "q5": "2025-11-20",
        "q6": {"police": "good", "health": "poor"},
    },
    # q2 is asked only after "yes": not shown here.
    {"q1": "no", "q3": 0, "q6": {"police": "fair"}},
    {"q1": "yes", "q2": ["in_person", "phone"], "q3": 30, "q4": "  ", "q6": {"health": "good"}},
]


def _by_key(results):
    return {question.key: question for question in results.questions}


def _counts(question):
    return {option.key: (option.count, option.percent) for option in question.options}


def test_single_choice_counts_and_shares() -> None:
    q1 = _by_key(results_aggregate(sample_definition(), ANSWERS))["q1"]

    assert (q1.shown, q1.answered, q1.unanswered) == (4, 4, 0)
    assert _counts(q1) == {"yes": (3, 75.0), "no": (1, 25.0)}


def test_a_conditional_question_counts_over_those_shown_it() -> None:
    q2 = _by_key(results_aggregate(sample_definition(), ANSWERS))["q2"]

    assert q2.conditional
    assert (q2.shown, q2.answered) == (3, 3)
    # Several answers per response: the shares add up to more than 100%.
    assert _counts(q2) == {"phone": (3, 100.0), "in_person": (1, 33.3), "online": (1, 33.3)}


def test_number_summary() -> None:
    q3 = _by_key(results_aggregate(sample_definition(), ANSWERS))["q3"]

    figures = q3.numbers
    assert (figures.n, figures.total, figures.minimum, figures.maximum) == (4, 45, 0, 30)
    assert figures.mean == 11.25
    assert figures.median == 7.5


def test_date_summary() -> None:
    q5 = _by_key(results_aggregate(sample_definition(), ANSWERS))["q5"]

    assert q5.dates.n == 2
    assert q5.dates.earliest == datetime.date(2025, 11, 20)
    assert q5.dates.latest == datetime.date(2026, 3, 2)


def test_matrix_counts_per_row_and_option() -> None:
    q6 = _by_key(results_aggregate(sample_definition(), ANSWERS))["q6"]

    assert [key for key, _label in q6.matrix_options] == ["good", "fair", "poor"]
    rows = {row.key: (row.counts, row.answered) for row in q6.matrix_rows}
    assert rows == {"police": ([2, 1, 0], 3), "health": ([1, 1, 1], 3)}


def test_texts_are_counted_and_listed_only_when_asked_for() -> None:
    hidden = _by_key(results_aggregate(sample_definition(), ANSWERS))["q4"]
    listed = _by_key(results_aggregate(sample_definition(), ANSWERS, include_texts=True))["q4"]

    # A blank text is no answer.
    assert hidden.answered == listed.answered == 1
    assert hidden.texts == []
    assert listed.texts == ["Nessuna criticità."]


def test_an_optional_question_left_blank_is_counted_as_no_answer() -> None:
    definition = sample_definition()
    definition["sections"][0]["questions"][0]["required"] = False

    q1 = _by_key(results_aggregate(definition, [{"q1": "no"}, {}]))["q1"]

    assert (q1.shown, q1.answered, q1.unanswered) == (2, 1, 1)
    assert _counts(q1) == {"yes": (0, 0.0), "no": (1, 50.0)}


def test_few_responses_are_flagged_and_none_gives_empty_figures() -> None:
    assert results_aggregate(sample_definition(), ANSWERS[: SMALL_CELL - 1]).small
    assert not results_aggregate(sample_definition(), ANSWERS[:SMALL_CELL]).small

    empty = results_aggregate(sample_definition(), [])
    assert not empty.small
    q1, q3 = _by_key(empty)["q1"], _by_key(empty)["q3"]
    assert _counts(q1) == {"yes": (0, None), "no": (0, None)}
    assert q3.numbers is None
