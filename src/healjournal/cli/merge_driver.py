"""`healjournal merge-driver BASE OURS THEIRS [NAME]`: git's merge driver.

git calls it as `%O %A %B %P` when both sides changed the journal: the
common ancestor, ours (which gets the result) and theirs, as temporary
files, and the journal's path in the repository (for what is said). THEIRS
is merged into OURS by `healjournal merge`'s rules (storage/merging.py),
with one more that BASE allows: a record changed on one side only since
BASE is taken as that side has it (words taken out of a page on one
machine are not brought back by the other's older copy of it), and
OURS is replaced at once, in the journal's layout (one record a line), so
the next commit's diff stays small. Exit 0: merged; exit 2 (one line on
stderr): git reports a conflict and keeps the three files as they were.

git runs it with no one to ask: an encrypted journal is merged only with
the passphrase from the file named by $HEALJOURNAL_PASSPHRASE_FILE.
"""

from __future__ import annotations

import os
from pathlib import Path

from healjournal.cli.parser import EXIT_OK
from healjournal.cli.prompts import PASSPHRASE_FILE_ENV
from healjournal.errors import InputError, JournalError

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse

    from healjournal.storage.merging import Copy

#: The journal's file name inside the folder where OURS is merged.
_WORK_NAME = "journal.json"


def run(args: argparse.Namespace) -> int:
    """Merge THEIRS into OURS, written in place; exit 2 if it cannot be done."""
    import tempfile

    from healjournal.clock import get_clock
    from healjournal.storage.journal import Journal

    name = args.name or "the journal"
    ours, theirs = Path(args.ours), Path(args.theirs)
    passphrase = _passphrase(name, [ours, theirs, Path(args.base)])
    their_copy = _copy(theirs, passphrase, name, "theirs")
    _copy(ours, passphrase, name, "ours")  # said as ours, before anything is made
    base = _base(Path(args.base), passphrase)
    # The merge runs on a copy of OURS in a private folder, so its lock file
    # and any backup of an upgrade stay out of the repository.
    with tempfile.TemporaryDirectory(prefix="healjournal-merge-") as folder:
        work = Path(folder) / _WORK_NAME
        work.write_bytes(ours.read_bytes())
        journal = Journal.open(work, clock=get_clock(), passphrase=passphrase)
        try:
            report = journal.merge_copy(their_copy, base=base)
        except JournalError as error:
            raise InputError(f"cannot merge {name}: {error}") from None
        finally:
            journal.close()
        if not report.nothing:
            _replace(ours, work.read_bytes())
    return EXIT_OK


def _passphrase(name: str, paths: list[Path]) -> str | None:
    """The passphrase, from the file named by $HEALJOURNAL_PASSPHRASE_FILE,
    when any of the copies is encrypted (None when none is)."""
    from healjournal.cli.opening import encrypted
    from healjournal.cli.prompts import ask_passphrase

    locked = [path for path in paths if encrypted(path)]
    if not locked:
        return None
    if not os.environ.get(PASSPHRASE_FILE_ENV):
        raise InputError(
            f"{name} is encrypted and git cannot ask for its passphrase: set "
            f"{PASSPHRASE_FILE_ENV} to a file holding it, or merge by hand"
        )
    return ask_passphrase(locked[0])  # read from that file, never asked


def _copy(path: Path, passphrase: str | None, name: str, side: str) -> Copy:
    """The copy of the journal at `path` (git's `side` of it), as a merge
    sees it; one that cannot be read is one line saying so."""
    from healjournal.storage.journal import Journal

    if not path.is_file():
        raise InputError(f"cannot merge {name}: {side} ({path}) is not a file")
    try:
        return Journal.open(path, passphrase=passphrase, read_only=True).as_copy()
    except JournalError as error:
        why = str(error).partition(". It was left untouched")[0]
        if why.startswith("cannot read the journal "):
            why = why.partition(": ")[2]  # the temp file's name says nothing
        raise InputError(
            f"cannot merge {name}: {side} cannot be read as a healjournal journal "
            f"({why}); git leaves the conflict for you to merge by hand"
        ) from None


def _base(path: Path, passphrase: str | None) -> Copy | None:
    """The common ancestor, when git has one that can be read (an empty file:
    the journal was new on both sides); without it, the merge is two-way."""
    from healjournal.storage.journal import Journal

    try:
        if path.stat().st_size == 0:
            return None
        return Journal.open(path, passphrase=passphrase, read_only=True).as_copy()
    except (JournalError, OSError):
        return None


def _replace(path: Path, data: bytes) -> None:
    """Write `data` over `path` at once: a temp file beside it, renamed over it."""
    import tempfile

    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(temp).chmod(path.stat().st_mode & 0o777)
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
