"""HealJournalApp: today's page, one keystroke away.

The app itself holds the screens and the keys; the lock (locking.py), every
way of leaving (leaving.py) and the config file's theme, keys and lock minutes
(configured.py) are mixed in.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen

from healjournal.clock import Clock, get_clock
from healjournal.domain.person import Person
from healjournal.machine.config import Setup
from healjournal.storage.files import write_problem
from healjournal.storage.journal import Journal
from healjournal.tui.collector import resume_collector
from healjournal.tui.configured import Configured
from healjournal.tui.leaving import Leaving
from healjournal.tui.locking import IDLE_CHECK_SECONDS, Locking, starts_encrypted
from healjournal.tui.screens.main import MainScreen

#: The app's title in the demo, in the top bar's place and the window's.
DEMO_TITLE = "healjournal demo · nothing is kept"


class HealJournalApp(Locking, Leaving, Configured):
    """The full-screen journal over one journal file."""

    TITLE = "healjournal"
    CSS_PATH = "styles/app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        # Priority, so help and the urge screen are one key away from every
        # screen and dialog too (neither key is one that typing uses).
        Binding("f1", "help", "Help", priority=True, id="help"),
        Binding("f8", "urge", "I want to text {them}", priority=True, id="urge"),
        Binding(
            "question_mark", "help_outside_editor", "Help", show=False, id="help.key"
        ),
        # Priority, so it locks from any dialog too (typing never uses it).
        Binding("ctrl+l", "lock", "Lock", show=False, priority=True, id="lock"),
    ]

    person: reactive[Person] = reactive(Person("they"), init=False)
    """Who the person is getting over, as the app speaks of them (see
    tui/speaking.py); read from the journal's settings with its first read.
    Until then, "them": whoever they are, never a pronoun they did not choose
    (a journal without a choice then says "him", the brief's default)."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Clock | None = None,
        journal: Journal | None = None,
        collector_paused: bool = False,
        demo: bool = False,
        setup: Setup | None = None,
    ) -> None:
        """The app on the journal at `path` (or `journal`, already opened on it).

        With `collector_paused`, the garbage collector was paused for the
        start (see collector.py) and is resumed once the first frame is drawn.
        With `demo`, the journal is the made-up one, deleted on quitting: the
        app says so everywhere, and offers the words typed before it goes.
        `setup`: the config file, as read before the app starts (by default
        it is read now).
        """
        super().__init__()
        self._collector_paused = collector_paused
        self.clock = clock or get_clock()
        # A journal on a read-only disk (a backup drive, a snapshot) or in a
        # folder this account cannot write to opens to read: the top bar says
        # so, and what is typed stays on screen, never saved nor lost quietly.
        self.journal = journal or Journal(
            path, clock=self.clock, read_only=write_problem(path) is not None
        )
        self._quitting = False
        self.encrypted = starts_encrypted(self.journal.path)
        self._touched()
        self.farewell = None
        self.goodbye = None
        self._person_restored = False
        self._hanging_up = False
        self.demo = demo
        if demo:
            self.title = DEMO_TITLE
        self._configure(setup)

    def get_default_screen(self) -> Screen:
        """The main screen opens straight on today's page; an encrypted journal
        first asks for its passphrase (with nothing of it beneath)."""
        if self.encrypted:
            return Screen(id="_default")
        return MainScreen(self.journal, self.clock.today(), demo=self.demo)

    def on_mount(self) -> None:
        """Ask for the passphrase of an encrypted journal; save on a hang-up."""
        if self._collector_paused:
            self.call_after_refresh(self._first_frame_drawn)
        self._configured()
        if self.encrypted:
            from healjournal.tui.screens.lock import LockScreen

            self.push_screen(LockScreen(self.journal, first=True))
            self.set_interval(IDLE_CHECK_SECONDS, self.lock_if_idle, name="idle-lock")
        if self.demo and not self.is_headless and self._driver is not None:
            # The window's title says "demo" too: the terminal's own is kept
            # on its title stack, and given back on leaving.
            self._driver.write(f"\x1b[22;0t\x1b]2;{DEMO_TITLE}\x07")
        self._catch_hang_up()

    def _first_frame_drawn(self) -> None:
        if self._collector_paused:
            self._collector_paused = False
            resume_collector()

    def on_unmount(self) -> None:
        """Give the signals (and the window's title) back."""
        if self.demo and not self.is_headless and self._driver is not None:
            self._driver.write("\x1b[23;0t")
        self._release_hang_up()

    def use_saved_person(self, settings: Mapping[str, object]) -> None:
        """Speak of the ex as the journal's settings say (the main screen's
        first read brings them), unless the person chose meanwhile; once."""
        if not self._person_restored:
            self._person_restored = True
            self.person = Person.from_settings(settings)

    def watch_person(self) -> None:
        """Everything on screen speaks again: every screen's keys, and the
        widgets watching `person`."""
        self._person_restored = True  # a choice made now is not undone by a read
        for screen in self.screen_stack:
            screen.refresh_bindings()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every journal action, the colour themes, and quit.

        Textual's own extras are left out on purpose: "Screenshot" would write
        the journal's words to a file outside the private folder.
        """
        if self.locked:
            # Nothing of the journal while it is locked: help, colours and quit.
            yield SystemCommand(
                "Help",
                "Every key, and what to do when it's too much (F1)",
                self.action_help,
            )
        else:
            from healjournal.tui.commands import journal_commands

            yield from journal_commands(screen)
        if self.encrypted and not self.locked:
            yield from self.lock_commands()
        yield SystemCommand(
            "Colour theme",
            "Change the colours (remembered); the default is marked",
            self.action_change_theme,
        )
        yield SystemCommand(
            "Quit", "Save everything and leave (Ctrl+Q)", self.action_quit
        )

    def action_change_theme(self) -> None:
        """The colour themes, searchable, the default first and named so."""
        from textual.command import CommandPalette

        from healjournal.tui.commands import ColourThemes

        self.push_screen(
            CommandPalette(providers=[ColourThemes], placeholder="Search the colours…")
        )

    def action_help(self) -> None:
        """Show every key, and where to find real help (F1 again closes it)."""
        from healjournal.tui.screens.help import HelpScreen  # Markdown: load on use

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen())

    def action_urge(self) -> None:
        """I want to text them: the urge screen, over whatever is showing."""
        main = self._main()
        if main is not None:
            main.action_urge()

    def action_help_outside_editor(self) -> None:
        """`?` opens help, except while writing (where it is a question mark)."""
        if self.focused is not None and self.focused.id == "page-text":
            self.focused.insert("?")  # type: ignore[attr-defined]
            return
        self.action_help()


def run(
    path: Path,
    *,
    collector_paused: bool = False,
    demo: bool = False,
    setup: Setup | None = None,
) -> int:
    """Run the app on the journal at `path`; return the exit code.

    The app reads and checks the journal itself, after its first frame, and
    closes with exit code 2 and one line on stderr if it cannot be read.
    `collector_paused`: the caller paused the garbage collector for the start.
    `setup`: the config file, read before the app starts.
    """
    app = HealJournalApp(
        path, collector_paused=collector_paused, demo=demo, setup=setup
    )
    app.run()
    if app.farewell:
        print(f"healjournal: {app.farewell}", file=sys.stderr)
    if app.goodbye:
        print(app.goodbye)
    return app.return_code or 0
