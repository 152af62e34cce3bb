"""The urge screen's last question: how strong it was, and did it pass."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static

from healjournal.domain.models import UrgeOutcome
from healjournal.tui.speaking import speak
from healjournal.tui.widgets.strength_picker import StrengthPicker

__all__ = ["UrgeQuestion"]


class UrgeQuestion(Vertical):
    """The question at the end: how strong it was, and three answers."""

    DEFAULT_CSS = """
    UrgeQuestion {
        display: none;
        height: auto;
        border: round $warning;
        border-title-style: bold;
        border-title-color: $text;
        padding: 0 1;
    }
    UrgeQuestion.-open { display: block; }
    UrgeQuestion #question-note { color: $text-muted; }
    UrgeQuestion #answers { height: auto; margin-top: 1; }
    UrgeQuestion #answers Button { margin-right: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "answer('resisted')", "It passed", id="urge.passed"),
        Binding("w,escape", "answer('writing')", "Keep writing", id="urge.writing"),
        Binding("c", "answer('contacted')", "I contacted {them}", id="urge.contacted"),
    ]

    @dataclass
    class Answered(Message):
        """The person answered."""

        outcome: UrgeOutcome
        strength: int | None

    def compose(self) -> ComposeResult:
        """The note, the strength and the three answers."""
        self.border_title = "Do you still want to?"
        yield Static("", id="question-note")
        yield StrengthPicker(id="strength")
        with Horizontal(id="answers"):
            yield Button("It passed", variant="success", id="resisted")
            yield Button("I'll keep writing", id="writing")
            yield Button(
                speak(self, "I contacted {them}", mine=True),
                variant="warning",
                id="contacted",
            )

    def ask(self, note: str, *, focus: bool) -> None:
        """Show the question with `note`; take the keys only if `focus`."""
        self.query_one("#question-note", Static).update(note)
        self.add_class("-open")
        if focus:
            self.query_one(StrengthPicker).focus()

    def close(self) -> None:
        """Put the question away."""
        self.remove_class("-open")

    @property
    def is_open(self) -> bool:
        """Whether the question is showing."""
        return self.has_class("-open")

    @on(StrengthPicker.Picked)
    def _picked(self) -> None:
        # Said how strong: on to the answers, the first one ready for Enter.
        self.query_one("#resisted", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id:
            self.action_answer(event.button.id)

    def action_answer(self, outcome: str) -> None:
        """Answer with `outcome` and the strength chosen (if any)."""
        strength = self.query_one(StrengthPicker).strength
        self.post_message(self.Answered(UrgeOutcome(outcome), strength))
