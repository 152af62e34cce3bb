"""Who you're getting over: he, she, they or "your ex", and a name, changed later."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Input, Static

from healjournal.domain.person import Person
from healjournal.tui.dialogs.base import Dialog
from healjournal.tui.widgets.person_choice import PersonChoice, PersonFields

__all__ = ["PersonDialog"]

EXPLAIN = (
    "The app speaks of the person you're getting over as you choose: in the "
    "keys, the tips, the urge screen. It stays in your journal and is never "
    "sent anywhere."
)


class PersonDialog(Dialog[Person | None]):
    """The welcome's choice again, filled in; returns the Person, or None (Esc)."""

    DEFAULT_CSS = """
    PersonDialog > #box { width: 70; padding: 1 1 0 1; }
    PersonDialog #explain { height: auto; padding: 0 1 1 1; }
    PersonDialog #keys { padding: 1 1 0 1; }
    PersonDialog #how { padding: 0 1; color: $text-muted; }
    """

    AUTO_FOCUS = "#person-choice"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Leave it", id="person.cancel"),
    ]

    def __init__(self, current: Person) -> None:
        """The dialog, showing `current`."""
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        """The why, the choice and the name, the keys and the buttons."""
        with self.box("Who you're getting over"):
            yield Static(EXPLAIN, id="explain", markup=False)
            yield PersonFields(self.current, "Who:")
            yield Static("← → or h s t e choose · Tab: the name", id="how")
            yield self.bar(
                "Enter saves · Esc leaves it",
                Button("Save", variant="primary", id="save"),
                Button("Cancel", id="cancel"),
            )

    @on(PersonChoice.Submitted)
    @on(Input.Submitted, "#person-name")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Return the choice, or say what is wrong with the name (kept to mend)."""
        fields = self.query_one(PersonFields)
        try:
            person = fields.person
        except ValueError as error:
            self.notify(str(error), title="That name", severity="warning")
            fields.name_field.focus()
            return
        self.dismiss(person)
