"""What every dialog shares: a titled box in the middle, a bar of keys and buttons."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from textual import on
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from healjournal.errors import InputError
from healjournal.tui.speaking import SpokenKeys
from healjournal.tui.widgets.day_field import DayField

__all__ = ["Dialog"]

ResultType = TypeVar("ResultType")


class Dialog(SpokenKeys, ModalScreen[ResultType]):
    """A box in the middle of the screen, its title on the border, and at the
    bottom a bar: the keys on the left, the buttons on the right.

    A dialog composes inside `box(title)` and ends with `bar(keys, *buttons)`;
    its own DEFAULT_CSS sets the box's width (`MyDialog > #box { width: 64; }`)
    and anything else that differs. A button with the id "cancel" calls
    `action_cancel`, which closes with None unless the dialog says otherwise.
    Its keys are spoken for the person chosen (tui/speaking.py).
    """

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog > #box {
        width: 60;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 1 1 0 2;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
    }
    Dialog #bottom {
        height: auto;
        margin-top: 1;
    }
    Dialog #keys {
        width: 1fr;
        padding: 1 0 0 0;
        color: $text-muted;
    }
    Dialog #bottom Button {
        margin-left: 1;
    }
    """

    @staticmethod
    def box(title: str) -> Vertical:
        """The dialog's box, `title` on its border: compose the dialog inside it."""
        box = Vertical(id="box")
        box.border_title = title
        return box

    @staticmethod
    def bar(keys: str | None, *buttons: Button) -> Horizontal:
        """The bottom bar: `keys` (what the keys do, if said) then `buttons`."""
        said = [Label(keys, id="keys")] if keys is not None else []
        return Horizontal(*said, *buttons, id="bottom")

    def read_day(self) -> date | None:
        """The day typed in the dialog's day field (None: left empty, allowed).

        A day that cannot be used raises InputError, once the field has said
        why and taken the cursor: the caller only has to stop there.
        """
        field = self.query_one(DayField)
        try:
            return field.read()
        except InputError:
            field.insist()
            raise

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
