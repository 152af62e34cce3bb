"""The tip sidebar: one theme's advice, actions, prompts and starter goals.

It opens on today's theme and pages through all seven. Choosing a prompt or a
starter goal only posts a message; the screen decides what to do with it.
Every line is spoken for the person chosen, and again when the choice changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from healjournal.domain.models import GoalKind, Theme
from healjournal.tips import DailyTip, StarterGoal, ThemeTips, theme_tips, tip_for
from healjournal.tui.speaking import person_of
from healjournal.tui.widgets.tip_rows import ThemeArrow, TipChoice, TipItem

__all__ = ["TipSidebar"]

_THEMES: tuple[Theme, ...] = tuple(Theme)
_KIND_LABELS: dict[GoalKind, str] = {
    GoalKind.ONCE: "one-off",
    GoalKind.DAILY: "daily",
    GoalKind.WEEKLY: "weekly",
}
_THEME_KEYS = Binding.Group("Theme", compact=True)


class TipSidebar(VerticalScroll, can_focus=True):
    """Tips for one of the seven themes, opening on today's."""

    DEFAULT_CSS = """
    TipSidebar {
        height: 1fr;
        min-width: 30;
        border: round $border-blurred;
        border-title-color: $text-muted;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
        &:focus {
            border: round $border;
            border-title-color: $text;
            background-tint: $foreground 3%;
        }
        & > #tip-nav {
            dock: top;
            height: 2;
            padding-bottom: 1;
            & > .arrow {
                width: 3;
                text-align: center;
                color: $text-accent;
                text-style: bold;
                &:hover { background: $block-hover-background; }
            }
            & > #tip-position {
                width: 1fr;
                text-align: center;
                color: $text-muted;
            }
        }
        & > #tip-name { text-style: bold; color: $text-accent; }
        & > #tip-summary { color: $text-muted; text-style: italic; }
        & > #tip-note {
            margin-top: 1;
            padding: 0 1;
            border-left: outer $warning;
            background: $warning-muted;
            color: $text;
        }
        & > .advice { margin-top: 1; }
        & > .heading {
            margin-top: 1;
            text-style: bold;
            color: $text-primary;
        }
        & > .today-idea > .marker { color: $text-accent; }
        & > .choice {
            &:hover { background: $block-hover-background; }
            &.-highlight {
                background: $block-cursor-blurred-background;
            }
        }
        &:focus > .choice.-highlight {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            & > .marker { color: $block-cursor-foreground; }
        }
        & > #tip-hint { margin-top: 1; color: $text-muted; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "left,left_square_bracket",
            "previous_theme",
            "Previous theme",
            id="tips.previous_theme",
            group=_THEME_KEYS,
        ),
        Binding(
            "right,right_square_bracket",
            "next_theme",
            "Next theme",
            id="tips.next_theme",
            group=_THEME_KEYS,
        ),
        Binding("up", "cursor_up", "Up", id="tips.cursor_up", show=False),
        Binding("down", "cursor_down", "Down", id="tips.cursor_down", show=False),
        Binding("enter", "choose", "Use", id="tips.choose"),
        Binding("t", "today", "Today", id="tips.today"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | left, [ | The previous theme (the first wraps to the last). |
    | right, ] | The next theme (the last wraps to the first). |
    | up, down | Move through the prompts and starter goals. |
    | enter | Write about the prompt, or add the starter goal. |
    | t | Back to today's theme. |
    """

    theme: reactive[Theme] = reactive(Theme.LIFE, recompose=True)
    """The theme shown."""

    @dataclass
    class PromptChosen(Message):
        """The person wants to write about a prompt."""

        prompt: str
        """The prompt, word for word, as spoken."""

    @dataclass
    class StarterGoalChosen(Message):
        """The person wants one of the starter goals as a goal of their own."""

        theme: Theme
        """The theme the goal belongs to."""
        title: str
        """What the goal says, as spoken."""
        kind: GoalKind
        """How it is ticked: once, daily or weekly."""

    def __init__(
        self, today: date, *, id: str | None = None, classes: str | None = None
    ) -> None:
        """A sidebar opening on the theme of `today`'s tip."""
        super().__init__(id=id, classes=classes)
        self._today = today
        # The calendar's theme until the journal is read (count_from).
        self._start: date | None = None
        self._cursor: int | None = None
        self.border_title = "Tips"
        self.set_reactive(TipSidebar.theme, self._daily().theme.theme)

    def on_mount(self) -> None:
        """Speak again when the person chosen changes."""
        self.watch(self.app, "person", self._person_changed, init=False)

    def _person_changed(self) -> None:
        self.refresh(recompose=True)

    def _daily(self) -> DailyTip:
        return tip_for(self._today, self._start, person_of(self))

    def count_from(self, start: date) -> None:
        """Count the themes from the journal's first day (known once it is read)."""
        if start == self._start:
            return
        on_today = self.theme is self._daily().theme.theme
        self._start = start
        if on_today:
            self.theme = self._daily().theme.theme
        self.refresh(recompose=True)

    @property
    def todays_prompt(self) -> str:
        """The reflection prompt of the day, spoken."""
        return self._daily().prompt

    def show_theme(self, theme: Theme) -> None:
        """Show the tips for `theme`."""
        self.theme = Theme(theme)

    def watch_theme(self) -> None:
        """A new theme starts from its top, with nothing highlighted."""
        self._cursor = None
        self.scroll_home(animate=False, immediate=True)
        self.refresh_bindings()

    def compose(self) -> ComposeResult:
        """The theme switcher, then the theme's copy, then its choices."""
        tips = theme_tips(self.theme, person_of(self))
        daily = self._daily()
        is_today = daily.theme.theme is self.theme

        with Horizontal(id="tip-nav"):
            yield ThemeArrow(-1)
            position = f"{_THEMES.index(self.theme) + 1}/{len(_THEMES)}"
            where = "today's theme" if is_today else "t: back to today"
            yield Static(f"{position} · {where}", id="tip-position", markup=False)
            yield ThemeArrow(1)

        yield Static(tips.name, id="tip-name", markup=False)
        yield Static(tips.summary, id="tip-summary", markup=False)
        if tips.note:
            yield Static(tips.note, id="tip-note", markup=False)
        # Today's idea comes first, where a glance finds it; the advice after.
        yield Static("Try this", classes="heading")
        for action in tips.actions:
            if is_today and action == daily.action:
                text = Content.assemble(
                    action, (" · today's idea", "italic $text-accent")
                )
                yield TipItem("★", text, classes="today-idea")
            else:
                yield TipItem("•", Content(action))
        for paragraph in tips.advice:
            yield Static(paragraph, classes="advice", markup=False)

        for index, (value, text, first) in enumerate(_choices(tips)):
            if first:
                heading = "Write about" if isinstance(value, str) else "Starter goals"
                yield Static(heading, classes="heading")
            yield TipChoice(index, value, text, highlighted=index == self._cursor)

        yield Static(
            "↑↓ to pick, Enter to write about a prompt or add a goal; ←→ for "
            "the other themes.",
            id="tip-hint",
            markup=False,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim Enter until something is picked, and t on today's own theme."""
        if action == "choose":
            return True if self._cursor is not None else None
        if action == "today":
            return True if self.theme is not self._daily().theme.theme else None
        return True

    def action_previous_theme(self) -> None:
        """Show the previous theme, wrapping round from the first."""
        self._step(-1)

    def action_next_theme(self) -> None:
        """Show the next theme, wrapping round from the last."""
        self._step(1)

    def action_today(self) -> None:
        """Back to today's theme."""
        self.show_theme(self._daily().theme.theme)

    def action_cursor_down(self) -> None:
        """Highlight the next prompt or starter goal."""
        count = len(self._choice_rows())
        if count:
            self._move_to(
                0 if self._cursor is None else min(self._cursor + 1, count - 1)
            )

    def action_cursor_up(self) -> None:
        """Highlight the previous choice; above the first, back to reading."""
        if self._cursor is None:
            self.scroll_up(animate=False)
        elif self._cursor == 0:
            self._move_to(None)
        else:
            self._move_to(self._cursor - 1)

    def action_choose(self) -> None:
        """Use the highlighted prompt or starter goal."""
        rows = self._choice_rows()
        if self._cursor is not None and self._cursor < len(rows):
            self._use(rows[self._cursor])

    @on(ThemeArrow.Clicked)
    def _arrow_clicked(self, event: ThemeArrow.Clicked) -> None:
        event.stop()
        self._step(event.step)

    @on(TipChoice.Clicked)
    def _choice_clicked(self, event: TipChoice.Clicked) -> None:
        event.stop()
        self._move_to(event.choice.index)
        self._use(event.choice)

    def _step(self, step: int) -> None:
        index = _THEMES.index(self.theme)
        self.show_theme(_THEMES[(index + step) % len(_THEMES)])

    def _choice_rows(self) -> list[TipChoice]:
        return list(self.query_children(TipChoice))

    def _move_to(self, cursor: int | None) -> None:
        self._cursor = cursor
        rows = self._choice_rows()
        for row in rows:
            row.set_class(row.index == cursor, "-highlight")
            if row.index == cursor:
                self.scroll_to_widget(row, animate=False, immediate=True)
        if cursor is None:
            self.scroll_home(animate=False, immediate=True)
        elif cursor == len(rows) - 1:
            self.scroll_end(animate=False, immediate=True)  # and the hint under it
        self.refresh_bindings()

    def _use(self, choice: TipChoice) -> None:
        value = choice.value
        if isinstance(value, StarterGoal):
            self.post_message(
                self.StarterGoalChosen(
                    theme=self.theme, title=value.title, kind=value.kind
                )
            )
        else:
            self.post_message(self.PromptChosen(prompt=value))


def _choices(tips: ThemeTips) -> list[tuple[str | StarterGoal, Content, bool]]:
    """Each prompt and starter goal (`tips` spoken already: a goal in the
    writer's own voice), and whether it starts its section."""
    choices: list[tuple[str | StarterGoal, Content, bool]] = []
    for n, prompt in enumerate(tips.prompts):
        choices.append((prompt, Content(prompt), n == 0))
    for n, goal in enumerate(tips.goals):
        text = Content.assemble(
            goal.title,
            (f" · {_KIND_LABELS[goal.kind]}", "$foreground-muted"),
        )
        choices.append((goal, text, n == 0))
    return choices
