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
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList

from healjournal.domain.models import Goal, GoalKind, Theme
from healjournal.tui.speaking import person_of
from healjournal.tui.widgets.goal_options import (
    GOAL_PREFIX,
    archived_options,
    empty_option,
    goal_id,
    goal_options,
    starter,
    starter_options,
)

__all__ = ["GoalChecklist"]


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
        yield OptionList(empty_option(), compact=True)

    def focus(self, scroll_visible: bool = True) -> Self:
        """Focus the list inside, which is what takes the keys."""
        self.query_one(OptionList).focus(scroll_visible)
        return self

    @property
    def highlighted_goal_id(self) -> int | None:
        """The id of the highlighted goal, or None when nothing is highlighted."""
        if not self.is_mounted:
            return None
        return goal_id(self.query_one(OptionList).highlighted_option)

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
        """Show what `show` was given before the list existed; speak the
        starter goals again when the person chosen changes."""
        if self._today is not None:
            self._refill()
        self.watch(self.app, "person", self._refill, init=False)

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
            options = goal_options(active, self._today)
        else:  # starters for a first goal; goals put away mean one was had
            person = person_of(self)
            options = starter_options(starters=not self._archived, person=person)
        archived = list(self._archived.values())
        options += archived_options(archived, self._today, shown=self.show_archived)
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
        chosen = starter(event.option)
        if chosen is not None:
            theme, goal = chosen
            title = person_of(self).say(goal.title, mine=True)
            self.post_message(self.StarterChosen(theme, title, goal.kind))
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
        return None if goal_id is None else self.shown_goal(goal_id)

    def shown_goal(self, goal_id: int) -> Goal | None:
        """The goal with this id as the checklist has it, archived or not."""
        return self._goals.get(goal_id) or self._archived.get(goal_id)


def _new_highlight(
    option_list: OptionList, keep_id: int | None, keep_index: int | None
) -> int | None:
    """Where the highlight goes after the options were replaced."""
    options = option_list.options
    selectable = [n for n, option in enumerate(options) if not option.disabled]
    if not selectable:
        return None
    if keep_id is not None:
        wanted = f"{GOAL_PREFIX}{keep_id}"
        for n in selectable:
            if options[n].id == wanted:
                return n
    if keep_index is None:
        return selectable[0]
    # The goal went away: stay where it was, on the goal that took its place.
    after = [n for n in selectable if n >= keep_index]
    return after[0] if after else selectable[-1]
