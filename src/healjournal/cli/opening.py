"""The journal a command works on: where it is, and opening it.

An encrypted journal's passphrase is asked for before it is opened.
"""

from __future__ import annotations

from pathlib import Path

from healjournal.cli.prompts import ask_passphrase
from healjournal.clock import get_clock

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse

    from healjournal.storage.journal import Journal


def journal_file(args: argparse.Namespace) -> Path:
    """The journal the command works on: --db, else $HEALJOURNAL_DB, else the
    data folder's."""
    from healjournal.storage.paths import journal_path

    return journal_path(getattr(args, "db", None))


def open_journal(args: argparse.Namespace, *, read_only: bool = False) -> Journal:
    """Open the journal; an encrypted one asks for its passphrase first.

    `read_only` for a command that only reads: nothing is written, no lock
    is taken, so a journal on a read-only disk or in a folder this account
    cannot write to reads as any other.
    """
    from healjournal.storage.journal import Journal  # imported lazily

    path = journal_file(args)
    passphrase = ask_passphrase(path) if encrypted(path) else None
    journal = Journal.open(
        path, clock=get_clock(), passphrase=passphrase, read_only=read_only
    )
    if not read_only:
        _move_machine_settings(journal, args)
    _say_conflicted_copies(path)
    return journal


def _say_conflicted_copies(path: Path) -> None:
    """A sync tool's conflicted copies beside the journal: one line on stderr
    saying so, and how to bring their pages over (the command goes on)."""
    import sys

    from healjournal.storage.conflicts import conflicted_copies, copies_line

    copies = conflicted_copies(path)
    if copies:
        print(f"healjournal: {copies_line(path, copies)}", file=sys.stderr)


def _move_machine_settings(journal: Journal, args: argparse.Namespace) -> None:
    """The theme and the lock minutes an older healjournal kept in the journal
    go to the config file, once (see machine/moving.py). Only tried: a config
    with a mistake, or one that cannot be saved, leaves them where they are,
    says why on stderr, and the command goes on."""
    from healjournal.machine.moving import to_move

    if not to_move(journal.settings()):
        return  # nothing left to move: the usual case, and a quick one
    import sys

    from healjournal.errors import HealJournalError
    from healjournal.machine.config import config_path
    from healjournal.machine.moving import move_to_config

    try:
        move_to_config(journal, config_path(getattr(args, "config", None)))
    except HealJournalError as error:
        print(
            f"healjournal: {error} (the theme and lock minutes stay in the "
            "journal until they can move to the config file)",
            file=sys.stderr,
        )


def encrypted(path: Path) -> bool:
    """Whether the file at `path` is an encrypted journal (or backup)."""
    from healjournal.storage.crypto import file_header

    try:
        return file_header(path) is not None
    except OSError:
        return False  # opening the journal says what is wrong with the file
