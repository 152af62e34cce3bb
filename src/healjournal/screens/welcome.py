"""The first-run welcome: the keys that matter, starter goals, the last contact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

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

from healjournal.dialogs.goal_form import KIND_LABELS
from healjournal.domain.models import GoalKind, Theme
from healjournal.errors import InputError
from healjournal.tips import load_tips
from healjournal.widgets.day_field import DayField

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
    typed: str = ""
    """A key typed straight away, meant for the page: the welcome steps aside."""


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
        """Draw a heading as plain text across the line, without a tick box."""
        index = self.scroll_offset.y + y
        if 0 <= index < self.option_count and self._is_heading(index):
            width = self.scrollable_content_region.width
            return OptionList.render_line(self, y).extend_cell_length(width)
        return super().render_line(y)

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
        # here) closes the welcome and goes to the page.
        character = event.character
        if event.is_printable and character and not character.isspace():
            event.stop()
            event.prevent_default()
            screen = self.screen
            if isinstance(screen, WelcomeScreen):
                screen.step_aside(character)
            return
        await super()._on_key(event)

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
        self.dismiss(WelcomeResult(goals=goals, last_contact=last_contact))

    def step_aside(self, typed: str) -> None:
        """Close the welcome and hand `typed` to the page."""
        self.dismiss(WelcomeResult((), None, typed=typed))

    @on(Button.Pressed, "#skip")
    def action_skip(self) -> None:
        """Start with nothing chosen."""
        self.dismiss(WelcomeResult(goals=(), last_contact=None))
