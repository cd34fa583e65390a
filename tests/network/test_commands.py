"""`rete import-network FILE` and `rete export-network [FILE]`: output and exit codes."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import ManagementUtility, call_command
from django.db import connections

from rete.network.networkfile.exporter import network_export
from rete.network.revision import network_revision_current
from tests.network.documents import RICH, row_counts

pytestmark = pytest.mark.django_db


def rete(monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    """Run `rete ARGV...` as the console script does; return its exit code."""
    # A command run from the command line closes the database connections at its end,
    # which would end the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    try:
        # The project's system checks are not what these tests are about; their
        # warnings would go to the same stderr as the command's output.
        ManagementUtility(["rete", *argv, "--skip-checks"]).execute()
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def write(tmp_path: Path, content: str | bytes) -> str:
    path = tmp_path / "network.json"
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    return str(path)


def test_it_imports_a_good_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, bari_path: Path
) -> None:
    code = rete(monkeypatch, "import-network", str(bari_path))

    out = capsys.readouterr().out
    assert code == 0
    assert "organisations: 27 created, 0 updated, 0 unchanged, 0 deleted" in out
    assert "services: 1 created" in out
    assert f"revision {network_revision_current()}" in out


def test_it_says_when_nothing_changed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, bari_path: Path
) -> None:
    rete(monkeypatch, "import-network", str(bari_path))
    capsys.readouterr()

    code = rete(monkeypatch, "import-network", str(bari_path))

    out = capsys.readouterr().out
    assert code == 0
    assert "organisations: 0 created, 0 updated, 27 unchanged, 0 deleted" in out
    assert "Nothing changed." in out


def test_it_lists_every_error_of_a_bad_file_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, tmp_path: Path, bari: dict
) -> None:
    bari["services"][0]["schedules"][0]["closes_at"] = "25:00"
    bari["services"][0]["location"]["comune"] = "000000"
    counts = row_counts()

    code = rete(monkeypatch, "import-network", write(tmp_path, json.dumps(bari)))

    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.splitlines() == [
        "$.services[0].location.comune: Unknown comune “000000”: expected the 6-digit ISTAT "
        "code of a comune, such as 072006 for Bari.",
        "$.services[0].schedules[0].closes_at: Expected a time as HH:MM, from 00:00 to 23:59.",
        "CommandError: 2 errors: nothing was imported.",
    ]
    assert captured.out == ""
    assert row_counts() == counts


def test_it_refuses_a_file_that_is_not_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    path = write(tmp_path, "territories:\n  - ATR-BA\n")

    code = rete(monkeypatch, "import-network", path)

    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"CommandError: {path}: The file is not a JSON document:")
    assert "line 1, column 1" in err


def test_it_refuses_a_file_that_is_not_utf8(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    path = write(tmp_path, b"\xff\xfe{\x00}\x00")

    assert rete(monkeypatch, "import-network", path) == 1
    assert "not UTF-8" in capsys.readouterr().err


def test_it_refuses_a_missing_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    assert rete(monkeypatch, "import-network", str(tmp_path / "missing.json")) == 1
    assert "Cannot read" in capsys.readouterr().err


def test_it_answers_to_the_underscore_spelling_too(bari_path: Path) -> None:
    out = io.StringIO()

    call_command("import_network", str(bari_path), stdout=io.StringIO())
    call_command("export_network", stdout=out)

    assert json.loads(out.getvalue()) == network_export()
    assert network_export()["services"][0]["id"] == "svc-giraffa"


def test_it_exports_to_stdout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    call_command("import-network", write(tmp_path, json.dumps(RICH)), stdout=None)
    capsys.readouterr()

    code = rete(monkeypatch, "export-network")

    out = capsys.readouterr().out
    assert code == 0
    assert json.loads(out) == RICH
    assert out.startswith('{\n "format": "rete-network/1",\n')
    assert "Città di Bari" in out


def test_it_exports_to_a_file_that_imports_back(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, tmp_path: Path, bari_path: Path
) -> None:
    rete(monkeypatch, "import-network", str(bari_path))
    target = tmp_path / "export.json"

    code = rete(monkeypatch, "export-network", str(target))

    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == network_export()
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]
    capsys.readouterr()
    assert rete(monkeypatch, "import-network", str(target)) == 0
    assert "Nothing changed." in capsys.readouterr().out


def test_it_says_why_it_cannot_write_the_export(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    code = rete(monkeypatch, "export-network", str(tmp_path / "no-such-folder" / "x.json"))

    assert code == 1
    assert "Cannot write" in capsys.readouterr().err


def test_it_reads_the_file_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, bari_path: Path
) -> None:
    class Stdin:
        buffer = io.BytesIO(bari_path.read_bytes())

    monkeypatch.setattr("sys.stdin", Stdin)

    assert rete(monkeypatch, "import-network", "-") == 0
    assert "services: 1 created" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["import-network", "export-network"])
def test_it_prints_its_help(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, command: str
) -> None:
    assert rete(monkeypatch, command, "--help") == 0
    assert "rete-network/1" in capsys.readouterr().out
