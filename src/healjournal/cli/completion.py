"""`healjournal completion SHELL`: a completion script for bash, zsh or fish.

shtab writes it from the parser itself, so the script never drifts from the
commands and options: a new option completes as soon as it is in parser.py.
"""

from __future__ import annotations

import sys

from healjournal.cli.parser import EXIT_OK, build_parser

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse

#: The options and arguments that name a file, by their dest in the parser.
FILE_DESTS = {"db", "output", "file", "config"}


def run(args: argparse.Namespace) -> int:
    """Print the completion script for `args.shell`."""
    import shtab

    parser = build_parser()  # every command and every option
    for each in _parsers(parser):
        for action in each._actions:
            if action.dest in FILE_DESTS:
                action.complete = shtab.FILE  # type: ignore[attr-defined]
    sys.stdout.write(shtab.complete(parser, shell=args.shell))
    sys.stdout.flush()
    return EXIT_OK


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """`parser` and each command's parser."""
    import argparse

    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.extend(action.choices.values())
    return found
