"""HealJournalApp: today's page, one keystroke away."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from healjournal.clock import Clock, get_clock
from healjournal.commands import journal_commands
from healjournal.dialogs.confirm import ConfirmDialog
from healjournal.errors import HealJournalError
from healjournal.screens.help import HelpScreen
from healjournal.screens.main import MainScreen
from healjournal.storage.journal import Journal


class HealJournalApp(App[None]):
    """The full-screen journal over one journal file."""

    TITLE = "healjournal"
    CSS_PATH = "styles/app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        Binding("f1", "help", "Help", id="help"),
        Binding(
            "question_mark", "help_outside_editor", "Help", show=False, id="help.key"
        ),
    ]

    def __init__(self, path: Path, *, clock: Clock | None = None) -> None:
        super().__init__()
        self.clock = clock or get_clock()
        self.journal = Journal(path, clock=self.clock)
        self._quitting = False

    def get_default_screen(self) -> Screen:
        """The main screen opens straight on today's page."""
        return MainScreen(self.journal, self.clock.today())

    def on_mount(self) -> None:
        """Bring back the colour theme chosen last time; save on a hang-up."""
        self.restore_theme()
        self._previous_handlers = {}
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGHUP, signal.SIGTERM):
                self._previous_handlers[signum] = signal.signal(signum, self._hang_up)

    def on_unmount(self) -> None:
        """Give the signals back."""
        for signum, handler in self._previous_handlers.items():
            signal.signal(signum, handler)

    def _hang_up(self, signum: int, frame: object) -> None:
        # The terminal closed (or someone asked us to stop): there is no time
        # for the save queue, so write what is unsaved now, then leave.
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.hold_saves()
        self._hand_over_letters()
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.save_everything_now()
        self.exit()

    @work(thread=True, group="settings")
    def restore_theme(self) -> None:
        """Read the saved theme off the UI thread."""
        try:
            theme = self.journal.get_setting("theme")
        except HealJournalError:
            return
        if theme and theme in self.available_themes:
            self.call_from_thread(setattr, self, "theme", theme)
        self.call_from_thread(self._watch_theme_changes)

    def _watch_theme_changes(self) -> None:
        self.theme_changed_signal.subscribe(
            self, lambda theme: self.save_theme(theme.name)
        )

    @work(thread=True, group="settings")
    def save_theme(self, name: str) -> None:
        """Remember the theme for next time."""
        try:
            self.journal.set_setting("theme", name)
        except HealJournalError as error:
            self.call_from_thread(self.notify, str(error), severity="error")

    def _hand_over_letters(self) -> None:
        """Put the words of any letter being written into the save queue."""
        for screen in self.screen_stack:
            save_draft = getattr(screen, "save_draft", None)
            if callable(save_draft):
                save_draft()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every journal action, the colour themes, and quit.

        Textual's own extras are left out on purpose: "Screenshot" would write
        the journal's words to a file outside the private folder.
        """
        yield from journal_commands(screen)
        yield SystemCommand(
            "Colour theme", "Change the colours (remembered)", self.action_change_theme
        )
        yield SystemCommand(
            "Quit", "Save everything and leave (Ctrl+Q)", self.action_quit
        )

    def action_help(self) -> None:
        """Show every key, and where to find real help."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_help_outside_editor(self) -> None:
        """`?` opens help, except while writing (where it is a question mark)."""
        if self.focused is not None and self.focused.id == "page-text":
            self.focused.insert("?")  # type: ignore[attr-defined]
            return
        self.action_help()

    async def action_quit(self) -> None:
        """Save everything, then leave; ask before dropping words that won't save."""
        if self._quitting:
            return
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is None:
            self.exit()
            return
        self._quitting = True
        self._hand_over_letters()
        problem = await main.flush()
        if problem is None:
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            self._quitting = False
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmDialog(
                "Your words aren't saved",
                f"healjournal couldn't save: {problem}. Your text is still on the "
                "page. Quit anyway and lose what isn't saved?",
                confirm="Quit and lose it",
                cancel="Stay",
                danger=True,
            ),
            answered,
        )


def run(path: Path) -> int:
    """Run the app on the journal at `path`; return the exit code."""
    HealJournalApp(path).run()
    return 0
