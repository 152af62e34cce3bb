"""The lock screen: an encrypted journal stays hidden until its passphrase is typed."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from healjournal.errors import HealJournalError, JournalUnreadable, WrongPassphrase
from healjournal.storage.journal import Journal
from healjournal.tui.speaking import SpokenKeys
from healjournal.tui.widgets.footer import KeyFooter

__all__ = ["TRIES", "LockScreen"]

#: Wrong passphrases before healjournal closes.
TRIES = 3


class LockScreen(SpokenKeys, Screen[None]):
    """Covers everything and asks for the passphrase of an encrypted journal.

    Shown at start (`first`) before anything of the journal is read, and on
    "lock now" or after a while idle, over whatever was open. Checking the
    passphrase (scrypt, a third of a second on purpose) runs in a thread; the
    field stays open meanwhile, and a passphrase entered before the check is
    over waits its turn (and counts as a try), so nothing typed is lost.
    """

    DEFAULT_CSS = """
    LockScreen {
        align: center middle;
    }
    LockScreen > #lock-box {
        width: 64;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: round $primary;
        border-title-style: bold;
        background: $surface;
    }
    LockScreen #lock-why {
        margin-bottom: 1;
    }
    LockScreen #lock-status {
        height: auto;
        min-height: 1;
        margin-top: 1;
        color: $text-muted;
    }
    LockScreen #lock-status.-error {
        color: $error;
    }
    """

    AUTO_FOCUS = "#passphrase"

    @dataclass
    class Unlocked(Message):
        """The right passphrase was typed: the journal can be shown."""

        first: bool
        """Whether this was the lock at start (nothing was shown yet)."""

    @dataclass
    class GaveUp(Message):
        """Three wrong passphrases: healjournal closes."""

        first: bool
        """Whether this was the lock at start."""

    @dataclass
    class Unreadable(Message):
        """The passphrase was right but the journal cannot be read (damaged)."""

        problem: str
        """What is wrong, in one line."""

    @dataclass
    class _Checked(Message):
        """What the check of one passphrase found."""

        problem: str | None = None
        wrong: bool = False
        damaged: bool = False

    def __init__(self, journal: Journal, *, first: bool = False) -> None:
        super().__init__()
        self.journal = journal
        self.first = first
        self.tries_left = TRIES
        self._checking = False
        #: Passphrases entered while another was being checked, oldest first.
        self._waiting: deque[str] = deque()

    def compose(self) -> ComposeResult:
        """A box with a word of explanation, the masked passphrase and the status."""
        with Vertical(id="lock-box") as box:
            box.border_title = "Your journal is locked"
            yield Static(
                "It is encrypted. Type your passphrase to open it."
                if self.first
                else "Your journal is hidden, and your words are kept. Type "
                "your passphrase to come back to it.",
                id="lock-why",
            )
            yield Input(
                password=True,
                placeholder="passphrase",
                id="passphrase",
            )
            yield Static("Enter opens · Ctrl+Q quits", id="lock-status")
        yield KeyFooter()

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        passphrase, event.input.value = event.value, ""
        if not passphrase:
            if not self._checking:
                self._say("Type your passphrase, then Enter.")
            return
        if self._checking:
            self._waiting.append(passphrase)
            self._say("Checking… the next passphrase is checked right after.")
            return
        self._start(passphrase)

    def _start(self, passphrase: str) -> None:
        self._checking = True
        self._say("Checking…")
        self.check(passphrase)

    # Named, so the passphrase never appears in the worker's description.
    @work(thread=True, exclusive=True, group="unlock", description="unlock")
    def check(self, passphrase: str) -> None:
        """Derive the key from `passphrase` and check it against the journal."""
        try:
            self.journal.unlock(passphrase)
        except WrongPassphrase:
            self.post_message(self._Checked(wrong=True))
        except JournalUnreadable as error:
            self.post_message(self._Checked(str(error), damaged=True))
        except (HealJournalError, OSError) as error:
            self.post_message(self._Checked(str(error)))
        else:
            self.post_message(self._Checked())

    @on(_Checked)
    def _checked(self, message: _Checked) -> None:
        message.stop()
        self._checking = False
        if message.problem is None and not message.wrong:
            self._waiting.clear()
            self.post_message(self.Unlocked(self.first))
            return
        if message.damaged and self.first:
            self._waiting.clear()
            self.post_message(self.Unreadable(message.problem or ""))
            return
        if message.wrong:
            self.tries_left -= 1
            if self.tries_left == 0:
                self._waiting.clear()
                # Closed for typing while healjournal saves and closes.
                self.query_one("#passphrase", Input).disabled = True
                self._say("That's three wrong tries.", error=True)
                self.post_message(self.GaveUp(self.first))
                return
            left = "one try" if self.tries_left == 1 else f"{self.tries_left} tries"
            why = (
                f"That passphrase doesn't open this journal ({left} left). "
                "Check Caps Lock; passphrases are case-sensitive."
            )
        else:
            why = f"Couldn't open the journal: {message.problem}."
        if self._waiting:
            self._start(self._waiting.popleft())
            self._say(f"{why} Checking the next one…", error=True)
            return
        self._say(why, error=True)
        self._take_typing()

    def keep_trying(self, why: str) -> None:
        """Stay locked after three wrong tries, because closing would lose words."""
        self.tries_left = TRIES
        self._say(
            f"Three wrong tries, but some words aren't saved yet ({why}), so "
            "healjournal stays open, locked, and keeps trying to save them.",
            error=True,
        )
        self._take_typing()

    def _take_typing(self) -> None:
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.focus()

    def _say(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#lock-status", Static)
        status.update(text)
        status.set_class(error, "-error")
