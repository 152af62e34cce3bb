"""Opening the journal's file for reading, only when it is a regular file.

A named pipe (FIFO) blocks the first read until something writes into it,
and a device such as /dev/zero never ends: either given as the journal would
hang a command or fill the memory. Every reader of the journal opens it
through `open_regular`, which asks the system what the file is (after
following links) before reading a byte of it.

Nothing here needs TinyDB, the models or the encryption (the quick export
reads through it).
"""

from __future__ import annotations

import errno
import os
import stat

TYPE_CHECKING = False  # typing is for the type checker only (see cli.py)
if TYPE_CHECKING:
    from pathlib import Path

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
