"""Writing in one's own editor: which editor, and the private file it gets."""

from __future__ import annotations

import itertools
import json
import os
import shlex
import signal
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from healjournal.machine import editor as editor_module
from healjournal.machine.editor import (
    NO_EDITOR,
    SET_AN_EDITOR,
    EditorError,
    Scratch,
    edit_text,
    editor_choice,
    editor_command,
    keep_words,
    private_file,
    scratch_place,
    text_from_editor,
)

#: A fake editor: writes what it saw (its file, modes, text) beside itself,
#: then appends the words in $FAKE_WORDS and exits with $FAKE_EXIT.
FAKE_EDITOR = """\
import json, os, stat, sys
from pathlib import Path
page = Path(sys.argv[-1])
seen = {
    "args": sys.argv[1:],
    "path": str(page),
    "file_mode": stat.S_IMODE(page.stat().st_mode),
    "folder_mode": stat.S_IMODE(page.parent.stat().st_mode),
    "text": page.read_text(encoding="utf-8"),
}
Path(__file__).with_name("seen.json").write_text(json.dumps(seen))
with page.open("a", encoding="utf-8") as out:
    out.write(os.environ.get("FAKE_WORDS", ""))
sys.exit(int(os.environ.get("FAKE_EXIT", "0")))
"""


#: When words are kept: a Tuesday evening (their file is named for it).
FROZEN_AT = datetime(2026, 11, 24, 21, 4)


def ticking(monkeypatch, seconds: float) -> None:
    """The editor's monotonic clock moves `seconds` at each look: the time a
    person (or an editor that did not wait) spends in the editor."""
    times = itertools.count(0.0, seconds)
    monkeypatch.setattr(editor_module, "monotonic", lambda: next(times))


@pytest.fixture(autouse=True)
def _a_person_takes_their_time(monkeypatch) -> None:
    ticking(monkeypatch, 5.0)


def path_with(tmp_path, *names: str) -> str:
    """A $PATH of one folder holding executables called `names`."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    for name in names:
        program = folder / name
        program.write_text("#!/bin/sh\n")
        program.chmod(0o755)
    return str(folder)


@pytest.fixture
def fake_editor(tmp_path) -> list[str]:
    script = tmp_path / "fake_editor.py"
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    return [sys.executable, str(script)]


def seen(fake_editor: list[str]) -> dict:
    return json.loads(Path(fake_editor[1]).with_name("seen.json").read_text())


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """Private folders made under this test's own runtime folder."""
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    return scratch_place()


class TestWhichEditor:
    def test_the_config_comes_first(self):
        environ = {"VISUAL": "vim", "EDITOR": "nano"}
        assert editor_command("code --wait", environ) == ["code", "--wait"]

    def test_then_visual(self):
        assert editor_command(None, {"VISUAL": "vim -n", "EDITOR": "nano"}) == [
            "vim",
            "-n",
        ]

    def test_then_editor(self):
        assert editor_command(None, {"EDITOR": "nano"}) == ["nano"]

    def test_blank_settings_are_not_editors(self):
        assert editor_command("  ", {"VISUAL": "", "EDITOR": "nano"}) == ["nano"]

    def test_split_as_a_shell_would(self):
        command = editor_command("'/opt/my editor/bin/ed' --wait", {})
        assert command == ["/opt/my editor/bin/ed", "--wait"]

    def test_none_set_is_debians_editor_as_git_does(self, tmp_path):
        environ = {"PATH": path_with(tmp_path, "vi", "editor")}
        assert editor_choice(None, environ) == ("editor", "default")
        assert editor_command(None, environ) == ["editor"]

    def test_then_vi(self, tmp_path):
        environ = {"PATH": path_with(tmp_path, "vi")}
        assert editor_choice(None, environ) == ("vi", "default")

    def test_a_set_editor_comes_before_the_default(self, tmp_path):
        environ = {"PATH": path_with(tmp_path, "vi", "editor"), "EDITOR": "nano"}
        assert editor_choice(None, environ) == ("nano", "$EDITOR")

    def test_none_set_and_none_installed_says_how_to_set_one(self, tmp_path):
        environ = {"PATH": path_with(tmp_path, "nano")}
        assert editor_choice(None, environ) is None
        with pytest.raises(EditorError) as raised:
            editor_command(None, environ)
        assert str(raised.value) == NO_EDITOR == f"no editor set: {SET_AN_EDITOR}"
        assert "$EDITOR" in NO_EDITOR and "healjournal config editor" in NO_EDITOR

    def test_an_unclosed_quote_is_named(self):
        with pytest.raises(EditorError, match=r"\$EDITOR .*quotes"):
            editor_command(None, {"EDITOR": "vim 'oops"})


class TestWhereTheWordsWait:
    def test_the_runtime_folder_when_it_is_ours(self, tmp_path):
        runtime = tmp_path / "run"
        runtime.mkdir()
        place = scratch_place({"XDG_RUNTIME_DIR": str(runtime)})
        assert place.folder == runtime and place.in_memory
        assert "$XDG_RUNTIME_DIR" in place.label

    def test_not_a_runtime_folder_that_is_missing_or_a_link(
        self, tmp_path, monkeypatch
    ):
        monkeypatch.setattr(editor_module, "SHARED_MEMORY", tmp_path / "no-shm")
        real = tmp_path / "real"
        real.mkdir()
        link = tmp_path / "link"
        link.symlink_to(real)
        for runtime in (tmp_path / "missing", link):
            place = scratch_place({"XDG_RUNTIME_DIR": str(runtime)})
            assert place.folder is None and not place.in_memory
            assert place.label.startswith("on disk")

    def test_not_a_runtime_folder_of_someone_else(self, tmp_path, monkeypatch):
        monkeypatch.setattr(editor_module, "SHARED_MEMORY", tmp_path / "no-shm")
        runtime = tmp_path / "run"
        runtime.mkdir()
        monkeypatch.setattr(os, "getuid", lambda: os.stat(runtime).st_uid + 1)
        assert scratch_place({"XDG_RUNTIME_DIR": str(runtime)}).folder is None

    def test_shared_memory_next(self, tmp_path, monkeypatch):
        shm = tmp_path / "shm"
        shm.mkdir()
        monkeypatch.setattr(editor_module, "SHARED_MEMORY", shm)
        place = scratch_place({})
        assert place.folder == shm and place.in_memory

    def test_the_file_and_folder_are_private_and_go_afterwards(self, scratch):
        with private_file("Dear me,", scratch) as path:
            assert path.read_text(encoding="utf-8") == "Dear me,"
            assert path.suffix == ".md"
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
            assert path.parent.parent == scratch.folder
        assert not path.parent.exists()
        assert list(scratch.folder.iterdir()) == []

    def test_they_go_after_an_interrupt_too(self, scratch):
        with pytest.raises(KeyboardInterrupt), private_file("words", scratch) as path:
            (path.parent / ".page.md.swp").write_text("the editor's own copy")
            raise KeyboardInterrupt
        assert list(scratch.folder.iterdir()) == []


class TestEditing:
    def test_the_editor_gets_the_page_and_gives_words_back(
        self, fake_editor, scratch, monkeypatch
    ):
        monkeypatch.setenv("FAKE_WORDS", " Then tea.\n")
        written = edit_text(fake_editor, "Walked by the river.", scratch)
        assert written == "Walked by the river. Then tea.\n"
        what = seen(fake_editor)
        assert what["text"] == "Walked by the river."
        assert (what["file_mode"], what["folder_mode"]) == (0o600, 0o700)
        assert Path(what["path"]).parent.parent == scratch.folder
        assert not Path(what["path"]).parent.exists()  # gone once it closed

    def test_code_wait_style_options_come_before_the_file(self, fake_editor, scratch):
        edit_text([*fake_editor, "--wait"], "", scratch)
        args = seen(fake_editor)["args"]
        assert args[0] == "--wait" and args[1].endswith("page.md")

    def test_a_failing_editor_says_so_and_leaves_nothing(
        self, fake_editor, scratch, monkeypatch
    ):
        monkeypatch.setenv("FAKE_EXIT", "3")
        with pytest.raises(EditorError, match="ended with exit code 3") as raised:
            edit_text(fake_editor, "private words", scratch)
        assert raised.value.written is None  # it changed nothing: nothing to keep
        assert list(scratch.folder.iterdir()) == []

    def test_a_failing_editor_that_saved_words_gives_them_back(
        self, fake_editor, scratch, monkeypatch
    ):
        monkeypatch.setenv("FAKE_EXIT", "3")
        monkeypatch.setenv("FAKE_WORDS", " And more.")
        with pytest.raises(EditorError, match="ended with exit code 3") as raised:
            edit_text(fake_editor, "private words", scratch)
        assert raised.value.written == b"private words And more."
        assert list(scratch.folder.iterdir()) == []

    def test_an_editor_stopped_by_a_signal_gives_its_words_back(
        self, tmp_path, scratch
    ):
        script = tmp_path / "killed.py"
        script.write_text(
            "import os, signal, sys\n"
            "open(sys.argv[1], 'a').write(' saved before the end')\n"
            "os.kill(os.getpid(), signal.SIGTERM)\n"
        )
        with pytest.raises(EditorError, match=r"was stopped \(SIGTERM\)") as raised:
            edit_text([sys.executable, str(script)], "Mine,", scratch)
        assert raised.value.written == b"Mine, saved before the end"

    def test_an_editor_back_at_once_unchanged_did_not_wait(
        self, fake_editor, scratch, monkeypatch
    ):
        ticking(monkeypatch, 0.2)
        with pytest.raises(EditorError) as raised:
            edit_text(fake_editor, "Mine.", scratch)
        assert str(raised.value) == (
            f"the editor {fake_editor[0]} came back at once without a change: if "
            "it opens a window, give it its wait option (code --wait, subl -w, "
            "gedit -s)"
        )
        assert raised.value.written is None

    def test_back_at_once_with_a_change_is_a_quick_edit(
        self, fake_editor, scratch, monkeypatch
    ):
        ticking(monkeypatch, 0.2)
        monkeypatch.setenv("FAKE_WORDS", "!")
        assert edit_text(fake_editor, "Mine.", scratch) == "Mine.!"

    def test_unchanged_after_a_while_is_no_change(self, fake_editor, scratch):
        assert edit_text(fake_editor, "Mine.", scratch) == "Mine."

    def test_an_editor_not_installed_is_named(self, scratch):
        with pytest.raises(EditorError, match="'no-such-editor-x' was not found"):
            edit_text(["no-such-editor-x"], "private words", scratch)
        assert list(scratch.folder.iterdir()) == []

    def test_an_interrupt_while_it_runs_leaves_nothing(self, scratch, monkeypatch):
        def interrupted(*args, **kwargs):
            raise KeyboardInterrupt

        monkeypatch.setattr(subprocess, "Popen", interrupted)
        with pytest.raises(KeyboardInterrupt):
            edit_text(["vi"], "private words", scratch)
        assert list(scratch.folder.iterdir()) == []

    def test_ctrl_c_in_the_editor_is_the_editors_alone(self, tmp_path, scratch):
        # Sent to healjournal too, as a terminal sends it to the foreground
        # group; healjournal carries on, and says the editor was stopped.
        script = tmp_path / "interrupted.py"
        script.write_text(
            "import os, signal\n"
            "os.kill(os.getppid(), signal.SIGINT)\n"
            "os.kill(os.getpid(), signal.SIGINT)\n"
        )
        handler = signal.getsignal(signal.SIGINT)
        with pytest.raises(EditorError, match=r"was stopped \(SIGINT\)"):
            edit_text([sys.executable, str(script)], "private words", scratch)
        assert signal.getsignal(signal.SIGINT) is handler  # as it was
        assert list(scratch.folder.iterdir()) == []

    def test_text_that_is_not_utf8_is_refused(self, tmp_path, scratch):
        script = tmp_path / "latin1.py"
        script.write_text(
            "import sys\nopen(sys.argv[1], 'wb').write('café'.encode('latin-1'))\n"
        )
        with pytest.raises(EditorError, match="not UTF-8") as raised:
            edit_text([sys.executable, str(script)], "", scratch)
        assert raised.value.written == "café".encode("latin-1")  # to be kept

    def test_spaces_in_the_interpreter_path_survive_shlex(
        self, fake_editor, scratch, monkeypatch
    ):
        monkeypatch.setenv("EDITOR", shlex.join(fake_editor))
        monkeypatch.delenv("VISUAL", raising=False)
        monkeypatch.setenv("FAKE_WORDS", "x")
        assert edit_text(editor_command(None), "", scratch) == "x"


class TestTextBack:
    def test_the_final_line_break_an_editor_adds_is_no_change(self):
        assert text_from_editor("Walked.", "Walked.\n") == "Walked."

    def test_a_page_that_ended_in_a_line_break_keeps_it(self):
        assert text_from_editor("Walked.\n", "Walked.\n") == "Walked.\n"

    def test_new_lines_written_are_kept(self):
        assert text_from_editor("Walked.", "Walked.\n\nTea.\n") == "Walked.\n\nTea."


class TestKeepingWords:
    """Words that could not be saved go to a file of their own, said where."""

    def test_in_the_current_folder_only_for_this_user(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        said = keep_words(b"Mine.", now=FROZEN_AT, secret=False)
        kept = tmp_path / "healjournal-unsaved-20261124-210400.md"
        assert said == f"kept in {kept}"
        assert kept.read_text(encoding="utf-8") == "Mine."
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600

    def test_never_over_words_kept_before(self, tmp_path):
        first = keep_words(b"one", now=FROZEN_AT, secret=False, folder=tmp_path)
        second = keep_words(b"two", now=FROZEN_AT, secret=False, folder=tmp_path)
        assert first.endswith("210400.md") and second.endswith("210400-2.md")
        assert sorted(path.read_text() for path in tmp_path.iterdir()) == [
            "one",
            "two",
        ]

    def test_where_pages_wait_when_the_folder_takes_none(self, tmp_path, scratch):
        said = keep_words(
            b"Mine.",
            now=FROZEN_AT,
            secret=False,
            folder=tmp_path / "gone",
            scratch=scratch,
        )
        (kept,) = scratch.folder.iterdir()
        assert said == f"kept in memory in {kept} (gone when this machine restarts)"
        assert kept.read_bytes() == b"Mine."

    def test_an_encrypted_journals_stay_in_memory(self, tmp_path, scratch):
        here = tmp_path / "here"
        here.mkdir()
        said = keep_words(
            b"secret", now=FROZEN_AT, secret=True, folder=here, scratch=scratch
        )
        assert list(here.iterdir()) == []  # never on disk
        (kept,) = scratch.folder.iterdir()
        assert said.startswith(f"kept in memory in {kept}")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600

    def test_an_encrypted_journals_on_disk_are_said_unencrypted(self, tmp_path):
        on_disk = Scratch(None, False, f"on disk ({tmp_path})")
        said = keep_words(
            b"secret", now=FROZEN_AT, secret=True, folder=tmp_path, scratch=on_disk
        )
        kept = tmp_path / "healjournal-unsaved-20261124-210400.md"
        assert said == (
            f"kept in {kept}, unencrypted on disk: delete it once it is in the journal"
        )

    def test_nowhere_to_keep_them_is_an_error(self, tmp_path):
        nowhere = Scratch(tmp_path / "no-temp", False, "on disk")
        with pytest.raises(EditorError, match="could not be kept"):
            keep_words(
                b"x",
                now=FROZEN_AT,
                secret=False,
                folder=tmp_path / "gone",
                scratch=nowhere,
            )
