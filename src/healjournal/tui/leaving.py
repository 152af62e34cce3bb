"""How the app ends: quitting, the demo's goodbye, a hang-up, a crash.

`Leaving` is mixed into HealJournalApp. Whichever way the app ends, the
words typed are saved first, or the person is asked before they are lost.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from healjournal.errors import HealJournalError
from healjournal.storage.journal import Journal
from healjournal.tui.locking import starts_encrypted
from healjournal.tui.screens.main import MainScreen

if TYPE_CHECKING:
    from healjournal.clock import Clock

__all__ = ["HANG_UP_GRACE_SECONDS", "Leaving"]

#: After a hang-up has saved everything, how long closing may take before the
#: process ends anyway.
HANG_UP_GRACE_SECONDS = 5.0


class Leaving(App[None]):
    """Quit, hang-up and crash handling for HealJournalApp."""

    clock: Clock
    journal: Journal
    #: A line for the terminal once the app has closed (why it closed).
    farewell: str | None = None
    #: A line for the terminal once the app has closed well (stdout).
    goodbye: str | None = None
    _quitting = False
    _hanging_up = False
    #: The signal handlers in place before the app caught SIGHUP and SIGTERM.
    _previous_handlers: dict[signal.Signals, object]

    def _catch_hang_up(self) -> None:
        """Save on a hang-up (SIGHUP) or a polite kill (SIGTERM)."""
        # The loop runs the hang-up's work as one of its callbacks, never
        # inside the signal itself: a signal can land while this thread holds
        # a lock (the terminal writer's queue), and a handler that wrote or
        # exited from there waited on that lock for ever.
        self._previous_handlers = {}
        if threading.current_thread() is threading.main_thread():
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGHUP, signal.SIGTERM):
                self._previous_handlers[signum] = signal.getsignal(signum)
                loop.add_signal_handler(signum, self._hang_up)

    def _release_hang_up(self) -> None:
        """Give the signals back."""
        if self._previous_handlers:
            loop = asyncio.get_running_loop()
            for signum, handler in self._previous_handlers.items():
                loop.remove_signal_handler(signum)
                signal.signal(signum, handler)

    def _hang_up(self, *_: object) -> None:
        """The terminal closed (or someone asked us to stop): there is no time
        for the save queue, so write what is unsaved now, then leave."""
        if self._hanging_up:
            return
        self._hanging_up = True
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.hold_saves()
        self._hand_over_letters()
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.save_everything_now()
        # Everything is written. Should closing a terminal that is gone stall
        # (a write nobody reads), the process still ends: never left behind.
        if not self.is_headless:
            ending = threading.Timer(HANG_UP_GRACE_SECONDS, os._exit, (0,))
            ending.daemon = True
            ending.start()
        self.exit()

    def _fatal_error(self) -> None:
        """Leave after an unhandled error, with a traceback but none of its
        local variables: they may hold the journal's words, and a traceback
        is printed to the terminal (Textual's own shows them)."""
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None)
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options))
        )
        self._close_messages_no_wait()

    def _main(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def _hand_over_letters(self) -> None:
        """Put the words of any letter being written into the save queue."""
        for screen in self.screen_stack:
            save_draft = getattr(screen, "save_draft", None)
            if callable(save_draft):
                save_draft()

    def _leave_demo(self, typed: str) -> None:
        """Quitting the demo with words typed: copy them, keep them, or not."""
        from healjournal.storage.paths import journal_path
        from healjournal.tui.dialogs.demo_quit import LeaveDemo, LeaveDemoDialog

        own = journal_path()

        def answered(choice: LeaveDemo | None) -> None:
            self._quitting = False
            if choice is LeaveDemo.COPY:
                self.copy_to_clipboard(typed)
                # Printed as well: not every terminal lets an app copy.
                self.goodbye = (
                    "Your words from the healjournal demo (also on the clipboard, "
                    f"if your terminal allows it):\n\n{typed}"
                )
                self.exit()
            elif choice is LeaveDemo.KEEP:
                self.keep_demo_words(own, typed)
            elif choice is LeaveDemo.DROP:
                self.exit()

        self.push_screen(
            LeaveDemoDialog(len(typed.split()), can_keep=not starts_encrypted(own)),
            answered,
        )

    @work(thread=True, group="demo")
    def keep_demo_words(self, own: Path, typed: str) -> None:
        """Add the demo's words to the person's own journal, as today's page."""
        try:
            journal = Journal.open(own, clock=self.clock)
            try:
                journal.add_entry(typed, day=self.clock.today())
            finally:
                journal.close()
        except (HealJournalError, OSError) as error:
            self.call_from_thread(
                self.notify,
                f"{error}. Your words are still here: copy them instead.",
                title="Not added to your journal",
                severity="error",
                timeout=10,
            )
            return
        self.call_from_thread(self._kept_demo_words, own)

    def _kept_demo_words(self, own: Path) -> None:
        self.goodbye = f"Your words from the demo are in your journal: {own}"
        self.exit()

    async def action_quit(self) -> None:
        """Save everything, then leave; ask before dropping words that won't save."""
        if self._quitting:
            return
        main = self._main()
        if main is None:
            self.exit()
            return
        self._quitting = True
        self._hand_over_letters()
        problem = await main.flush()
        if problem is None and main.demo_words is not None:
            typed = main.demo_words.typed()
            if typed:
                self._leave_demo(typed)
                return
        if problem is None:
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            self._quitting = False
            if quit_anyway:
                unreadable = main.read_failed
                if unreadable:  # the journal never opened: say so, as at the start
                    self.farewell = unreadable
                self.exit(return_code=2 if unreadable else 0)

        from healjournal.tui.dialogs.confirm import ConfirmDialog

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
