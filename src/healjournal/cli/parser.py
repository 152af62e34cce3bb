"""The command line's words: every command's options, read from argv.

A usage mistake is one line on stderr and exit code 2. Only the chosen
command's options are made, since each costs its share of a command's start.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from healjournal import __version__
from healjournal.cli.prompts import PASSPHRASE_FILE_ENV
from healjournal.cli.values import entry_id, limit, mood
from healjournal.domain.person import WHO

# typing is for the type checker only: importing it cost every command 2 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn

EXIT_OK = 0
EXIT_ERROR = 2

#: Each command: the module of healjournal.cli that runs it, and its function
#: there. None is the app. A command imports its own module and no other's.
COMMANDS: dict[str | None, tuple[str, str]] = {
    None: ("launch", "run"),
    "add": ("add", "run"),
    "search": ("search", "run"),
    "stats": ("stats", "run"),
    "export": ("export", "run"),
    "import": ("importing", "run"),
    "merge": ("merge", "run"),
    "merge-driver": ("merge_driver", "run"),
    "delete": ("delete", "run"),
    "path": ("path", "run"),
    "status": ("status", "run"),
    "completion": ("completion", "run"),
    "config": ("config", "run"),
    "encrypt": ("crypt", "encrypt"),
    "decrypt": ("crypt", "decrypt"),
}

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


def build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
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
    common.add_argument(
        "--config",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="use the config file at PATH (default: $HEALJOURNAL_CONFIG, else "
        "~/.config/healjournal/config.toml)",
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
        description="Save an entry. Without TEXT (and without --edit), reads it "
        "from stdin.",
    ):
        add.add_argument("text", nargs="*", help="the words to save")
        add.add_argument(
            "--day", help=f"the day it belongs to ({DAY_HELP}); default today"
        )
        add.add_argument(
            "--mood", type=mood, help="how you feel, 1 (awful) to 5 (great)"
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
        add.add_argument(
            "--edit",
            "-e",
            action="store_true",
            help="write it in your editor (the config's editor, else $VISUAL, "
            "else $EDITOR, else editor or vi), starting from TEXT if given",
        )

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
            type=limit,
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

    if merger := command(
        "merge",
        help="merge another copy of the journal into this one, nothing lost",
        description="Merge another copy of this journal into this one: both "
        "sides' pages, goals, slips and urges, deletions honoured. A sync tool's "
        "conflicted copy is then moved into merged/ beside the journal.",
    ):
        merger.add_argument("other", help="the other copy of the journal")
        merger.add_argument("--dry-run", action="store_true", help="write nothing")
    # git's merge driver: not in the --help list (no help=), set up once by hand.
    if driver := command(
        "merge-driver",
        description="git's merge driver for the journal: merges THEIRS into OURS "
        "(written in place) by healjournal merge's rules; exit 2 leaves git's "
        "conflict. In git config: healjournal merge-driver %O %A %B %P",
    ):
        for name, letter in (("base", "O"), ("ours", "A"), ("theirs", "B")):
            driver.add_argument(name, help=f"{name}: the file git gives as %%{letter}")
        driver.add_argument("name", nargs="?", help="the journal's path (%%P)")

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
            "--id", type=entry_id, help="the page's id (healjournal search --json)"
        )
        deleter.add_argument("--kind", help="reflection, letter or urge")
        deleter.add_argument(
            "--yes", "-y", action="store_true", help="delete without asking (scripts)"
        )

    command("path", help="print where the journal is kept")
    if status := command(
        "status",
        help="one short line for a shell prompt or a status bar",
        description="Print one line: the no-contact count and whether you have "
        "written today (no contact: day 23 · not written today). Prints nothing "
        "where there is no journal yet, and for an encrypted journal, which "
        "cannot be read without its passphrase: a status line never asks.",
    ):
        status.add_argument(
            "--format",
            metavar="TEMPLATE",
            help="your own line, with the fields {no_contact_days} and {best} "
            "(- when not counting), {streak} (days written in a row), "
            "{written_today} (yes or no) and {pages_today}",
        )
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
    if completion := command(
        "completion",
        help="print a completion script for bash, zsh or fish",
        description="Print a script that completes healjournal's commands, "
        "options and file names. bash: source <(healjournal completion bash) "
        "in ~/.bashrc; zsh: healjournal completion zsh > a folder on $fpath, "
        "named _healjournal; fish: healjournal completion fish > "
        "~/.config/fish/completions/healjournal.fish",
    ):
        completion.add_argument(
            "shell", choices=["bash", "zsh", "fish"], help="bash, zsh or fish"
        )
    if configure := command(
        "config",
        help="show or change your settings: theme, keys, editor, who it is about",
        description="With no KEY, print where the config file is and every "
        "setting with where it comes from. With KEY, print that one; with KEY "
        "and VALUE, change it where it belongs: theme, editor, lock_minutes and "
        "keys.ID (a key's id: keys.urge f9) in the config file, this machine's; "
        f"person ({', '.join(WHO)}), person_name, name (counted by the "
        "review) and urge_minutes in the journal, which travels with it. An "
        'empty VALUE ("") clears one.',
    ):
        configure.add_argument(
            "key",
            nargs="?",
            help="theme, editor, lock_minutes, keys.ID, person, person_name, name "
            "or urge_minutes",
        )
        configure.add_argument("value", nargs="?", help='its new value ("" clears it)')
    return parser


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command `argv` names (its first word that is not an option), "" for
    none (the app, or --help before any command: it lists them all), or None
    if that word is no command (argparse says so)."""
    words = iter(argv)
    for word in words:
        if word in _GLOBAL_OPTIONS:
            next(words, None)  # its value
        elif word in ("-h", "--help"):
            return ""
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return ""


#: The options of every command that take a value: --db PATH, --config PATH.
_GLOBAL_OPTIONS = ("--db", "--config")

# Options the search command takes; anything else starting with "-" is a word
# to leave out (`healjournal search walk -work`), not a mistyped option.
_SEARCH_OPTIONS = {"--limit": True, "--db": True, "--config": True, "--json": False}
_SEARCH_OPTIONS |= {"-h": False, "--help": False}


def search_words_last(argv: Sequence[str]) -> list[str]:
    """Put `search`'s -words after a `--`, so argparse takes them as the query."""
    argv = list(argv)
    at = 0
    while at < len(argv) and argv[at].startswith("-"):
        at += 2 if argv[at] in _GLOBAL_OPTIONS else 1  # options before the command
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
