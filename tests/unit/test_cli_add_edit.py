"""`healjournal add --edit`: an entry written in one's own editor, as in jrnl."""

from __future__ import annotations

import errno
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from healjournal import cli
from healjournal.cli import prompts as cli_prompts
from healjournal.domain import models
from healjournal.domain.models import EntryKind
from healjournal.machine import editor as editor_module
from healjournal.storage import crypto
from healjournal.storage.crypto import KdfCost
from healjournal.storage.journal import Journal

#: The file words not added are kept in, named for the frozen clock's moment.
KEPT = "healjournal-unsaved-20261124-210400.md"


@pytest.fixture
def editor(fake_editor, tmp_path, monkeypatch) -> Path:
    """The fake editor (see conftest), run from a folder of this test's own:
    where words not added are kept. Returns where the editor notes what it saw."""
    here = tmp_path / "here"  # the folder healjournal is run from
    here.mkdir()
    monkeypatch.chdir(here)
    return fake_editor


def path_with(tmp_path, **programs: str) -> str:
    """A $PATH of one folder of shell scripts: name=its body."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    for name, body in programs.items():
        program = folder / name
        program.write_text(f"#!/bin/sh\n{body}\n")
        program.chmod(0o755)
    return str(folder)


def run(*argv: str) -> int:
    return cli.main(list(argv))


def entries(journal_path, clock):
    return Journal.open(journal_path, clock=clock).entries()


def one_line(err: str) -> str:
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


class TestAddEdit:
    def test_what_is_written_is_added(
        self, journal_path, clock, editor, monkeypatch, capsys
    ):
        monkeypatch.setenv("FAKE_WORDS", "Slept badly\nBut I went for a run. #calm\n")
        assert run("add", "--edit", "--mood", "3") == 0
        (entry,) = entries(journal_path, clock)
        # The title is split off as for any page; the editor's last line
        # break is not kept.
        assert entry.title == "Slept badly"
        assert entry.body == "But I went for a run. #calm"
        assert entry.mood == 3 and entry.tags == ("#calm",)
        assert "Saved a reflection for today (2026-11-24)" in capsys.readouterr().out
        seen = json.loads(editor.read_text())
        assert seen["text"] == "" and seen["path"].endswith(".md")
        assert not Path(seen["path"]).parent.exists()  # the private folder went

    def test_text_given_starts_the_file(self, journal_path, clock, editor, monkeypatch):
        monkeypatch.setenv("FAKE_WORDS", " Then tea.")
        assert run("add", "--edit", "--kind", "letter", "Dear", "you,") == 0
        (entry,) = entries(journal_path, clock)
        assert json.loads(editor.read_text())["text"] == "Dear you,"
        assert entry.text == "Dear you, Then tea." and entry.kind is EntryKind.LETTER

    def test_the_config_files_editor_comes_before_the_environment(
        self, journal_path, clock, editor, monkeypatch
    ):
        from healjournal.machine.config import config_path

        chosen = os.environ["EDITOR"]  # the fake editor, now named by the config
        monkeypatch.setenv("EDITOR", "no-such-editor-x")
        monkeypatch.setenv("VISUAL", "no-such-editor-y")
        config_path().parent.mkdir(parents=True, exist_ok=True)
        config_path().write_text(f"editor = {chosen!r}\n", encoding="utf-8")
        monkeypatch.setenv("FAKE_WORDS", "From the configured editor.")
        assert run("add", "--edit") == 0
        (entry,) = entries(journal_path, clock)
        assert entry.text == "From the configured editor."

    def test_nothing_written_adds_nothing(self, journal_path, clock, editor, capsys):
        assert run("add", "--edit") == 1
        err = one_line(capsys.readouterr().err)
        assert err == "healjournal: nothing written, nothing added\n"
        assert not journal_path.exists()

    def test_only_blank_lines_are_nothing_too(
        self, journal, journal_path, clock, editor, monkeypatch, capsys
    ):
        journal.add_entry("yesterday's words")
        before = journal_path.read_bytes()
        monkeypatch.setenv("FAKE_WORDS", "\n  \n")
        assert run("add", "--edit") == 1
        assert journal_path.read_bytes() == before

    def test_a_failing_editor_adds_nothing(
        self, journal, journal_path, clock, editor, monkeypatch, capsys
    ):
        journal.add_entry("yesterday's words")
        before = journal_path.read_bytes()
        monkeypatch.setenv("FAKE_EXIT", "1")
        assert run("add", "--edit", "Dear me,") == 2
        err = one_line(capsys.readouterr().err)
        assert err.endswith("ended with exit code 1: nothing added\n")
        assert journal_path.read_bytes() == before
        assert list((editor.parent / "runtime").iterdir()) == []
        assert list(Path.cwd().iterdir()) == []  # it changed nothing: no file

    def test_a_failing_editor_that_saved_words_keeps_them_in_a_file(
        self, journal, journal_path, clock, editor, monkeypatch, capsys
    ):
        # As git does with vim's :cq: nothing added, but the words are kept.
        journal.add_entry("yesterday's words")
        before = journal_path.read_bytes()
        monkeypatch.setenv("FAKE_WORDS", " words I wrote anyway")
        monkeypatch.setenv("FAKE_EXIT", "1")
        assert run("add", "--edit", "Dear me,") == 2
        err = one_line(capsys.readouterr().err)
        kept = Path.cwd() / KEPT
        assert err.endswith(
            "ended with exit code 1: your words were not added; they are kept "
            f"in {kept}\n"
        )
        assert kept.read_text(encoding="utf-8") == "Dear me, words I wrote anyway"
        assert oct(kept.stat().st_mode & 0o777) == oct(0o600)
        assert journal_path.read_bytes() == before
        assert list((editor.parent / "runtime").iterdir()) == []

    def test_words_the_journal_refuses_are_kept_in_a_file(
        self, journal_path, clock, editor, monkeypatch, capsys
    ):
        monkeypatch.setattr(models, "MAX_TEXT_CHARS", 20)
        monkeypatch.setenv("FAKE_WORDS", "A page longer than the limit.\n")
        assert run("add", "--edit") == 2
        err = one_line(capsys.readouterr().err)
        kept = Path.cwd() / KEPT
        assert err == (
            "healjournal: the entry is 29 characters; the limit is 20: split it "
            "into several entries: your words were not added; they are kept in "
            f"{kept}\n"
        )
        assert kept.read_text(encoding="utf-8") == "A page longer than the limit.\n"
        assert entries(journal_path, clock) == []

    def test_words_for_a_busy_journal_are_kept_in_a_file(
        self, journal, journal_path, clock, editor, monkeypatch, capsys
    ):
        from filelock import FileLock

        journal.add_entry("yesterday's words")
        monkeypatch.setitem(Journal.__init__.__kwdefaults__, "lock_timeout", 0)
        monkeypatch.setenv("FAKE_WORDS", "Written while another one saved.")
        with FileLock(f"{journal_path}.lock", thread_local=False):  # "another"
            assert run("add", "--edit") == 2
        err = one_line(capsys.readouterr().err)
        assert "another healjournal has been saving" in err
        assert f"your words were not added; they are kept in {Path.cwd() / KEPT}" in err
        assert (Path.cwd() / KEPT).read_text() == "Written while another one saved."
        assert [entry.text for entry in entries(journal_path, clock)] == [
            "yesterday's words"
        ]

    def test_with_no_room_for_a_file_the_words_go_to_stdout(
        self, journal_path, clock, editor, monkeypatch, capsys
    ):
        def disk_full(*args):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(editor_module, "_new_private_file", disk_full)
        monkeypatch.setenv("FAKE_WORDS", "Words with nowhere to go.\n")
        monkeypatch.setenv("FAKE_EXIT", "1")
        assert run("add", "--edit") == 2
        out, err = capsys.readouterr()
        assert out == "Words with nowhere to go.\n"
        assert "your words were not added; they are printed on stdout" in one_line(err)

    def test_an_encrypted_journals_words_stay_in_memory(
        self, journal, journal_path, tmp_path, editor, monkeypatch, capsys
    ):
        encrypted(journal, tmp_path, monkeypatch)
        capsys.readouterr()  # what encrypting said
        monkeypatch.setenv("FAKE_WORDS", "secret words")
        monkeypatch.setenv("FAKE_EXIT", "1")
        assert run("add", "--edit") == 2
        err = one_line(capsys.readouterr().err)
        (kept,) = (tmp_path / "runtime").iterdir()  # the RAM disk, not the disk
        assert kept.name == KEPT and kept.read_text() == "secret words"
        assert err.endswith(
            f"they are kept in memory in {kept} (gone when this machine restarts)\n"
        )
        assert list(Path.cwd().iterdir()) == []

    def test_an_editor_back_at_once_did_not_wait(
        self, journal_path, editor, monkeypatch, capsys, editor_ticks
    ):
        editor_ticks(0.2)  # `code` without --wait: back at once
        assert run("add", "--edit") == 2
        err = one_line(capsys.readouterr().err)
        assert err.endswith(
            "came back at once without a change: if it opens a window, give it "
            "its wait option (code --wait, subl -w, gedit -s): nothing added\n"
        )
        assert not journal_path.exists()

    def test_with_no_editor_set_it_is_the_systems_as_git_does(
        self, journal_path, clock, editor, tmp_path, monkeypatch
    ):
        call = f'exec {os.environ["EDITOR"]} "$@"'  # the fake editor
        monkeypatch.delenv("EDITOR")
        monkeypatch.setenv("PATH", path_with(tmp_path, vi="exit 9", editor=call))
        monkeypatch.setenv("FAKE_WORDS", "Written in the system's editor.")
        assert run("add", "--edit") == 0
        (entry,) = entries(journal_path, clock)
        assert entry.text == "Written in the system's editor."

    def test_an_editor_not_installed_is_named(
        self, journal_path, editor, monkeypatch, capsys
    ):
        monkeypatch.setenv("EDITOR", "no-such-editor-x --wait")
        assert run("add", "--edit") == 2
        err = one_line(capsys.readouterr().err)
        assert "'no-such-editor-x' was not found" in err and "nothing added" in err
        assert not journal_path.exists()

    def test_no_editor_set_says_how(self, journal_path, tmp_path, monkeypatch, capsys):
        monkeypatch.delenv("EDITOR", raising=False)
        monkeypatch.delenv("VISUAL", raising=False)
        monkeypatch.setenv("PATH", path_with(tmp_path, nano="exit 0"))  # no vi
        assert run("add", "--edit") == 2
        err = one_line(capsys.readouterr().err)
        assert "no editor set: set $EDITOR" in err
        assert not journal_path.exists()

    def test_a_wrong_passphrase_is_told_before_any_writing(
        self, journal, journal_path, tmp_path, editor, monkeypatch, capsys
    ):
        secret = encrypted(journal, tmp_path, monkeypatch)
        secret.write_text("not it\n")
        assert run("add", "--edit") == 2
        assert not editor.exists()  # the editor never opened


def encrypted(journal, tmp_path, monkeypatch) -> Path:
    """The journal encrypted, its passphrase in the file scripts use; that file."""
    monkeypatch.setattr(crypto, "DEFAULT_COST", KdfCost(log2_n=10, r=8, p=1))
    monkeypatch.setattr(cli_prompts, "has_terminal", lambda: False)
    secret = tmp_path / "passphrase"
    secret.write_text("lemon cake\n")
    secret.chmod(0o600)
    monkeypatch.setenv(cli_prompts.PASSPHRASE_FILE_ENV, str(secret))
    journal.add_entry("yesterday's words")
    assert run("encrypt") == 0
    return secret


def test_add_edit_imports_no_textual(tmp_path):
    script = tmp_path / "editor.py"
    script.write_text("import sys\nopen(sys.argv[1], 'a').write('quick note')\n")
    code = (
        "import os, sys\n"
        f"os.environ['HEALJOURNAL_DB'] = {str(tmp_path / 'j.json')!r}\n"
        f"os.environ['EDITOR'] = {shlex.join([sys.executable, str(script)])!r}\n"
        "os.environ.pop('VISUAL', None)\n"
        "from healjournal import cli\n"
        "assert cli.main(['add', '--edit']) == 0\n"
        "print(' '.join(sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    modules = set(done.stdout.split())
    assert "healjournal.machine.editor" in modules
    assert "textual" not in modules
