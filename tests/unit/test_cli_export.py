"""`healjournal export`: what lands in the file or on stdout, and what is left
when the journal is damaged or the command is ended half-way.

Every format goes the same way: the journal opened read-only, the export
made, then written once (a file by an atomic replace).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from healjournal import cli
from healjournal.cli import opening
from healjournal.clock import FrozenClock
from healjournal.storage.journal import Journal

TODAY = date(2026, 11, 24)  # the frozen clock's day (tests/conftest.py)


def run(*argv: str) -> int:
    return cli.main(list(argv))


def jrnl_line(back: int, words: str) -> str:
    """The line jrnl's format gives a page written at the frozen clock's time."""
    return f"[{(TODAY - timedelta(days=back)).isoformat()} 09:04:00 PM] {words}"


def test_pages_come_out_by_day_and_only_those_asked_for(journal, capsysbinary):
    # Written today about earlier days: the order they were written in is not
    # the export's.
    for back in (0, 5, 1, 4, 2, 3):
        journal.add_entry(f"day minus {back}", day=TODAY - timedelta(days=back))
    assert run("export", "-f", "jrnl") == 0
    out = capsysbinary.readouterr().out.decode()
    assert out.splitlines()[::2] == [
        jrnl_line(back, f"day minus {back}") for back in (5, 4, 3, 2, 1, 0)
    ]
    start, end = (TODAY - timedelta(days=n) for n in (4, 1))
    assert run("export", "-f", "jrnl", "--from", str(start), "--to", str(end)) == 0
    out = capsysbinary.readouterr().out.decode()
    assert out.splitlines()[::2] == [
        jrnl_line(back, f"day minus {back}") for back in (4, 3, 2, 1)
    ]


def test_pages_written_across_time_zones_keep_their_order(journal_path, capsys):
    # Same day, written an hour apart across a change of offset: the order is
    # by the moment, not by the text of the time.
    early = FrozenClock(datetime(2026, 3, 29, 2, 30, tzinfo=timezone(timedelta(0))))
    late = FrozenClock(
        datetime(2026, 3, 29, 3, 10, tzinfo=timezone(timedelta(hours=2)))
    )
    Journal.open(journal_path, clock=early).add_entry("first, at 02:30 UTC")
    Journal.open(journal_path, clock=late).add_entry("second, at 01:10 UTC")
    assert run("export", "-f", "jrnl") == 0
    out = capsys.readouterr().out
    assert out.index("second, at 01:10 UTC") < out.index("first, at 02:30 UTC")


def test_the_file_is_private_and_holds_what_stdout_gets(
    journal, tmp_path, capsysbinary
):
    journal.add_entry("only mine", starred=True)
    journal.add_entry("and mine\nsecond line", day=TODAY - timedelta(days=1))
    assert run("export", "-f", "jrnl") == 0
    piped = capsysbinary.readouterr().out
    assert piped.decode() == (
        f"{jrnl_line(1, 'and mine')}\nsecond line\n\n{jrnl_line(0, 'only mine *')}\n"
    )
    out = tmp_path / "out.txt"
    out.write_text("the last export, longer than this one will be " * 20)
    assert run("export", "-f", "jrnl", "-o", str(out), "--force") == 0
    assert capsysbinary.readouterr().err.decode() == f"Wrote 2 entries to {out}.\n"
    assert out.read_bytes() == piped
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out.txt"]


def test_a_damaged_journal_is_refused_in_one_line_and_nothing_is_written(
    journal, tmp_path, capsys
):
    journal.add_entry("fine", mood=3)
    tables = json.loads(journal.path.read_text())
    tables["entries"]["1"]["mood"] = 9
    journal.path.write_text(json.dumps(tables, indent=2))
    out = tmp_path / "out.txt"
    for fmt in ("jrnl", "json"):
        assert run("export", "-f", fmt, "-o", str(out)) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "is damaged" in err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_parent_that_ignores_sigchld_still_gets_the_export(journal, capsys):
    # A program can start healjournal with SIGCHLD ignored (it is inherited):
    # the export is the same.
    for n in range(6):
        journal.add_entry(f"page {n}")
    assert run("export", "-f", "jrnl") == 0
    expected = capsys.readouterr().out
    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert run("export", "-f", "jrnl") == 0
    finally:
        signal.signal(signal.SIGCHLD, before)
    assert capsys.readouterr().out == expected
    assert expected.count("] page ") == 6


@pytest.mark.parametrize("sent", [signal.SIGHUP, signal.SIGTERM], ids=["HUP", "TERM"])
def test_ended_mid_export_leaves_the_last_export_and_no_copy(journal, tmp_path, sent):
    # The terminal closes (SIGHUP) or the system asks it to end (SIGTERM)
    # once the journal is read and the export made, before it is written.
    for n in range(4):
        journal.add_entry(f"page {n}")
    out = tmp_path / "out.txt"
    out.write_text("the last export")
    script = (
        "import os, sys\n"
        "from healjournal import cli\n"
        "from healjournal.storage import interchange\n"
        "made = interchange.export\n"
        "def made_then_ended(*args, **options):\n"
        "    text = made(*args, **options)\n"
        f"    os.kill(os.getpid(), {int(sent)})\n"
        "    return text\n"
        "interchange.export = made_then_ended\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    argv = ["--db", str(journal.path), "export", "-f", "jrnl", "-o", str(out)]
    done = subprocess.run(
        [sys.executable, "-c", script, *argv, "--force"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == -sent, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out.txt"]
    assert out.read_text() == "the last export"


@pytest.mark.parametrize("fmt", ["jrnl", "markdown"])
def test_no_new_file_waits_while_the_journal_is_opened(
    journal, tmp_path, capsys, monkeypatch, fmt
):
    # Opening may ask for a passphrase: no copy of the words lies in the
    # output's folder meanwhile.
    journal.add_entry("my words")
    out = tmp_path / "out" / "export.txt"
    out.parent.mkdir()
    real = opening.open_journal
    seen = []

    def opening_first(args, **options):
        seen.append(sorted(p.name for p in out.parent.iterdir()))
        return real(args, **options)

    monkeypatch.setattr(opening, "open_journal", opening_first)
    assert run("export", "-f", fmt, "-o", str(out)) == 0
    assert seen == [[]]
    assert "my words" in out.read_text()
    assert os.listdir(out.parent) == ["export.txt"]
