"""The assistance screens through the Django test client: who may open them, another
territory's request and attachment not found, bad input refused keeping what was typed."""

from __future__ import annotations

import pytest

from rete.assistance.models import AssistanceMessage, AssistanceRequest
from rete.audit.models import AuditEntry
from tests.assistance.conftest import PDF, exe_upload, pdf_upload, stored_files

pytestmark = pytest.mark.django_db
LIST = "/area-riservata/assistenza/"
CREATE = "/area-riservata/assistenza/nuova/"


def _url(request, tail: str = "") -> str:
    return f"{LIST}{request.pk}/{tail}"


def _form(**fields):
    data = {
        "territory": "ATR-AL",
        "subject": "Il questionario non si salva",
        "category": "questionnaires",
        "body": "Premendo salva compare un errore.",
    }
    data.update(fields)
    return data


def test_a_referent_opens_a_request_with_an_attachment(as_person) -> None:
    response = as_person("referent_a").post(CREATE, _form(attachments=[pdf_upload()]))

    request = AssistanceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url(request)
    assert request.messages.get().attachments.count() == 1


def test_a_person_of_several_territories_chooses_one_of_theirs(as_person) -> None:
    response = as_person("referent_a").post(CREATE, _form(territory="ATR-BE"))

    assert response.status_code == 400
    assert b'data-testid="error-territory"' in response.content
    assert not AssistanceRequest.objects.exists()


def test_an_empty_message_keeps_what_was_typed_and_saves_nothing(as_person) -> None:
    response = as_person("referent_a").post(CREATE, _form(body="   "))

    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="error-body"' in page
    assert 'value="Il questionario non si salva"' in page
    assert '<option value="questionnaires" selected>' in page
    assert not AssistanceRequest.objects.exists()


def test_a_forbidden_file_keeps_what_was_typed_and_stores_nothing(as_person) -> None:
    response = as_person("referent_a").post(CREATE, _form(attachments=[pdf_upload(), exe_upload()]))

    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="error-attachments"' in page
    assert "programma.exe" in page
    assert "Premendo salva compare un errore." in page
    assert not AssistanceRequest.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize("person", ["analyst", "committee", "operator", "supervisor"])
def test_other_roles_are_refused(as_person, open_request, person) -> None:
    request = open_request()
    client = as_person(person)

    assert client.get(LIST).status_code == 403
    assert client.get(_url(request)).status_code == 403


def test_the_department_does_not_open_requests(as_person) -> None:
    assert as_person("admin").get(CREATE).status_code == 403


def test_territory_people_list_only_their_territories_requests(
    as_person, open_request, net
) -> None:
    mine = open_request(subject="Richiesta di Alfa")
    open_request(person="referent_b", territory=net.b, subject="Richiesta di Beta")

    page = as_person("netop_a").get(LIST).content.decode()

    assert "Richiesta di Alfa" in page
    assert "Richiesta di Beta" not in page
    assert f'data-request="{mine.pk}"' in page


def test_another_territory_s_request_and_attachment_are_not_found(as_person, open_request) -> None:
    request = open_request(files=[pdf_upload()])
    attachment = request.messages.get().attachments.get()
    client = as_person("referent_b")

    assert client.get(_url(request)).status_code == 404
    assert client.get(_url(request, f"allegati/{attachment.pk}/")).status_code == 404
    assert client.post(_url(request, "rispondi/"), {"body": "Ciao"}).status_code == 404
    assert client.post(_url(request, "stato/"), {"action": "resolve"}).status_code == 404
    assert request.messages.count() == 1


def test_an_attachment_is_found_only_under_its_own_request(as_person, open_request) -> None:
    with_file = open_request(files=[pdf_upload()])
    other = open_request(subject="Un'altra")
    attachment = with_file.messages.get().attachments.get()
    client = as_person("referent_a")

    assert client.get(_url(other, f"allegati/{attachment.pk}/")).status_code == 404

    response = client.get(_url(with_file, f"allegati/{attachment.pk}/"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith('attachment; filename="schermata.pdf"')
    entry = AuditEntry.objects.get(action="assistance.download")
    assert entry.details == {"attachment": attachment.pk, "message": attachment.message_id}


def test_the_department_sees_every_request_unanswered_first(as_person, open_request, net) -> None:
    # The one waiting was opened first; the answered one has the latest activity.
    waiting = open_request(person="referent_b", territory=net.b, subject="Da rispondere")
    answered = open_request(subject="Già risposta")
    client = as_person("admin")
    client.post(_url(answered, "rispondi/"), {"body": "Ecco la risposta."})

    page = client.get(LIST).content.decode()

    assert page.index(f'data-request="{waiting.pk}"') < page.index(f'data-request="{answered.pk}"')
    filtered = client.get(LIST, {"territory": "ATR-BE", "status": "open"}).content.decode()
    assert f'data-request="{waiting.pk}"' in filtered
    assert f'data-request="{answered.pk}"' not in filtered


def test_an_empty_reply_keeps_the_thread_and_saves_nothing(as_person, open_request) -> None:
    request = open_request()

    response = as_person("admin").post(_url(request, "rispondi/"), {"body": "", "then": "resolve"})

    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="error-body"' in page
    assert '<option value="resolve" selected>' in page
    assert AssistanceMessage.objects.count() == 1
    assert AssistanceRequest.objects.get().status == "open"


def test_a_reply_with_a_forbidden_file_keeps_the_text(as_person, open_request) -> None:
    request = open_request()

    response = as_person("referent_a").post(
        _url(request, "rispondi/"), {"body": "Vi mando il file.", "attachments": [exe_upload()]}
    )

    assert response.status_code == 400
    assert "Vi mando il file." in response.content.decode()
    assert AssistanceMessage.objects.count() == 1
    assert stored_files() == []


def test_the_department_answers_and_resolves_in_one_go(as_person, open_request) -> None:
    request = open_request()

    response = as_person("admin").post(
        _url(request, "rispondi/"), {"body": "Risolto, ricaricate la pagina.", "then": "resolve"}
    )

    assert response.status_code == 302
    request = AssistanceRequest.objects.get()
    assert request.status == "resolved"
    page = as_person("referent_a").get(_url(request)).content.decode()
    assert "Risolto, ricaricate la pagina." in page
    assert 'data-testid="action-reopen"' in page
    assert 'data-testid="reply-form"' not in page


def test_a_step_not_possible_now_is_refused_with_a_message(as_person, open_request) -> None:
    request = open_request()

    response = as_person("referent_a").post(_url(request, "stato/"), {"action": "reopen"})

    assert response.status_code == 400
    assert b'data-testid="refusal"' in response.content
    assert AssistanceRequest.objects.get().status == "open"


def test_the_department_assigns_a_request_to_a_colleague(as_person, open_request, admin2) -> None:
    request = open_request()

    response = as_person("admin").post(
        _url(request, "stato/"), {"action": "take", "assignee": admin2.pk}
    )

    assert response.status_code == 302
    assert AssistanceRequest.objects.get().assignee == admin2
