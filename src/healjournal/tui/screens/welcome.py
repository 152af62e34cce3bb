"""The first-run welcome: who it is about, the keys that matter, starter goals,
the last contact."""

from __future__ import annotations

from dataclasses import dataclass, field
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
from healjournal.domain.person import Person
from healjournal.errors import InputError
from healjournal.tips import tip_templates
from healjournal.tui.dialogs.goal_form import KIND_LABELS
from healjournal.tui.speaking import SpokenKeys
from healjournal.tui.widgets.day_field import DayField
from healjournal.tui.widgets.goal_options import CHECKED, MARKER_WIDTH, UNCHECKED
from healjournal.tui.widgets.person_choice import PersonChoice, PersonFields

__all__ = ["StarterGoalList", "WelcomeResult", "WelcomeScreen"]

#: A starter goal as the welcome returns it.
StarterChoice = tuple[Theme, str, GoalKind]


@dataclass(frozen=True)
class WelcomeResult:
    """What the person chose on the welcome screen; empty if they skipped."""

    goals: tuple[StarterChoice, ...]
    """The starter goals ticked, as (theme, title, kind), in the order shown."""
    last_contact: date | None
    """The last day they talked to the ex, or None if they did not say."""
    person: Person = field(default_factory=Person)
    """Who they are getting over, as chosen (he, by default)."""


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

    def __init__(self, person: Person, *, id: str | None = None) -> None:
        """A list of all the starter goals, none ticked, spoken for `person`.

        A goal's value keeps its title as written in the tips; `chosen`
        speaks it for the person chosen by then.
        """
        options: list[Selection[StarterChoice | Theme]] = []
        for tips in tip_templates():
            options.append(Selection(tips.name, tips.theme, disabled=True))
            for goal in tips.goals:
                value = (tips.theme, goal.title, goal.kind)
                options.append(Selection(_goal_prompt(value, person), value))
        super().__init__(*options, id=id)
        self._person = person

    def speak_for(self, person: Person) -> None:
        """Say every goal again for `person` (ticks and cursor stay)."""
        if person == self._person:
            return
        self._person = person
        for index in range(self.option_count):
            value = self.get_option_at_index(index).value
            if isinstance(value, tuple):
                self.replace_option_prompt_at_index(index, _goal_prompt(value, person))

    @property
    def chosen(self) -> tuple[StarterChoice, ...]:
        """The goals ticked, in the order they are listed, spoken for the person."""
        ticked = set(self.selected)
        values = (self.get_option_at_index(i).value for i in range(self.option_count))
        chosen: list[StarterChoice] = []
        for value in values:
            if isinstance(value, tuple) and value in ticked:
                theme, title, kind = value
                chosen.append((theme, self._person.say(title, mine=True), kind))
        return tuple(chosen)

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

    def action_cursor_up(self) -> None:
        """Up from the first goal goes up to the question above, not round."""
        first = next(
            (i for i in range(self.option_count) if not self._is_heading(i)), None
        )
        if self.highlighted == first:
            self.screen.focus_previous()
            return
        super().action_cursor_up()

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


def _goal_prompt(value: StarterChoice, person: Person) -> Content:
    """A starter goal's line: its title in the writer's voice, and its kind."""
    _, title, kind = value
    return Content.assemble(
        person.say(title, mine=True), (f" · {KIND_LABELS[kind]}", "dim")
    )


#: The question about the last contact, spoken for the person chosen.
LAST_CONTACT = "When did you last talk to {them}?"
#: What the keys do, by where the focus is (the choice, the name, elsewhere).
KEYS_CHOICE = "← → or h s t e: choose · Enter: next"
KEYS_NAME = "Enter: on to the goals · Ctrl+S starts"
KEYS = "Ctrl+S starts · Esc skips"


class WelcomeScreen(SpokenKeys, ModalScreen[WelcomeResult]):
    """Shown once, on the first run: a hello, who it is about, starter goals
    and the last contact."""

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
    WelcomeScreen #person {
        margin-bottom: 1;
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

    def __init__(self, today: date, person: Person | None = None) -> None:
        """A welcome that reads the last-contact day counted from `today`,
        offering `person` (the default: he) as who it is about."""
        super().__init__()
        self.today = today
        self._person = person or Person()
        self._leaving = False

    def compose(self) -> ComposeResult:
        """The hello, the goals, the last contact, the keys and the buttons."""
        with Vertical(id="box") as box:
            box.border_title = "Welcome to healjournal"
            yield Static(self.HELLO, id="hello", markup=False)
            yield PersonFields(self._person, "Who are you getting over?", id="person")
            yield Label(
                "Pick a few goals to start with (Space ticks one; change them "
                "any time):",
                classes="label",
            )
            yield StarterGoalList(self._person, id="goals")
            with Horizontal(id="last-contact-row"):
                yield Label(
                    self._person.say(LAST_CONTACT),
                    classes="label",
                    id="last-contact-label",
                    markup=False,
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
                yield Label(KEYS, id="keys")
                yield Button("Start", variant="primary", id="start")
                yield Button("Skip", id="skip")

    @on(Input.Submitted, "#last-contact")
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        """Return the goals ticked, the day and the person, or say what to fix."""
        fields = self.query_one(PersonFields)
        try:
            person = fields.person
        except ValueError as error:
            self.notify(str(error), title="That name", severity="warning")
            fields.name_field.focus()  # the name typed stays, to be mended
            return
        day = self.query_one(DayField)
        try:
            last_contact = day.read()
        except InputError:
            day.insist()
            return
        goals = self.query_one(StarterGoalList).chosen
        self._close(WelcomeResult(goals, last_contact, person))

    # -- who it is about -------------------------------------------------------

    @property
    def person(self) -> Person:
        """Who is chosen now; a name that cannot be used is left out."""
        fields = self.query_one(PersonFields)
        try:
            return fields.person
        except ValueError:
            return Person(fields.who)

    @on(PersonChoice.Changed)
    @on(Input.Changed, "#person-name")
    def _speak_again(self) -> None:
        # The welcome speaks for the choice as it is made.
        person = self.person
        self.query_one("#last-contact-label", Label).update(person.say(LAST_CONTACT))
        self.query_one(StarterGoalList).speak_for(person)

    @on(PersonChoice.Submitted)
    def _choice_settled(self) -> None:
        name = self.query_one(PersonFields).name_field
        if name.disabled:
            self.query_one(StarterGoalList).focus()
        else:
            name.focus()

    @on(Input.Submitted, "#person-name")
    def _name_settled(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(StarterGoalList).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Say what the keys do where the cursor is."""
        widget = event.widget
        if isinstance(widget, PersonChoice):
            keys = KEYS_CHOICE
        elif widget.id == "person-name":
            keys = KEYS_NAME
        else:
            keys = KEYS
        self.query_one("#keys", Label).update(keys)

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
        if not self._leaving:
            self._close(WelcomeResult((), None, self.person))
        self.app.post_message(typed)

    def on_paste(self, event: events.Paste) -> None:
        """A paste outside the day field is words for the page."""
        event.stop()
        self.step_aside(events.Paste(event.text))

    @on(Button.Pressed, "#skip")
    def action_skip(self) -> None:
        """Start with no goals and no count; who it is about, if chosen, stays."""
        self._close(WelcomeResult((), None, self.person))

    def _close(self, result: WelcomeResult) -> None:
        if not self._leaving:
            self._leaving = True
            self.dismiss(result)
