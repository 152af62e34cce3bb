"""`healjournal add`: save an entry from the command line, stdin or an editor."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from healjournal.cli import opening
from healjournal.cli.parser import EXIT_OK
from healjournal.clock import get_clock
from healjournal.errors import InputError

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse
    from datetime import date

    from healjournal.domain.models import EntryKind
    from healjournal.storage.journal import Journal

#: `add --edit` when the editor closed with nothing written: nothing added,
#: which is no mistake (that is 2), but a script may want to know.
EXIT_NOTHING = 1


def run(args: argparse.Namespace) -> int:
    """Save the entry `args` gives and say in one line what was saved."""
    from healjournal.domain.dates import check_not_future
    from healjournal.domain.day_words import parse_day
    from healjournal.domain.models import EntryKind, check_text

    today = get_clock().today()
    kind = EntryKind.parse(args.kind)
    day = today
    if args.day is not None:  # --day "" is a mistake too, not today
        advice = "give --day today or a day before it"
        day = check_not_future(parse_day(args.day, today), today, advice=advice)
    if args.title is not None:
        check_text(args.title, "the title")
    if args.edit:
        return _add_edited(args, day, kind, today)
    text = " ".join(args.text) if args.text else _read_stdin_text()
    check_text(text, "the entry")
    if not text.strip():
        raise InputError("nothing to add: the entry is empty")
    journal = opening.open_journal(args)
    _add(journal, args, text.strip("\n") if not args.text else text, day, kind, today)
    return EXIT_OK


def _add_edited(
    args: argparse.Namespace, day: date, kind: EntryKind, today: date
) -> int:
    """`add --edit`: the entry written in the person's editor, TEXT to start.

    The journal is opened first, so an encrypted one's passphrase is asked
    before the writing, not after it. An empty file adds nothing and exits 1:
    not a mistake, but a script can tell that nothing was added. An editor
    that fails adds nothing (git's `:cq`), and words that are not added
    (the editor failed after saving them, the journal refused them or could
    not be saved) are kept in a file of their own, and the line says where.
    """
    from healjournal.domain.models import check_text
    from healjournal.errors import HealJournalError
    from healjournal.machine.config import config_path, load_setup
    from healjournal.machine.editor import EditorError, edit_text, editor_command

    setup = load_setup(config_path(getattr(args, "config", None)))
    if setup.problem:  # the environment's editor still serves
        print(f"healjournal: {setup.problem}", file=sys.stderr)
    command = editor_command(setup.config.editor)
    journal = opening.open_journal(args)
    secret = opening.encrypted(journal.path)
    try:
        written = edit_text(command, " ".join(args.text))
    except EditorError as error:
        if error.written is None:
            raise EditorError(f"{error}: nothing added") from None
        raise EditorError(
            f"{error}: your words were not added; they are "
            f"{_keep(error.written, secret)}"
        ) from None
    text = written.strip("\n")
    if not text.strip():
        print("healjournal: nothing written, nothing added", file=sys.stderr)
        return EXIT_NOTHING
    try:
        check_text(text, "the entry")
        _add(journal, args, text, day, kind, today)
    except HealJournalError as error:
        raise HealJournalError(
            f"{error}: your words were not added; they are "
            f"{_keep(written.encode('utf-8', 'surrogatepass'), secret)}"
        ) from None
    except BrokenPipeError:  # saved, and the reader of its line left
        raise
    except BaseException:  # a bug, or Ctrl+C while saving: still not lost
        kept = _keep(written.encode("utf-8", "surrogatepass"), secret)
        print(f"healjournal: your words are {kept}", file=sys.stderr)
        raise
    return EXIT_OK


def _keep(words: bytes, secret: bool) -> str:
    """Keep words that were not added in a file (see keep_words) and say
    where; else print them on stdout, the last place left."""
    from healjournal.machine.editor import EditorError, keep_words

    try:
        return keep_words(words, now=get_clock().now(), secret=secret)
    except EditorError as error:
        sys.stdout.flush()
        sys.stdout.buffer.write(words if words.endswith(b"\n") else words + b"\n")
        sys.stdout.flush()
        return f"printed on stdout: {error}"


def _add(
    journal: Journal,
    args: argparse.Namespace,
    text: str,
    day: date,
    kind: EntryKind,
    today: date,
) -> None:
    """Save the entry and say in one line what was saved."""
    from healjournal.domain.dates import describe_day
    from healjournal.domain.models import EntryKind

    entry = journal.add_entry(
        text,
        day=day,
        kind=kind,
        mood=args.mood,
        starred=args.star,
        title=args.title,
    )
    what = {
        EntryKind.REFLECTION: "a reflection",
        EntryKind.LETTER: "an unsent letter (it goes nowhere but here)",
        EntryKind.URGE: "an urge",
    }[entry.kind]
    details = [f"{entry.words} word{'s' if entry.words != 1 else ''}"]
    if entry.mood:
        details.append(f"mood {entry.mood}/5")
    if entry.tags:
        details.append(_tags_in_brief(entry.tags))
    print(
        f"Saved {what} for {describe_day(entry.day, today)} "
        f"({entry.day.isoformat()}): {', '.join(details)}."
    )


#: How much of the tags `add` names in its line: a few, each cut short.
_TAGS_SHOWN, _TAG_CHARS = 5, 30


def _tags_in_brief(tags: Sequence[str]) -> str:
    """The first few tags, each at most _TAG_CHARS long, and how many more."""
    from healjournal.domain.visible import visible

    shown = [
        tag if len(tag) <= _TAG_CHARS else tag[: _TAG_CHARS - 1] + "…"
        for tag in tags[:_TAGS_SHOWN]
    ]
    more = len(tags) - len(shown)
    return visible(" ".join(shown)) + (f" and {more} more" if more else "")


def _read_stdin_text() -> str:
    if sys.stdin is None:
        raise InputError("nothing to add: give the text as arguments or on stdin")
    if sys.stdin.isatty():
        print("Write your entry, then press Ctrl+D on an empty line:", file=sys.stderr)
    raw = sys.stdin.buffer.read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"the input is not UTF-8 (byte {error.start + 1}): save it as UTF-8 "
            "and try again"
        ) from None
