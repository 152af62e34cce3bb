"""How long the urge screen waits before it asks "Do you still want to?"."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Input, Label, Static

from healjournal.insight.urge import DEFAULT_MINUTES, MAX_MINUTES
from healjournal.tui.dialogs.base import Dialog
from healjournal.tui.speaking import speak

__all__ = ["MinutesDialog"]


class MinutesDialog(Dialog[int | None]):
    """How many minutes the urge screen waits: 1 to MAX_MINUTES; None to leave it."""

    DEFAULT_CSS = """
    MinutesDialog > #box { padding: 1 1 0 1; }
    MinutesDialog #message { padding: 0 1 1 1; }
    MinutesDialog #feedback { padding: 0 1; color: $text-muted; }
    MinutesDialog #feedback.-error { color: $text-error; }
    MinutesDialog #keys { padding: 1 1 0 1; }
    """

    AUTO_FOCUS = "#minutes"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Leave it", id="minutes.cancel"),
    ]

    def __init__(self, current: int = DEFAULT_MINUTES) -> None:
        """Ask for a new wait, starting from `current` minutes."""
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        """The question, the number, the keys and the buttons."""
        with self.box("How long to wait"):
            yield Static(
                speak(
                    self,
                    "How many minutes should the urge screen (F8) give you before "
                    "it asks whether you still want to text {them}?",
                ),
                id="message",
            )
            yield Input(
                str(self.current),
                type="integer",
                max_length=2,
                id="minutes",
            )
            yield Label(
                f"1 to {MAX_MINUTES}. Ten is a good start.", id="feedback", markup=False
            )
            yield self.bar(
                "Enter saves · Esc: leave it",
                Button("Save", variant="primary", id="save"),
                Button("Cancel", id="cancel"),
            )

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Return the number, or say in place why it can't be used."""
        text = self.query_one("#minutes", Input).value.strip()
        minutes = int(text) if text.isdigit() else 0
        if not 1 <= minutes <= MAX_MINUTES:
            feedback = self.query_one("#feedback", Label)
            feedback.update(f"A whole number from 1 to {MAX_MINUTES}, please.")
            feedback.add_class("-error")
            return
        self.dismiss(minutes)
