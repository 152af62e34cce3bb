"""Log a day there was contact, kindly: the count restarts, nothing else is lost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Input, Label, Static

from healjournal.errors import InputError
from healjournal.tui.dialogs.base import Dialog
from healjournal.tui.speaking import speak
from healjournal.tui.widgets.day_field import DayField

__all__ = ["SlipDialog", "SlipReport", "slip_message"]

_NOTE_MAX = 2_000


@dataclass(frozen=True)
class SlipReport:
    """A slip as logged: the day of the contact and what the person noted."""

    day: date
    """The day there was contact; never after today."""
    note: str
    """What happened or what set it off, stripped; may be empty."""


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def slip_message(current: int | None, best: int | None) -> str:
    """The few kind, frank lines the slip dialog opens with.

    No number here: the best run depends on the day chosen below, so the
    app says it once the slip is logged.
    """
    lines = ["It happens, and saying so is the honest part of this."]
    if any((current, best)):
        lines.append(
            "The count starts again from that day. Your best run stays yours, "
            "nobody takes that away, and you're still doing this."
        )
    else:
        lines.append("The count starts again from that day. You're still doing this.")
    return "\n".join(lines)


class SlipDialog(Dialog[SlipReport | None]):
    """The "I contacted them" dialog: when, and what happened; None if not now."""

    DEFAULT_CSS = """
    SlipDialog > #box {
        width: 72;
        padding: 1 1 0 1;
        border: round $warning;
    }
    SlipDialog #message {
        height: auto;
        padding: 0 1 1 1;
    }
    SlipDialog .label {
        padding: 0 1;
        text-style: bold;
    }
    SlipDialog #keys {
        padding: 1 1 0 1;
    }
    """

    AUTO_FOCUS = "#note"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "log", "Log it", id="slip.log"),
        Binding("escape", "cancel", "Not now", id="slip.cancel"),
    ]

    def __init__(self, today: date, current: int | None, best: int | None) -> None:
        """`current` and `best` are no-contact runs in days, None if there are none."""
        super().__init__()
        self.today = today
        self.current = current
        self.best = best

    def compose(self) -> ComposeResult:
        """The message, the note, the day, the keys and the buttons."""
        with self.box(speak(self, "I contacted {them}", mine=True)):
            yield Static(
                slip_message(self.current, self.best), id="message", markup=False
            )
            yield Label("What happened? What set it off? (optional)", classes="label")
            yield Input(
                placeholder=speak(
                    self,
                    "a late-night text, a song, {their} story popped up…",
                    mine=True,
                ),
                max_length=_NOTE_MAX,
                id="note",
            )
            yield Label("When?", classes="label")
            yield DayField(
                self.today,
                "today",
                placeholder="today, yesterday, last saturday…",
                allow_future=False,
                input_id="day",
            )
            yield self.bar(
                "Enter logs it · Esc: not now",
                Button("Log it", variant="warning", id="log"),
                Button("Not now", id="cancel"),
            )

    @on(Input.Submitted)
    @on(Button.Pressed, "#log")
    def action_log(self) -> None:
        """Log the slip, or say in place why the day cannot be used."""
        try:
            day = self.read_day()
        except InputError:
            return
        if day is None:  # the field does not allow empty: a safety net only
            return
        note = self.query_one("#note", Input).value.strip()
        self.dismiss(SlipReport(day=day, note=note))
