"""The lock over an encrypted journal: Ctrl+L, the idle timer, the passphrase.

`Locking` is mixed into HealJournalApp, next to `Leaving`, whose `_main` and
`_hand_over_letters` it uses: what was typed is saved beneath the lock. It
also gives a plain journal its passphrase from inside the app.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel

from healjournal.domain.visible import visible
from healjournal.machine.config import DEFAULT_LOCK_MINUTES
from healjournal.storage.crypto import file_header
from healjournal.storage.journal import Journal
from healjournal.tui.screens.main import MainScreen

# The lock screen and the dialog are imported on first use: a plain journal's
# first frame needs neither.
if TYPE_CHECKING:
    from healjournal.tui.dialogs.encrypt import EncryptDialog
    from healjournal.tui.screens.lock import LockScreen

__all__ = [
    "IDLE_CHECK_SECONDS",
    "JOURNAL_ACTIONS",
    "LOCK_CHOICES",
    "Locking",
    "starts_encrypted",
]

#: The choices the command palette offers for it.
LOCK_CHOICES = (5, 10, 30, 60, 0)
#: How often the idle time is looked at, in seconds.
IDLE_CHECK_SECONDS = 5.0
#: App actions that show the journal: refused while it is locked.
JOURNAL_ACTIONS = frozenset({"urge"})


class Locking(App[None]):
    """The lock, the idle timer and encryption, for HealJournalApp."""

    journal: Journal
    demo: bool
    #: Whether the journal is encrypted: it opens behind the lock screen.
    encrypted: bool = False
    #: Minutes without a key or a click before the journal locks (0: never):
    #: the config file's lock_minutes, else the default.
    lock_after_minutes: float = DEFAULT_LOCK_MINUTES
    _last_input: float = 0.0

    if TYPE_CHECKING:

        def write_config(self, changes: Mapping[str, object]) -> bool:
            """Save `changes` to the config file (configured.py)."""
            ...

    def _touched(self) -> None:
        """A key or a click now: the idle time counts from here."""
        self._last_input = monotonic()

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
            self._touched()
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
        self._touched()
        self.set_interval(IDLE_CHECK_SECONDS, self.lock_if_idle, name="idle-lock")
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

        self._touched()
        if not self.locked:
            return
        while not isinstance(self.screen, LockScreen):
            self.pop_screen()  # help, opened over the lock while it checked
        if message.first:
            self.switch_screen(MainScreen(self.journal, self.clock.today()))
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
    def save_lock_setting(self, minutes: int) -> None:
        """Remember how long the journal may stay idle before it locks, in
        the config file: this machine's setting. It applies at once; a config
        that cannot be written (a mistake in it) keeps it for this session
        only, and says so."""
        kept = self.write_config({"lock_minutes": minutes})
        self.call_from_thread(setattr, self, "lock_after_minutes", minutes)
        if not kept:
            return  # write_config said why it is not kept
        self.call_from_thread(
            self.notify,
            f"healjournal locks itself after {_minutes(minutes)} without a key "
            "or a click. Ctrl+L locks it at once."
            if minutes
            else "healjournal no longer locks itself when idle. Ctrl+L still "
            "locks it at once.",
        )

    def lock_commands(self) -> Iterable[SystemCommand]:
        """The palette's choices of how long the journal may stay idle."""
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


def starts_encrypted(path: Path) -> bool:
    """Whether the journal at `path` is encrypted (False if it cannot be read)."""
    try:
        return file_header(path) is not None
    except OSError:
        return False  # the journal says what is wrong when it is read


def _minutes(minutes: float) -> str:
    return f"{minutes:g} minute{'s' if minutes != 1 else ''}"
