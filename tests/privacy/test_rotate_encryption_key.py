"""`rete rotate-encryption-key`: every value moves to the newest key, once."""

import io

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import CommandError, call_command
from django.db import connection, models
from pytest_django.fixtures import Settings

from tests.privacy.conftest import KEY_1, KEY_2, raw_row

NOTES = ["prima nota", "seconda nota", "terza nota"]


def rotate(*args: str) -> str:
    out = io.StringIO()
    call_command("rotate-encryption-key", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def old_notes(note_model: type[models.Model], settings: Settings) -> list[int]:
    """Three notes (one with a call-back number, one empty) under KEY_1; then KEY_2 comes."""
    settings.FIELD_ENCRYPTION_KEYS = [KEY_1]
    pks = [
        note_model.objects.create(body=NOTES[0], callback="+393331234567").pk,
        note_model.objects.create(body=NOTES[1]).pk,
        note_model.objects.create(body=NOTES[2]).pk,
        note_model.objects.create(body="").pk,
    ]
    settings.FIELD_ENCRYPTION_KEYS = [KEY_2, KEY_1]
    return pks


def test_it_reencrypts_everything_with_the_newest_key(
    note_model: type[models.Model], old_notes: list[int], settings: Settings
) -> None:
    out = rotate()

    assert "privacy.Note.body: 3 re-encrypted, 0 already current, 1 empty" in out
    assert "privacy.Note.callback: 1 re-encrypted, 0 already current, 3 empty" in out
    assert "Done: 4 values re-encrypted" in out
    for pk in old_notes:
        stored = raw_row(note_model, pk)
        for token in stored.values():
            if token:
                Fernet(KEY_2).decrypt(token.encode())
    settings.FIELD_ENCRYPTION_KEYS = [KEY_2]
    assert [n.body for n in note_model.objects.order_by("pk")] == [*NOTES, ""]
    assert note_model.objects.get(pk=old_notes[0]).callback == "+393331234567"


def test_it_never_prints_a_value(old_notes: list[int]) -> None:
    out = rotate()

    assert not any(note in out for note in NOTES)
    assert "3331234567" not in out


def test_it_leaves_current_values_alone(
    note_model: type[models.Model], old_notes: list[int]
) -> None:
    rotate()
    tokens = [raw_row(note_model, pk) for pk in old_notes]

    out = rotate()

    assert "privacy.Note.body: 0 re-encrypted, 3 already current, 1 empty" in out
    assert [raw_row(note_model, pk) for pk in old_notes] == tokens


def test_it_works_in_chunks(note_model: type[models.Model], old_notes: list[int]) -> None:
    out = rotate("--batch-size", "1")

    assert "privacy.Note.body: 3 re-encrypted" in out


def test_it_writes_nothing_in_a_dry_run(
    note_model: type[models.Model], old_notes: list[int]
) -> None:
    before = [raw_row(note_model, pk) for pk in old_notes]

    out = rotate("--dry-run")

    assert "privacy.Note.body: 3 to re-encrypt" in out
    assert "nothing was written" in out
    assert [raw_row(note_model, pk) for pk in old_notes] == before


def test_it_stops_at_a_value_no_key_opens(
    note_model: type[models.Model], old_notes: list[int]
) -> None:
    table = connection.ops.quote_name(note_model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET body = %s WHERE id = %s", ["gAAAAAbroken", old_notes[3]]
        )

    with pytest.raises(
        CommandError, match=rf"privacy\.Note\.body, row with primary key {old_notes[3]}"
    ):
        rotate("--batch-size", "2")

    # The first chunk (rows 1 and 2) was committed; the second (row 3 re-encrypted, then
    # the broken row 4) was rolled back whole.
    assert _is_under(KEY_2, raw_row(note_model, old_notes[0])["body"])
    assert _is_under(KEY_2, raw_row(note_model, old_notes[1])["body"])
    assert _is_under(KEY_1, raw_row(note_model, old_notes[2])["body"])


def test_it_refuses_a_bad_key_list(note_model: type[models.Model], settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = ["not-a-key"]

    with pytest.raises(CommandError, match="item 1 is not a Fernet key"):
        rotate()


def test_it_refuses_a_batch_size_below_one(note_model: type[models.Model]) -> None:
    with pytest.raises(CommandError, match="at least 1"):
        rotate("--batch-size", "0")


def _is_under(key: str, token: str) -> bool:
    try:
        Fernet(key).decrypt(token.encode())
    except InvalidToken:
        return False
    return True
