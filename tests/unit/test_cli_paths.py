"""Odd journal paths: a folder, a file where a folder belongs, a journal that
cannot be opened. One line, exit code 2, and nothing left behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from healjournal import cli
from healjournal.cli import prompts as cli_prompts

#: Every command that opens the journal, with what it needs to get that far.
OPENING = [
    ["add", "words"],
    ["search", "words"],
    ["stats"],
    ["export"],
    ["export", "-f", "jrnl"],
    ["encrypt"],
    ["decrypt"],
    ["delete", "--day", "today", "--yes"],
]


@pytest.fixture(autouse=True)
def _no_terminal(monkeypatch):
    monkeypatch.setattr(cli_prompts, "has_terminal", lambda: False)
    monkeypatch.delenv(cli_prompts.PASSPHRASE_FILE_ENV, raising=False)


def listing(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under `folder`, with the files' bytes."""
    return {
        str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


def refused(capsys, *argv: str) -> str:
    """Run `argv`, check it is refused in one line with exit code 2; the line."""
    assert cli.main(list(argv)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize("argv", OPENING, ids=" ".join)
def test_a_folder_is_named_as_one_with_the_path_to_give(tmp_path, clock, capsys, argv):
    folder = tmp_path / "notes"
    folder.mkdir()
    before = listing(tmp_path)
    err = refused(capsys, "--db", str(folder), *argv)
    assert f"{folder} is a folder, not a journal file" in err
    assert f"e.g. {folder / 'journal.json'}" in err
    assert "Is a directory" not in err
    assert listing(tmp_path) == before


def test_a_folder_from_the_environment_is_named_too(
    tmp_path, clock, capsys, monkeypatch
):
    monkeypatch.setenv("HEALJOURNAL_DB", str(tmp_path))
    err = refused(capsys, "add", "words")
    assert f"{tmp_path} is a folder" in err


@pytest.mark.parametrize("argv", OPENING[:4], ids=" ".join)
def test_a_file_where_a_folder_belongs(tmp_path, clock, capsys, argv):
    (tmp_path / "journal.json").write_text("{}")
    before = listing(tmp_path)
    err = refused(capsys, "--db", str(tmp_path / "journal.json" / "j.json"), *argv)
    assert f"{tmp_path / 'journal.json'} is a file, not a folder" in err
    assert listing(tmp_path) == before


# Journals that cannot be opened: each must leave the folder as it was (no
# lock file, no backup, no copy kept before an upgrade, no upgrade).
UNOPENABLE = {
    "empty": b"",
    "cut short": b'{"meta": {"1": {"schema_version": 1}}, "entries": {"1": {"bo',
    "an older journal with a damaged page": b'{"entries": {"1": {"bogus": 1}}}',
    "from a newer healjournal": b'{"meta": {"1": {"schema_version": 99}}}',
}


@pytest.mark.parametrize("argv", OPENING, ids=" ".join)
@pytest.mark.parametrize("case", UNOPENABLE)
def test_a_journal_that_cannot_be_opened_leaves_nothing_behind(
    journal_path, clock, capsys, case, argv
):
    journal_path.parent.mkdir()
    journal_path.write_bytes(UNOPENABLE[case])
    before = listing(journal_path.parent)
    refused(capsys, *argv)
    assert listing(journal_path.parent) == before


@pytest.mark.parametrize("argv", OPENING[:5], ids=" ".join)
def test_a_journal_that_cannot_be_read_leaves_nothing_behind(
    journal_path, clock, capsys, monkeypatch, argv
):
    journal_path.parent.mkdir()
    journal_path.write_bytes(b'{"meta": {"1": {"schema_version": 1}}}')
    before = listing(journal_path.parent)
    original = os.open

    def denied(path, flags, *args, **kwargs):  # chmod 0 is no obstacle to root
        if Path(path) == journal_path:
            raise PermissionError(errno.EACCES, "Permission denied")
        return original(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    assert "permission denied" in refused(capsys, *argv)
    monkeypatch.undo()
    assert listing(journal_path.parent) == before


@pytest.mark.parametrize("argv", [["encrypt"], ["decrypt"]], ids=" ".join)
def test_a_refusal_makes_no_folder(journal_path, clock, capsys, argv):
    refused(capsys, *argv)
    assert not journal_path.parent.exists()


def test_stale_temp_files_of_a_readable_journal_are_still_removed(
    journal_path, clock, capsys
):
    assert cli.main(["add", "words"]) == 0
    stale = journal_path.with_name(f".{journal_path.name}.dead.tmp")
    stale.write_bytes(b"half a save")
    assert cli.main(["search", "words"]) == 0
    assert stale.exists()  # a command that only reads writes nothing
    assert cli.main(["add", "more words"]) == 0
    assert not stale.exists()
