"""The unsent letter: everything you wanted to tell them, kept here, sent nowhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import Button, Static, TextArea

from healjournal.tui.dialogs.base import Dialog
from healjournal.tui.speaking import speak

__all__ = ["LetterScreen"]

#: Seconds of quiet before the letter's words are handed over to be saved.
DRAFT_DELAY = 1.0


class LetterScreen(Dialog[str | None]):
    """A big page for an unsent letter; returns its text, or None if it is empty.

    Escape keeps the words too: closing the letter never throws anything away.
    """

    DEFAULT_CSS = """
    LetterScreen > #box {
        width: 100%;
        max-width: 100;
        height: 100%;
        max-height: 36;
        padding: 0 1;
        border-subtitle-color: $text-muted;
    }
    LetterScreen #header {
        width: 1fr;
        height: auto;
        padding: 1 1;
    }
    LetterScreen #letter {
        height: 1fr;
    }
    LetterScreen #bottom {
        margin-top: 0;
    }
    LetterScreen #keys {
        padding: 1 1 0 1;
    }
    LetterScreen #bottom Button {
        margin-left: 0;
    }
    """

    AUTO_FOCUS = "#letter"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "keep", "Keep it", id="letter.keep"),
        Binding("escape", "keep", "Keep it and close", id="letter.close"),
    ]

    def __init__(
        self, initial: str = "", *, on_draft: Callable[[str], None] | None = None
    ) -> None:
        """A letter page, starting with `initial` (a letter being carried on).

        `on_draft` receives the text a second after typing stops and before
        the letter closes, so a quit or a crash never takes the words.
        """
        super().__init__()
        self.initial = initial
        self._on_draft = on_draft
        self._timer: Timer | None = None
        self._sent = initial

    def compose(self) -> ComposeResult:
        """The header, the page, the keys and the button."""
        with self.box("Unsent letter"):
            yield Static(
                speak(
                    self,
                    "Write exactly what you want to tell {them}. It stays here, "
                    "and it is never sent anywhere.",
                ),
                id="header",
            )
            yield TextArea(
                self.initial,
                soft_wrap=True,
                tab_behavior="focus",
                highlight_cursor_line=False,
                placeholder="Dear…",
                id="letter",
            )
            yield self.bar(
                "Esc or Ctrl+S keeps it and closes",
                Button("Keep it", variant="primary", id="keep"),
            )

    def on_mount(self) -> None:
        """Put the cursor after any words already there, to carry on writing."""
        letter = self.query_one("#letter", TextArea)
        letter.move_cursor(letter.document.end)

    @on(TextArea.Changed, "#letter")
    def _typed(self) -> None:
        if self._on_draft is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DRAFT_DELAY, self.save_draft)

    def save_draft(self) -> None:
        """Hand the words over to be saved now, if they changed."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text = self.query_one("#letter", TextArea).text.rstrip()
        if self._on_draft is not None and text != self._sent:
            self._sent = text
            self._on_draft(text)

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Close, keeping the letter; None only when nothing is written."""
        self.save_draft()
        text = self.query_one("#letter", TextArea).text.rstrip()
        self.dismiss(text if text.strip() else None)
