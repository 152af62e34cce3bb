"""Jump to a day typed in words, and the day field the other dialogs share."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from healjournal.errors import InputError
from healjournal.tui.widgets.day_field import DayField

__all__ = ["JumpToDate"]


class JumpToDate(ModalScreen[date | None]):
    """Ask for a day in words and return it; days after today are refused."""

    DEFAULT_CSS = """
    JumpToDate {
        align: center middle;
    }
    JumpToDate > #box {
        width: 70;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
    }
    JumpToDate #prompt {
        padding: 1 1 0 1;
    }
    JumpToDate #bottom {
        height: auto;
        margin-top: 1;
    }
    JumpToDate #keys {
        width: 1fr;
        padding: 1 1 0 1;
        color: $text-muted;
    }
    JumpToDate #bottom Button {
        margin-left: 1;
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
        with Vertical(id="box") as box:
            box.border_title = "Jump to a day"
            yield Label("Which day? Words are fine.", id="prompt")
            yield DayField(
                self.today,
                placeholder="yesterday, last friday, oct 3",
                allow_future=False,
                empty_hint="e.g. yesterday, 3 days ago, last friday, oct 3",
                input_id="day",
            )
            with Horizontal(id="bottom"):
                yield Label("Enter goes there · Esc stays", id="keys")
                yield Button("Go", variant="primary", id="go")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#go")
    def action_go(self) -> None:
        """Jump to the day typed, or say in place why not."""
        field = self.query_one(DayField)
        try:
            day = field.read()
        except InputError:
            field.insist()
            return
        self.dismiss(day)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without moving."""
        self.dismiss(None)
