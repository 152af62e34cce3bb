"""`healjournal search`: the entries that match, newest first.

What matches goes to stdout (or JSON with --json) and how many matched to
stderr, so the output can be piped.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from healjournal.cli import opening
from healjournal.cli.parser import EXIT_OK
from healjournal.clock import get_clock

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace) -> int:
    """Print the entries that match the query, and how many on stderr."""
    import json
    import shutil

    from healjournal.domain.search import parse_query, search
    from healjournal.domain.visible import visible

    text = " ".join(args.query)
    query = parse_query(text, get_clock().today())  # before the journal is opened
    journal = opening.open_journal(args, read_only=True)
    try:
        entries = journal.entries()
    finally:
        journal.close()
    result = search(entries, query, limit=args.limit or None)
    if args.json:
        found = []
        for hit in result.hits:
            entry = hit.entry
            found.append(
                {
                    "id": entry.id,
                    "day": entry.day.isoformat(),
                    "kind": entry.kind.value,
                    "title": entry.title,
                    "mood": entry.mood,
                    "starred": entry.starred,
                    "tags": list(entry.tags),
                    "text": entry.text,
                    "snippet": hit.context(_JSON_SNIPPET_WIDTH)[0],
                    "spans": [list(span) for span in hit.spans],
                }
            )
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
        return EXIT_OK
    width = shutil.get_terminal_size((80, 24)).columns
    bold = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    blocks = []
    for hit in result.hits:
        entry = hit.entry
        heading = [f"{entry.day.isoformat()} {_WEEKDAYS[entry.day.weekday()]}"]
        heading.append(entry.kind.value)
        if entry.mood is not None:
            heading.append(f"mood {entry.mood}")
        if entry.starred:
            heading.append("★")
        line, spans = hit.context(width)
        line = visible(line)  # one mark a character: the spans still fit
        blocks.append("  ".join(heading) + "\n" + _terminal_line(line, spans, bold))
    if blocks:
        sys.stdout.write("\n\n".join(blocks) + "\n")
        sys.stdout.flush()
    print(
        _search_summary(text, query.describe(), len(result.hits), result.total),
        file=sys.stderr,
    )
    return EXIT_OK


_JSON_SNIPPET_WIDTH = 80  # fixed, so scripts get the same snippet in any terminal
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # not the locale's


def _terminal_line(line: str, spans: Sequence[tuple[int, int]], bold: bool) -> str:
    if not bold:
        return line
    pieces, at = [], 0
    for start, end in spans:
        pieces += [line[at:start], "\x1b[1m", line[start:end], "\x1b[0m"]
        at = end
    return "".join([*pieces, line[at:]])


def _search_summary(text: str, filters: str, shown: int, total: int) -> str:
    if not total:
        if not text.strip():
            return "The journal has no entries yet."
        return f'No entries match "{" ".join(text.split())}".'
    if shown < total:
        line = f"{shown} of {total} entries match (newest first; --limit 0 shows all)"
    elif total == 1:
        line = "1 entry matches"
    else:
        line = f"{total} entries match (newest first)"
    return f"{line} · {filters}" if filters else line
