"""The unsent letter: everything you wanted to tell him, kept here, sent nowhere."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

__all__ = ["LetterScreen"]


class LetterScreen(ModalScreen[str | None]):
    """A big page for an unsent letter; returns its text, or None if it is empty.

    Escape keeps the words too: closing the letter never throws anything away.
    """

    DEFAULT_CSS = """
    LetterScreen {
        align: center middle;
    }
    LetterScreen > #box {
        width: 100%;
        max-width: 100;
        height: 100%;
        max-height: 36;
        padding: 0 1;
        border: round $accent;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
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
        height: auto;
    }
    LetterScreen #keys {
        width: 1fr;
        padding: 1 1 0 1;
        color: $text-muted;
    }
    """

    AUTO_FOCUS = "#letter"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "keep", "Keep it", id="letter.keep"),
        Binding("escape", "keep", "Keep it and close", id="letter.close"),
    ]

    def __init__(self, initial: str = "") -> None:
        """A letter page, starting with `initial` (a letter being carried on)."""
        super().__init__()
        self.initial = initial

    def compose(self) -> ComposeResult:
        """The header, the page, the keys and the button."""
        with Vertical(id="box") as box:
            box.border_title = "Unsent letter"
            yield Static(
                "Write exactly what you want to tell him. It stays here, "
                "and it is never sent anywhere.",
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
            with Horizontal(id="bottom"):
                yield Label("Esc or Ctrl+S keeps it and closes", id="keys")
                yield Button("Keep it", variant="primary", id="keep")

    def on_mount(self) -> None:
        """Put the cursor after any words already there, to carry on writing."""
        letter = self.query_one("#letter", TextArea)
        letter.move_cursor(letter.document.end)

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Close, keeping the letter; None only when nothing is written."""
        text = self.query_one("#letter", TextArea).text.rstrip()
        self.dismiss(text if text.strip() else None)
