"""The two territories and the people of tests/reserved/conftest.py (ATR-AL "Ambito Alfa"
with referent_a and netop_a, ATR-BE "Ambito Beta" with referent_b and netop_b, one person
per national role: admin, analyst, ...), a second person of the Department (admin2) and
helpers to open requests and post practices."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rete.accounts.roles import DEPARTMENT_ADMIN
from rete.accounts.scopes import user_scope
from rete.publications.demofiles import pdf_make
from rete.reserved.models import reserved_storage
from tests.people import make_person
from tests.reserved.conftest import as_person, net, people  # noqa: F401  # fixtures

PDF = pdf_make("Schermata", ["Una riga."])
STORED_FOLDERS = ("assistance", "practices")


def pdf_upload(name: str = "schermata.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


def exe_upload(name: str = "programma.exe") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00not a document", "application/octet-stream")


def stored_files() -> list[str]:
    storage = reserved_storage()
    found = []
    for folder in STORED_FOLDERS:
        try:
            _dirs, files = storage.listdir(folder)
        except FileNotFoundError:
            continue
        found += [f"{folder}/{name}" for name in files]
    return found


@pytest.fixture(autouse=True)
def _empty_storage():
    """The reserved storage lives in memory for the whole test process: each test starts
    with no attachment in it, so that "nothing stored" can be checked."""
    storage = reserved_storage()
    for name in stored_files():
        storage.delete(name)


@pytest.fixture
def admin2(people):  # noqa: F811
    return make_person("admin2", DEPARTMENT_ADMIN, first_name="Dora", last_name="Dipartimento")


@pytest.fixture
def open_request(net, people):  # noqa: F811
    """open_request(person="referent_a", territory=net.a, files=()) -> AssistanceRequest."""
    from rete.assistance.services import assistance_request_open

    def make(person: str = "referent_a", territory=None, files=(), **fields):
        actor = getattr(people, person)
        values = {
            "subject": "Il nuovo sportello non compare",
            "category": "data_mapping",
            "body": "Abbiamo aggiunto lo sportello ma la mappa non lo mostra.",
        }
        values.update(fields)
        return assistance_request_open(
            scope=user_scope(actor),
            actor=actor,
            territory=territory or net.a,
            files=files,
            **values,
        )

    return make


@pytest.fixture
def post_practice(net, people):  # noqa: F811
    """post_practice(person="referent_a", territory=net.a, **fields) -> Practice."""
    from rete.assistance.practices.services import practice_create

    def make(person: str = "referent_a", territory=None, files=(), **fields):
        actor = getattr(people, person)
        values = {
            "title": "Protocollo con il pronto soccorso",
            "summary": "Un percorso dedicato alle donne in pronto soccorso.",
            "body": "Primo paragrafo.\n\nSecondo paragrafo.",
            "topics": ["health"],
            "contact_name": "Anna Alfieri",
            "contact_organization": "Associazione Aurora",
            "contact_email": "anna@example.org",
            "contact_consent": True,
        }
        values.update(fields)
        return practice_create(
            scope=user_scope(actor),
            actor=actor,
            territory=territory or net.a,
            files=files,
            **values,
        )

    return make
