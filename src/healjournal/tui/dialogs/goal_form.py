"""Add a goal or change one: its name, theme, kind and, for one-offs, a due day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select

from healjournal.domain.models import Goal, GoalKind, Theme
from healjournal.errors import InputError
from healjournal.tips import load_tips
from healjournal.tui.dialogs.base import Dialog
from healjournal.tui.widgets.day_field import DayField

__all__ = ["KIND_LABELS", "GoalDraft", "GoalForm"]

#: How each kind of goal is named in the form.
KIND_LABELS: dict[GoalKind, str] = {
    GoalKind.ONCE: "one-off",
    GoalKind.DAILY: "daily habit",
    GoalKind.WEEKLY: "weekly habit",
}

#: The theme a new goal gets when nobody says otherwise.
DEFAULT_THEME = Theme.GOAL

_TITLE_MAX = 200


@dataclass(frozen=True)
class GoalDraft:
    """What the form returns: a goal as typed, not yet saved."""

    title: str
    """The goal's name, stripped of surrounding spaces; never empty."""
    theme: Theme
    """The theme it belongs to."""
    kind: GoalKind
    """Once, daily or weekly."""
    due: date | None
    """The day a one-off is due by; always None for habits."""


class GoalForm(Dialog[GoalDraft | None]):
    """A form to add a goal (`goal` None) or edit one; None if cancelled.

    The keyword arguments prefill a new goal (for example from a starter goal
    or the theme being looked at); when editing they override the goal's own.
    """

    DEFAULT_CSS = """
    GoalForm > #box {
        width: 76;
        padding: 1 1 0 1;
    }
    GoalForm .row {
        height: auto;
    }
    GoalForm .row > .label {
        width: 7;
        padding: 1 0 0 1;
        text-style: bold;
    }
    GoalForm .row > .field {
        width: 1fr;
        height: auto;
    }
    GoalForm #title-problem {
        display: none;
        color: $text-error;
        padding: 0 1;
    }
    GoalForm.-no-title #title-problem {
        display: block;
    }
    GoalForm #kind {
        layout: horizontal;
        width: 1fr;
    }
    GoalForm #kind > RadioButton {
        width: auto;
        margin-right: 2;
    }
    GoalForm #keys {
        padding: 1 1 0 1;
    }
    """

    AUTO_FOCUS = "#title"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="goal_form.save"),
        Binding("escape", "cancel", "Cancel", id="goal_form.cancel"),
    ]

    def __init__(
        self,
        today: date,
        goal: Goal | None = None,
        *,
        theme: Theme | None = None,
        title: str = "",
        kind: GoalKind | None = None,
    ) -> None:
        """A form for a goal, reading due days counted from `today`."""
        super().__init__()
        self.today = today
        self.goal = goal
        self.initial_title = title or (goal.title if goal else "")
        self.initial_theme = theme or (goal.theme if goal else DEFAULT_THEME)
        self.initial_kind = kind or (goal.kind if goal else GoalKind.ONCE)
        due = goal.due if goal else None
        self.initial_due = due.isoformat() if due else ""

    def compose(self) -> ComposeResult:
        """Title, theme, kind and due rows, then the keys and the buttons."""
        with self.box("Edit goal" if self.goal else "New goal"):
            with Horizontal(classes="row"):
                yield Label("Goal", classes="label")
                with Vertical(classes="field"):
                    yield Input(
                        self.initial_title,
                        placeholder="something for you, e.g. run 5 km",
                        max_length=_TITLE_MAX,
                        id="title",
                    )
                    yield Label(
                        "Give it a name first: a few words is plenty.",
                        id="title-problem",
                    )
            with Horizontal(classes="row"):
                yield Label("Theme", classes="label")
                yield Select(
                    [(tips.name, tips.theme) for tips in load_tips()],
                    value=self.initial_theme,
                    allow_blank=False,
                    id="theme",
                    classes="field",
                )
            with Horizontal(classes="row"):
                yield Label("Kind", classes="label")
                with RadioSet(id="kind", classes="field"):
                    for kind, label in KIND_LABELS.items():
                        yield RadioButton(
                            label, value=kind is self.initial_kind, id=f"kind-{kind}"
                        )
            with Horizontal(classes="row"):
                yield Label("Due", classes="label")
                yield DayField(
                    self.today,
                    self.initial_due,
                    placeholder="next friday, dec 3, or leave it empty",
                    allow_empty=True,
                    empty_hint="no due date, and that's fine",
                    disabled_hint="habits repeat, so they have no due date",
                    flag_past=True,
                    input_id="due",
                    id="due-field",
                    disabled=self.initial_kind is not GoalKind.ONCE,
                )
            yield self.bar(
                "Enter or Ctrl+S saves · Esc cancels",
                Button(
                    "Save" if self.goal else "Add goal", variant="primary", id="save"
                ),
                Button("Cancel", id="cancel"),
            )

    @property
    def kind(self) -> GoalKind:
        """The kind picked in the form."""
        pressed = self.query_one("#kind", RadioSet).pressed_button
        if pressed is None or pressed.id is None:
            return self.initial_kind
        return GoalKind(pressed.id.removeprefix("kind-"))

    @on(RadioSet.Changed, "#kind")
    def _kind_changed(self) -> None:
        # Keep whatever due text was typed: switching back to one-off brings it back.
        field = self.query_one(DayField)
        field.disabled = self.kind is not GoalKind.ONCE
        field.show_feedback()

    @on(Input.Changed, "#title")
    def _title_changed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self.remove_class("-no-title")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Return the goal, or show in place what still needs fixing."""
        title = self.query_one("#title", Input).value.strip()
        if not title:
            self.add_class("-no-title")
            self.query_one("#title", Input).focus()
            return
        kind = self.kind
        due = None
        if kind is GoalKind.ONCE:
            try:
                due = self.read_day()
            except InputError:
                return
        theme = self.query_one("#theme", Select).value
        if not isinstance(theme, Theme):  # allow_blank=False: only a safety net
            theme = self.initial_theme
        self.dismiss(GoalDraft(title=title, theme=theme, kind=kind, due=due))
