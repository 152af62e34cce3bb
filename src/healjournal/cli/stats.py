"""`healjournal stats`: the review, printed with Rich or as JSON."""

from __future__ import annotations

import sys

from healjournal.cli import opening
from healjournal.cli.parser import EXIT_OK
from healjournal.clock import get_clock

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace) -> int:
    """Print the review of the journal, read-only."""
    from rich.console import Console

    from healjournal.cli.report import print_review, review_json
    from healjournal.insight.figures import gather_review

    journal = opening.open_journal(args, read_only=True)
    try:
        review = gather_review(journal, get_clock().today())
    finally:
        journal.close()
    if args.json:
        sys.stdout.write(review_json(review) + "\n")
        sys.stdout.flush()
        return EXIT_OK
    print_review(review, Console(highlight=False))
    return EXIT_OK
