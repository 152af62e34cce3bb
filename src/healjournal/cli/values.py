"""The checks of option values the parser reads: a mood, a limit, an id.

Each turns the word typed into its value, or raises ArgumentTypeError with
what is wrong (argparse then says it in one line, exit 2).
"""

from __future__ import annotations

import argparse


def mood(text: str) -> int:
    """A mood: a whole number from 1 (awful) to 5 (great)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 5:
        raise argparse.ArgumentTypeError(f"mood must be 1 to 5, not {text!r}")
    return value


def limit(text: str) -> int:
    """How many to show: a whole number, 0 for all."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            f"--limit takes a whole number, 0 for all, not {text!r}"
        )
    return value


def entry_id(text: str) -> int:
    """A page's id, as healjournal search --json shows it: 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            f"an id is a whole number as healjournal search --json shows, not {text!r}"
        )
    return int(text)
