"""`healjournal import`: entries from a jrnl or healjournal JSON export.

Entries already there are skipped, so importing twice adds nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from healjournal.cli import opening
from healjournal.cli.parser import EXIT_OK
from healjournal.errors import InputError

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace) -> int:
    """Add what the file holds that the journal lacks, in one transaction."""
    from healjournal.storage.importing import read_import

    if args.file == "-":
        raw, name = sys.stdin.buffer.read(), "stdin"
    else:
        source = Path(args.file).expanduser()
        try:
            raw, name = source.read_bytes(), str(source)
        except FileNotFoundError:
            raise InputError(f"{source} does not exist") from None
        except IsADirectoryError:
            raise InputError(
                f"{source} is a folder: give the JSON export file"
            ) from None
        except OSError as error:
            raise InputError(f"cannot read {source}: {error.strerror}") from None
    imported = read_import(raw, name)
    journal = opening.open_journal(args)
    with journal.transaction():
        ids: dict[int, int] = {}  # an urge's page: its id in the file, and here
        added = journal.import_entries(imported.entries, ids)
        goals = journal.import_goals(imported.goals) if imported.goals else 0
        slips = (
            journal.import_no_contact(imported.no_contact) if imported.no_contact else 0
        )
        urges = journal.import_urges(imported.urges, ids) if imported.urges else 0
    skipped = len(imported.entries) - added
    parts = [
        f"Imported {added} entr{'y' if added == 1 else 'ies'} from {imported.source}"
    ]
    if skipped:
        parts.append(f"{skipped} already there")
    if goals:
        parts.append(f"{goals} goal{'s' if goals != 1 else ''}")
    if slips:
        parts.append(f"{slips} slip{'s' if slips != 1 else ''}")
    if urges:
        parts.append(f"{urges} urge{'s' if urges != 1 else ''}")
    print(", ".join(parts) + ".")
    return EXIT_OK
