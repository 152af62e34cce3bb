"""The rows of the tip sidebar: a marked paragraph, a choice, a theme arrow."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from healjournal.tips import StarterGoal

__all__ = ["ThemeArrow", "TipChoice", "TipItem"]


class TipItem(Horizontal):
    """A marker and a paragraph whose wrapped lines stay clear of the marker."""

    DEFAULT_CSS = """
    TipItem {
        height: auto;
        & > .marker { width: 2; color: $text-muted; }
        & > .text { width: 1fr; }
    }
    """

    def __init__(self, marker: str | Content, text: Content, classes: str = "") -> None:
        """`text` beside `marker` (a bullet, a star, a plus)."""
        super().__init__(classes=classes)
        self._marker = marker
        self._text = text

    def compose(self) -> ComposeResult:
        """The marker column, then the text."""
        yield Static(self._marker, classes="marker", markup=False)
        yield Static(self._text, classes="text", markup=False)


class TipChoice(TipItem):
    """A prompt or a starter goal that Enter or a click puts to use."""

    @dataclass
    class Clicked(Message):
        """The choice was clicked."""

        choice: TipChoice
        """The choice under the mouse."""

    def __init__(
        self, index: int, value: str | StarterGoal, text: Content, highlighted: bool
    ) -> None:
        """The `index`-th choice, offering `value` (a prompt or a starter goal)."""
        marker = "+" if isinstance(value, StarterGoal) else "›"
        super().__init__(marker, text, classes="choice")
        self.index = index
        """Where this choice sits among the theme's choices."""
        self.value = value
        """The prompt text, or the starter goal."""
        self.set_class(highlighted, "-highlight")

    def on_click(self, event: Click) -> None:
        """Tell the sidebar; it knows what the choice is for."""
        event.stop()
        self.post_message(self.Clicked(self))


class ThemeArrow(Static):
    """A clickable arrow that pages to the previous or next theme."""

    @dataclass
    class Clicked(Message):
        """The arrow was clicked."""

        step: int
        """-1 for the previous theme, 1 for the next."""

    def __init__(self, step: int) -> None:
        """An arrow to the previous theme (`step` -1) or the next (1)."""
        super().__init__("‹" if step < 0 else "›", classes="arrow", markup=False)
        self.step = step
        """-1 for the previous theme, 1 for the next."""
        self.tooltip = "Previous theme" if step < 0 else "Next theme"

    def on_click(self, event: Click) -> None:
        """Ask the sidebar to page."""
        event.stop()
        self.post_message(self.Clicked(self.step))
