"""`healjournal merge OTHER [--dry-run]`: another copy of the journal, merged in.

OTHER is read only; this journal is changed in one transaction, under its
lock (the rules: storage/merging.py). A conflicted copy a sync tool left
beside the journal is then moved into a `merged/` folder there, never
deleted; any other file stays where it is.
"""

from __future__ import annotations

from pathlib import Path

from healjournal.cli import opening
from healjournal.cli.parser import EXIT_OK
from healjournal.errors import InputError

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace) -> int:
    """Merge OTHER into the journal (or, with --dry-run, say what it would do)."""
    from healjournal.cli.prompts import ask_passphrase
    from healjournal.clock import get_clock
    from healjournal.storage.conflicts import put_away
    from healjournal.storage.journal import Journal

    here = opening.journal_file(args)
    other = _other_file(Path(args.other).expanduser(), here)
    locked = [p for p in (here, other) if opening.encrypted(p)]
    passphrase = ask_passphrase(locked[0]) if locked else None
    theirs = Journal.open(other, passphrase=passphrase, read_only=True)
    copy = theirs.as_copy()
    if not here.exists():
        raise InputError(f"there is no journal at {here} to merge {other.name} into")
    ours = Journal.open(here, clock=get_clock(), passphrase=passphrase)
    report = ours.merge_copy(copy, dry_run=args.dry_run)
    if args.dry_run:
        print(f"{report.would_bring(other.name)}. Nothing written.")
        return EXIT_OK
    print(f"{report.merged(other.name)}.")
    moved = put_away(other, here)
    if moved is not None:
        print(f"The copy is kept in {moved}.")
    return EXIT_OK


def _other_file(other: Path, here: Path) -> Path:
    """OTHER, when it is a file that is not the journal itself."""
    if not other.exists():
        raise InputError(f"{other} does not exist: give the copy of the journal")
    if not other.is_file():
        raise InputError(f"{other} is not a file: give the copy of the journal")
    if here.exists() and other.samefile(here):
        raise InputError(f"{other} is this journal: give another copy of it")
    return other
