"""Give a plain journal a passphrase, from inside the app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Button, Input, Static

from healjournal.domain.passphrase import passphrase_advice
from healjournal.errors import HealJournalError
from healjournal.storage.crypto import file_header
from healjournal.storage.journal import Journal
from healjournal.tui.dialogs.base import Dialog

__all__ = ["MIN_PASSPHRASE", "EncryptDialog"]

#: The shortest passphrase taken: the same as `healjournal encrypt` asks for.
MIN_PASSPHRASE = 8

_WHY = (
    "With a passphrase, nobody can read your journal, even with the file in "
    "hand. healjournal asks for it each time it opens, and Ctrl+L hides "
    "everything until it is typed again. Nobody can recover a forgotten "
    "passphrase, healjournal included: keep it somewhere safe."
)


class EncryptDialog(Dialog[bool]):
    """Ask for a new passphrase twice, then encrypt the open journal with it.

    The encryption (scrypt, then the journal and its backups written again)
    runs in a thread while the dialog says so. Once the journal is encrypted
    it posts `Encrypted` at once, and closes with True as soon as it is on
    top again (help or the urge screen may have been opened over it
    meanwhile); False if cancelled. A passphrase that is easy to guess gets a
    word of advice, and is taken only after a second Enter.
    """

    DEFAULT_CSS = """
    EncryptDialog > #box {
        width: 68;
    }
    EncryptDialog #why {
        height: auto;
        margin-bottom: 1;
    }
    EncryptDialog #advice {
        height: auto;
        min-height: 1;
        margin-top: 1;
        color: $text-muted;
    }
    EncryptDialog #advice.-warning {
        color: $text-warning;
    }
    EncryptDialog #advice.-error {
        color: $text-error;
    }
    """

    AUTO_FOCUS = "#passphrase"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="encrypt.cancel"),
    ]

    @dataclass
    class Encrypted(Message):
        """The open journal is encrypted now: it must be treated as such."""

        problem: str | None
        """Why some backups are still plain text, if they are."""

    @dataclass
    class _Done(Message):
        """How the encryption went."""

        problem: str | None
        """What went wrong, if anything."""
        encrypted: bool
        """Whether the journal itself is encrypted now (its backups may not be)."""

    def __init__(self, journal: Journal) -> None:
        """A dialog that encrypts `journal`, the one the app has open."""
        super().__init__()
        self.journal = journal
        self._working = False
        #: A passphrase easy to guess that the person was warned about.
        self._warned: str | None = None
        self._finished = False

    def compose(self) -> ComposeResult:
        """Why, the passphrase twice, a line of advice, the keys and two buttons."""
        with self.box("Encrypt your journal"):
            yield Static(_WHY, id="why", markup=False)
            yield Input(password=True, placeholder="a new passphrase", id="passphrase")
            yield Input(password=True, placeholder="the same again", id="again")
            yield Static(
                "A few unrelated words you'll remember work well.",
                id="advice",
                markup=False,
            )
            yield self.bar(
                "Enter goes on · Esc cancels",
                Button("Encrypt", variant="primary", id="encrypt"),
                Button("Cancel", id="cancel"),
            )

    @on(Input.Changed, "#passphrase")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        advice = passphrase_advice(event.value) if event.value else None
        if advice:
            self._say(f"{advice[0].upper()}{advice[1:]}.", "-warning")
        else:
            self._say("A few unrelated words you'll remember work well.")

    @on(Input.Submitted, "#passphrase")
    def _first_given(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#again", Input).focus()

    @on(Input.Submitted, "#again")
    @on(Button.Pressed, "#encrypt")
    def action_encrypt(self) -> None:
        """Encrypt with the passphrase typed twice, or say in place why not."""
        if self._working:
            return
        first = self.query_one("#passphrase", Input)
        again = self.query_one("#again", Input)
        passphrase = first.value
        if not passphrase:
            first.focus()
            self._say("Type a passphrase, then the same again.", "-error")
            return
        if len(passphrase) < MIN_PASSPHRASE:
            first.focus()
            self._say(
                f"A passphrase needs at least {MIN_PASSPHRASE} characters; a few "
                "words you will remember work best.",
                "-error",
            )
            return
        if again.value != passphrase:
            again.value = ""
            again.focus()
            self._say("The two are not the same: type it again below.", "-error")
            return
        advice = passphrase_advice(passphrase)
        if advice and self._warned != passphrase:
            self._warned = passphrase
            self._say(
                f"{advice[0].upper()}{advice[1:]}. Enter again to use it anyway.",
                "-warning",
            )
            return
        self._working = True
        for widget in self.query("Input, Button"):
            widget.disabled = True
        self._say("Encrypting… a moment.")
        self.encrypt(passphrase)

    # Named, so the passphrase never appears in the worker's description.
    @work(thread=True, exclusive=True, group="encrypt", description="encrypt")
    def encrypt(self, passphrase: str) -> None:
        """Encrypt the journal and its backups with `passphrase`."""
        try:
            self.journal.encrypt(passphrase)
        except (HealJournalError, OSError) as error:
            # The journal is written first, then each backup: a backup that
            # failed leaves the journal encrypted all the same.
            try:
                encrypted = file_header(self.journal.path) is not None
            except OSError:
                encrypted = False
            self.post_message(self._Done(str(error), encrypted))
        else:
            self.post_message(self._Done(None, True))

    @on(_Done)
    def _done(self, message: _Done) -> None:
        message.stop()
        self._working = False
        if message.encrypted:
            self._finished = True
            self.post_message(self.Encrypted(message.problem))
            if self.is_active:
                self.dismiss(True)
            return
        for widget in self.query("Input, Button"):
            widget.disabled = False
        self.query_one("#passphrase", Input).focus()
        self._say(
            f"Couldn't encrypt the journal: {message.problem}. It is as it was.",
            "-error",
        )

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Close once on top again, if the journal was encrypted meanwhile."""
        if self._finished:
            self.dismiss(True)

    def action_cancel(self) -> None:
        """Close without encrypting (not while the journal is being written)."""
        if not self._working:
            self.dismiss(False)

    def _say(self, text: str, kind: str = "") -> None:
        advice = self.query_one("#advice", Static)
        advice.update(text)
        advice.set_class(kind == "-warning", "-warning")
        advice.set_class(kind == "-error", "-error")
