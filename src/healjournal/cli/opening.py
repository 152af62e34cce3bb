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
    return Journal.open(
        path, clock=get_clock(), passphrase=passphrase, read_only=read_only
    )


def encrypted(path: Path) -> bool:
    """Whether the file at `path` is an encrypted journal (or backup)."""
    from healjournal.storage.crypto import file_header

    try:
        return file_header(path) is not None
    except OSError:
        return False  # opening the journal says what is wrong with the file
