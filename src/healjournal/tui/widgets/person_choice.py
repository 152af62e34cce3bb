"""Who the person is getting over: he, she, they or "your ex", and a name.

The welcome and the "Who you're getting over…" dialog both ask with
`PersonFields`: the choice on one line, then an optional name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Label

from healjournal.domain.person import NAME_LIMIT, WHO, Person, check_name

__all__ = ["PersonChoice", "PersonFields"]

_CHOICES = tuple(WHO)
#: Each choice as shown: its label with a space either side (no gap between).
_LABELS = {who: f" {label} " for who, label in WHO.items()}
NAME_HINT = "optional: used where it reads naturally"
"""The name field's placeholder: what a name is for."""


class PersonChoice(Widget, can_focus=True):
    """The four choices on one line, the chosen one highlighted.

    ← → move the choice, h s t e (or 1-4) pick one at once, a click too;
    Enter says it is settled (`Submitted`), for the form to move on.
    """

    DEFAULT_CSS = """
    PersonChoice {
        width: auto;
        height: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Previous", show=False, id="person.previous"),
        Binding("right", "step(1)", "Next", show=False, id="person.next"),
        Binding("h,1", "pick('he')", "He", show=False, id="person.he"),
        Binding("s,2", "pick('she')", "She", show=False, id="person.she"),
        Binding("t,3", "pick('they')", "They", show=False, id="person.they"),
        Binding("e,y,x,4", "pick('ex')", "Your ex", show=False, id="person.ex"),
        Binding("enter", "submit", "Done", show=False, id="person.submit"),
    ]

    who: reactive[str] = reactive("he")
    """The choice: "he", "she", "they" or "ex"."""

    @dataclass
    class Changed(Message):
        """Another choice was made."""

        choice: PersonChoice
        """The widget chosen in."""
        who: str
        """The new choice."""

    @dataclass
    class Submitted(Message):
        """Enter: the choice is settled."""

        choice: PersonChoice
        """The widget chosen in."""

    def __init__(self, who: str = "he", *, id: str | None = None) -> None:
        """The choices, `who` chosen."""
        super().__init__(id=id)
        self.set_reactive(PersonChoice.who, who if who in WHO else "he")

    def render(self) -> Content:
        """Each choice's label, the chosen one highlighted (brighter when focused)."""
        if self.has_focus:
            chosen = "bold $block-cursor-foreground on $block-cursor-background"
        else:
            chosen = "bold $text on $block-cursor-blurred-background"
        return Content.assemble(
            *(
                Content.styled(label, chosen if who == self.who else "$text-muted")
                for who, label in _LABELS.items()
            )
        )

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the four labels side by side."""
        return sum(cell_len(label) for label in _LABELS.values())

    def watch_who(self) -> None:
        """Say the new choice to the form."""
        self.post_message(self.Changed(self, self.who))

    def on_focus(self) -> None:
        """The highlight brightens with the focus."""
        self.refresh()

    def on_blur(self) -> None:
        """And dims without it."""
        self.refresh()

    def action_step(self, step: int) -> None:
        """The previous or next choice (no wrapping: the ends are ends)."""
        index = _CHOICES.index(self.who) + step
        self.who = _CHOICES[max(0, min(index, len(_CHOICES) - 1))]

    def action_pick(self, who: str) -> None:
        """Choose `who` at once."""
        self.who = who

    def action_submit(self) -> None:
        """The choice is settled."""
        self.post_message(self.Submitted(self))

    def on_click(self, event: events.Click) -> None:
        """Choose the label clicked."""
        x = 0
        for who, label in _LABELS.items():
            x += cell_len(label)
            if event.x < x:
                self.who = who
                return


class PersonFields(Vertical):
    """The question and the choice on one line, an optional name below.

    The name is left out (and its field disabled) for "your ex"; `person`
    reads both, raising ValueError for a name that cannot be used.
    """

    DEFAULT_CSS = """
    PersonFields {
        height: auto;
    }
    PersonFields > Horizontal {
        height: auto;
    }
    PersonFields > Horizontal {
        overflow: hidden hidden;
    }
    PersonFields .person-label {
        width: auto;
        padding: 0 1;
        text-style: bold;
    }
    PersonFields #person-name-label {
        text-style: none;
    }
    PersonFields #person-name {
        width: 1fr;
        max-width: 48;
    }
    """

    def __init__(self, person: Person, question: str, *, id: str | None = None) -> None:
        """The fields, showing `person`, under `question`."""
        super().__init__(id=id)
        self._start = person
        self._question = question

    def compose(self) -> ComposeResult:
        """The question and the four choices; the name."""
        with Horizontal(id="person-row"):
            yield Label(self._question, classes="person-label", markup=False)
            yield PersonChoice(self._start.who, id="person-choice")
        with Horizontal(id="person-name-row"):
            yield Label(
                "A name, if you like:",
                classes="person-label",
                id="person-name-label",
                markup=False,
            )
            yield Input(
                self._start.name,
                placeholder=NAME_HINT,
                max_length=NAME_LIMIT,
                compact=True,
                disabled=self._start.who == "ex",
                id="person-name",
            )

    @on(PersonChoice.Changed)
    def _chosen(self, event: PersonChoice.Changed) -> None:
        # "Your ex" has no name to go with it; the name typed is kept for
        # another choice.
        self.query_one("#person-name", Input).disabled = event.who == "ex"

    @property
    def who(self) -> str:
        """The choice shown: "he", "she", "they" or "ex"."""
        return self.query_one(PersonChoice).who

    @property
    def person(self) -> Person:
        """The person as chosen; ValueError says what is wrong with the name."""
        who = self.who
        name = "" if who == "ex" else check_name(self.name_field.value)
        return Person(who, name)

    @property
    def name_field(self) -> Input:
        """Where the name is typed."""
        return self.query_one("#person-name", Input)
