"""The builder's screens through the client: the analyst creates a questionnaire, edits the
draft with plain form POSTs, publishes; bad input keeps what was typed; a published version
answers 409; other roles are refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rete.monitoring.definition import question_find, questions
from rete.monitoring.models import Questionnaire, QuestionnaireVersion, VersionStatus
from rete.monitoring.questionnaires.services import questionnaire_create


def url(name, *args):
    return reverse(f"reserved:{name}", args=args)


@pytest.fixture
def as_analyst(client, people):
    client.force_login(people.analyst)
    return client


@pytest.fixture
def draft(people) -> QuestionnaireVersion:
    return questionnaire_create(actor=people.analyst, title="Bozza", description="")


def reload(version):
    return QuestionnaireVersion.objects.get(pk=version.pk)


def test_it_creates_a_questionnaire_and_opens_its_draft(as_analyst) -> None:
    response = as_analyst.post(
        url("questionnaire_create"), {"title": "Centri 2026", "description": ""}
    )
    version = QuestionnaireVersion.objects.get(questionnaire__title="Centri 2026")
    assert response.status_code == 302
    assert response["Location"] == url("questionnaire_edit", version.pk)
    assert as_analyst.get(response["Location"]).status_code == 200


def test_a_questionnaire_without_title_is_refused_keeping_the_description(as_analyst) -> None:
    response = as_analyst.post(
        url("questionnaire_create"), {"title": " ", "description": "Da tenere"}
    )
    assert response.status_code == 400
    assert b"Da tenere" in response.content
    assert not Questionnaire.objects.exists()


def test_the_analyst_builds_a_draft_with_plain_posts(as_analyst, draft) -> None:
    as_analyst.post(
        url("questionnaire_section_add", draft.pk), {"new-section-title": "Accoglienza"}
    )
    as_analyst.post(url("questionnaire_section_add", draft.pk), {"new-section-title": "Rete"})
    response = as_analyst.post(
        url("questionnaire_question_add", draft.pk, "s1"),
        {"type": "single", "label": "Aperto?", "required": "on", "options": "Sì\r\nNo\r\n"},
    )
    assert response.status_code == 302
    as_analyst.post(
        url("questionnaire_question_add", draft.pk, "s1"),
        {"type": "text", "label": "Perché no?", "show_if": ["q1:no"], "max_length": "300"},
    )
    as_analyst.post(
        url("questionnaire_question_add", draft.pk, "s2"),
        {
            "type": "matrix",
            "label": "Rapporti",
            "options": "Buoni\nCattivi",
            "rows": "Polizia\nASL",
        },
    )
    as_analyst.post(
        url("questionnaire_section_update", draft.pk, "s2"), {"section-s2-title": "La rete"}
    )
    as_analyst.post(url("questionnaire_section_move", draft.pk, "s2"), {"direction": "up"})
    definition = reload(draft).definition
    assert [s["title"] for s in definition["sections"]] == ["La rete", "Accoglienza"]
    assert question_find(definition, "q2") == {
        "key": "q2",
        "type": "text",
        "label": "Perché no?",
        "help": "",
        "required": False,
        "max_length": 300,
        "show_if": {"question": "q1", "any_of": ["no"]},
    }
    assert question_find(definition, "q3")["rows"] == [
        {"key": "polizia", "label": "Polizia"},
        {"key": "asl", "label": "ASL"},
    ]
    page = as_analyst.get(url("questionnaire_edit", draft.pk))
    assert page.status_code == 200
    assert page.content.count(b'data-testid="section"') == 2

    response = as_analyst.post(url("questionnaire_publish", draft.pk))
    assert response.status_code == 302
    assert reload(draft).status == VersionStatus.PUBLISHED


def test_a_bad_question_keeps_what_was_typed(as_analyst, draft) -> None:
    as_analyst.post(url("questionnaire_section_add", draft.pk), {"new-section-title": "Uno"})
    response = as_analyst.post(
        url("questionnaire_question_add", draft.pk, "s1"),
        {"type": "single", "label": "Una sola risposta?", "options": "Solo questa"},
    )
    assert response.status_code == 400
    assert "Una sola risposta?" in response.content.decode()
    assert "Solo questa" in response.content.decode()
    assert list(questions(reload(draft).definition)) == []


def test_deleting_a_question_others_depend_on_is_refused_with_the_reason(as_analyst, draft) -> None:
    as_analyst.post(url("questionnaire_section_add", draft.pk), {"new-section-title": "Uno"})
    as_analyst.post(
        url("questionnaire_question_add", draft.pk, "s1"),
        {"type": "single", "label": "Aperto?", "options": "Sì\nNo"},
    )
    as_analyst.post(
        url("questionnaire_question_add", draft.pk, "s1"),
        {"type": "date", "label": "Da quando?", "show_if": ["q1:si"]},
    )
    response = as_analyst.post(url("questionnaire_question_delete", draft.pk, "q1"))
    assert response.status_code == 400
    assert b'data-testid="problems"' in response.content
    assert len(list(questions(reload(draft).definition))) == 2


def test_a_condition_on_two_questions_is_refused(as_analyst, draft) -> None:
    as_analyst.post(url("questionnaire_section_add", draft.pk), {"new-section-title": "Uno"})
    for label in ("A?", "B?"):
        as_analyst.post(
            url("questionnaire_question_add", draft.pk, "s1"),
            {"type": "single", "label": label, "options": "Sì\nNo"},
        )
    response = as_analyst.post(
        url("questionnaire_question_add", draft.pk, "s1"),
        {"type": "number", "label": "Quanti?", "show_if": ["q1:si", "q2:si"]},
    )
    assert response.status_code == 400
    assert len(list(questions(reload(draft).definition))) == 2


def test_a_question_is_changed_keeping_its_key(as_analyst, published_version, people) -> None:
    as_analyst.post(url("questionnaire_new_version", published_version.pk))
    draft = QuestionnaireVersion.objects.get(number=2)
    page = as_analyst.get(url("questionnaire_question_update", draft.pk, "q2"))
    assert page.status_code == 200
    assert 'value="q1:yes" selected' in page.content.decode()
    as_analyst.post(
        url("questionnaire_question_update", draft.pk, "q2"),
        {
            "type": "multiple",
            "label": "Con quali canali di contatto?",
            "required": "on",
            "options": "Telefono\nDi persona\nOnline\nChat",
            "show_if": ["q1:yes"],
        },
    )
    question = question_find(reload(draft).definition, "q2")
    assert question["label"] == "Con quali canali di contatto?"
    assert [o["key"] for o in question["options"]] == ["phone", "in_person", "online", "chat"]


def test_a_published_version_cannot_change(as_analyst, published_version) -> None:
    before = published_version.definition
    for name, args, data in [
        ("questionnaire_section_add", (), {"new-section-title": "Nuova"}),
        ("questionnaire_section_delete", ("s1",), {}),
        ("questionnaire_question_delete", ("q1",), {}),
        ("questionnaire_question_move", ("q3",), {"direction": "up"}),
        ("questionnaire_question_update", ("q1",), {"type": "text", "label": "X"}),
        ("questionnaire_publish", (), {}),
    ]:
        response = as_analyst.post(url(name, published_version.pk, *args), data)
        assert response.status_code == 409, name
        assert b'data-testid="conflict"' in response.content
    assert reload(published_version).definition == before
    assert as_analyst.get(url("questionnaire_edit", published_version.pk)).status_code == 302


def test_a_second_draft_is_refused_with_a_link_to_the_first(as_analyst, published_version) -> None:
    assert (
        as_analyst.post(url("questionnaire_new_version", published_version.pk)).status_code == 302
    )
    response = as_analyst.post(url("questionnaire_new_version", published_version.pk))
    assert response.status_code == 409
    assert QuestionnaireVersion.objects.count() == 2


def test_the_builder_is_for_the_analyst_and_the_department(client, people, draft) -> None:
    for person, expected in [
        (people.admin, 200),
        (people.referent_a, 403),
        (people.operator_a, 403),
        (people.committee, 403),
    ]:
        client.force_login(person)
        assert client.get(url("questionnaire_edit", draft.pk)).status_code == expected
        assert client.get(url("questionnaire_create")).status_code == expected


def test_the_committee_reads_published_versions_only(
    client, people, draft, published_version
) -> None:
    client.force_login(people.committee)
    assert client.get(url("questionnaire_version", published_version.pk)).status_code == 200
    assert client.get(url("questionnaire_version", draft.pk)).status_code == 404
