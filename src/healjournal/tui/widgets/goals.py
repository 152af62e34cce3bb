"""The goal checklist: today's ticks, grouped by theme, one keystroke each.

The checklist only shows what it is given (`GoalChecklist.show`) and says what
the person wants through messages; saving a tick is someone else's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Self

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from healjournal.domain.dates import describe_day, week_start
from healjournal.domain.models import Goal, GoalKind, Theme
from healjournal.domain.stats import OPTIONAL_THEMES, writing_streak
from healjournal.domain.visible import visible
from healjournal.tips import StarterGoal, theme_tips

__all__ = ["GoalChecklist", "theme_label"]

#: Short theme names for the group headings, where the full names are too long.
_SHORT_NAMES: dict[Theme, str] = {
    Theme.LIFE: "Life",
    Theme.BODY: "Body",
    Theme.CAREER: "Career",
    Theme.GOAL: "Any goal",
    Theme.SOCIAL: "Sharing",
    Theme.PEOPLE: "People",
    Theme.NO_CONTACT: "No contact",
}

_GOAL_PREFIX = "goal-"
_KIND_WORDS = {
    GoalKind.ONCE: "one-off",
    GoalKind.DAILY: "daily",
    GoalKind.WEEKLY: "weekly",
}
_STARTER_PREFIX = "starter-"
#: A goal's tick box, ticked and not, and the cells it takes with its space
#: (the welcome's starter goals use the same).
CHECKED = "☑"
UNCHECKED = "☐"
MARKER_WIDTH = 2

_EMPTY = (
    "No goals yet, and that's fine. Small counts: a walk, a glass of water, "
    "one page.\n\n"
    "Press [b $text-accent]a[/] to add one of your own, or press "
    "[b $text-accent]F3[/] for the tips and their starter goals."
)
#: The same, when there are starter goals right below to pick from.
_EMPTY_WITH_STARTERS = (
    "No goals yet, and that's fine. Small counts: a walk, a glass of water, "
    "one page. Press [b $text-accent]a[/] to add one of your own, "
    "[b $text-accent]F3[/] for more ideas, or [b $text-accent]Enter[/] on one "
    "of these to make it yours:"
)


def theme_label(theme: Theme) -> str:
    """The short name of `theme` used in headings: "Body", "No contact"."""
    return _SHORT_NAMES[Theme(theme)]


class _Hanging(Visual):
    """A marker, then text whose wrapped lines stay lined up after the marker."""

    def __init__(self, marker: Content, body: Content, indent: int) -> None:
        self._marker = marker
        self._body = body
        self._indent = indent

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """As wide as the marker plus the body on one line."""
        inner = max(1, container_width - self._indent)
        return self._indent + self._body.get_optimal_width(rules, inner)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """The lines the body needs beside the marker."""
        return self._body.get_height(rules, max(1, width - self._indent))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """The marker on the first line, blank space under it on the others."""
        inner = max(1, width - self._indent)
        body = self._body.render_strips(inner, height, style, options)
        rich_style = style.rich_style
        marker = self._marker.render_strips(self._indent, 1, style, options)
        first = (
            marker[0].adjust_cell_length(self._indent, rich_style)
            if marker
            else Strip.blank(self._indent, rich_style)
        )
        gap = Strip.blank(self._indent, rich_style)
        return [
            Strip.join(
                [first if n == 0 else gap, line.adjust_cell_length(inner, rich_style)]
            )
            for n, line in enumerate(body)
        ]


class GoalChecklist(Widget):
    """The person's goals, grouped by theme, ticked for today with a keystroke."""

    DEFAULT_CSS = """
    GoalChecklist {
        height: 1fr;
        min-width: 30;
        border: round $border-blurred;
        border-title-color: $text-muted;
        padding: 0 1;
        &:focus-within {
            border: round $border;
            border-title-color: $text;
        }
        & > OptionList {
            height: 1fr;
            max-height: 100%;
            background: transparent;
            scrollbar-size-vertical: 1;
            &:focus {
                background-tint: transparent;
            }
            & > .option-list--option-disabled {
                color: $text-muted;
            }
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle", "Tick", id="goals.toggle"),
        Binding("a", "add", "Add", id="goals.add"),
        Binding("e", "edit", "Edit", id="goals.edit"),
        Binding("x", "archive", "Put away", id="goals.archive"),
        Binding("delete", "delete", "Delete", id="goals.delete"),
        Binding("h", "show_archived", "Show put away", id="goals.show_archived"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | space, enter | Tick the highlighted goal for today, or untick it. |
    | a | Ask to add a goal. |
    | e | Ask to edit the highlighted goal. |
    | x | Ask to put the highlighted goal away (or bring it back). |
    | delete | Ask to delete the highlighted goal. |
    | h | Show or hide the goals put away. |
    """

    @dataclass
    class Toggled(Message):
        """The person wants a goal ticked, or unticked, for today."""

        goal_id: int
        """The goal to change."""
        ticked: bool
        """The state wanted: True to tick today, False to untick today."""

    @dataclass
    class AddRequested(Message):
        """The person wants to add a goal."""

    @dataclass
    class EditRequested(Message):
        """The person wants to edit a goal."""

        goal_id: int
        """The goal to edit."""

    @dataclass
    class ArchiveRequested(Message):
        """The person wants to put a goal away, keeping its history."""

        goal_id: int
        """The goal to put away."""

    @dataclass
    class StarterChosen(Message):
        """The person picked a starter goal from the empty list."""

        theme: Theme
        """The theme the starter goal belongs to."""
        title: str
        """What to do."""
        kind: GoalKind
        """Once, daily or weekly."""

    @dataclass
    class DeleteRequested(Message):
        """The person wants a goal gone, history and all (confirm first)."""

        goal_id: int
        """The goal to delete."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        """An empty checklist; `show` fills it."""
        super().__init__(id=id, classes=classes)
        self._goals: dict[int, Goal] = {}
        self._archived: dict[int, Goal] = {}
        self._today: date | None = None
        self.show_archived = False
        #: The goals known when a new one was asked for (None: none asked for).
        self._known_before_add: set[int] | None = None
        self.border_title = "Goals"

    def compose(self) -> ComposeResult:
        """One list: theme headings (not selectable) and the goals under them."""
        yield OptionList(_empty_option(), compact=True)

    def focus(self, scroll_visible: bool = True) -> Self:
        """Focus the list inside, which is what takes the keys."""
        self.query_one(OptionList).focus(scroll_visible)
        return self

    @property
    def highlighted_goal_id(self) -> int | None:
        """The id of the highlighted goal, or None when nothing is highlighted."""
        if not self.is_mounted:
            return None
        return _goal_id(self.query_one(OptionList).highlighted_option)

    def expect_new_goal(self) -> None:
        """A goal is being added: highlight it once it is shown, so Space ticks it."""
        self._known_before_add = {*self._goals, *self._archived}

    def show(self, goals: list[Goal], today: date) -> None:
        """Show `goals` as seen on `today`, keeping the highlighted goal if it stays.

        Archived goals are listed last, under "Put away", only after `h`. If
        the highlighted goal is gone, the highlight stays at the same place;
        after `expect_new_goal`, it moves to the goal that was added.
        """
        self._goals = {goal.id: goal for goal in goals if not goal.archived}
        self._archived = {goal.id: goal for goal in goals if goal.archived}
        self._today = today
        if self.is_mounted:
            self._refill()

    def on_mount(self) -> None:
        """Show what `show` was given before the list existed."""
        if self._today is not None:
            self._refill()

    def _refill(self) -> None:
        if self._today is None:
            return
        option_list = self.query_one(OptionList)
        keep_id = self.highlighted_goal_id
        keep_index = option_list.highlighted
        if self._known_before_add is not None:
            added = self._goals.keys() - self._known_before_add
            if added:
                keep_id = max(added)  # the newest, if two arrived at once
                self._known_before_add = None
        active = list(self._goals.values())
        if active:
            options = _options(active, self._today)
        else:  # starters for a first goal; goals put away mean one was had
            options = _empty(starters=not self._archived)
        if self._archived and self.show_archived:
            heading = Content.assemble(
                ("\n", ""),
                ("Put away", "bold $text-accent"),
                (" · x brings one back", "$foreground-muted"),
            )
            options.append(Option(heading, id="theme-archived", disabled=True))
            options += [_goal_option(g, self._today) for g in self._archived.values()]
        elif self._archived:
            hint = f"h shows {len(self._archived)} put away"
            options.append(
                Option(
                    Content.styled(f"\n{hint}", "$foreground-muted"),
                    id="archived-hint",
                    disabled=True,
                )
            )
        option_list.set_options(options)
        option_list.highlighted = _new_highlight(option_list, keep_id, keep_index)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim the keys that need a goal when none is highlighted."""
        if action in {"toggle", "edit", "archive", "delete"}:
            return True if self.highlighted_goal_id is not None else None
        return True

    @on(OptionList.OptionHighlighted)
    def _highlight_moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.refresh_bindings()

    @on(OptionList.OptionSelected)
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter and a click both land here: they tick, like space, or make a
        # starter goal yours.
        event.stop()
        starter = _starter(event.option)
        if starter is not None:
            theme, goal = starter
            self.post_message(self.StarterChosen(theme, goal.title, goal.kind))
            return
        self.action_toggle()

    def action_toggle(self) -> None:
        """Tick the highlighted goal for today, or untick it if ticked today."""
        goal = self._highlighted_goal()
        if goal is not None and self._today is not None and not goal.archived:
            ticked = not goal.ticked_on(self._today)
            self.post_message(self.Toggled(goal_id=goal.id, ticked=ticked))

    def action_add(self) -> None:
        """Ask for a new goal."""
        self.post_message(self.AddRequested())

    def action_edit(self) -> None:
        """Ask to edit the highlighted goal."""
        if (goal_id := self.highlighted_goal_id) is not None:
            self.post_message(self.EditRequested(goal_id=goal_id))

    def action_show_archived(self) -> None:
        """Show or hide the goals put away."""
        self.show_archived = not self.show_archived
        self._refill()

    def action_archive(self) -> None:
        """Ask to put the highlighted goal away, or to bring it back."""
        if (goal_id := self.highlighted_goal_id) is not None:
            self.post_message(self.ArchiveRequested(goal_id=goal_id))

    def action_delete(self) -> None:
        """Ask to delete the highlighted goal."""
        if (goal_id := self.highlighted_goal_id) is not None:
            self.post_message(self.DeleteRequested(goal_id=goal_id))

    def _highlighted_goal(self) -> Goal | None:
        goal_id = self.highlighted_goal_id
        if goal_id is None:
            return None
        return self._goals.get(goal_id) or self._archived.get(goal_id)


def _goal_id(option: Option | None) -> int | None:
    if option is None or option.id is None or not option.id.startswith(_GOAL_PREFIX):
        return None
    return int(option.id.removeprefix(_GOAL_PREFIX))


def _new_highlight(
    option_list: OptionList, keep_id: int | None, keep_index: int | None
) -> int | None:
    """Where the highlight goes after the options were replaced."""
    options = option_list.options
    selectable = [n for n, option in enumerate(options) if not option.disabled]
    if not selectable:
        return None
    if keep_id is not None:
        wanted = f"{_GOAL_PREFIX}{keep_id}"
        for n in selectable:
            if options[n].id == wanted:
                return n
    if keep_index is None:
        return selectable[0]
    # The goal went away: stay where it was, on the goal that took its place.
    after = [n for n in selectable if n >= keep_index]
    return after[0] if after else selectable[-1]


def _empty_option() -> Option:
    return Option(Content(""), disabled=True)


def _starters() -> list[tuple[Theme, StarterGoal]]:
    """One starter goal from each theme, the optional ones left out."""
    return [
        (theme, theme_tips(theme).goals[0])
        for theme in Theme
        if theme not in OPTIONAL_THEMES
    ]


def _starter(option: Option) -> tuple[Theme, StarterGoal] | None:
    if option.id is None or not option.id.startswith(_STARTER_PREFIX):
        return None
    return _starters()[int(option.id.removeprefix(_STARTER_PREFIX))]


def _empty(*, starters: bool) -> list[Option]:
    """The empty list teaches: how to add a goal, and a few to start with."""
    text = _EMPTY_WITH_STARTERS if starters else _EMPTY
    options = [Option(Content.from_markup(text), id="empty", disabled=True)]
    for index, (theme, goal) in enumerate(_starters() if starters else ()):
        body = Content.assemble(
            goal.title,
            "\n",
            (f"{_KIND_WORDS[goal.kind]} · {theme_label(theme)}", "$foreground-muted"),
        )
        marker = Content.styled("+", "bold $text-accent")
        options.append(
            Option(
                _Hanging(marker, body, MARKER_WIDTH),
                id=f"{_STARTER_PREFIX}{index}",
            )
        )
    return options


def _options(goals: list[Goal], today: date) -> list[Option]:
    by_theme: dict[Theme, list[Goal]] = {}
    for goal in goals:
        by_theme.setdefault(Theme(goal.theme), []).append(goal)
    options: list[Option] = []
    for theme in Theme:
        group = by_theme.get(theme)
        if not group:
            continue
        done = sum(goal.done_for(today) for goal in group)
        heading = Content.assemble(
            ("" if not options else "\n", ""),
            (theme_label(theme), "bold $text-accent"),
            (f" · {done}/{len(group)} done", "$foreground-muted"),
        )
        options.append(Option(heading, id=f"theme-{theme.value}", disabled=True))
        options += [_goal_option(goal, today) for goal in group]
    return options


def _goal_option(goal: Goal, today: date) -> Option:
    done = goal.done_for(today)
    overdue = goal.overdue_on(today)
    if done:
        marker = Content.styled(CHECKED, "bold $text-success")
    elif overdue:
        marker = Content.styled(UNCHECKED, "bold $text-error")
    else:
        marker = Content(UNCHECKED)
    details = _details(goal, today)
    body = Content.assemble(
        visible(goal.title),
        "\n",
        (details, "$text-warning" if overdue else "$foreground-muted"),
    )
    prompt = _Hanging(marker, body, MARKER_WIDTH)
    return Option(prompt, id=f"{_GOAL_PREFIX}{goal.id}")


def _details(goal: Goal, today: date) -> str:
    """The dim line under a goal: how often, and how it is going."""
    if goal.kind is GoalKind.DAILY:
        streak = writing_streak(goal.ticks, today).current
        return f"daily · {streak} days running" if streak > 1 else "daily"
    if goal.kind is GoalKind.WEEKLY:
        monday = week_start(today)
        count = sum(monday <= tick <= today for tick in goal.ticks)
        return f"weekly · {count} this week" if count else "weekly"
    done_on = [tick for tick in goal.ticks if tick <= today]
    if done_on:
        return f"done {describe_day(max(done_on), today)}"
    if goal.due is None:
        return "one-off"
    when = describe_day(goal.due, today)
    if goal.overdue_on(today):
        return f"still open · was due {when}"
    return f"due {when}"
