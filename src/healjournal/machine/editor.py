"""Writing in one's own editor: which editor, and where the words wait for it.

Ctrl+E in the app and `healjournal add --edit` both hand a page to the
person's editor through `edit_text`: the words go to a private file (0600) in
a private folder (0700), in memory where this machine has a RAM disk, and the
folder goes as soon as the editor closes, whatever happened in it. Words the
editor saved that cannot go where they were meant to (it failed, the journal
refused them) are never dropped: the error carries them, and `keep_words`
puts them in a file of their own and says where. No Textual here: the app
suspends itself around the call.
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

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    from datetime import datetime

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
#: The name of a file of words kept because they could not be saved.
UNSAVED_NAME = "healjournal-unsaved-{moment}{n}.md"
#: The shared-memory folder most Linux systems have (a RAM disk for everyone).
SHARED_MEMORY = Path("/dev/shm")
#: The page's name while the editor has it: .md, so editors colour it.
PAGE_NAME = "page.md"


class EditorError(HealJournalError):
    """The editor could not be found or started, failed, or left no words."""

    def __init__(self, message: str, written: bytes | None = None) -> None:
        super().__init__(message)
        self.written = written
        """What the editor saved when it changed the page but its words could
        not be taken as they are (it failed, or they are not UTF-8): to be
        kept, not dropped. None when it changed nothing, or left no file."""


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
    EditorError when it cannot start, ends badly, leaves no readable file or
    text that is not UTF-8, or comes back at once with the page untouched (an
    editor that did not wait); when it had changed the page, the error
    carries what it saved (`written`). The private file is gone by the time
    this returns or raises.
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
        try:
            raw: bytes | None = path.read_bytes()
        except OSError:
            raw = None
    changed = raw is not None and raw != handed
    if returncode != 0:
        why = (
            f"was stopped ({_signal_name(-returncode)})"
            if returncode < 0
            else f"ended with exit code {returncode}"
        )
        raise EditorError(f"the editor {name} {why}", raw if changed else None)
    if raw is None:
        raise EditorError(f"the editor {name} left no file to read back")
    if not changed and took < AT_ONCE_SECONDS:
        raise EditorError(
            f"the editor {name} came back at once without a change: {WAIT_ADVICE}"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise EditorError(
            f"the editor {name} saved text that is not UTF-8 (byte {error.start + 1})",
            raw,
        ) from None


def keep_words(
    words: bytes,
    *,
    now: datetime,
    secret: bool,
    folder: Path | None = None,
    scratch: Scratch | None = None,
) -> str:
    """Keep words that could not be saved in a file of their own, only this
    user's (0600), and say where: "kept in ..." (ends a sentence).

    In `folder` (default: the current folder), where the person will find
    them, else where pages wait for the editor (scratch_place). A `secret`
    journal's (an encrypted one's) go in memory where this machine has a RAM
    disk, and only otherwise to `folder`, and the words say "unencrypted".
    EditorError when no file can be written anywhere.
    """
    scratch = scratch or scratch_place()
    try:
        here: Path | None = Path.cwd() if folder is None else folder
    except OSError:  # the current folder was deleted
        here = None
    memory = scratch.folder if scratch.in_memory else None
    elsewhere = scratch.folder or Path(tempfile.gettempdir())
    places = [memory, here] if secret else [here, elsewhere]
    problems: list[str] = []
    for place in places:
        if place is None:
            continue
        try:
            path = _new_private_file(place, words, now)
        except OSError as error:
            problems.append(f"{place}: {error.strerror or error}")
            continue
        if place == memory:
            return f"kept in memory in {path} (gone when this machine restarts)"
        if secret:
            return (
                f"kept in {path}, unencrypted on disk: delete it once it is in "
                "the journal"
            )
        return f"kept in {path}"
    raise EditorError(f"the words could not be kept ({'; '.join(problems)})")


def _new_private_file(folder: Path, words: bytes, now: datetime) -> Path:
    """`words` in a new file in `folder` named for `now`, 0600; OSError."""
    moment = now.strftime("%Y%m%d-%H%M%S")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for number in range(1, 100):
        n = "" if number == 1 else f"-{number}"
        path = folder.absolute() / UNSAVED_NAME.format(moment=moment, n=n)
        try:
            descriptor = os.open(path, flags, 0o600)
        except FileExistsError:
            continue
        try:
            with os.fdopen(descriptor, "wb") as out:
                out.write(words)
        except OSError:
            path.unlink(missing_ok=True)  # half the words are no keeping
            raise
        return path
    raise FileExistsError(f"{folder} has 99 unsaved files for {moment}")


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
