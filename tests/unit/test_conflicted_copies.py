"""Conflicted copies that Syncthing, Dropbox, Nextcloud or ownCloud left
beside the journal are found, and nothing else is taken for one."""

from __future__ import annotations

from pathlib import Path

import pytest

from healjournal.storage.conflicts import conflicted_copies, copies_line


@pytest.mark.parametrize(
    ("name", "tool"),
    [
        ("journal.sync-conflict-20261203-101010-ABCDEFG.json", "Syncthing"),
        ("journal (conflicted copy 2026-12-03).json", "Dropbox"),
        ("journal (Sam's conflicted copy 2026-12-03).json", "Dropbox"),
        ("journal (conflicted copy 2026-12-03 (1)).json", "Dropbox"),
        ("journal (conflicted copy 2026-12-03 101010).json", "Nextcloud"),
        ("journal_conflict-20261203-101010.json", "ownCloud"),
    ],
)
def test_each_tools_copy_is_found(tmp_path: Path, name: str, tool: str) -> None:
    journal = tmp_path / "journal.json"
    journal.write_text("{}")
    (tmp_path / name).write_text("{}")
    found = conflicted_copies(journal)
    assert [(c.path.name, c.tool) for c in found] == [(name, tool)]


def test_backups_other_journals_and_folders_are_not_copies(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    for name in (
        "journal.json",
        "journal.json.2026-12-01.bak",
        "journal.json.schema2.bak",
        "journal.json.lock",
        ".journal.json.a1b2.tmp",
        "notes.sync-conflict-20261203-101010-ABCDEFG.json",
        "journal (copy).json",
        "journal.sync-conflict-20261203-101010-ABCDEFG.json.bak",
    ):
        (tmp_path / name).write_text("{}")
    (tmp_path / "journal (conflicted copy 2026-12-03).json").mkdir()
    assert conflicted_copies(journal) == []


def test_a_name_with_brackets_of_its_own_is_read_literally(tmp_path: Path) -> None:
    journal = tmp_path / "my journal (2026).json"
    copy = tmp_path / "my journal (2026) (conflicted copy 2026-12-03).json"
    copy.write_text("{}")
    (tmp_path / "my journal X2026X (conflicted copy 2026-12-03).json").write_text("")
    assert [c.path for c in conflicted_copies(journal)] == [copy]


def test_a_folder_that_cannot_be_listed_has_none(tmp_path: Path) -> None:
    assert conflicted_copies(tmp_path / "missing" / "journal.json") == []


def test_the_line_says_what_and_how(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    for name in (
        "journal.sync-conflict-20261203-101010-ABCDEFG.json",
        "journal (conflicted copy 2026-12-03).json",
    ):
        (tmp_path / name).write_text("{}")
    line = copies_line(journal, conflicted_copies(journal))
    assert "\n" not in line
    assert line.startswith("found 2 conflicted copies of the journal (Dropbox, ")
    first = tmp_path / "journal (conflicted copy 2026-12-03).json"
    # Not the journal found by default: the command names it.
    command = f"`healjournal --db '{journal}' merge '{first}'`"
    assert f"Merge it (each in turn) with {command}" in line


def test_the_default_journal_needs_no_db() -> None:
    from healjournal.storage.paths import default_journal_path

    journal = default_journal_path()  # in this test's own home (conftest)
    journal.parent.mkdir(parents=True, exist_ok=True)
    copy = journal.with_name("journal_conflict-20261203-101010.json")
    copy.write_text("{}")
    line = copies_line(journal, conflicted_copies(journal))
    assert f"Merge it with `healjournal merge '{copy}'`" in line


def test_a_command_says_so_in_one_line_and_goes_on(journal, journal_path, capsys):
    from healjournal import cli

    journal.add_entry("Written here.")
    copy = journal_path.with_name("journal.sync-conflict-20261203-101010-ABCDEFG.json")
    copy.write_bytes(journal_path.read_bytes())
    assert cli.main(["search", "written"]) == 0
    out, err = capsys.readouterr()
    assert "Written here." in out
    (said,) = [line for line in err.splitlines() if line.startswith("healjournal:")]
    assert said.startswith("healjournal: found a conflicted copy of the journal ")
    assert "(Syncthing): journal.sync-conflict-" in said
