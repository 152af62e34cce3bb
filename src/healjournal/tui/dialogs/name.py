"""Which name the review counts: theirs, usually. Kept in the journal only."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Input, Static

from healjournal.insight.figures import COUNTED_NAME_LIMIT as NAME_LIMIT
from healjournal.tui.dialogs.base import Dialog
from healjournal.tui.speaking import person_of

__all__ = ["NameDialog"]


EXPLAIN = (
    "The review counts how often a name comes up in your pages, week by "
    "week. Over time, that line tends to fall. The name stays in your "
    "journal file and is never sent anywhere. Leave it empty to stop counting."
)


class NameDialog(Dialog[str | None]):
    """Ask for the name to count; "" forgets it, None (Esc) changes nothing."""

    DEFAULT_CSS = """
    NameDialog > #box { width: 64; }
    NameDialog #explain { height: auto; margin-bottom: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="name.cancel"),
    ]

    AUTO_FOCUS = "#name"

    def __init__(self, current: str = "") -> None:
        """A dialog showing the name counted now, if any."""
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        """The why, the field, the keys and the buttons."""
        person = person_of(self)
        # The name chosen for the ex, if any, is the likeliest to count.
        hint = person.name or person.say("{their} name")
        with self.box("A name to count"):
            yield Static(EXPLAIN, id="explain", markup=False)
            yield Input(
                self.current,
                placeholder=f"{hint}, or a nickname",
                max_length=NAME_LIMIT,
                id="name",
            )
            yield self.bar(
                "Enter saves · Esc leaves it",
                Button("Save", variant="primary", id="save"),
            )

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Keep the name (an empty field stops the counting)."""
        self.dismiss(" ".join(self.query_one("#name", Input).value.split()))
