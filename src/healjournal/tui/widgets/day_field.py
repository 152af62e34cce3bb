"""A day typed in words, with the real date shown back as you type."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from healjournal.domain.dates import NOT_YET, check_not_future, describe_day
from healjournal.domain.day_words import parse_day
from healjournal.errors import InputError

__all__ = ["NOT_YET", "DayField"]


class DayField(Vertical):
    """An Input for a day in words, with a live line under it saying which day."""

    DEFAULT_CSS = """
    DayField {
        height: auto;
        width: 1fr;
    }
    DayField > .day-field--feedback {
        height: auto;
        padding: 0 1;
        color: $text-success;
    }
    DayField.-empty > .day-field--feedback,
    DayField:disabled > .day-field--feedback {
        color: $text-muted;
    }
    DayField:disabled > Input {
        background: $surface;
        border: tall $surface;
    }
    DayField.-invalid > .day-field--feedback {
        color: $text-error;
    }
    """

    def __init__(
        self,
        today: date,
        value: str = "",
        *,
        placeholder: str = "",
        allow_future: bool = True,
        allow_empty: bool = False,
        empty_hint: str = "",
        disabled_hint: str = "",
        flag_past: bool = False,
        input_id: str | None = None,
        id: str | None = None,
        disabled: bool = False,
    ) -> None:
        """A field for a day counted from `today`.

        `allow_empty` lets an empty field read as None; `empty_hint` is shown
        then. `disabled_hint` is shown while the field is disabled. With
        `flag_past`, a day before today is accepted but pointed out.
        """
        super().__init__(id=id, disabled=disabled)
        self.today = today
        self._value = value
        self._placeholder = placeholder
        self.allow_future = allow_future
        self.allow_empty = allow_empty
        self.empty_hint = empty_hint
        self.disabled_hint = disabled_hint
        self.flag_past = flag_past
        self._input_id = input_id
        self._feedback = ""

    def compose(self) -> ComposeResult:
        """The input and its feedback line."""
        yield Input(self._value, placeholder=self._placeholder, id=self._input_id)
        yield Static("", classes="day-field--feedback", markup=False)

    @property
    def input(self) -> Input:
        """The Input the day is typed in."""
        return self.query_one(Input)

    @property
    def feedback(self) -> str:
        """The line under the input, as the user reads it."""
        return self._feedback

    def read(self) -> date | None:
        """The day typed: None if empty and allowed, else InputError saying why not."""
        text = self.input.value
        if not text.strip():
            if self.allow_empty:
                return None
            raise InputError(
                "type a day first: yesterday, last friday, oct 3 or 2026-10-03"
            )
        day = parse_day(text, self.today)
        if not self.allow_future:
            check_not_future(day, self.today)
        return day

    def show_feedback(self) -> bool:
        """Update the line under the input; return whether the text can be used."""
        empty = not self.input.value.strip()
        self.set_class(empty, "-empty")
        # A disabled field keeps its text (it comes back when enabled) but
        # stops inviting typing.
        self.input.placeholder = "" if self.disabled else self._placeholder
        if self.disabled:
            self._say(self.disabled_hint)
            return True
        if empty and not self.allow_empty:
            # Nothing typed yet is not a mistake: say what to type, calmly.
            self._say(self.empty_hint or "type a day, e.g. yesterday or oct 3")
            return False
        try:
            day = self.read()
        except InputError as error:
            self._say(f"✗ {error}", invalid=True)
            return False
        if day is None:
            self._say(self.empty_hint)
        elif self.flag_past and day < self.today:
            self._say(f"→ {self._shown(day)}, which is already past")
        else:
            self._say(f"→ {self._shown(day)}")
        return True

    def insist(self) -> None:
        """Show why the text cannot be used, as an error, and put the cursor there."""
        try:
            self.read()
        except InputError as error:
            self._say(f"✗ {error}", invalid=True)
        self.input.focus()

    def _say(self, text: str, *, invalid: bool = False) -> None:
        self._feedback = text
        self.set_class(invalid, "-invalid")
        self.query_one(".day-field--feedback", Static).update(Content(text))

    def _shown(self, day: date) -> str:
        return f"{describe_day(day, self.today)} · {day.isoformat()}"

    def on_mount(self) -> None:
        """Say what the starting text reads as."""
        self.show_feedback()

    @on(Input.Changed)
    def _typed(self) -> None:
        self.show_feedback()
