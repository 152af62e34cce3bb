"""The writing pane: a page of the journal, its mood, and whether it is saved."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static, TextArea

from healjournal.domain.dates import describe_day
from healjournal.domain.drafts import Draft
from healjournal.domain.models import Entry, EntryKind
from healjournal.domain.visible import has_controls, visible
from healjournal.insight.mood_marks import MOOD_WORDS

#: Seconds of quiet after the last keystroke before the page saves itself.
AUTOSAVE_DELAY = 1.0
#: Seconds before a failed save is tried again.
RETRY_DELAY = 5.0

KIND_NAMES = {
    EntryKind.REFLECTION: "reflection",
    EntryKind.LETTER: "unsent letter",
    EntryKind.URGE: "urge",
}

_pages = itertools.count(1)


def new_page_id() -> int:
    """A number no other open page in this session has."""
    return next(_pages)


class MoodPicker(Widget, can_focus=True):
    """How the day felt, 1 (awful) to 5 (great), by key or by click."""

    DEFAULT_CSS = """
    MoodPicker { height: 1; width: auto; }
    MoodPicker:focus { background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Lower", show=False, id="mood.lower"),
        Binding("right", "step(1)", "Higher", show=False, id="mood.higher"),
        *[
            Binding(str(n), f"pick({n})", MOOD_WORDS[n], show=False, id=f"mood.{n}")
            for n in range(1, 6)
        ],
        Binding(
            "0,backspace,delete", "pick(0)", "No mood", show=False, id="mood.clear"
        ),
    ]

    #: Its width follows its words (the mood's, or the hint's), leaving the
    #: rest of the line to the save state.
    mood: reactive[int | None] = reactive(None, layout=True)

    @dataclass
    class Changed(Message):
        """The person chose a mood (None: cleared)."""

        mood: int | None

    def render(self) -> Text:
        """`mood 1 2 3 4 5 okay`: the chosen number highlighted, its word after."""
        line = Text("mood ", style="dim", no_wrap=True)
        for n in MOOD_WORDS:
            style = "reverse bold" if n == self.mood else ""
            line.append(f" {n} ", style=style)
        if self.mood:
            line.append(f" {MOOD_WORDS[self.mood]}", style="bold")
        elif self.has_focus:
            line.append(" choose 1-5", style="dim")
        return line

    def on_click(self, event: events.Click) -> None:
        """Choose the mood that was clicked."""
        offset = event.get_content_offset(self)
        if offset is not None and 5 <= offset.x < 5 + 3 * len(MOOD_WORDS):
            self.action_pick((offset.x - 5) // 3 + 1)

    def on_focus(self) -> None:
        """Show the hint."""
        self.refresh(layout=True)

    def on_blur(self) -> None:
        """Hide the hint."""
        self.refresh(layout=True)

    def action_pick(self, mood: int) -> None:
        """Choose `mood`; choosing it again (or 0) clears it."""
        self.set_mood(None if mood == 0 or mood == self.mood else mood)

    def action_step(self, delta: int) -> None:
        """Move the mood one step down or up."""
        current = self.mood or 3
        self.set_mood(min(5, max(1, current + delta)) if self.mood else current)

    def set_mood(self, mood: int | None, *, announce: bool = True) -> None:
        """Show `mood`; post Changed when the person changed it."""
        if mood != self.mood:
            self.mood = mood
            if announce:
                self.post_message(self.Changed(mood))


class PageText(TextArea, inherit_bindings=False):
    """The words of the page: a TextArea that leaves F6 and F7 to the app.

    TextArea uses F6 to select a line and F7 to select all; here F6 logs a
    slip, so those two go (Ctrl+A still selects all).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # A bare line feed (Ctrl+J, or a paste without bracketed paste) is a
        # new line, as in every editor.
        Binding("ctrl+j", "newline", "New line", show=False, id="page.newline"),
        *ScrollableContainer.BINDINGS,
        *(
            b
            for b in TextArea.BINDINGS
            if not (isinstance(b, Binding) and b.key in ("f6", "f7"))
        ),
    ]

    def get_line(self, line_index: int) -> Text:
        """A line as drawn: control characters as marks, never sent to the
        terminal as sequences (the page's text keeps them as they are)."""
        text = self.document.get_line(line_index)
        if not has_controls(text):
            return super().get_line(line_index)
        # One mark a character, so the cursor's columns still match.
        return Text(visible(text), end="", no_wrap=True)

    def action_newline(self) -> None:
        """Start a new line."""
        self.insert("\n")


class SaveIndicator(Static):
    """Whether the words are safe: "saved 21:04", "saving…", or why not."""

    DEFAULT_CSS = """
    SaveIndicator {
        width: 1fr; height: 1; color: $text-muted; text-align: right;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    SaveIndicator.-error { color: $text-error; text-style: bold; }
    """


class EditorPane(Vertical):
    """One page of the journal: the text, its mood, and its save state."""

    DEFAULT_CSS = """
    EditorPane { height: 1fr; }
    EditorPane #page-title { height: 1; padding: 0 1; color: $text-accent; }
    EditorPane TextArea { height: 1fr; border: round $primary 50%; }
    EditorPane TextArea:focus { border: round $primary; }
    EditorPane #page-foot { height: 1; padding: 0 1; }
    """

    @dataclass
    class SaveRequested(Message):
        """The page has changes to save."""

        draft: Draft

    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.page = new_page_id()
        self.day = today
        self.kind = EntryKind.REFLECTION
        self.entry_id: int | None = None
        self.saved_text = ""
        self.saved_mood: int | None = None
        self._timer: Timer | None = None
        self._error: str | None = None

    def compose(self) -> ComposeResult:
        """Title line, the text, then mood and save state on one line."""
        yield Static("", id="page-title")
        yield PageText(id="page-text", soft_wrap=True, tab_behavior="focus")
        with Horizontal(id="page-foot"):
            yield MoodPicker(id="mood")
            yield SaveIndicator("", id="save-state")

    def on_mount(self) -> None:
        """Show today's empty page until the journal has loaded."""
        self._show_title()

    @property
    def text_area(self) -> TextArea:
        """The TextArea holding the words."""
        return self.query_one("#page-text", TextArea)

    @property
    def text(self) -> str:
        """The words on the page now."""
        return self.text_area.text

    @property
    def mood(self) -> int | None:
        """The mood on the page now."""
        return self.query_one(MoodPicker).mood

    @property
    def dirty(self) -> bool:
        """Whether the page differs from what was last saved."""
        return self.text != self.saved_text or self.mood != self.saved_mood

    def draft(self) -> Draft:
        """The page as it is, ready to be saved."""
        return Draft(
            self.page, self.day, self.entry_id, self.kind, self.text, self.mood
        )

    def open_page(self, day: date, entry: Entry | None, placeholder: str) -> None:
        """Show `entry` (or a blank page for `day`), cursor at the end of the text."""
        self._cancel_timer()
        self.page = new_page_id()
        self.day = day
        self.entry_id = entry.id if entry else None
        self.kind = entry.kind if entry else EntryKind.REFLECTION
        self.saved_text = entry.text if entry else ""
        self.saved_mood = entry.mood if entry else None
        area = self.text_area
        area.placeholder = placeholder
        area.load_text(self.saved_text)
        area.move_cursor(area.document.end)
        self.query_one(MoodPicker).set_mood(self.saved_mood, announce=False)
        self._error = None
        self._set_state(self._saved_label(entry))
        self._show_title()

    def open_draft(self, draft: Draft, entry: Entry | None, placeholder: str) -> None:
        """Show a page whose newest words are still waiting to be saved."""
        self.open_page(draft.day, entry, placeholder)
        self.page = draft.page
        self.entry_id = entry.id if entry else draft.entry_id
        self.kind = draft.kind
        area = self.text_area
        area.load_text(draft.text)
        area.move_cursor(area.document.end)
        self.query_one(MoodPicker).set_mood(draft.mood, announce=False)
        self._set_state("not saved yet - your text is kept", error=True)

    def merge_loaded(self, entry: Entry) -> None:
        """The saved text arrived after the person started typing: keep both."""
        typed = self.text
        self.entry_id = entry.id
        self.saved_text = entry.text
        self.saved_mood = entry.mood
        area = self.text_area
        area.load_text(f"{entry.text}\n\n{typed}" if typed.strip() else entry.text)
        area.move_cursor(area.document.end)
        if self.mood is None:
            self.query_one(MoodPicker).set_mood(entry.mood, announce=False)
        self._cancel_timer()  # the screen queues the merged page itself

    def reload(self, entry: Entry) -> None:
        """The open entry changed on disk and nothing here is unsaved: show it."""
        cursor = self.text_area.cursor_location
        self.saved_text, self.saved_mood = entry.text, entry.mood
        self.text_area.load_text(entry.text)
        self.text_area.move_cursor(cursor)
        self.query_one(MoodPicker).set_mood(entry.mood, announce=False)

    def show_found(self, offset: int) -> None:
        """Show the line `offset` characters in (a search's match), with the
        cursor at the end of the page, so what is typed next adds to it."""
        area = self.text_area
        area.move_cursor(area.document.end)
        row = self.text[: max(0, offset)].count("\n")
        # Scroll once the view's wrapped lines are laid out for this text.
        self.call_after_refresh(self._scroll_to_row, row)

    def _scroll_to_row(self, row: int) -> None:
        area = self.text_area
        y = area.wrapped_document.location_to_offset((row, 0)).y
        area.scroll_to(
            y=max(0, y - area.scrollable_content_region.height // 3), animate=False
        )

    def insert_prompt(self, prompt: str) -> None:
        """Put a prompt at the end of the page, ready to answer."""
        area = self.text_area
        before = area.text.rstrip("\n")
        area.load_text(f"{before}\n\n{prompt}\n" if before else f"{prompt}\n")
        area.move_cursor(area.document.end)
        area.focus()
        self._changed()

    def mark_saving(self) -> None:
        """A save of this page has started."""
        self._set_state("saving…")

    def mark_saved(self, draft: Draft, entry: Entry | None, at: datetime) -> None:
        """A save of this page finished; save again if typing went on."""
        if entry is not None:
            self.entry_id = entry.id
        self.saved_text, self.saved_mood = draft.text, draft.mood
        self._error = None
        if self.dirty:
            self._schedule(AUTOSAVE_DELAY)
        else:
            self._set_state(f"saved {at:%H:%M}")

    def mark_failed(self, error: str) -> None:
        """A save failed: keep the words, say why, and try again soon."""
        self._error = error
        self._set_state(f"not saved: {error} - your text is kept", error=True)
        self._schedule(RETRY_DELAY)

    @on(TextArea.Changed, "#page-text")
    @on(MoodPicker.Changed)
    def _changed(self) -> None:
        if self.dirty:
            if not self._error:
                self._set_state("editing…")
            self._schedule(AUTOSAVE_DELAY)

    def save_now(self) -> None:
        """Ask for a save at once if anything changed."""
        self._cancel_timer()
        if self.dirty:
            self.post_message(self.SaveRequested(self.draft()))

    def _schedule(self, delay: float) -> None:
        self._cancel_timer()
        self._timer = self.set_timer(delay, self.save_now, name="autosave")

    @property
    def autosave_waiting(self) -> bool:
        """Whether typed words are waiting for the autosave's timer (not held
        back by a failed save, which the screen retries)."""
        return self._timer is not None and self._error is None

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _set_state(self, label: str, *, error: bool = False) -> None:
        state = self.query_one(SaveIndicator)
        # Its width is fixed by the layout, so a new label needs no new layout
        # (which costs the whole screen a frame, on every save).
        state.update(label, layout=False)
        state.set_class(error, "-error")

    def _saved_label(self, entry: Entry | None) -> str:
        if entry is None:
            return "new page"
        moment = entry.updated or entry.created
        return f"saved {moment:%H:%M}" if moment.date() == self.today else "saved"

    def on_resize(self) -> None:
        """Fit the title line to the new width."""
        self._show_title()

    def _show_title(self) -> None:
        """The day and the kind of page, in the longest words that fit."""
        when = describe_day(self.day, self.today)
        near = when in ("today", "yesterday", "tomorrow")
        room = self.size.width - 2  # the title's padding
        day, n = self.day, self.day.day
        for full in (f"{day:%A} {n} {day:%B %Y}", f"{day:%a} {n} {day:%b %Y}"):
            label = f"{full} · {KIND_NAMES[self.kind]}"
            if near:
                label = f"{when[0].upper()}{when[1:]} · {label}"
            if room <= 0 or len(label) <= room:
                break
        self.query_one("#page-title", Static).update(label, layout=False)
