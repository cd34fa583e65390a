"""The builder's services: a questionnaire starts as an empty draft; the draft changes one
step at a time, each checked; publishing freezes it; a new version copies it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from rete.audit.models import AuditAction, AuditEntry
from rete.monitoring.definition import questions
from rete.monitoring.models import QuestionnaireVersion, VersionFrozen, VersionStatus
from rete.monitoring.questionnaires import edits
from rete.monitoring.questionnaires.services import (
    DraftExists,
    questionnaire_create,
    version_change,
    version_new,
    version_publish,
)

SINGLE = {
    "type": "single",
    "label": "Il servizio è aperto?",
    "help": "",
    "required": True,
    "options": [{"key": "yes", "label": "Sì"}, {"key": "no", "label": "No"}],
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def change(analyst, version, edit, name="test"):
    return version_change(actor=analyst, version=version, change=name, edit=edit)


@pytest.fixture
def draft(analyst) -> QuestionnaireVersion:
    version = questionnaire_create(actor=analyst, title="Rilevazione", description="")
    version = change(
        analyst, version, lambda d, t: edits.section_add(d, title="Uno", description="")
    )
    return change(analyst, version, lambda d, t: edits.question_add(d, "s1", SINGLE, taken=t)[0])


def test_it_creates_a_questionnaire_with_an_empty_draft(analyst) -> None:
    version = questionnaire_create(actor=analyst, title="Rilevazione", description="Annuale")
    assert (version.number, version.status, version.definition) == (1, "draft", {"sections": []})
    entry = AuditEntry.objects.get(action=AuditAction.QUESTIONNAIRE_CREATE)
    assert entry.target_id == str(version.questionnaire_id)


def test_it_adds_sections_and_questions_with_made_keys(analyst, draft) -> None:
    draft = change(analyst, draft, lambda d, t: edits.question_add(d, "s1", SINGLE, taken=t)[0])
    assert [q["key"] for q in questions(draft.definition)] == ["q1", "q2"]
    assert AuditEntry.objects.filter(action=AuditAction.QUESTIONNAIRE_UPDATE).count() == 3


def test_a_change_that_breaks_a_condition_is_refused_and_nothing_changes(analyst, draft) -> None:
    conditional = {**SINGLE, "label": "Perché?", "show_if": {"question": "q1", "any_of": ["no"]}}
    draft = change(
        analyst, draft, lambda d, t: edits.question_add(d, "s1", conditional, taken=t)[0]
    )
    before = draft.definition
    with pytest.raises(ValidationError) as refused:
        change(analyst, draft, lambda d, t: edits.question_delete(d, "q1"))
    assert refused.value.messages == [
        "Question “q2”: the condition must refer to an earlier question (“q1” is not one)."
    ]
    with pytest.raises(ValidationError):
        change(analyst, draft, lambda d, t: edits.question_move(d, "q2", edits.UP))
    draft.refresh_from_db()
    assert draft.definition == before


def test_a_question_moves_across_sections(analyst, draft) -> None:
    draft = change(analyst, draft, lambda d, t: edits.section_add(d, title="Due", description=""))
    draft = change(analyst, draft, lambda d, t: edits.question_move(d, "q1", edits.DOWN))
    assert [len(s["questions"]) for s in draft.definition["sections"]] == [0, 1]
    with pytest.raises(edits.EditRefused):
        change(analyst, draft, lambda d, t: edits.question_move(d, "q1", edits.DOWN))


def test_publishing_checks_then_freezes(analyst, draft) -> None:
    draft = change(analyst, draft, lambda d, t: edits.section_add(d, title="Vuota", description=""))
    with pytest.raises(ValidationError) as refused:
        version_publish(actor=analyst, version=draft)
    assert refused.value.messages == ["Section 2 (“Vuota”): add at least one question."]
    draft = change(analyst, draft, lambda d, t: edits.section_delete(d, "s2"))

    published = version_publish(actor=analyst, version=draft)
    assert published.status == VersionStatus.PUBLISHED
    assert published.published_at is not None
    assert AuditEntry.objects.filter(action=AuditAction.QUESTIONNAIRE_PUBLISH).count() == 1
    with pytest.raises(VersionFrozen):
        change(analyst, published, lambda d, t: edits.section_add(d, title="X", description=""))
    with pytest.raises(VersionFrozen):
        version_publish(actor=analyst, version=published)


def test_the_model_refuses_to_save_a_published_version(published_version) -> None:
    published_version.definition = {"sections": []}
    with pytest.raises(VersionFrozen):
        published_version.save()
    published_version.refresh_from_db()
    assert published_version.definition["sections"]


def test_a_new_version_copies_the_published_one(analyst, published_version) -> None:
    draft = version_new(actor=analyst, source=published_version)
    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    assert draft.definition == published_version.definition
    with pytest.raises(DraftExists) as exists:
        version_new(actor=analyst, source=published_version)
    assert exists.value.draft == draft
    with pytest.raises(ValueError):
        version_new(actor=analyst, source=draft)


def test_a_new_question_never_takes_a_key_of_an_earlier_version(analyst, published_version) -> None:
    draft = version_new(actor=analyst, source=published_version)
    draft = change(analyst, draft, lambda d, t: edits.question_delete(d, "q6"))
    draft = change(analyst, draft, lambda d, t: edits.question_add(d, "s2", SINGLE, taken=t)[0])
    assert [q["key"] for q in questions(draft.definition)][-1] == "q7"


def test_option_keys_come_from_labels_and_survive_a_relabelling() -> None:
    made = edits.choice_keys(["Sì", "No", "—", "Sì!"])
    assert [o["key"] for o in made] == ["si", "no", "o3", "si_2"]
    again = edits.choice_keys(["Sì", "Non so", "No"], made)
    assert [o["key"] for o in again] == ["si", "non_so", "no"]
