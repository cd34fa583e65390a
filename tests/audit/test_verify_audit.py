"""`rete verify-audit`: its output and exit codes, on an intact log and on a tampered one."""

import pytest

from rete.audit.models import AuditChainHead
from tests.audit.conftest import TABLE, rete

pytestmark = pytest.mark.django_db


def test_it_counts_the_entries_of_an_intact_log(monkeypatch, capsys, log) -> None:
    code = rete(monkeypatch, "verify-audit")

    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines() == [
        "Audit log intact: 5 entries verified.",
        f"Last entry: 5, hash {log[-1].entry_hash}",
    ]


def test_it_answers_to_both_spellings(monkeypatch, capsys, log) -> None:
    code = rete(monkeypatch, "verify_audit")

    assert code == 0
    assert "Audit log intact: 5 entries verified." in capsys.readouterr().out


def test_it_accepts_an_empty_log(monkeypatch, capsys, db) -> None:
    code = rete(monkeypatch, "verify-audit")

    assert code == 0
    assert capsys.readouterr().out.splitlines() == ["Audit log intact: 0 entries verified."]


def test_it_streams_across_chunks(monkeypatch, capsys, log) -> None:
    code = rete(monkeypatch, "verify-audit", "--chunk-size", "2")

    assert code == 0
    assert "5 entries verified" in capsys.readouterr().out


def test_it_refuses_a_bad_chunk_size(monkeypatch, capsys, db) -> None:
    code = rete(monkeypatch, "verify-audit", "--chunk-size", "0")

    assert code == 2
    assert "--chunk-size" in capsys.readouterr().err


def test_it_names_a_changed_entry_and_exits_1(monkeypatch, capsys, log, raw_sql) -> None:
    raw_sql(f"UPDATE {TABLE} SET target_id = '42' WHERE sequence = 3")

    code = rete(monkeypatch, "verify-audit")

    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert captured.err.strip() == (
        "CommandError: Audit log broken at entry 3 (hash_mismatch): its content no longer "
        "matches its hash: it was changed. 2 entries before it are intact."
    )


def test_it_names_a_deleted_entry(monkeypatch, capsys, log, raw_sql) -> None:
    raw_sql(f"DELETE FROM {TABLE} WHERE sequence = 2")

    code = rete(monkeypatch, "verify-audit")

    assert code == 1
    assert capsys.readouterr().err.strip() == (
        "CommandError: Audit log broken at entry 2 (sequence_gap): the entry is missing: "
        "the log goes from 1 to 3. 1 entry before it is intact."
    )


def test_it_names_a_deleted_tail(monkeypatch, capsys, log, raw_sql) -> None:
    raw_sql(f"DELETE FROM {TABLE} WHERE sequence >= 4")

    code = rete(monkeypatch, "verify-audit")

    assert code == 1
    assert capsys.readouterr().err.strip() == (
        "CommandError: Audit log broken at entry 4 (missing_tail): entries 4 to 5 are "
        "missing: the log ends at 3, the chain head records 5. 3 entries before it are intact."
    )


def test_it_says_when_the_chain_head_is_gone(monkeypatch, capsys, log) -> None:
    AuditChainHead.objects.all().delete()

    code = rete(monkeypatch, "verify-audit")

    assert code == 1
    assert "(head_missing)" in capsys.readouterr().err


def test_it_speaks_italian_to_an_italian_operator(monkeypatch, capsys, log) -> None:
    from django.utils import translation

    with translation.override("it"):
        code = rete(monkeypatch, "verify-audit")

    assert code == 0
    assert "Registro di audit integro: 5 voci verificate." in capsys.readouterr().out
