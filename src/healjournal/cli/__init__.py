"""The command line: launch the app, or add, search, export and import without it.

Subcommands other than the app import no Textual, so they answer at once.
Every mistake is one line on stderr and exit code 2, with nothing written.
`healjournal search` prints what matches on stdout (or JSON with --json) and
how many matched on stderr, so its output can be piped. An encrypted journal's
passphrase is asked once at the terminal, or read from the file named by
$HEALJOURNAL_PASSPHRASE_FILE (for scripts).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from healjournal import __version__
from healjournal.clock import get_clock
from healjournal.errors import HealJournalError, InputError

# typing is for the type checker only: importing it cost every command 2 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date
    from typing import NoReturn

EXIT_OK = 0
EXIT_ERROR = 2

PASSPHRASE_FILE_ENV = "HEALJOURNAL_PASSPHRASE_FILE"
MIN_PASSPHRASE = 8

DAY_HELP = "a day: today, yesterday, '3 days ago', 'last friday', 'oct 3', 2026-10-03"
SEARCH_HELP = (
    'words (all must appear), "a phrase", -word, #tag, @name, mood:<=2, '
    "mood:2-4, from:DAY, to:DAY (quote days with spaces: from:'\"last month\"'), "
    "kind:reflection|letter|unsent|urge, starred"
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: {message} (see {self.prog} --help)\n")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes a formatter for every option it adds, and each asks
        # shutil for the terminal's width: importing shutil (and the
        # compression modules it brings) cost every command 3 ms.
        return self.formatter_class(prog=self.prog, width=_columns() - 2)


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size gives it: $COLUMNS,
    else the terminal's own, else 80."""
    try:
        if (columns := int(os.environ["COLUMNS"])) > 0:
            return columns
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def _build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The parser, with the options of the `chosen` command only ("" for the
    app: none), or of every command when None. Each option costs its share of
    a command's start."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="use the journal at PATH (default: $HEALJOURNAL_DB, else the data folder)",
    )
    parser = _Parser(
        prog="healjournal",
        parents=[common],
        description=(
            "A private journal for getting over a breakup. With no command, "
            "opens today's reflection in the full-screen app."
        ),
        epilog=(
            "healjournal is a journal, not therapy. If you are thinking of "
            "hurting yourself, contact your local emergency services or a "
            "crisis line now (findahelpline.com lists them by country), and "
            "tell a friend."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"healjournal {__version__}"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a made-up journal of 90 days to look around (yours is untouched)",
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser
    )

    def command(name: str, **about: str) -> argparse.ArgumentParser | None:
        """Adds the command `name` where it is chosen or --help lists it (making
        the others' parsers was most of a command's parse); returns its parser
        when its options are wanted."""
        if chosen not in (None, "", name):
            return None
        added = commands.add_parser(name, parents=[common], **about)
        return added if chosen in (None, name) else None

    if add := command(
        "add",
        help="save an entry from the command line or stdin",
        description="Save an entry. Without TEXT, reads it from stdin.",
    ):
        add.add_argument("text", nargs="*", help="the words to save")
        add.add_argument(
            "--day", help=f"the day it belongs to ({DAY_HELP}); default today"
        )
        add.add_argument(
            "--mood", type=_mood, help="how you feel, 1 (awful) to 5 (great)"
        )
        add.add_argument(
            "--kind",
            default="reflection",
            help="reflection (default), letter (an unsent letter) or urge",
        )
        add.add_argument(
            "--title", help="a title; otherwise a short first line becomes it"
        )
        add.add_argument("--star", action="store_true", help="star the entry")

    if exporter := command(
        "export",
        help="write entries as markdown, json, text or jrnl",
        description="Write entries to stdout or a file, oldest first.",
    ):
        exporter.add_argument(
            "--format",
            "-f",
            default="markdown",
            choices=["markdown", "json", "text", "jrnl"],
            help="markdown (default); json (everything, re-importable); text; "
            "jrnl (jrnl's journal file, for jrnl --import)",
        )
        exporter.add_argument(
            "--from", dest="start", metavar="DAY", help=f"first day ({DAY_HELP})"
        )
        exporter.add_argument("--to", dest="end", metavar="DAY", help="last day")
        exporter.add_argument(
            "-o", "--output", metavar="FILE", help="write to FILE, not stdout"
        )
        exporter.add_argument(
            "--force", action="store_true", help="replace FILE if it already exists"
        )

    if searcher := command(
        "search",
        help="find entries by words, tags, mood, day or kind",
        description="Print the entries that match QUERY, newest first. Case and "
        "accents do not matter; a word also finds longer words (walk: walked).",
        epilog="Examples: healjournal search walk -work; "
        "healjournal search mood:<=2 walk; "
        "healjournal search 'from:\"last month\" #sam'",
    ):
        searcher.add_argument("query", nargs="+", help=SEARCH_HELP)
        searcher.add_argument(
            "--limit",
            type=_limit,
            default=20,
            metavar="N",
            help="show the newest N matches (default 20; 0 shows all)",
        )
        searcher.add_argument(
            "--json",
            action="store_true",
            help="print a JSON list (id, day, kind, title, mood, starred, tags, text, "
            "snippet, spans: [start, end) offsets of the matches in text)",
        )

    if importer := command(
        "import",
        help="add entries from a jrnl or healjournal JSON export",
        description="Add entries from jrnl's JSON export (jrnl --format json) or "
        "our own (healjournal export --format json). Entries already there are "
        "skipped, so importing twice adds nothing.",
    ):
        importer.add_argument("file", help="the JSON file, or - for stdin")

    if stats := command(
        "stats",
        help="how it's going: streaks, mood, no contact, the seven themes",
        description="Print the review: writing and no-contact streaks, mood over "
        "30 and 90 days, the last 26 weeks, goals ticked per theme, a month and a "
        "year ago today. The same figures as the app's review (F7).",
    ):
        stats.add_argument(
            "--json", action="store_true", help="print the figures as JSON, for scripts"
        )

    if deleter := command(
        "delete",
        help="delete a page, by its day or its id",
        description="Delete a page for good: by its day (--kind chooses among "
        "the day's pages), or by the id healjournal search --json shows. On a "
        "terminal it asks first, quoting the page's first line.",
    ):
        which = deleter.add_mutually_exclusive_group(required=True)
        which.add_argument("--day", help=f"the page's day ({DAY_HELP})")
        which.add_argument(
            "--id", type=_entry_id, help="the page's id (healjournal search --json)"
        )
        deleter.add_argument("--kind", help="reflection, letter or urge")
        deleter.add_argument(
            "--yes", "-y", action="store_true", help="delete without asking (scripts)"
        )

    command("path", help="print where the journal is kept")
    command(
        "encrypt",
        help="protect the journal and its backups with a passphrase",
        description="Encrypt the journal and its backups with a passphrase, asked "
        f"twice (or read from ${PASSPHRASE_FILE_ENV}). From then on healjournal "
        "asks for it whenever it opens the journal. Nobody can recover a "
        "forgotten passphrase.",
    )
    command(
        "decrypt",
        help="turn an encrypted journal back into plain text",
        description="Decrypt the journal and its backups, after asking for the "
        f"passphrase (or reading it from ${PASSPHRASE_FILE_ENV}).",
    )
    return parser


def _chosen_command(argv: Sequence[str]) -> str | None:
    """The command `argv` names (its first word that is not an option), "" for
    none (the app, or --help before any command: it lists them all), or None
    if that word is no command (argparse says so)."""
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)  # its value
        elif word in ("-h", "--help"):
            return ""
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return ""


# Options the search command takes; anything else starting with "-" is a word
# to leave out (`healjournal search walk -work`), not a mistyped option.
_SEARCH_OPTIONS = {"--limit": True, "--db": True, "--json": False}
_SEARCH_OPTIONS |= {"-h": False, "--help": False}


def _search_words_last(argv: Sequence[str]) -> list[str]:
    """Put `search`'s -words after a `--`, so argparse takes them as the query."""
    argv = list(argv)
    at = 0
    while at < len(argv) and argv[at].startswith("-"):
        at += 2 if argv[at] == "--db" else 1  # global options before the command
    if at >= len(argv) or argv[at] != "search":
        return argv
    options: list[str] = []
    words: list[str] = []
    rest = iter(argv[at + 1 :])
    for arg in rest:
        if arg == "--":
            words.extend(rest)
            break
        name, has_value, _ = arg.partition("=")
        if name not in _SEARCH_OPTIONS:
            words.append(arg)
            continue
        options.append(arg)
        if _SEARCH_OPTIONS[name] and not has_value:
            value = next(rest, None)
            if value is not None:
                options.append(value)
    return [*argv[: at + 1], *options, *(["--", *words] if words else [])]


def _mood(text: str) -> int:
    try:
        mood = int(text)
    except ValueError:
        mood = 0
    if not 1 <= mood <= 5:
        raise argparse.ArgumentTypeError(f"mood must be 1 to 5, not {text!r}")
    return mood


def _limit(text: str) -> int:
    try:
        limit = int(text)
    except ValueError:
        limit = -1
    if limit < 0:
        raise argparse.ArgumentTypeError(
            f"--limit takes a whole number, 0 for all, not {text!r}"
        )
    return limit


def _entry_id(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            f"an id is a whole number as healjournal search --json shows, not {text!r}"
        )
    return int(text)


def _journal_file(args: argparse.Namespace) -> Path:
    """The journal the command works on: --db, else $HEALJOURNAL_DB, else the
    data folder's."""
    from healjournal.storage.paths import journal_path

    return journal_path(getattr(args, "db", None))


def _open_journal(args: argparse.Namespace, *, read_only: bool = False):  # -> Journal
    """Open the journal; an encrypted one asks for its passphrase first.

    `read_only` for a command that only reads: nothing is written, no lock
    is taken, so a journal on a read-only disk or in a folder this account
    cannot write to reads as any other.
    """
    from healjournal.storage.journal import Journal  # imported lazily

    path = _journal_file(args)
    passphrase = _passphrase(path) if _encrypted(path) else None
    return Journal.open(
        path, clock=get_clock(), passphrase=passphrase, read_only=read_only
    )


def _encrypted(path: Path) -> bool:
    """Whether the file at `path` is an encrypted journal (or backup)."""
    from healjournal.storage.crypto import file_header

    try:
        return file_header(path) is not None
    except OSError:
        return False  # opening the journal says what is wrong with the file


def _passphrase(path: Path, *, new: bool = False) -> str:
    """The passphrase from $HEALJOURNAL_PASSPHRASE_FILE, or asked at the terminal.

    A `new` one must be long enough; one easy to guess gets a word of advice
    (at the terminal, a question whether to use it anyway); at the terminal
    it is then asked a second time.
    """
    source = os.environ.get(PASSPHRASE_FILE_ENV)
    if source:
        passphrase = _read_passphrase_file(Path(source).expanduser())
    elif not _has_terminal():
        what = "a new passphrase" if new else f"the passphrase of {path}"
        raise InputError(
            f"there is no terminal to ask for {what}: set {PASSPHRASE_FILE_ENV} "
            "to a file holding it"
        )
    else:
        passphrase = _ask("New passphrase: " if new else f"Passphrase for {path}: ")
    if not passphrase:
        raise InputError("no passphrase was given; nothing was changed")
    if not new:
        return passphrase
    if len(passphrase) < MIN_PASSPHRASE:
        raise InputError(
            f"a passphrase needs at least {MIN_PASSPHRASE} characters; a few "
            "words you will remember work best. Nothing was changed"
        )
    from healjournal.domain.passphrase import passphrase_advice

    advice = passphrase_advice(passphrase)
    if source:  # a script: said, not asked
        if advice:
            print(f"healjournal: {advice}", file=sys.stderr)
        return passphrase
    if advice and not confirm(f"{advice[0].upper()}{advice[1:]}. Use it anyway?"):
        raise InputError(
            "nothing was changed: run healjournal encrypt again and choose a few "
            "unrelated words"
        )
    if _ask("The same passphrase again: ") != passphrase:
        raise InputError("the two passphrases are not the same; nothing was changed")
    return passphrase


def _has_terminal() -> bool:
    """Whether there is a terminal to ask on (stdin may be a pipe all the same)."""
    try:
        os.close(os.open("/dev/tty", os.O_RDWR))
    except OSError:
        return False
    return True


def confirm(question: str) -> bool:
    """Ask `question` on the terminal; True only for a yes (no is the default)."""
    return _ask_line(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def _ask_line(prompt: str) -> str:
    """A line typed at the terminal after `prompt` ("" if there is none)."""
    import io

    try:
        tty = io.FileIO(os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY), "r+")
    except OSError:
        return ""
    with tty:
        tty.write(prompt.encode("utf-8"))
        return tty.readline().decode("utf-8", "replace")


def _ask(prompt: str) -> str:
    import getpass

    try:
        return getpass.getpass(prompt)
    except EOFError:
        return ""


def _read_passphrase_file(source: Path) -> str:
    try:
        if source.stat().st_mode & 0o077:
            raise InputError(
                f"the passphrase file {source} can be read by other users: "
                f"chmod 600 {source}, then try again"
            )
        raw = source.read_bytes()
    except OSError as error:
        raise InputError(
            f"cannot read the passphrase file {source} "
            f"({PASSPHRASE_FILE_ENV}): {error.strerror or error}"
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"the passphrase file {source} is not UTF-8") from None
    # One final newline is the file's, not the passphrase's.
    return text.removesuffix("\n").removesuffix("\r")


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


def _cmd_add(args: argparse.Namespace) -> int:
    from healjournal.domain.dates import check_not_future, describe_day, parse_day
    from healjournal.domain.models import EntryKind, check_text

    today = get_clock().today()
    kind = EntryKind.parse(args.kind)
    day = today
    if args.day is not None:  # --day "" is a mistake too, not today
        advice = "give --day today or a day before it"
        day = check_not_future(parse_day(args.day, today), today, advice=advice)
    if args.title is not None:
        check_text(args.title, "the title")
    text = " ".join(args.text) if args.text else _read_stdin_text()
    check_text(text, "the entry")
    if not text.strip():
        raise InputError("nothing to add: the entry is empty")
    journal = _open_journal(args)
    entry = journal.add_entry(
        text.strip("\n") if not args.text else text,
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
    return EXIT_OK


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


def _cmd_search(args: argparse.Namespace) -> int:
    import json
    import shutil

    from healjournal.domain.search import parse_query, search
    from healjournal.domain.visible import visible

    text = " ".join(args.query)
    query = parse_query(text, get_clock().today())  # before the journal is opened
    journal = _open_journal(args, read_only=True)
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


def _cmd_stats(args: argparse.Namespace) -> int:
    from rich.console import Console

    from healjournal.cli.report import print_review, review_json
    from healjournal.insight.figures import gather_review

    journal = _open_journal(args, read_only=True)
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


def _cmd_export(args: argparse.Namespace) -> int:
    start = end = None
    if args.start or args.end:
        from healjournal.domain.dates import parse_day

        today = get_clock().today()
        start = parse_day(args.start, today) if args.start else None
        end = parse_day(args.end, today) if args.end else None
    if start and end and start > end:
        raise InputError(f"--from {start} is after --to {end}: swap them")
    output = Path(args.output).expanduser() if args.output else None
    target, stream = None, False  # the file written, and whether it is a stream
    if output is not None:
        journal_file = Path(os.path.realpath(_journal_file(args)))
        target = Path(os.path.realpath(output))
        if target.parent == journal_file.parent and target.name.startswith(
            journal_file.name
        ):
            raise InputError(
                f"{output} is the journal itself or one of its backups: "
                "export to another file"
            )
        if output.is_dir():
            raise InputError(f"{output} is a folder: give a file name with -o")
        # A device or a pipe (-o /dev/stdout) is written to, never replaced.
        # Asked of `output` itself: the real path of a pipe is no file's.
        stream = output.exists() and not output.is_file()
        if target.is_file() and not args.force:
            raise InputError(
                f"{output} already exists: choose another name or add --force"
            )
        if not target.parent.is_dir():
            raise InputError(f"the folder {output.parent} does not exist")
    count, text = _export(args, start, end)
    if output is None and sys.stdout.isatty():
        # Shown, not kept: a terminal gets marks for control characters.
        from healjournal.domain.visible import visible

        text = visible(text)
    data = text.encode("utf-8")  # UTF-8, as in a file, whatever the terminal's
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    from healjournal.storage.layout import write_atomically

    try:
        if stream:
            with output.open("wb") as device:
                device.write(data)
        else:  # through a link, the file it names is replaced
            write_atomically(target, data)
    except BrokenPipeError:
        raise  # the reader left (-o /dev/stdout | head): see main
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror}") from None
    print(
        f"Wrote {count} entr{'y' if count == 1 else 'ies'} to {output}.",
        file=sys.stderr,
    )
    return EXIT_OK


def _export(
    args: argparse.Namespace, start: date | None, end: date | None
) -> tuple[int, str]:
    """The export of the journal, opened read-only: how many entries, and the text."""
    from healjournal.storage.interchange import ExportFormat, export

    journal = _open_journal(args, read_only=True)
    entries = journal.entries(start, end)
    everything = start is None and end is None
    record = journal.no_contact()
    text = export(
        ExportFormat(args.format),
        entries,
        goals=journal.goals(include_archived=True) if everything else None,
        no_contact=record if everything else None,
        urges=journal.urges() if everything else None,
        slips=[
            s
            for s in record.slips
            if (start is None or s.day >= start) and (end is None or s.day <= end)
        ],
        exported_at=get_clock().now(),
    )
    return len(entries), text


def _cmd_import(args: argparse.Namespace) -> int:
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
    journal = _open_journal(args)
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


def _cmd_encrypt(args: argparse.Namespace) -> int:
    from healjournal.storage.atomic import journal_backups

    path = _journal_file(args)
    if _encrypted(path):
        # Already encrypted; finish the job if backups were left readable (an
        # earlier encrypt stopped halfway).
        if all(_encrypted(backup) for backup in journal_backups(path)):
            raise InputError(
                f"the journal {path} is already encrypted "
                "(healjournal decrypt turns it back into plain text)"
            )
        journal = _open_journal(args)
        done = journal.encrypt_backups()
        print(f"The journal was already encrypted; encrypted {_backups(done)} too.")
        return EXIT_OK
    from healjournal.storage.journal import Journal

    journal = Journal.open(path, clock=get_clock())  # refuse a broken journal first
    created = not path.exists()
    done = journal.encrypt(_passphrase(path, new=True))
    what = "Made a new encrypted journal" if created else "Encrypted the journal"
    also = f" and {_backups(done)}" if done else ""
    print(f"{what} {journal.path}{also}.")
    print(
        "healjournal asks for the passphrase each time it opens it. Nobody can "
        "recover a forgotten passphrase: keep it somewhere safe. Older readable "
        "copies may linger in the disk's free space (see Encryption in the README)."
    )
    return EXIT_OK


def _cmd_decrypt(args: argparse.Namespace) -> int:
    from healjournal.storage.journal import Journal

    path = _journal_file(args)
    if not _encrypted(path):
        Journal.open(path, clock=get_clock()).close()  # a broken one says so
        raise InputError(f"the journal {path} is not encrypted")
    passphrase = _passphrase(path)
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


def _cmd_delete(args: argparse.Namespace) -> int:
    from healjournal.cli.delete import run_delete

    return run_delete(args)


def _cmd_path(args: argparse.Namespace) -> int:
    print(_journal_file(args))
    return EXIT_OK


def _cmd_app(args: argparse.Namespace) -> int:
    if args.demo:
        return _run_demo()
    from healjournal.storage import crypto

    # The journal is read by the app, behind its first frame: a broken one
    # closes it at once with the same one line and exit code 2. Only the
    # header of an encrypted one is checked here, before the lock screen asks
    # for a passphrase that could not open it anyway.
    path = _journal_file(args)
    try:
        header = crypto.file_header(path)
        if header is not None:
            crypto.read_header(header)
    except OSError:
        pass  # the app says what is wrong with the file
    except crypto.CryptoError as error:
        from healjournal.storage.atomic import crypto_error

        raise crypto_error(path, error) from None
    from healjournal.tui.collector import pause_collector

    # No garbage collection until the first frame: starting Textual and the
    # screen makes tens of thousands of objects that live as long as the app,
    # and walking them again and again cost the first frame 30 ms.
    pause_collector()
    from healjournal.tui.app import run  # Textual is imported only here

    return run(path, collector_paused=True)


def _run_demo() -> int:
    import shutil

    from healjournal.demo import build_demo_journal, demo_journal_path

    path = demo_journal_path()
    try:
        build_demo_journal(path, get_clock().today())
        from healjournal.tui.app import run

        return run(path, demo=True)
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)


COMMANDS = {
    None: _cmd_app,
    "add": _cmd_add,
    "search": _cmd_search,
    "stats": _cmd_stats,
    "export": _cmd_export,
    "import": _cmd_import,
    "delete": _cmd_delete,
    "path": _cmd_path,
    "encrypt": _cmd_encrypt,
    "decrypt": _cmd_decrypt,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run healjournal with `argv` (default: the process's) and return the exit code."""
    argv = _search_words_last(sys.argv[1:] if argv is None else argv)
    parser = _build_parser(_chosen_command(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, --version, or a usage mistake
        return int(done.code or 0)
    collecting = gc.isenabled()
    if args.command is not None:
        # A command reads the journal, answers and ends: collecting garbage
        # while the journal's records are being made only walks them again.
        gc.disable()
    try:
        return COMMANDS[args.command](args)
    except HealJournalError as error:
        from healjournal.domain.visible import visible

        # It may quote the journal (a page's first words): marks, not escapes.
        print(f"healjournal: {visible(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("healjournal: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `healjournal export | head`: the reader left, which is fine.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    finally:
        if collecting:
            gc.enable()


def run() -> NoReturn:
    """The `healjournal` program: main(), then, after a command, leave at once.

    A command has nothing left to tidy once it has answered: what it wrote is
    flushed and its files are closed. Python's own teardown (every module
    unloaded, a last garbage collection) took 10 ms of an export's 100, so a
    command ends the process straight away. The app ends the usual way.
    """
    argv = sys.argv[1:]
    if not _chosen_command(_search_words_last(argv)):
        sys.exit(main(argv))  # the app, --help, --version or a typo: the usual way
    # Off for good: main() would turn the collector back on, and the first
    # thing made after that set off a full collection (1 ms) for nothing.
    gc.disable()
    code = main(argv)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass  # the reader left (see main)
    os._exit(code)
