"""A month at a glance: the days written, coloured by mood."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from dateutil.relativedelta import relativedelta
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from healjournal.insight.mood_marks import MOOD_COLOURS


class MonthCalendar(Widget, can_focus=True):
    """One month: written days marked, today underlined, the cursor reversed."""

    DEFAULT_CSS = """
    MonthCalendar { height: 9; width: 1fr; padding: 0 1; }
    MonthCalendar:focus { background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Day before", show=False, id="calendar.left"),
        Binding("right", "move(1)", "Day after", show=False, id="calendar.right"),
        Binding("up", "move(-7)", "Week before", show=False, id="calendar.up"),
        Binding("down", "move(7)", "Week after", show=False, id="calendar.down"),
        Binding("pageup", "month(-1)", "Month before", id="calendar.month_before"),
        Binding("pagedown", "month(1)", "Month after", id="calendar.month_after"),
        Binding("enter", "choose", "Open day", id="calendar.open"),
    ]

    cursor: reactive[date] = reactive(date(2000, 1, 1))

    @dataclass
    class DayClicked(Message):
        """The person chose a day on the calendar."""

        day: date

    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.moods: dict[date, int | None] = {}
        self.set_reactive(MonthCalendar.cursor, today)

    def show(self, moods: dict[date, int | None], cursor: date | None = None) -> None:
        """Mark the days written (with their moods) and move to `cursor`'s month."""
        self.moods = moods
        if cursor is not None:
            self.cursor = cursor
        self.refresh()

    def render(self) -> Text:
        """The month grid: a title, the weekdays, then one line a week."""
        first = self.cursor.replace(day=1)
        grid = Text(no_wrap=True)
        grid.append(f"{first:%B %Y}".center(20) + "\n", style="bold")
        grid.append("Mo Tu We Th Fr Sa Su\n", style="dim")
        for week in self._weeks():
            for column, day in enumerate(week):
                gap = " " if column else ""
                if day.month != first.month:
                    grid.append(gap + "  ")
                    continue
                styles = []
                if day in self.moods:
                    mood = self.moods[day]
                    styles.append(f"bold {MOOD_COLOURS[mood]}" if mood else "bold")
                elif day > self.today:
                    styles.append("dim")
                if day == self.today:
                    styles.append("underline")
                if day == self.cursor and self.has_focus:
                    styles.append("reverse")
                grid.append(gap)
                grid.append(f"{day.day:>2}", style=" ".join(styles))
            grid.append("\n")
        return grid

    def _weeks(self) -> list[list[date]]:
        first = self.cursor.replace(day=1)
        return calendar.Calendar().monthdatescalendar(first.year, first.month)

    def on_click(self, event: events.Click) -> None:
        """Open the day that was clicked."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 2:
            return
        weeks = self._weeks()
        row, column = offset.y - 2, offset.x // 3
        if row < len(weeks) and column < 7:
            day = weeks[row][column]
            if day.month == self.cursor.month:
                self.cursor = day
                self.post_message(self.DayClicked(day))

    def on_focus(self) -> None:
        """Show the cursor."""
        self.refresh()

    def on_blur(self) -> None:
        """Hide the cursor."""
        self.refresh()

    def action_move(self, days: int) -> None:
        """Move the cursor by `days`."""
        self.cursor = self.cursor + timedelta(days=days)

    def action_month(self, months: int) -> None:
        """Show the month before or after."""
        self.cursor = self.cursor + relativedelta(months=months)

    def action_choose(self) -> None:
        """Open the day under the cursor."""
        self.post_message(self.DayClicked(self.cursor))
