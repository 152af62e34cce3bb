"""`healjournal delete`: one page, by its day (and kind) or its id, after a yes."""

from __future__ import annotations

import json
from datetime import date

import pytest

from healjournal import cli
from healjournal.cli import prompts as cli_prompts
from healjournal.domain.models import EntryKind
from healjournal.storage.journal import Journal

YESTERDAY = date(2026, 11, 23)  # the frozen clock's today is Tue 24 Nov 2026


def run(*argv: str) -> int:
    return cli.main(list(argv))


def one_line(err: str) -> str:
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


@pytest.fixture(autouse=True)
def _no_terminal(monkeypatch):
    """No terminal unless a test brings one, so nothing waits for an answer."""
    monkeypatch.setattr(cli_prompts, "has_terminal", lambda: False)


@pytest.fixture
def terminal(monkeypatch):
    """A terminal where the person types the lines in `typed`; the prompts."""
    typed: list[str] = []
    prompts: list[str] = []

    def ask_line(prompt: str) -> str:
        prompts.append(prompt)
        return typed.pop(0) + "\n"

    monkeypatch.setattr(cli_prompts, "has_terminal", lambda: True)
    monkeypatch.setattr(cli_prompts, "ask_line", ask_line)
    return typed, prompts


@pytest.fixture
def written(journal_path, clock) -> Journal:
    """Yesterday's reflection and letter, and today's reflection."""
    journal = Journal.open(journal_path, clock=clock)
    journal.add_entry("Walked by the river\nand felt lighter.", day=YESTERDAY)
    journal.add_entry("Dear you, I kept this one.", kind="letter", day=YESTERDAY)
    journal.add_entry("Today I rested.")
    return journal


def texts(journal_path, clock) -> list[str]:
    return [e.text for e in Journal.open(journal_path, clock=clock).entries()]


class TestWhichPage:
    def test_by_day_with_yes(self, written, journal_path, clock, capsys):
        assert run("delete", "--day", "today", "--yes") == 0
        assert capsys.readouterr().out == (
            "Deleted the reflection of 2026-11-24 (today).\n"
        )
        assert "Today I rested." not in texts(journal_path, clock)
        assert len(texts(journal_path, clock)) == 2

    def test_the_kind_chooses_among_the_days_pages(
        self, written, journal_path, clock, capsys
    ):
        assert run("delete", "--day", "yesterday", "--kind", "letter", "-y") == 0
        assert "Deleted the unsent letter of 2026-11-23" in capsys.readouterr().out
        assert "Dear you, I kept this one." not in texts(journal_path, clock)
        assert len(texts(journal_path, clock)) == 2

    def test_by_the_id_search_json_shows(self, written, journal_path, clock, capsys):
        assert run("search", "--json", "river") == 0
        [found] = json.loads(capsys.readouterr().out)
        assert run("delete", "--id", str(found["id"]), "--yes") == 0
        assert "Walked by the river" not in "".join(texts(journal_path, clock))

    def test_a_page_on_a_day_still_to_come_can_go(self, journal_path, clock):
        # Written before `add` refused such days: it must be possible to remove.
        tomorrow = date(2026, 11, 25)
        Journal.open(journal_path, clock=clock).add_entry("too soon", day=tomorrow)
        assert run("delete", "--day", "tomorrow", "--yes") == 0
        assert texts(journal_path, clock) == []


class TestRefusals:
    @pytest.mark.parametrize(
        ("argv", "says"),
        [
            (
                ["--day", "yesterday"],
                '2 pages on 2026-11-23 (yesterday): 1 (reflection: "Walked by '
                'the river"), 2 (letter: "Dear you, I kept this o…"); choose '
                "one with --id",
            ),
            (
                ["--day", "3 days ago"],
                "there is no page on 2026-11-21 (Saturday): healjournal search "
                "--json lists every page with its day and id",
            ),
            (["--day", "today", "--kind", "urge"], "there is no urge on 2026-11-24"),
            (["--id", "99"], "no page has the id 99: healjournal search --json"),
            (["--id", "1", "--kind", "letter"], "--kind goes with --day"),
            (["--day", "today", "--kind", "poem"], "unknown kind 'poem'"),
            (["--day", "someday"], 'can\'t read "someday" as a day'),
            (["--id", "x"], "an id is a whole number"),
            (["--id", "0"], "an id is a whole number"),
            (["--id", "1", "--day", "today"], "not allowed with"),
            ([], "one of the arguments --day --id is required"),
        ],
    )
    def test_one_line_exit_2_nothing_changed(
        self, written, journal_path, capsys, argv, says
    ):
        before = journal_path.read_bytes()
        assert run("delete", *argv, "--yes") == 2
        assert says in one_line(capsys.readouterr().err)
        assert journal_path.read_bytes() == before

    def test_without_a_terminal_it_needs_yes(self, written, journal_path, capsys):
        before = journal_path.read_bytes()
        assert run("delete", "--day", "today") == 2
        err = one_line(capsys.readouterr().err)
        assert "not deleted: there is no terminal to ask" in err
        assert "add --yes" in err
        assert journal_path.read_bytes() == before


class TestAsking:
    def test_it_asks_quoting_the_first_line_and_a_yes_deletes(
        self, written, journal_path, clock, terminal, capsys
    ):
        typed, prompts = terminal
        typed.append("y")
        assert run("delete", "--id", "1") == 0
        assert prompts == [
            'Delete the reflection of 2026-11-23 (yesterday), "Walked by the '
            'river"? It cannot be undone. [y/N] '
        ]
        assert "Deleted the reflection" in capsys.readouterr().out
        assert len(texts(journal_path, clock)) == 2

    @pytest.mark.parametrize("answer", ["", "n", "no", "maybe", "yes please"])
    def test_anything_but_yes_keeps_it(
        self, written, journal_path, terminal, capsys, answer
    ):
        terminal[0].append(answer)
        before = journal_path.read_bytes()
        assert run("delete", "--id", "3") == 2
        err = one_line(capsys.readouterr().err)
        assert "not deleted: the reflection of 2026-11-24 (today) is kept" in err
        assert journal_path.read_bytes() == before

    def test_yes_asks_nothing(self, written, journal_path, terminal):
        assert run("delete", "--id", "3", "--yes") == 0
        assert terminal[1] == []

    def test_the_quote_is_short_and_safe(self, journal_path, clock, terminal):
        text = "\n\n  \x1b[2Jcleared? " + "word " * 40
        Journal.open(journal_path, clock=clock).add_entry(text, kind=EntryKind.URGE)
        terminal[0].append("n")
        run("delete", "--day", "today")
        [prompt] = terminal[1]
        quoted = prompt.split('"')[1]
        assert "\x1b" not in prompt
        assert quoted.startswith("␛[2Jcleared? word")
        assert len(quoted) == 60 and quoted.endswith("…")

    def test_a_page_without_words_says_so(self, journal_path, clock, terminal):
        Journal.open(journal_path, clock=clock).add_entry(" ", kind="letter")
        terminal[0].append("y")
        assert run("delete", "--day", "today", "--kind", "unsent") == 0
        assert '"(no words)"' in terminal[1][0]


def test_a_real_terminal_is_asked(written, journal_path, clock):
    """The question goes to the terminal itself, and the answer comes from it."""
    import os
    import pty
    import select
    import sys

    env = dict(os.environ, HEALJOURNAL_DB=str(journal_path))
    pid, fd = pty.fork()
    if pid == 0:  # the child: healjournal, on a terminal of its own
        argv = [sys.executable, "-m", "healjournal", "delete", "--id", "2"]
        try:
            os.execve(sys.executable, argv, env)
        finally:
            os._exit(127)  # never back into pytest
    seen, answered = b"", False
    try:
        while select.select([fd], [], [], 60)[0]:
            try:
                chunk = os.read(fd, 1024)
            except OSError:  # EIO: the child is done with the terminal
                break
            if not chunk:
                break
            seen += chunk
            if not answered and b"[y/N] " in seen:
                os.write(fd, b"y\n")
                answered = True
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    # (The child runs on the real clock: only the date is known here.)
    assert b"Delete the unsent letter of 2026-11-23 (" in seen
    assert b'"Dear you, I kept this one."? It cannot be undone. [y/N] ' in seen
    assert os.waitstatus_to_exitcode(status) == 0, seen
    assert b"Deleted the unsent letter" in seen
    assert "Dear you, I kept this one." not in texts(journal_path, clock)
