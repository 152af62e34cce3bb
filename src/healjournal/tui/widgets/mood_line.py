"""The mood line: one bar a day, so a glance shows whether it is healing."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.widget import Widget

from healjournal.insight.mood_marks import MOOD_COLOURS

BARS = {1: "▁", 2: "▃", 3: "▄", 4: "▆", 5: "█"}


class MoodLine(Widget):
    """The last weeks' moods, oldest on the left; a gap where none was set."""

    DEFAULT_CSS = """
    MoodLine { height: 2; width: 1fr; padding: 0 1; }
    """

    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.moods: dict[date, int | None] = {}

    def show(self, moods: dict[date, int | None]) -> None:
        """Show these days' moods (days without one are gaps)."""
        self.moods = moods
        self.refresh()

    def render(self) -> Text:
        """A label with the average, then as many days as fit."""
        days = max(7, self.content_size.width or 28)
        first = self.today - timedelta(days=days - 1)
        series = [self.moods.get(first + timedelta(n)) for n in range(days)]
        known = [m for m in series if m]
        line = Text(no_wrap=True)
        line.append(f"mood, last {days} days", style="dim")
        if known:
            line.append(f" · avg {sum(known) / len(known):.1f}", style="dim")
        line.append("\n")
        for mood in series:
            line.append(BARS[mood] if mood else " ", style=MOOD_COLOURS.get(mood, ""))
        return line
