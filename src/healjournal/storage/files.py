"""The journal's files: what kind of file the journal is before it is read,
whether it could be saved where it is, and their modes.

A named pipe (FIFO) blocks the first read until something writes into it,
and a device such as /dev/zero never ends: either given as the journal would
hang a command or fill the memory. Every reader of the journal opens it
through `open_regular`, which asks the system what the file is (after
following links) before reading a byte of it.

A journal on a read-only disk (a backup drive, a snapshot) or in a folder
this account cannot write to is opened read-only (`Journal(read_only=True)`):
`write_problem` says, without writing anything, whether that is the case.

Every file beside the journal is readable by its owner alone (`keep_private`).

Nothing here needs TinyDB, the models or the encryption.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from healjournal.errors import SaveFailed
from healjournal.storage.layout import FILE_MODE

#: What to call each kind of file that is not a regular one.
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class SpecialFile(OSError):
    """The path leads to something other than a regular file or a folder."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(errno.EINVAL, f"it is {kind}, not a file", str(path))
        #: What it is, in words: "a named pipe (FIFO)", "a character device"…
        self.kind = kind

    def refusal(self, path: Path, given: Path | None = None) -> str:
        """One line refusing `path` as the journal (`given`: the link to it)."""
        what = self.strerror
        if given is not None and given != path:
            what = f"it leads to {path}, {self.kind}, not a file"
        return (
            f"cannot use {given or path} as the journal: {what}, so it was not "
            "read; name a journal file instead (--db or HEALJOURNAL_DB)"
        )


def open_regular(path: Path) -> int:
    """A file descriptor open for reading on the regular file at `path`.

    Raises FileNotFoundError and the other OSErrors of opening; IsADirectoryError
    for a folder; SpecialFile for a pipe, a device or a socket, without
    reading from it (O_NONBLOCK: opening a FIFO does not wait for a writer).
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISREG(mode):
            return fd
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        kind = next((name for test, name in _KINDS if test(mode)), "not a file")
        raise SpecialFile(path, kind)
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file at `path` (see `open_regular` for errors)."""
    with os.fdopen(open_regular(path), "rb", buffering=0) as file:
        return file.readall()


class JournalReadOnly(SaveFailed):
    """A change to a journal opened read-only: nothing was saved, and the
    journal on disk is unchanged. The message says why it is read-only."""


def read_only_message(path: Path) -> str:
    """One line for a change refused because the journal is read-only here."""
    problem = write_problem(path)
    why = f"{problem}" if problem else "it was opened only to read"
    return (
        f"this journal is read-only here: {path} cannot be saved ({why}). "
        "Nothing was saved; the journal on disk is unchanged"
    )


def write_problem(path: Path) -> str | None:
    """Why a journal at `path` could not be saved where it is, in words ("the
    disk is read-only", "no permission to write in FOLDER"), or None if it
    looks as if it could. Asks the system; writes nothing, takes no lock.

    A save writes a new file in the journal's folder and renames it over the
    journal, so what counts is the folder (the nearest one that exists, for
    a journal not made yet).
    """
    folder = Path(os.path.realpath(path)).parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "the disk is read-only"
    except OSError:
        pass  # no answer: the access check below still has one
    effective = os.access in os.supports_effective_ids
    if not os.access(folder, os.W_OK | os.X_OK, effective_ids=effective):
        return f"no permission to write in {folder}"
    return None


#: The mode of the folders healjournal makes: the journal's, the config's,
#: merged/ beside the journal.
FOLDER_MODE = 0o700


def make_private_folder(folder: Path) -> None:
    """Make `folder` (and any parent missing) readable by its owner alone,
    whatever the umask says; raises OSError."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    folder.chmod(FOLDER_MODE)


def keep_private(*paths: Path) -> None:
    """Give our files beside the journal back their 0600 if something widened
    it (a lock file or a backup made by hand, a copy restored with 0644).

    A file that is not regular, or not ours to change, is left as it is.
    """
    for path in paths:
        try:
            found = path.lstat().st_mode
            if stat.S_ISREG(found) and stat.S_IMODE(found) != FILE_MODE:
                path.chmod(FILE_MODE)
        except OSError:
            continue
