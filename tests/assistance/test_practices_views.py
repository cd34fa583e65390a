"""The good-practice screens through the Django test client: every role reads, the
territories post and answer, only the author edits, bad input keeps what was typed."""

from __future__ import annotations

import re

import pytest

from rete.assistance.practices.models import Practice, PracticeAnswer
from tests.assistance.conftest import exe_upload, pdf_upload, stored_files

pytestmark = pytest.mark.django_db
LIST = "/area-riservata/buone-pratiche/"
CREATE = "/area-riservata/buone-pratiche/nuova/"


def _url(practice, tail: str = "") -> str:
    return f"{LIST}{practice.pk}/{tail}"


def _form(**fields):
    data = {
        "territory": "ATR-AL",
        "title": "Una giornata di formazione per le forze dell'ordine",
        "summary": "Polizia e Carabinieri con il centro antiviolenza.",
        "body": "Il programma.\n\nI risultati.",
        "topics": ["police_justice", "training"],
        "contact_name": "Anna Alfieri",
        "contact_organization": "Associazione Aurora",
        "contact_email": "anna@example.org",
        "contact_consent": "on",
    }
    data.update(fields)
    return data


def test_the_form_starts_with_the_author_s_contact(as_person) -> None:
    page = as_person("referent_a").get(CREATE).content.decode()

    assert 'value="Anna Alfieri"' in page
    assert 'value="Associazione Aurora"' in page
    assert 'value="referent_a@example.org"' in page


def test_a_referent_posts_a_practice(as_person) -> None:
    response = as_person("referent_a").post(CREATE, _form(attachments=[pdf_upload()]))

    practice = Practice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url(practice)
    assert practice.topic_codes == ["police_justice", "training"]
    assert practice.attachments.count() == 1


def test_without_consent_the_post_is_refused_keeping_what_was_typed(as_person) -> None:
    form = _form()
    del form["contact_consent"]

    response = as_person("referent_a").post(CREATE, form)

    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="error-contact_consent"' in page
    assert "Una giornata di formazione per le forze dell&#x27;ordine" in page
    assert re.search(r'<input[^>]*value="training"[^>]*checked', page)
    assert not re.search(r'<input[^>]*value="schools"[^>]*checked', page)
    assert not Practice.objects.exists()


def test_a_forbidden_file_refuses_the_post_keeping_the_text(as_person) -> None:
    response = as_person("referent_a").post(CREATE, _form(attachments=[exe_upload()]))

    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="error-attachments"' in page
    assert "Il programma." in page
    assert not Practice.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize("person", ["referent_b", "netop_b", "analyst", "committee", "operator"])
def test_every_role_of_every_territory_reads_a_post(as_person, post_practice, person) -> None:
    practice = post_practice(files=[pdf_upload()])
    client = as_person(person)

    page = client.get(_url(practice)).content.decode()

    assert "Protocollo con il pronto soccorso" in page
    assert 'href="mailto:anna@example.org"' in page
    attachment = practice.attachments.get()
    assert client.get(_url(practice, f"allegati/{attachment.pk}/")).status_code == 200


def test_the_list_filters_by_topic_territory_and_words(as_person, post_practice, net) -> None:
    health = post_practice()
    school = post_practice(
        person="referent_b",
        territory=net.b,
        title="Laboratori nelle scuole",
        summary="Educazione al rispetto nelle classi.",
        topics=["schools"],
    )
    client = as_person("analyst")

    def listed(**query) -> set[int]:
        page = client.get(LIST, query).content.decode()
        return {p.pk for p in (health, school) if f'data-practice="{p.pk}"' in page}

    assert listed() == {health.pk, school.pk}
    assert listed(topic="schools") == {school.pk}
    assert listed(territory="ATR-AL") == {health.pk}
    assert listed(q="rispetto") == {school.pk}
    assert listed(q="PRONTO SOCCORSO") == {health.pk}


def test_only_the_author_opens_the_edit_form(as_person, post_practice) -> None:
    practice = post_practice()

    assert as_person("referent_a").get(_url(practice, "modifica/")).status_code == 200
    assert as_person("netop_a").get(_url(practice, "modifica/")).status_code == 404
    assert as_person("referent_b").get(_url(practice, "modifica/")).status_code == 404
    assert as_person("admin").get(_url(practice, "modifica/")).status_code == 403


def test_the_author_edits_and_a_bad_edit_keeps_what_was_typed(as_person, post_practice) -> None:
    practice = post_practice()
    client = as_person("referent_a")
    form = _form(title="Titolo nuovo", topics=["health"])
    del form["territory"]

    refused = client.post(_url(practice, "modifica/"), {**form, "body": ""})
    assert refused.status_code == 400
    assert 'value="Titolo nuovo"' in refused.content.decode()
    assert Practice.objects.get().title == "Protocollo con il pronto soccorso"

    assert client.post(_url(practice, "modifica/"), form).status_code == 302
    assert Practice.objects.get().title == "Titolo nuovo"


def test_another_territory_answers_and_the_author_sees_the_notice(as_person, post_practice) -> None:
    practice = post_practice()

    response = as_person("referent_b").post(
        _url(practice, "rispondi/"), {"body": "Da noi ha funzionato con il 118."}
    )

    answer = PracticeAnswer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_url(practice)}#answer-{answer.pk}"
    notices = as_person("referent_a").get("/area-riservata/avvisi/").content.decode()
    assert notices.count('data-testid="notice"') == 1


def test_an_empty_answer_is_refused(as_person, post_practice) -> None:
    practice = post_practice()

    response = as_person("referent_b").post(_url(practice, "rispondi/"), {"body": "  "})

    assert response.status_code == 400
    assert b'data-testid="error-body"' in response.content
    assert not PracticeAnswer.objects.exists()


def test_the_department_hides_a_post_with_a_reason(as_person, post_practice) -> None:
    practice = post_practice()
    client = as_person("admin")

    refused = client.post(_url(practice, "nascondi/"), {"reason": ""})
    assert refused.status_code == 400
    assert Practice.objects.get().status == "published"

    assert (
        client.post(_url(practice, "nascondi/"), {"reason": "Dati personali."}).status_code == 302
    )
    assert as_person("referent_b").get(_url(practice)).status_code == 404
    author_page = as_person("referent_a").get(_url(practice)).content.decode()
    assert "Dati personali." in author_page
    assert 'data-testid="answer-form"' not in author_page
    assert (
        as_person("referent_a")
        .post(_url(practice, "rispondi/"), {"body": "Ma perché?"})
        .status_code
        == 400
    )


def test_a_referent_cannot_hide_a_post(as_person, post_practice) -> None:
    practice = post_practice()

    response = as_person("referent_b").post(_url(practice, "nascondi/"), {"reason": "No."})

    assert response.status_code == 403
    assert Practice.objects.get().status == "published"
