"""The pages of the journal, newest first: date, mood mark and first words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from healjournal.domain.dates import describe_day
from healjournal.domain.models import Entry, EntryKind
from healjournal.insight.mood_marks import MOOD_COLOURS, MOOD_MARKS
from healjournal.tui.widgets.editor import KIND_NAMES

#: How many pages are listed at first, and how many more each time.
PAGE_SIZE = 150
#: The option that lists older pages.
MORE = "more"

# One cell wide each, so rows line up in every terminal.
KIND_MARKS = {EntryKind.REFLECTION: "", EntryKind.LETTER: "✉ ", EntryKind.URGE: "↯ "}
#: What a page's first words are indented by, under its day.
INDENT = "  "


def page_id(day: date, entry_id: int | None) -> str:
    """The option id of a page: its day and its entry (or "new")."""
    return f"{day.isoformat()}/{entry_id if entry_id is not None else 'new'}"


def _italic(label: str) -> Text:
    return Text(label, style="italic")


def _blank_today() -> Text:
    return _italic("today · a blank page")


def _first_page() -> Text:
    return _italic(
        "today · your first page. Enter (or Esc), then start typing: "
        "it saves itself as you go."
    )


class DayList(OptionList):
    """Every page, newest first, with a blank page for today when it has none."""

    DEFAULT_CSS = """
    DayList { height: 1fr; border: round $primary 50%; padding: 0; }
    DayList:focus { border: round $primary; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete", "delete", "Delete page", id="days.delete"),
    ]

    @dataclass
    class PageChosen(Message):
        """The person picked a page to read or write."""

        day: date
        entry_id: int | None

    @dataclass
    class DeleteRequested(Message):
        """The person asked to delete the highlighted page (it asks first)."""

        entry_id: int

    def action_delete(self) -> None:
        """Ask to delete the highlighted page, if it is a saved one."""
        if self.highlighted is None:
            return
        option_id = self.get_option_at_index(self.highlighted).id or ""
        _, _, entry_text = option_id.partition("/")
        if entry_text.isdigit():
            self.post_message(self.DeleteRequested(int(entry_text)))

    def show(
        self,
        entries: tuple[Entry, ...] | list[Entry],
        today: date,
        current: tuple[date, int | None] | None = None,
    ) -> None:
        """List `entries` newest first and highlight the open page.

        Only the newest pages are listed (more on request), and when the same
        pages are listed again only the rows that changed are redrawn, so a
        journal of years costs no more on each save than one of weeks.
        """
        self._shown = (entries, today, current)
        self._shown_width = self.scrollable_content_region.width
        # The first words have the second line to themselves, indented.
        width = max(8, (self._shown_width or 26) - len(INDENT))
        rows: list[tuple[str, object, Callable[[], Text]]] = []
        if not entries:  # an empty journal: say how to begin
            rows.append((page_id(today, None), "first", _first_page))
        elif not _has_day(entries, today):
            rows.append((page_id(today, None), "blank", _blank_today))
        if current is not None and current[1] is None and current[0] != today:
            label = f"{describe_day(current[0], today)} · a blank page"
            rows.insert(0, (page_id(*current), label, partial(_italic, label)))
        newest = entries[::-1][: self._limit]
        for entry in newest:
            # What the row shows: if none of it changed, the row stays as it is.
            shown = entry.preview(width)
            key = (entry.day, entry.mood, entry.kind, entry.day == today, shown)
            rows.append(
                (
                    page_id(entry.day, entry.id),
                    key,
                    partial(self._row, entry, today, width),
                )
            )
        hidden = len(entries) - len(newest)
        if hidden > 0:
            pages = f"{hidden:,} older page{'s' if hidden != 1 else ''}"
            label = f"{pages}: Enter shows more"
            rows.append((MORE, label, partial(_italic, label)))
        self._draw(rows)
        if current is not None:
            self.highlight_page(*current)

    def _draw(self, rows: list[tuple[str, object, Callable[[], Text]]]) -> None:
        ids = [row_id for row_id, _, _ in rows]
        if ids == [row_id for row_id, _ in self._rows]:
            for index, ((_, key, make), (_, old)) in enumerate(
                zip(rows, self._rows, strict=True)
            ):
                if key != old:
                    self.replace_option_prompt_at_index(index, make())
        else:
            highlighted = self.highlighted
            self.set_options(Option(make(), id=row_id) for row_id, _, make in rows)
            if highlighted is not None and highlighted < self.option_count:
                self.highlighted = highlighted
        self._rows = [(row_id, key) for row_id, key, _ in rows]

    _shown: tuple | None = None
    _shown_width = 0
    _limit = PAGE_SIZE
    _rows: list[tuple[str, object]] = []  # noqa: RUF012 (replaced, never mutated)

    def on_resize(self) -> None:
        """Fit the first words to the new width."""
        self._refit()

    def watch_show_vertical_scrollbar(self) -> None:
        """The scrollbar came or went: the rows have another width to fill."""
        self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        width = self.scrollable_content_region.width
        if self._shown is not None and width != self._shown_width:
            self.show(*self._shown)

    def highlight_page(self, day: date, entry_id: int | None) -> None:
        """Move the highlight to a page without opening it."""
        try:
            self.highlighted = self.get_option_index(page_id(day, entry_id))
        except Exception:  # the page is not listed (yet)
            return

    @staticmethod
    def _row(entry: Entry, today: date, width: int) -> Text:
        """Two lines: the day, mood and kind; then the first words, so two
        pages of one week read apart even in a narrow column."""
        row = Text(no_wrap=True, overflow="ellipsis")
        row.append(f"{entry.day:%a %d %b}", style="bold" if entry.day == today else "")
        row.append(
            f" {MOOD_MARKS[entry.mood]} ", style=MOOD_COLOURS.get(entry.mood, "")
        )
        if entry.kind is not EntryKind.REFLECTION:
            row.append(f"{KIND_MARKS[entry.kind]}{KIND_NAMES[entry.kind]}", style="dim")
        preview = entry.preview(width)
        row.append("\n" + INDENT)
        row.append(preview or "(no words yet)", style="" if preview else "dim")
        return row

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == MORE:
            index = event.option_index
            self._limit += PAGE_SIZE
            if self._shown is not None:
                self.show(*self._shown)
            self.highlighted = index  # the first of the pages just listed
            return
        day_text, _, entry_text = (event.option.id or "").partition("/")
        entry_id = None if entry_text == "new" else int(entry_text)
        self.post_message(self.PageChosen(date.fromisoformat(day_text), entry_id))


def _has_day(entries: tuple[Entry, ...] | list[Entry], day: date) -> bool:
    """Whether `entries` (oldest first) hold a page of `day`: only the newest
    are looked at, not every page of a journal of years."""
    for entry in reversed(entries):
        if entry.day == day:
            return True
        if entry.day < day:
            return False
    return False
