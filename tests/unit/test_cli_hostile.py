"""The command line never prints a stored control sequence to a terminal."""

from __future__ import annotations

import os
import pty
import select
import sys
import time

from healjournal import cli
from healjournal.domain.visible import has_controls
from healjournal.storage.journal import Journal

HOSTILE = "inject \x1b]0;PWNED\x07 \x1b[2J\x1b[31mRED \x1b]52;c;cHduZWQ=\x07 \x9bX"


def test_search_and_stats_print_marks(journal_path, clock, capsys):
    journal = Journal.open(journal_path, clock=clock)
    journal.add_entry(HOSTILE)
    journal.set_setting("name", "\x1b[2JSam")
    journal.close()
    assert cli.main(["search", "inject"]) == 0
    out = capsys.readouterr().out
    assert "inject ␛]0;PWNED␇" in out and not has_controls(out.replace("\n", ""))
    assert cli.main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "␛[2JSam in your writing" in out
    assert not has_controls(out.replace("\n", ""))


def test_an_error_quoting_a_page_prints_marks(journal_path, clock, capsys):
    journal = Journal.open(journal_path, clock=clock)
    journal.add_entry(HOSTILE)
    journal.add_entry(f"again {HOSTILE}")
    journal.close()
    assert cli.main(["delete", "--day", "today", "--yes"]) == 2
    err = capsys.readouterr().err
    assert "inject" in err and not has_controls(err.rstrip("\n"))


def test_export_is_exact_in_a_file_and_marked_on_a_terminal(
    journal_path, clock, tmp_path
):
    journal = Journal.open(journal_path, clock=clock)
    journal.add_entry(HOSTILE)
    journal.close()
    target = tmp_path / "out.txt"
    assert cli.main(["export", "--format", "text", "-o", str(target)]) == 0
    assert HOSTILE in target.read_text(encoding="utf-8")
    env = dict(os.environ, HEALJOURNAL_DB=str(journal_path))
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(
            sys.executable,
            [sys.executable, "-m", "healjournal", "export", "--format", "text"],
            env,
        )
    seen = b""
    end = time.monotonic() + 30
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child is gone and the terminal with it
                break
            if not chunk:
                break
            seen += chunk
    os.close(fd)
    assert os.waitpid(pid, 0)[1] == 0
    shown = seen.decode("utf-8")
    assert "inject ␛]0;PWNED␇" in shown
    assert not has_controls(shown.replace("\r", "").replace("\n", ""))
