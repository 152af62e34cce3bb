"""How strong an urge felt, 1 (a nudge) to 5, picked by key or by click."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from healjournal.domain.models import URGE_STRENGTHS

__all__ = ["StrengthPicker"]


class StrengthPicker(Widget, can_focus=True):
    """How strong the urge felt, 1 (a nudge) to 5, by key or by click."""

    DEFAULT_CSS = """
    StrengthPicker { height: 1; width: 1fr; }
    StrengthPicker:focus { background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Weaker", show=False, id="strength.lower"),
        Binding("right", "step(1)", "Stronger", show=False, id="strength.higher"),
        *[
            Binding(
                str(n), f"pick({n})", URGE_STRENGTHS[n], show=False, id=f"strength.{n}"
            )
            for n in URGE_STRENGTHS
        ],
    ]

    strength: reactive[int | None] = reactive(None)

    @dataclass
    class Picked(Message):
        """The person said how strong it was."""

        strength: int

    _LABEL = "How strong was it? "

    def render(self) -> Text:
        """`How strong was it?  1 2 3 4 5  strong`, the choice highlighted."""
        line = Text(self._LABEL, style="bold", no_wrap=True, overflow="ellipsis")
        for n in URGE_STRENGTHS:
            line.append(f" {n} ", style="reverse bold" if n == self.strength else "")
        if self.strength:
            line.append(f" {URGE_STRENGTHS[self.strength]}", style="bold")
        else:
            line.append("  1 a nudge … 5 all I can think about", style="dim")
        return line

    def on_click(self, event: events.Click) -> None:
        """Choose the number that was clicked."""
        offset = event.get_content_offset(self)
        start = len(self._LABEL)
        if offset is not None and start <= offset.x < start + 3 * len(URGE_STRENGTHS):
            self.action_pick((offset.x - start) // 3 + 1)

    def action_pick(self, strength: int) -> None:
        """Choose `strength`."""
        self.strength = strength
        self.post_message(self.Picked(strength))

    def action_step(self, delta: int) -> None:
        """One step weaker or stronger."""
        self.action_pick(min(5, max(1, (self.strength or 3) + delta)))
