"""When the disk says no, or the file is broken, no word is lost or overwritten."""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import pytest

from healjournal import cli
from healjournal.errors import JournalUnreadable, SaveFailed
from healjournal.storage import atomic, layout
from healjournal.storage.atomic import temp_files
from healjournal.storage.journal import Journal


def fail(error_number: int):
    def raiser(*args, **kwargs):
        raise OSError(error_number, os.strerror(error_number))

    return raiser


class TestAFailedSave:
    """A save that fails leaves the journal byte-identical and says why."""

    @pytest.fixture
    def written(self, journal):
        journal.add_entry("words that must survive")
        return journal, journal.path.read_bytes()

    @pytest.mark.parametrize(
        ("target", "error_number", "says"),
        [
            ("write", errno.ENOSPC, "the disk is full"),
            ("fsync", errno.EIO, "Input/output error"),
            ("replace", errno.EACCES, "permission denied"),
            ("write", errno.EROFS, "read-only"),
        ],
    )
    def test_journal_unchanged_and_error_clear(
        self, written, monkeypatch, target, error_number, says
    ):
        journal, before = written
        monkeypatch.setattr(atomic.os, target, fail(error_number))
        with pytest.raises(SaveFailed, match=says) as raised:
            journal.add_entry("this one cannot be saved")
        monkeypatch.undo()
        assert str(journal.path) in str(raised.value)
        assert "unchanged" in str(raised.value)
        assert journal.path.read_bytes() == before
        assert temp_files(journal.path) == []
        # Memory is not ahead of the disk: the failed entry is nowhere.
        assert [e.text for e in journal.entries()] == ["words that must survive"]

    def test_a_failed_edit_keeps_the_old_words_in_memory_too(
        self, written, monkeypatch
    ):
        journal, before = written
        entry = journal.entries()[0]
        monkeypatch.setattr(atomic.os, "write", fail(errno.ENOSPC))
        with pytest.raises(SaveFailed):
            journal.update_entry(entry.id, text="half-typed edit")
        monkeypatch.undo()
        assert journal.get_entry(entry.id).text == "words that must survive"
        assert journal.path.read_bytes() == before

    def test_the_next_save_works_once_the_disk_has_room(self, written, monkeypatch):
        journal, _ = written
        monkeypatch.setattr(atomic.os, "write", fail(errno.ENOSPC))
        with pytest.raises(SaveFailed):
            journal.add_entry("retry me")
        monkeypatch.undo()
        journal.add_entry("retry me")
        texts = [e.text for e in Journal.open(journal.path).entries()]
        assert texts == ["words that must survive", "retry me"]

    def test_a_short_write_is_finished_not_truncated(self, journal, monkeypatch):
        real_write = os.write
        monkeypatch.setattr(
            atomic.os, "write", lambda fd, data: real_write(fd, data[:7])
        )
        journal.add_entry("written seven bytes at a time " * 20)
        monkeypatch.undo()
        assert Journal.open(journal.path).entries()[0].text.startswith("written seven")

    def test_a_failed_backup_fails_the_save_cleanly(self, written, monkeypatch, clock):
        journal, before = written
        clock.set(clock.now().replace(day=25))  # a new day: a backup comes first
        monkeypatch.setattr(atomic.shutil, "copyfileobj", fail(errno.ENOSPC))
        with pytest.raises(SaveFailed, match="the disk is full"):
            journal.add_entry("tomorrow")
        monkeypatch.undo()
        assert journal.path.read_bytes() == before
        assert temp_files(journal.path) == []

    def test_the_cli_reports_a_full_disk_in_one_line(
        self, written, monkeypatch, capsys
    ):
        journal, before = written
        monkeypatch.setattr(atomic.os, "write", fail(errno.ENOSPC))
        assert cli.main(["--db", str(journal.path), "add", "not today"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "the disk is full" in err
        monkeypatch.undo()
        assert journal.path.read_bytes() == before


def _journal_bytes(**tables) -> bytes:
    import orjson

    base = {"meta": {"1": {"schema_version": 1, "next_id": {}}}}
    return orjson.dumps(base | tables)


BROKEN = {
    "truncated": (
        b'{"meta": {"1": {"schema_version": 1}}, "entries": {"1": {"bo',
        "line 1",
    ),
    "not json": (b"Dear diary,\nthis is not JSON\n", "not valid JSON"),
    "invalid utf-8": (b'{"entries": {"1": {"body": "caf\xe9"}}}', "not valid UTF-8"),
    "a list": (b"[1, 2, 3]", "not an object"),
    "table not an object": (b'{"entries": [1, 2]}', "table 'entries'"),
    "id not a number": (b'{"entries": {"first": {}}}', "not an id"),
    "record not an object": (b'{"entries": {"1": "hello"}}', "entries/1"),
    "duplicate keys": (
        b'{"entries": {"1": {"body": "one"}, "1": {"body": "two"}}}',
        "appears twice",
    ),
    "empty": (b"", "empty"),
    "newer schema": (
        b'{"meta": {"1": {"schema_version": 99}}}',
        "newer healjournal",
    ),
    "bad schema version": (
        b'{"meta": {"1": {"schema_version": "one"}}}',
        "schema_version",
    ),
    "entry without a day": (
        _journal_bytes(
            entries={"1": {"created": "2026-11-24T21:04:00+00:00", "body": "x"}}
        ),
        "entries/1 is damaged",
    ),
    "goal with unknown theme": (
        _journal_bytes(goals={"1": {"theme": "revenge", "title": "x"}}),
        "goals/1 is damaged",
    ),
    "mood out of range": (
        _journal_bytes(
            entries={
                "1": {
                    "created": "2026-11-24T21:04:00+00:00",
                    "day": "2026-11-24",
                    "body": "x",
                    "mood": 11,
                }
            }
        ),
        "entries/1 is damaged",
    ),
}


class TestABrokenJournal:
    """A journal that cannot be read is named, explained and never touched."""

    @pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
    def test_clear_error_and_file_byte_identical(self, journal_path, clock, case):
        raw, says = BROKEN[case]
        journal_path.parent.mkdir(parents=True)
        journal_path.write_bytes(raw)
        with pytest.raises(JournalUnreadable) as raised:
            Journal.open(journal_path, clock=clock)
        message = str(raised.value)
        assert says in message
        assert str(journal_path) in message
        assert "\n" not in message
        assert journal_path.read_bytes() == raw

    @pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
    def test_nothing_is_left_beside_it(self, journal_path, clock, case):
        raw, _ = BROKEN[case]
        journal_path.parent.mkdir(parents=True)
        journal_path.write_bytes(raw)
        with pytest.raises(JournalUnreadable):
            Journal.open(journal_path, clock=clock)
        assert [p.name for p in journal_path.parent.iterdir()] == ["journal.json"]

    @pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
    def test_every_command_refuses_with_exit_2(self, journal_path, clock, capsys, case):
        raw, says = BROKEN[case]
        journal_path.parent.mkdir(parents=True)
        journal_path.write_bytes(raw)
        other = journal_path.with_name("other.json")
        other.write_text('{"entries": []}')
        for argv in (["add", "new words"], ["export"], ["import", str(other)]):
            assert cli.main(argv) == 2
            err = capsys.readouterr().err
            assert err.count("\n") == 1, err
            assert says in err
        assert journal_path.read_bytes() == raw

    def test_json_errors_give_line_and_column(self, journal_path, clock):
        journal_path.parent.mkdir(parents=True)
        journal_path.write_bytes(b'{\n  "entries": {\n    "1": {"body": "x",}\n  }\n}')
        with pytest.raises(JournalUnreadable, match=r"line 3, column \d+"):
            Journal.open(journal_path, clock=clock)

    def test_the_newest_backup_is_named(self, journal, clock):
        journal.add_entry("monday")
        clock.set(clock.now().replace(day=25))
        journal.add_entry("tuesday")  # makes the backup of the 25th
        raw = journal.path.read_bytes()[:-40]
        journal.path.write_bytes(raw)
        with pytest.raises(JournalUnreadable, match=r"journal\.json\.2026-11-25\.bak"):
            Journal.open(journal.path, clock=clock)

    def test_a_journal_broken_while_open_stops_saves(self, journal):
        journal.add_entry("first")
        journal.path.write_bytes(b"{oops")
        with pytest.raises(JournalUnreadable):
            journal.add_entry("second")
        assert journal.path.read_bytes() == b"{oops"

    def test_a_journal_that_cannot_be_read_for_permissions(
        self, journal, clock, monkeypatch
    ):
        journal.add_entry("x")
        original = os.open

        def denied(path, flags, *args, **kwargs):  # chmod 0 is no obstacle to root
            if Path(path) == journal.path:
                raise PermissionError(errno.EACCES, "Permission denied")
            return original(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", denied)
        with pytest.raises(JournalUnreadable, match="permission denied"):
            Journal.open(journal.path, clock=clock)


def test_day_boundaries_are_the_clocks(journal, clock):
    """An entry written at 23:59 belongs to that day, not the next."""
    clock.set(clock.now().replace(hour=23, minute=59))
    assert journal.add_entry("late").day == date(2026, 11, 24)


def test_a_file_is_whole_however_little_each_write_takes(tmp_path, monkeypatch):
    real_write = os.write

    def a_few_bytes(fd, data):
        return real_write(fd, bytes(memoryview(data))[:7])

    monkeypatch.setattr(layout.os, "write", a_few_bytes)
    target = tmp_path / "export.txt"
    layout.write_atomically(target, b"Dear diary, today I walked." + b"\n" * 3000)
    monkeypatch.undo()
    assert target.read_bytes() == b"Dear diary, today I walked." + b"\n" * 3000


def test_an_export_to_a_full_disk_says_so_and_leaves_no_file(
    journal, tmp_path, monkeypatch, capsys
):
    journal.add_entry("my words")
    journal.add_entry("more words")
    out = tmp_path / "out.txt"
    monkeypatch.setattr(layout.os, "write", fail(errno.ENOSPC))
    assert cli.main(["export", "-f", "jrnl", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
