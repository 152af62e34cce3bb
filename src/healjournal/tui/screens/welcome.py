"""The first-run welcome: the keys that matter, starter goals, the last contact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import (
    Button,
    Input,
    Label,
    OptionList,
    SelectionList,
    Static,
)
from textual.widgets.selection_list import Selection

from healjournal.domain.models import GoalKind, Theme
from healjournal.errors import InputError
from healjournal.tips import load_tips
from healjournal.tui.dialogs.goal_form import KIND_LABELS
from healjournal.tui.widgets.day_field import DayField
from healjournal.tui.widgets.goal_options import CHECKED, MARKER_WIDTH, UNCHECKED

__all__ = ["StarterGoalList", "WelcomeResult", "WelcomeScreen"]

#: A starter goal as the welcome returns it.
StarterChoice = tuple[Theme, str, GoalKind]


@dataclass(frozen=True)
class WelcomeResult:
    """What the person chose on the welcome screen; empty if they skipped."""

    goals: tuple[StarterChoice, ...]
    """The starter goals ticked, as (theme, title, kind), in the order shown."""
    last_contact: date | None
    """The last day they talked to him, or None if they did not say."""


class StarterGoalList(SelectionList[StarterChoice | Theme]):
    """The starter goals of every theme, under a heading for each theme.

    A heading is a disabled option whose value is its Theme: the cursor skips
    it, it cannot be ticked, and it is drawn without a tick box.
    """

    DEFAULT_CSS = """
    StarterGoalList {
        height: 1fr;
        min-height: 5;
    }
    StarterGoalList > .option-list--option-disabled {
        color: $text-accent;
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        """A list of all the starter goals, none ticked."""
        options: list[Selection[StarterChoice | Theme]] = []
        for tips in load_tips():
            options.append(Selection(tips.name, tips.theme, disabled=True))
            for goal in tips.goals:
                prompt = Content.assemble(
                    goal.title, (f" · {KIND_LABELS[goal.kind]}", "dim")
                )
                options.append(Selection(prompt, (tips.theme, goal.title, goal.kind)))
        super().__init__(*options, id=id)

    @property
    def chosen(self) -> tuple[StarterChoice, ...]:
        """The goals ticked, in the order they are listed."""
        ticked = set(self.selected)
        values = (self.get_option_at_index(i).value for i in range(self.option_count))
        return tuple(v for v in values if isinstance(v, tuple) and v in ticked)

    def render_line(self, y: int) -> Strip:
        """Draw a goal with the goal list's ☐/☑ box, a heading as plain text."""
        index = self.scroll_offset.y + y
        line = OptionList.render_line(self, y)
        if not 0 <= index < self.option_count:
            return line
        if self._is_heading(index):
            return line.extend_cell_length(self.scrollable_content_region.width)
        ticked = self.get_option_at_index(index).value in self._selected
        style = (next(iter(line)).style or self.rich_style) + Style(
            meta={"option": index}
        )
        box = Segment(f"{CHECKED if ticked else UNCHECKED} ", style)
        return Strip([box, *line])

    def _get_left_gutter_width(self) -> int:
        return MARKER_WIDTH

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Keep a theme's heading in view when the cursor reaches its first goal."""
        super().scroll_to_highlight(top)
        index = self.highlighted
        if index and self._is_heading(index - 1) and self.scroll_offset.y >= index:
            self.scroll_to_region(
                Region(0, index - 1, self.scrollable_content_region.width, 2),
                animate=False,
                immediate=True,
                force=True,
            )

    async def _on_key(self, event: events.Key) -> None:
        # Someone who starts typing at once wants to write, not pick goals:
        # a letter or a digit (only Space, Enter and arrows mean something
        # here) closes the welcome and goes to the page, and so does every
        # key that was already on its way when it closed.
        screen = self.screen
        character = event.character
        wants_page = event.is_printable and character and not character.isspace()
        if isinstance(screen, WelcomeScreen) and (wants_page or screen.leaving):
            event.stop()
            event.prevent_default()
            screen.step_aside(events.Key(event.key, character))
            return
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        # Here, not on the screen, so a paste keeps its place among the keys.
        event.stop()
        screen = self.screen
        if isinstance(screen, WelcomeScreen):
            screen.step_aside(events.Paste(event.text))

    def _is_heading(self, index: int) -> bool:
        return isinstance(self.get_option_at_index(index).value, Theme)


class WelcomeScreen(ModalScreen[WelcomeResult]):
    """Shown once, on the first run: a hello, starter goals and the last contact."""

    DEFAULT_CSS = """
    WelcomeScreen {
        align: center middle;
    }
    WelcomeScreen > #box {
        width: 100%;
        max-width: 100;
        height: 100%;
        max-height: 40;
        padding: 0 1;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
    }
    WelcomeScreen #hello {
        height: auto;
        padding: 0 1 1 1;
    }
    WelcomeScreen .label {
        padding: 0 1;
        text-style: bold;
    }
    WelcomeScreen #last-contact-row {
        height: auto;
    }
    WelcomeScreen #last-contact-label {
        width: auto;
        padding: 1 1 0 1;
    }
    WelcomeScreen #bottom {
        height: auto;
    }
    WelcomeScreen #keys {
        width: 1fr;
        padding: 1 1 0 1;
        color: $text-muted;
    }
    WelcomeScreen #bottom Button {
        margin-left: 1;
    }
    """

    AUTO_FOCUS = "#goals"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", id="welcome.start"),
        Binding("escape", "skip", "Skip", id="welcome.skip"),
    ]

    HELLO = (
        "This is your journal. It lives on this computer and nobody else reads it.\n"
        "Close this and you're on today's page: just start typing.\n"
        "Ctrl+P finds everything else, F1 is help, and Esc skips all this."
    )
    """The three lines of welcome."""

    def __init__(self, today: date) -> None:
        """A welcome that reads the last-contact day counted from `today`."""
        super().__init__()
        self.today = today
        self._leaving = False

    def compose(self) -> ComposeResult:
        """The hello, the goals, the last contact, the keys and the buttons."""
        with Vertical(id="box") as box:
            box.border_title = "Welcome to healjournal"
            yield Static(self.HELLO, id="hello", markup=False)
            yield Label(
                "Pick a few goals to start with (Space ticks one; change them "
                "any time):",
                classes="label",
            )
            yield StarterGoalList(id="goals")
            with Horizontal(id="last-contact-row"):
                yield Label(
                    "When did you last talk to him?",
                    classes="label",
                    id="last-contact-label",
                )
                yield DayField(
                    self.today,
                    placeholder="e.g. yesterday, last saturday, oct 3",
                    allow_future=False,
                    allow_empty=True,
                    empty_hint="empty is fine: start the count later",
                    input_id="last-contact",
                    id="last-contact-field",
                )
            with Horizontal(id="bottom"):
                yield Label("Ctrl+S starts · Esc skips", id="keys")
                yield Button("Start", variant="primary", id="start")
                yield Button("Skip", id="skip")

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        """Return the goals ticked and the day, or say in place what to fix."""
        field = self.query_one(DayField)
        try:
            last_contact = field.read()
        except InputError:
            field.insist()
            return
        goals = self.query_one(StarterGoalList).chosen
        self._close(WelcomeResult(goals=goals, last_contact=last_contact))

    @property
    def leaving(self) -> bool:
        """Whether the welcome has closed, with keys perhaps still arriving."""
        return self._leaving

    def step_aside(self, typed: events.Key | events.Paste) -> None:
        """Close the welcome (once) and send what was typed on to the page.

        Keys and pastes that arrive in a burst all reach the welcome before
        it has gone; each is posted to the app again, in the order typed, so
        the page (focused once the welcome is gone) gets every one.
        """
        self._close(WelcomeResult(goals=(), last_contact=None))
        self.app.post_message(typed)

    def on_paste(self, event: events.Paste) -> None:
        """A paste outside the day field is words for the page."""
        event.stop()
        self.step_aside(events.Paste(event.text))

    @on(Button.Pressed, "#skip")
    def action_skip(self) -> None:
        """Start with nothing chosen."""
        self._close(WelcomeResult(goals=(), last_contact=None))

    def _close(self, result: WelcomeResult) -> None:
        if not self._leaving:
            self._leaving = True
            self.dismiss(result)
