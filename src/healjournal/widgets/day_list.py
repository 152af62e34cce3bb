"""The pages of the journal, newest first: date, mood mark and first words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from healjournal.domain.dates import describe_day
from healjournal.domain.models import Entry, EntryKind
from healjournal.widgets.editor import MOOD_COLOURS, MOOD_MARKS

# One cell wide each, so rows line up in every terminal.
KIND_MARKS = {EntryKind.REFLECTION: "", EntryKind.LETTER: "✉ ", EntryKind.URGE: "↯ "}


def page_id(day: date, entry_id: int | None) -> str:
    """The option id of a page: its day and its entry (or "new")."""
    return f"{day.isoformat()}/{entry_id if entry_id is not None else 'new'}"


class DayList(OptionList):
    """Every page, newest first, with a blank page for today when it has none."""

    DEFAULT_CSS = """
    DayList { height: 1fr; border: round $primary 50%; padding: 0; }
    DayList:focus { border: round $primary; }
    """

    @dataclass
    class PageChosen(Message):
        """The person picked a page to read or write."""

        day: date
        entry_id: int | None

    def show(
        self,
        entries: tuple[Entry, ...] | list[Entry],
        today: date,
        current: tuple[date, int | None] | None = None,
    ) -> None:
        """List `entries` newest first and highlight the open page."""
        self._shown = (entries, today, current)
        # The date and the mood mark take 13 cells, the kind mark 2 more.
        width = max(8, (self.scrollable_content_region.width or 26) - 15)
        options: list[Option] = []
        if not entries:  # an empty journal: say how to begin
            hint = Text(
                "today · your first page. Enter (or Esc), then start typing: "
                "it saves itself as you go.",
                style="italic",
            )
            options.append(Option(hint, id=page_id(today, None)))
        elif not any(e.day == today for e in entries):
            hint = Text("today · a blank page", style="italic")
            options.append(Option(hint, id=page_id(today, None)))
        for entry in reversed(entries):
            options.append(
                Option(self._row(entry, today, width), id=page_id(entry.day, entry.id))
            )
        if current is not None and current[1] is None and current[0] != today:
            blank = Text(
                f"{describe_day(current[0], today)} · a blank page", style="italic"
            )
            options.insert(0, Option(blank, id=page_id(*current)))
        self.set_options(options)
        if current is not None:
            self.highlight_page(*current)

    _shown: tuple | None = None
    _shown_width = 0

    def on_resize(self) -> None:
        """Fit the first words to the new width."""
        width = self.scrollable_content_region.width
        if self._shown is not None and width != self._shown_width:
            self._shown_width = width
            highlighted = self.highlighted
            self.show(*self._shown)
            if highlighted is not None and highlighted < self.option_count:
                self.highlighted = highlighted

    def highlight_page(self, day: date, entry_id: int | None) -> None:
        """Move the highlight to a page without opening it."""
        try:
            self.highlighted = self.get_option_index(page_id(day, entry_id))
        except Exception:  # the page is not listed (yet)
            return

    @staticmethod
    def _row(entry: Entry, today: date, width: int) -> Text:
        row = Text(no_wrap=True, overflow="ellipsis")
        row.append(f"{entry.day:%a %d %b}", style="bold" if entry.day == today else "")
        row.append(
            f" {MOOD_MARKS[entry.mood]} ", style=MOOD_COLOURS.get(entry.mood, "")
        )
        mark = KIND_MARKS[entry.kind]
        preview = mark + (entry.preview(width - len(mark)) or "(no words yet)")
        row.append(preview, style="dim" if not entry.text.strip() else "")
        return row

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        day_text, _, entry_text = (event.option.id or "").partition("/")
        entry_id = None if entry_text == "new" else int(entry_text)
        self.post_message(self.PageChosen(date.fromisoformat(day_text), entry_id))
