"""Jump to a day typed in words, and the day field the other dialogs share."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Input, Label

from healjournal.errors import InputError
from healjournal.tui.dialogs.base import Dialog
from healjournal.tui.widgets.day_field import DayField

__all__ = ["JumpToDate"]


class JumpToDate(Dialog[date | None]):
    """Ask for a day in words and return it; days after today are refused."""

    DEFAULT_CSS = """
    JumpToDate > #box {
        width: 70;
        padding: 0 1;
    }
    JumpToDate #prompt {
        padding: 1 1 0 1;
    }
    JumpToDate #keys {
        padding: 1 1 0 1;
    }
    """

    AUTO_FOCUS = "#day"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Stay here", id="jump.cancel"),
    ]

    def __init__(self, today: date) -> None:
        """A dialog that reads days counted from `today`."""
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        """A prompt, the day field, the keys and two buttons."""
        with self.box("Jump to a day"):
            yield Label("Which day? Words are fine.", id="prompt")
            yield DayField(
                self.today,
                placeholder="yesterday, last friday, oct 3",
                allow_future=False,
                empty_hint="e.g. yesterday, 3 days ago, last friday, oct 3",
                input_id="day",
            )
            yield self.bar(
                "Enter goes there · Esc stays",
                Button("Go", variant="primary", id="go"),
                Button("Cancel", id="cancel"),
            )

    @on(Input.Submitted)
    @on(Button.Pressed, "#go")
    def action_go(self) -> None:
        """Jump to the day typed, or say in place why not."""
        try:
            day = self.read_day()
        except InputError:
            return
        self.dismiss(day)
