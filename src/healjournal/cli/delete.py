"""`healjournal delete`: delete a page for good, by its day (and kind) or its id.

It asks first on a terminal, quoting the page's first line; without a
terminal it only deletes with --yes. Anything that does not name exactly one
page is refused in one line, with nothing changed.
"""

from __future__ import annotations

from healjournal.cli import opening, prompts
from healjournal.cli.parser import EXIT_OK
from healjournal.clock import get_clock
from healjournal.domain.dates import describe_day
from healjournal.domain.day_words import parse_day
from healjournal.domain.models import Entry, EntryKind
from healjournal.domain.visible import visible
from healjournal.errors import InputError

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse
    from datetime import date

    from healjournal.storage.journal import Journal

_QUOTED = 60  # characters of the first line quoted in the question
_FIND_IDS = "healjournal search --json lists every page with its day and id"


def run(args: argparse.Namespace) -> int:
    """Delete the one page `args` names, once the person has said yes."""
    today = get_clock().today()
    day = kind = None
    if args.day is not None:
        day = parse_day(args.day, today)
        kind = EntryKind.parse(args.kind) if args.kind is not None else None
    elif args.kind is not None:
        raise InputError("--kind goes with --day: an id names one page already")
    journal = opening.open_journal(args)
    try:
        entry = _the_page(journal, args.id, day, kind)
        what = describe_page(entry)
        if not args.yes:
            _ask_first(entry, what)
        journal.delete_entry(entry.id)
    finally:
        journal.close()
    print(f"Deleted {what}.")
    return EXIT_OK


def describe_page(entry: Entry) -> str:
    """ "the reflection of 2026-11-23 (yesterday)", for messages."""
    today = get_clock().today()
    kind = {EntryKind.LETTER: "unsent letter"}.get(entry.kind, entry.kind.value)
    return f"the {kind} of {_day(entry.day, today)}"


def first_line(entry: Entry, width: int = _QUOTED) -> str:
    """The page's first line with words, cut to `width`, safe to print."""
    line = next((ln.strip() for ln in entry.text.splitlines() if ln.strip()), "")
    line = visible(line)  # no escape sequence reaches the terminal
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def _the_page(
    journal: Journal, entry_id: int | None, day: date | None, kind: EntryKind | None
) -> Entry:
    """The one page named, or InputError saying why there is not exactly one."""
    if entry_id is not None:
        entry = journal.get_entry(entry_id)
        if entry is None:
            raise InputError(f"no page has the id {entry_id}: {_FIND_IDS}")
        return entry
    assert day is not None, "argparse asks for --day or --id"
    where = _day(day, get_clock().today())
    found = journal.entries(day, day, kinds=None if kind is None else [kind])
    what = "page" if kind is None else kind.value
    if not found:
        raise InputError(f"there is no {what} on {where}: {_FIND_IDS}")
    if len(found) > 1:
        listed = ", ".join(
            f'{e.id} ({e.kind.value}: "{first_line(e, 24)}")' for e in found
        )
        raise InputError(
            f"{len(found)} {what}s on {where}: {listed}; choose one with --id"
        )
    return found[0]


def _ask_first(entry: Entry, what: str) -> None:
    """Ask on the terminal before deleting; InputError unless the answer is yes."""
    if not prompts.has_terminal():
        raise InputError(
            f"not deleted: there is no terminal to ask whether to delete {what}; "
            "add --yes to delete it without asking"
        )
    quoted = first_line(entry) or "(no words)"
    if not prompts.confirm(f'Delete {what}, "{quoted}"? It cannot be undone.'):
        raise InputError(f"not deleted: {what} is kept")


def _day(day: date, today: date) -> str:
    return f"{day.isoformat()} ({describe_day(day, today)})"
