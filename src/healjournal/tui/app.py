"""HealJournalApp: today's page, one keystroke away."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from healjournal.clock import Clock, get_clock
from healjournal.domain.visible import visible
from healjournal.errors import HealJournalError
from healjournal.storage.crypto import file_header
from healjournal.storage.files import write_problem
from healjournal.storage.journal import Journal
from healjournal.tui.collector import resume_collector
from healjournal.tui.screens.main import MainScreen

# The lock screen, the command palette's commands and the dialogs are imported
# on first use: a plain journal's first frame needs none of them.
if TYPE_CHECKING:
    from healjournal.tui.dialogs.encrypt import EncryptDialog
    from healjournal.tui.screens.lock import LockScreen

#: The journal setting that says after how many idle minutes an encrypted
#: journal locks itself (0: never), and its default.
LOCK_SETTING = "lock_after_minutes"
LOCK_AFTER_MINUTES = 10
#: The choices the command palette offers for it.
LOCK_CHOICES = (5, 10, 30, 60, 0)
#: How often the idle time is looked at, in seconds.
IDLE_CHECK_SECONDS = 5.0
#: The app's title in the demo, in the top bar's place and the window's.
DEMO_TITLE = "healjournal demo · nothing is kept"
#: After a hang-up has saved everything, how long closing may take before the
#: process ends anyway.
HANG_UP_GRACE_SECONDS = 5.0
#: App actions that show the journal: refused while it is locked.
JOURNAL_ACTIONS = frozenset({"urge"})


class HealJournalApp(App[None]):
    """The full-screen journal over one journal file."""

    TITLE = "healjournal"
    CSS_PATH = "styles/app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        # Priority, so help and the urge screen are one key away from every
        # screen and dialog too (neither key is one that typing uses).
        Binding("f1", "help", "Help", priority=True, id="help"),
        Binding("f8", "urge", "I want to text him", priority=True, id="urge"),
        Binding(
            "question_mark", "help_outside_editor", "Help", show=False, id="help.key"
        ),
        # Priority, so it locks from any dialog too (typing never uses it).
        Binding("ctrl+l", "lock", "Lock", show=False, priority=True, id="lock"),
    ]

    def __init__(
        self,
        path: Path,
        *,
        clock: Clock | None = None,
        journal: Journal | None = None,
        collector_paused: bool = False,
        demo: bool = False,
    ) -> None:
        """The app on the journal at `path` (or `journal`, already opened on it).

        With `collector_paused`, the garbage collector was paused for the
        start (see collector.py) and is resumed once the first frame is drawn.
        With `demo`, the journal is the made-up one, deleted on quitting: the
        app says so everywhere, and offers the words typed before it goes.
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
        #: Whether the journal is encrypted: it opens behind the lock screen.
        self.encrypted = _starts_encrypted(self.journal.path)
        #: Minutes without a key or a click before the journal locks (0: never).
        self.lock_after_minutes: float = LOCK_AFTER_MINUTES
        self._last_input = monotonic()
        #: A line for the terminal once the app has closed (why it closed).
        self.farewell: str | None = None
        #: A line for the terminal once the app has closed well (stdout).
        self.goodbye: str | None = None
        self._theme_restored = False
        self._hanging_up = False
        self.demo = demo
        if demo:
            self.title = DEMO_TITLE

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
        if self.encrypted:
            from healjournal.tui.screens.lock import LockScreen

            self.push_screen(LockScreen(self.journal, first=True))
            self.set_interval(IDLE_CHECK_SECONDS, self.lock_if_idle, name="idle-lock")
        if self.demo and not self.is_headless and self._driver is not None:
            # The window's title says "demo" too: the terminal's own is kept
            # on its title stack, and given back on leaving.
            self._driver.write(f"\x1b[22;0t\x1b]2;{DEMO_TITLE}\x07")
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

    def _first_frame_drawn(self) -> None:
        if self._collector_paused:
            self._collector_paused = False
            resume_collector()

    def on_unmount(self) -> None:
        """Give the signals (and the window's title) back."""
        if self.demo and not self.is_headless and self._driver is not None:
            self._driver.write("\x1b[23;0t")
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

    def use_saved_theme(self, theme: object) -> None:
        """Bring back the colour theme chosen last time (the main screen reads
        it with the journal), then remember every change; once."""
        if self._theme_restored:
            return
        self._theme_restored = True
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
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

    # -- the lock ------------------------------------------------------------

    @property
    def locked(self) -> bool:
        """Whether the lock screen hides the journal."""
        if not self.encrypted:
            return False
        from healjournal.tui.screens.lock import LockScreen

        return any(isinstance(screen, LockScreen) for screen in self.screen_stack)

    async def on_event(self, event: events.Event) -> None:
        """Note every key, click and paste: the idle lock counts from the last."""
        if isinstance(event, events.Key | events.MouseEvent | events.Paste):
            self._last_input = monotonic()
        await super().on_event(event)

    def action_lock(self) -> None:
        """Hide everything behind the lock screen; what was typed is saved beneath."""
        if not self.encrypted:
            self.notify(
                "Only an encrypted journal can be locked"
                + (
                    "; the demo's is thrown away when you quit."
                    if self.demo
                    else ": “Encrypt…” in Ctrl+P gives it a passphrase."
                ),
                title="No passphrase yet",
            )
            return
        if self.locked:
            return
        self._hand_over_letters()
        self.clear_notifications()
        # Hidden first, at once; saving may take a moment (or fail and retry)
        # and goes on behind the lock screen.
        from healjournal.tui.screens.lock import LockScreen

        self.push_screen(LockScreen(self.journal))
        main = self._main()
        if main is not None:
            self.run_worker(main.flush(), group="lock-flush")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notice; while locked, only errors (a save that failed), which
        never quote the journal."""
        if severity != "error" and self.locked:
            return
        message, title = visible(message), visible(title)  # they may quote words
        super().notify(
            message, title=title, severity=severity, timeout=timeout, markup=markup
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool:
        """While locked, the journal's own actions wait for the passphrase."""
        return not (action in JOURNAL_ACTIONS and self.locked)

    def lock_if_idle(self) -> None:
        """Lock the journal when nobody has touched a key for a while."""
        minutes = self.lock_after_minutes
        if not self.encrypted or self.locked or minutes <= 0:
            return
        if monotonic() - self._last_input >= minutes * 60:
            self.action_lock()

    def action_encrypt(self) -> None:
        """Give a plain journal a passphrase, here, without quitting."""
        if self.encrypted or self.demo:
            self.notify(
                "The demo's journal is thrown away when you quit: there is "
                "nothing to encrypt."
                if self.demo
                else "Your journal is encrypted already. Ctrl+L locks it."
            )
            return
        from healjournal.tui.dialogs.encrypt import EncryptDialog

        self.push_screen(EncryptDialog(self.journal))

    def on_encrypt_dialog_encrypted(self, message: EncryptDialog.Encrypted) -> None:
        """The open journal was encrypted: it locks now like any encrypted one."""
        # The journal kept the key: it goes on saving, encrypted.
        self.encrypted = True
        self._last_input = monotonic()
        self.set_interval(IDLE_CHECK_SECONDS, self.lock_if_idle, name="idle-lock")
        self.read_lock_setting()
        self.notify(
            "healjournal will ask for the passphrase each time it opens. Ctrl+L "
            "locks it now, and it locks itself after a while untouched. Nobody "
            "can recover a forgotten passphrase: keep it somewhere safe.",
            title="Your journal is encrypted",
            timeout=12,
        )
        if message.problem is not None:
            self.notify(
                f"Not every backup could be encrypted: {message.problem}. "
                "healjournal encrypt, run again, finishes them.",
                severity="warning",
                timeout=15,
            )

    # The lock screen's messages are handled by name (on_<screen>_<message>),
    # so it need not be imported for a plain journal.

    def on_lock_screen_unlocked(self, message: LockScreen.Unlocked) -> None:
        """The right passphrase: show the journal (its theme comes with it)."""
        from healjournal.tui.screens.lock import LockScreen

        self._last_input = monotonic()
        if not self.locked:
            return
        while not isinstance(self.screen, LockScreen):
            self.pop_screen()  # help, opened over the lock while it checked
        if message.first:
            self.switch_screen(MainScreen(self.journal, self.clock.today()))
            self.read_lock_setting()
        else:
            self.pop_screen()

    def on_lock_screen_gave_up(self, message: LockScreen.GaveUp) -> None:
        """Three wrong passphrases: close, once what was typed is saved."""
        self.close_after_wrong_tries(message.first)

    @work(group="lock-flush")
    async def close_after_wrong_tries(self, first: bool) -> None:
        """Close after three wrong passphrases, once everything typed is saved."""
        self._hand_over_letters()
        main = self._main()
        problem = await main.flush() if main is not None else None
        from healjournal.tui.screens.lock import LockScreen

        lock = next((s for s in self.screen_stack if isinstance(s, LockScreen)), None)
        if problem is not None and lock is not None:
            lock.keep_trying(problem)
            return
        self.farewell = (
            "three wrong passphrases, so healjournal closed"
            + ("; the journal is unchanged" if first else "; everything was saved")
            + ". Try again when you're ready"
        )
        self.exit(return_code=2)

    def on_lock_screen_unreadable(self, message: LockScreen.Unreadable) -> None:
        """The passphrase was right but the journal is damaged: say so and close."""
        self.farewell = message.problem
        self.exit(return_code=2)

    @work(thread=True, group="settings")
    def read_lock_setting(self) -> None:
        """Read how long the journal may stay idle before it locks."""
        try:
            minutes = self.journal.get_setting(LOCK_SETTING, LOCK_AFTER_MINUTES)
        except HealJournalError:
            return
        if isinstance(minutes, int | float) and not isinstance(minutes, bool):
            self.call_from_thread(setattr, self, "lock_after_minutes", max(minutes, 0))

    @work(thread=True, group="settings")
    def save_lock_setting(self, minutes: int) -> None:
        """Remember how long the journal may stay idle before it locks."""
        try:
            self.journal.set_setting(LOCK_SETTING, minutes)
        except HealJournalError as error:
            self.call_from_thread(self.notify, str(error), severity="error")
            return
        self.call_from_thread(setattr, self, "lock_after_minutes", minutes)
        self.call_from_thread(
            self.notify,
            f"healjournal locks itself after {_minutes(minutes)} without a key "
            "or a click. Ctrl+L locks it at once."
            if minutes
            else "healjournal no longer locks itself when idle. Ctrl+L still "
            "locks it at once.",
        )

    def _main(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

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
            for minutes in LOCK_CHOICES:
                yield SystemCommand(
                    f"Lock when idle: after {_minutes(minutes)}"
                    if minutes
                    else "Lock when idle: never",
                    "How long the journal may stay open untouched"
                    + (" (now)" if minutes == self.lock_after_minutes else ""),
                    partial(self.save_lock_setting, minutes),
                    discover=False,
                )
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
        """I want to text him: the urge screen, over whatever is showing."""
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is not None:
            main.action_urge()

    def action_help_outside_editor(self) -> None:
        """`?` opens help, except while writing (where it is a question mark)."""
        if self.focused is not None and self.focused.id == "page-text":
            self.focused.insert("?")  # type: ignore[attr-defined]
            return
        self.action_help()

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
            LeaveDemoDialog(len(typed.split()), can_keep=not _starts_encrypted(own)),
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
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
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


def _starts_encrypted(path: Path) -> bool:
    try:
        return file_header(path) is not None
    except OSError:
        return False  # the journal says what is wrong when it is read


def _minutes(minutes: float) -> str:
    return f"{minutes:g} minute{'s' if minutes != 1 else ''}"


def run(path: Path, *, collector_paused: bool = False, demo: bool = False) -> int:
    """Run the app on the journal at `path`; return the exit code.

    The app reads and checks the journal itself, after its first frame, and
    closes with exit code 2 and one line on stderr if it cannot be read.
    `collector_paused`: the caller paused the garbage collector for the start.
    """
    app = HealJournalApp(path, collector_paused=collector_paused, demo=demo)
    app.run()
    if app.farewell:
        print(f"healjournal: {app.farewell}", file=sys.stderr)
    if app.goodbye:
        print(app.goodbye)
    return app.return_code or 0
