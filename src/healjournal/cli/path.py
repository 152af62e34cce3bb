"""`healjournal path`: where the journal is kept."""

from __future__ import annotations

from healjournal.cli import opening
from healjournal.cli.parser import EXIT_OK

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace) -> int:
    """Print the journal's path."""
    print(opening.journal_file(args))
    return EXIT_OK
