"""Good practices without HTTP: posting with consent and topics, editing one's own post,
answers telling the author, the Department's moderation; what is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rete.accounts.scopes import user_scope
from rete.assistance.practices.models import Practice, PracticeAttachment
from rete.assistance.practices.selectors import practice_get_for_scope, practices_list
from rete.assistance.practices.services import (
    practice_answer,
    practice_hide,
    practice_restore,
    practice_update,
)
from rete.audit.models import AuditEntry
from rete.notices.models import Notice
from tests.assistance.conftest import exe_upload, pdf_upload, stored_files

pytestmark = pytest.mark.django_db


def _answer(person, practice, body="Interessante, come avete coinvolto il 118?", **kwargs):
    return practice_answer(
        scope=user_scope(person), actor=person, practice=practice, body=body, **kwargs
    )


def _update(practice, actor, **changes):
    values = {
        "title": practice.title,
        "summary": practice.summary,
        "body": practice.body,
        "topics": practice.topic_codes,
        "contact_name": practice.contact_name,
        "contact_organization": practice.contact_organization,
        "contact_email": practice.contact_email,
        "contact_consent": True,
    }
    values.update(changes)
    return practice_update(actor=actor, practice=practice, **values)


def test_it_posts_a_practice_with_topics_contact_and_attachment(post_practice) -> None:
    practice = post_practice(topics=["health", "training"], files=[pdf_upload("protocollo.pdf")])

    assert practice.topic_codes == ["health", "training"]
    assert (practice.contact_email, practice.status) == ("anna@example.org", "published")
    assert practice.contact_consent_at is not None
    assert practice.attachments.get().original_filename == "protocollo.pdf"
    entry = AuditEntry.objects.get(action="practice.create")
    assert entry.details == {
        "territory": "ATR-AL",
        "topics": ["health", "training"],
        "attachments": 1,
    }


def test_a_practice_is_not_published_without_consent_to_show_the_contact(post_practice) -> None:
    with pytest.raises(ValidationError):
        post_practice(contact_consent=False)

    assert not Practice.objects.exists()


@pytest.mark.parametrize("topics", [[], ["astrology"]])
def test_a_practice_needs_topics_from_the_list(post_practice, topics) -> None:
    with pytest.raises(ValidationError):
        post_practice(topics=topics)

    assert not Practice.objects.exists()


@pytest.mark.parametrize("person", ["referent_b", "admin", "analyst"])
def test_a_practice_is_posted_only_for_one_s_own_territory(post_practice, person) -> None:
    with pytest.raises(PermissionDenied):
        post_practice(person=person)


def test_a_forbidden_file_refuses_the_post_and_stores_nothing(post_practice) -> None:
    with pytest.raises(ValidationError):
        post_practice(files=[pdf_upload(), exe_upload()])

    assert not Practice.objects.exists()
    assert stored_files() == []


def test_the_author_edits_their_post_and_the_audit_names_the_fields(
    post_practice, people, django_capture_on_commit_callbacks
) -> None:
    practice = post_practice(files=[pdf_upload()])
    attachment = practice.attachments.get()

    with django_capture_on_commit_callbacks(execute=True):
        _update(
            practice,
            people.referent_a,
            title="Protocollo con il pronto soccorso di Bari",
            topics=["health", "governance"],
            remove_attachments=[attachment],
        )

    practice.refresh_from_db()
    assert practice.title == "Protocollo con il pronto soccorso di Bari"
    assert practice.topic_codes == ["governance", "health"]
    assert not PracticeAttachment.objects.exists()
    assert stored_files() == []
    entry = AuditEntry.objects.get(action="practice.update")
    assert entry.details == {
        "fields": ["title", "topics"],
        "attachments_added": 0,
        "attachments_removed": [attachment.pk],
    }


def test_nobody_but_the_author_edits_a_post(post_practice, people) -> None:
    practice = post_practice()

    for person in (people.netop_a, people.referent_b, people.admin):
        with pytest.raises(PermissionDenied):
            _update(practice, person, title="Cambiato")

    practice.refresh_from_db()
    assert practice.title == "Protocollo con il pronto soccorso"


def test_an_answer_from_another_territory_tells_the_author(post_practice, people) -> None:
    practice = post_practice()

    answer = _answer(people.referent_b, practice)

    assert answer.territory.code == "ATR-BE"
    notice = Notice.objects.get(key=f"practice.{practice.pk}.answer.{answer.pk}")
    assert notice.recipient == people.referent_a
    assert notice.url == f"/area-riservata/buone-pratiche/{practice.pk}/#answer-{answer.pk}"
    entry = AuditEntry.objects.get(action="practice.reply")
    assert entry.details == {"answer": answer.pk, "territory": "ATR-BE"}


def test_the_author_answering_is_not_told_of_their_own_answer(post_practice, people) -> None:
    practice = post_practice()

    _answer(people.referent_a, practice, body="Aggiungo un dettaglio.")

    assert not Notice.objects.filter(key__startswith=f"practice.{practice.pk}.").exists()


def test_the_department_answers_as_the_department(post_practice, people) -> None:
    answer = _answer(people.admin, post_practice())

    assert answer.territory is None


def test_roles_without_a_territory_or_the_department_do_not_answer(post_practice, people) -> None:
    practice = post_practice()

    with pytest.raises(PermissionDenied):
        _answer(people.analyst, practice)
    assert not practice.answers.exists()


def test_a_hidden_post_is_seen_by_the_department_and_its_author_only(post_practice, people) -> None:
    practice = post_practice()

    practice_hide(
        scope=user_scope(people.admin),
        actor=people.admin,
        practice=practice,
        reason="Contiene dati personali.",
    )

    for person in (people.admin, people.referent_a):
        assert practice_get_for_scope(user_scope(person), person, practice.pk) == practice
    for person in (people.referent_b, people.netop_a, people.analyst):
        assert not practices_list(user_scope(person), person).exists()
        with pytest.raises(Exception) as missing:
            practice_get_for_scope(user_scope(person), person, practice.pk)
        assert missing.type.__name__ == "Http404"
    assert Notice.objects.get(key__startswith=f"practice.{practice.pk}.hidden").recipient == (
        people.referent_a
    )
    entry = AuditEntry.objects.get(action="practice.hide")
    assert entry.details == {"territory": "ATR-AL"}
    with pytest.raises(PermissionDenied):
        _answer(people.referent_b, Practice.objects.get())


def test_hiding_needs_a_reason_and_the_department(post_practice, people) -> None:
    practice = post_practice()

    with pytest.raises(ValidationError):
        practice_hide(
            scope=user_scope(people.admin), actor=people.admin, practice=practice, reason=" "
        )
    with pytest.raises(PermissionDenied):
        practice_hide(
            scope=user_scope(people.referent_b),
            actor=people.referent_b,
            practice=practice,
            reason="Non mi piace.",
        )
    assert Practice.objects.get().status == "published"


def test_the_department_restores_a_hidden_post(post_practice, people) -> None:
    practice = post_practice()
    scope = user_scope(people.admin)
    practice_hide(scope=scope, actor=people.admin, practice=practice, reason="Da verificare.")

    practice_restore(scope=scope, actor=people.admin, practice=practice)

    practice.refresh_from_db()
    assert (practice.status, practice.hidden_reason, practice.hidden_at) == ("published", "", None)
    with pytest.raises(ValidationError):
        practice_restore(scope=scope, actor=people.admin, practice=practice)
