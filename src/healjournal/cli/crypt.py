"""`healjournal encrypt` and `decrypt`: the journal and its backups, behind a
passphrase or back to plain text."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from healjournal.cli import opening
from healjournal.cli.parser import EXIT_OK
from healjournal.cli.prompts import ask_passphrase
from healjournal.clock import get_clock
from healjournal.errors import InputError

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse


def encrypt(args: argparse.Namespace) -> int:
    """Encrypt the journal and its backups with a new passphrase."""
    from healjournal.storage.atomic import journal_backups

    path = opening.journal_file(args)
    if opening.encrypted(path):
        # Already encrypted; finish the job if backups were left readable (an
        # earlier encrypt stopped halfway).
        if all(opening.encrypted(backup) for backup in journal_backups(path)):
            raise InputError(
                f"the journal {path} is already encrypted "
                "(healjournal decrypt turns it back into plain text)"
            )
        journal = opening.open_journal(args)
        done = journal.encrypt_backups()
        print(f"The journal was already encrypted; encrypted {_backups(done)} too.")
        return EXIT_OK
    from healjournal.storage.journal import Journal

    journal = Journal.open(path, clock=get_clock())  # refuse a broken journal first
    created = not path.exists()
    done = journal.encrypt(ask_passphrase(path, new=True))
    what = "Made a new encrypted journal" if created else "Encrypted the journal"
    also = f" and {_backups(done)}" if done else ""
    print(f"{what} {journal.path}{also}.")
    print(
        "healjournal asks for the passphrase each time it opens it. Nobody can "
        "recover a forgotten passphrase: keep it somewhere safe. Older readable "
        "copies may linger in the disk's free space (see Encryption in the README)."
    )
    return EXIT_OK


def decrypt(args: argparse.Namespace) -> int:
    """Decrypt the journal and every backup the passphrase opens."""
    from healjournal.storage.journal import Journal

    path = opening.journal_file(args)
    if not opening.encrypted(path):
        Journal.open(path, clock=get_clock()).close()  # a broken one says so
        raise InputError(f"the journal {path} is not encrypted")
    passphrase = ask_passphrase(path)
    journal = Journal.open(path, clock=get_clock(), passphrase=passphrase)
    done, kept = journal.decrypt(passphrase)
    also = f" and {_backups(done)}" if done else ""
    print(
        f"Decrypted the journal {journal.path}{also}: it is plain text again, "
        "private only by its file permissions."
    )
    if kept:
        print(
            f"Kept {_backups(kept)} encrypted (another passphrase, or damaged): "
            + ", ".join(str(b) for b in kept),
            file=sys.stderr,
        )
    return EXIT_OK


def _backups(paths: Sequence[Path]) -> str:
    return f"{len(paths)} backup{'s' if len(paths) != 1 else ''}"
