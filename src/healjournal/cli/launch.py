"""Starting the app: the journal's, or the made-up one of --demo.

The one module of the command line that imports Textual, and only once the
journal's header has been checked.
"""

from __future__ import annotations

from healjournal.cli import opening
from healjournal.clock import get_clock

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse

    from healjournal.domain.person import Person
    from healjournal.machine.config import Setup


def run(args: argparse.Namespace) -> int:
    """Open the app on the journal (or the demo's) and return its exit code."""
    from healjournal.machine.config import config_path, load_setup

    # The config is read before the app starts; one with a mistake opens the
    # app with the defaults, and a notification says what is wrong.
    setup = load_setup(config_path(getattr(args, "config", None)))
    if args.demo:
        return _run_demo(args, setup)
    from healjournal.storage import crypto

    # The journal is read by the app, behind its first frame: a broken one
    # closes it at once with the same one line and exit code 2. Only the
    # header of an encrypted one is checked here, before the lock screen asks
    # for a passphrase that could not open it anyway.
    path = opening.journal_file(args)
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
    from healjournal.tui.app import run as run_app  # Textual only here

    return run_app(path, collector_paused=True, setup=setup)


def _run_demo(args: argparse.Namespace, setup: Setup) -> int:
    """Build the demo journal in a folder of its own, open it, then remove it.
    It takes the config's theme and keys, and never writes the config."""
    import shutil

    from healjournal.demo import build_demo_journal, demo_journal_path

    person = demo_person(args)
    path = demo_journal_path()
    try:
        build_demo_journal(path, get_clock().today(), person=person)
        from healjournal.tui.app import run as run_app

        return run_app(path, demo=True, setup=setup)
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)


def demo_person(args: argparse.Namespace) -> Person:
    """Who the demo's writer is getting over: the person chosen in the user's
    own journal, if it can be read without a passphrase, else the default.

    The journal is opened read-only, so nothing is written and no lock is
    taken; a missing, encrypted or unreadable one is simply not asked.
    """
    from healjournal.domain.person import Person
    from healjournal.errors import HealJournalError

    path = opening.journal_file(args)
    if not path.is_file() or opening.encrypted(path):
        return Person()
    from healjournal.storage.journal import Journal

    try:
        journal = Journal.open(path, clock=get_clock(), read_only=True)
        try:
            return Person.from_settings(journal.settings())
        finally:
            journal.close()
    except (HealJournalError, OSError, ValueError):
        return Person()
