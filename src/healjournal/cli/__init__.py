"""The command line: launch the app, or add, search, export and import without it.

Subcommands other than the app import no Textual, so they answer at once.
Every mistake is one line on stderr and exit code 2, with nothing written.
`healjournal search` prints what matches on stdout (or JSON with --json) and
how many matched on stderr, so its output can be piped. An encrypted journal's
passphrase is asked once at the terminal, or read from the file named by
$HEALJOURNAL_PASSPHRASE_FILE (for scripts).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

from healjournal.cli.parser import (
    COMMANDS,
    EXIT_ERROR,
    EXIT_OK,
    build_parser,
    chosen_command,
    search_words_last,
)
from healjournal.errors import HealJournalError

# typing is for the type checker only: importing it cost every command 2 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from typing import NoReturn

__all__ = ["EXIT_ERROR", "EXIT_OK", "main", "run"]


def _command(name: str | None) -> Callable[[argparse.Namespace], int]:
    """The function that runs the command `name`, its module imported now."""
    module, function = COMMANDS[name]
    module = f"healjournal.cli.{module}"
    __import__(module)
    return getattr(sys.modules[module], function)


def main(argv: Sequence[str] | None = None) -> int:
    """Run healjournal with `argv` (default: the process's) and return the exit code."""
    argv = search_words_last(sys.argv[1:] if argv is None else argv)
    parser = build_parser(chosen_command(argv))
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
        return _command(args.command)(args)
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
    if not chosen_command(search_words_last(argv)):
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
