"""Writing in one's own editor: which editor, and where the words wait for it.

Ctrl+E in the app and `healjournal add --edit` both hand a page to the
person's editor through `edit_text`: the words go to a private file (0600) in
a private folder (0700), in memory where this machine has a RAM disk, and the
folder goes as soon as the editor closes, whatever happened in it. No
Textual here: the app suspends itself around the call.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from time import monotonic

from healjournal.errors import HealJournalError

#: How to choose an editor: said wherever none is set (cli/config.py too).
SET_AN_EDITOR = "set $EDITOR, or `healjournal config editor nano`"
#: Said when no editor is set anywhere and no default is installed.
NO_EDITOR = f"no editor set: {SET_AN_EDITOR}"
#: The editors used when none is set, the first found on $PATH, as git does:
#: Debian's `editor` (its alternatives: what this system chose), then vi.
DEFAULT_EDITORS = ("editor", "vi")
#: An editor back sooner than this with the page untouched never waited for
#: the person: a window editor without its wait option (`code`, not `code
#: --wait`).
AT_ONCE_SECONDS = 1.0
#: What to do about such an editor.
WAIT_ADVICE = (
    "if it opens a window, give it its wait option (code --wait, subl -w, gedit -s)"
)
#: The shared-memory folder most Linux systems have (a RAM disk for everyone).
SHARED_MEMORY = Path("/dev/shm")
#: The page's name while the editor has it: .md, so editors colour it.
PAGE_NAME = "page.md"


class EditorError(HealJournalError):
    """The editor could not be found or started, failed, or left no words."""


def editor_choice(
    configured: str | None, environ: Mapping[str, str] | None = None
) -> tuple[str, str] | None:
    """The editor's command line as set, and where: the config's `editor`
    when given, else $VISUAL, else $EDITOR, else the first of
    DEFAULT_EDITORS on $PATH ("default"); None when there is none."""
    environ = os.environ if environ is None else environ
    for where, value in (
        ("the config's editor", configured),
        ("$VISUAL", environ.get("VISUAL")),
        ("$EDITOR", environ.get("EDITOR")),
    ):
        if value and value.strip():
            return value, where
    path = environ.get("PATH", os.defpath)
    for name in DEFAULT_EDITORS:
        if shutil.which(name, path=path):
            return name, "default"
    return None


def editor_command(
    configured: str | None, environ: Mapping[str, str] | None = None
) -> list[str]:
    """The editor to run, as words (see editor_choice); EditorError when none
    is set or it cannot be read.

    Split as a shell would, so "code --wait" or "vim -n -i NONE" works.
    """
    choice = editor_choice(configured, environ)
    if choice is None:
        raise EditorError(NO_EDITOR)
    value, where = choice
    try:
        return shlex.split(value)
    except ValueError as error:  # an unclosed quote
        raise EditorError(
            f"{where} ({value!r}) cannot be read: {error}; fix its quotes"
        ) from None


@dataclass(frozen=True, slots=True)
class Scratch:
    """Where a page waits while the editor has it."""

    folder: Path | None
    """The folder the private folder is made in; None: the system's temp dir."""
    in_memory: bool
    """Whether that folder is a RAM disk, so the words never touch a disk."""
    label: str
    """Where, in words ("in memory ($XDG_RUNTIME_DIR)", "on disk (/tmp)")."""


def scratch_place(environ: Mapping[str, str] | None = None) -> Scratch:
    """$XDG_RUNTIME_DIR when it is a folder of this user's, else /dev/shm when
    it can be written to, else the system's temp folder (on disk)."""
    environ = os.environ if environ is None else environ
    runtime = environ.get("XDG_RUNTIME_DIR")
    if runtime and _own_folder(Path(runtime)):
        return Scratch(Path(runtime), True, f"in memory ($XDG_RUNTIME_DIR, {runtime})")
    if SHARED_MEMORY.is_dir() and os.access(SHARED_MEMORY, os.W_OK | os.X_OK):
        return Scratch(SHARED_MEMORY, True, f"in memory ({SHARED_MEMORY})")
    return Scratch(None, False, f"on disk ({tempfile.gettempdir()})")


def _own_folder(path: Path) -> bool:
    """Whether `path` is a real folder (no link) that belongs to this user."""
    try:
        status = path.lstat()
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)  # not on Windows
    owned = getuid is None or status.st_uid == getuid()
    return path.is_dir() and not path.is_symlink() and owned


@contextmanager
def private_file(text: str, scratch: Scratch | None = None) -> Iterator[Path]:
    """`text` in a file only this user can read, in a folder only this user
    can open; both removed on leaving, also after an error or an interrupt."""
    scratch = scratch or scratch_place()
    try:
        folder = Path(tempfile.mkdtemp(prefix="healjournal-", dir=scratch.folder))
    except OSError as error:
        raise EditorError(
            f"no private folder could be made {scratch.label}: "
            f"{error.strerror or error}"
        ) from None
    try:
        path = folder / PAGE_NAME
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            with os.fdopen(os.open(path, flags, 0o600), "w", encoding="utf-8") as out:
                out.write(text)
        except OSError as error:
            raise EditorError(
                f"the page could not be written {scratch.label}: "
                f"{error.strerror or error}"
            ) from None
        yield path
    finally:
        # The editor's own files beside the page (a vim swap file) go too.
        shutil.rmtree(folder, ignore_errors=True)


def edit_text(command: list[str], text: str, scratch: Scratch | None = None) -> str:
    """Run the editor on `text` in a private file and return what it saved.

    The editor runs on this process's terminal, and this waits for it.
    EditorError when it cannot start, ends badly, leaves no readable file, or
    comes back at once with the page untouched (an editor that did not
    wait); the private file is gone by the time this returns or raises.
    """
    name = command[0] if command else "the editor"
    with private_file(text, scratch) as path:
        handed = path.read_bytes()
        started = monotonic()
        try:
            returncode = _run(command, path)
        except FileNotFoundError:
            raise EditorError(
                f"the editor {name!r} was not found: set $EDITOR to one that is "
                "installed, or `healjournal config editor nano`"
            ) from None
        except OSError as error:
            raise EditorError(
                f"the editor {name!r} could not start: {error.strerror or error}"
            ) from None
        took = monotonic() - started
        if returncode < 0:
            why = f"was stopped ({_signal_name(-returncode)})"
            raise EditorError(f"the editor {name} {why}")
        if returncode != 0:
            raise EditorError(f"the editor {name} ended with exit code {returncode}")
        try:
            raw = path.read_bytes()
        except OSError:
            raise EditorError(f"the editor {name} left no file to read back") from None
    if raw == handed and took < AT_ONCE_SECONDS:
        raise EditorError(
            f"the editor {name} came back at once without a change: {WAIT_ADVICE}"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise EditorError(
            f"the editor {name} saved text that is not UTF-8 (byte {error.start + 1})"
        ) from None


def _run(command: list[str], path: Path) -> int:
    """Run the editor on `path` and wait for it; its exit code.

    Ctrl+C while it runs is the editor's alone (as git does it): this
    process ignores SIGINT meanwhile, else the app's event loop would take it
    as the end of the app once the editor returned.
    """
    process = subprocess.Popen([*command, str(path)])
    try:
        with _interrupts_ignored():
            return process.wait()
    except BaseException:
        process.kill()
        process.wait()
        raise


@contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """SIGINT ignored by this process while inside (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        if previous is not None:  # None: set outside Python, cannot be restored
            signal.signal(signal.SIGINT, previous)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def text_from_editor(before: str, written: str) -> str:
    """The page's new text: what the editor saved, less the final line break
    most editors add to a file that had none (that is no change)."""
    if written.endswith("\n") and not before.endswith("\n"):
        return written[:-1]
    return written
