"""What the goal checklist lists: its options, their wording and tick boxes.

Headings per theme, a goal with its tick box and the dim line under it, the
starter goals an empty list offers, and the goals put away; the widget
(goals.py) only shows them and keeps the highlight.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets.option_list import Option

from healjournal.domain.dates import describe_day, week_start
from healjournal.domain.models import Goal, GoalKind, Theme
from healjournal.domain.person import Person
from healjournal.domain.stats import OPTIONAL_THEMES, writing_streak
from healjournal.domain.visible import visible
from healjournal.tips import StarterGoal, tip_templates

__all__ = [
    "CHECKED",
    "GOAL_PREFIX",
    "MARKER_WIDTH",
    "UNCHECKED",
    "archived_options",
    "empty_option",
    "goal_id",
    "goal_options",
    "starter",
    "starter_options",
    "theme_label",
]

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

#: The start of a goal's option id; the goal's id follows.
GOAL_PREFIX = "goal-"
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


def goal_id(option: Option | None) -> int | None:
    """The id of the goal `option` shows; None for a heading or a starter."""
    if option is None or option.id is None or not option.id.startswith(GOAL_PREFIX):
        return None
    return int(option.id.removeprefix(GOAL_PREFIX))


def empty_option() -> Option:
    """A blank line that cannot be chosen: the list before `show`."""
    return Option(Content(""), disabled=True)


def _starters() -> list[tuple[Theme, StarterGoal]]:
    """One starter goal from each theme, the optional ones left out; titles
    as written (templates), spoken where they are shown and added."""
    templates = {tips.theme: tips for tips in tip_templates()}
    return [
        (theme, templates[theme].goals[0])
        for theme in Theme
        if theme not in OPTIONAL_THEMES
    ]


def starter(option: Option) -> tuple[Theme, StarterGoal] | None:
    """The starter goal `option` offers, with its theme; None if it offers none."""
    if option.id is None or not option.id.startswith(_STARTER_PREFIX):
        return None
    return _starters()[int(option.id.removeprefix(_STARTER_PREFIX))]


def starter_options(*, starters: bool, person: Person | None = None) -> list[Option]:
    """The empty list teaches: how to add a goal, and a few to start with
    (in the writer's own voice, spoken for `person`)."""
    person = person or Person()
    text = _EMPTY_WITH_STARTERS if starters else _EMPTY
    options = [Option(Content.from_markup(text), id="empty", disabled=True)]
    for index, (theme, goal) in enumerate(_starters() if starters else ()):
        body = Content.assemble(
            person.say(goal.title, mine=True),
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


def goal_options(goals: list[Goal], today: date) -> list[Option]:
    """`goals` as seen on `today`, under a heading for each theme that has any."""
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


def archived_options(archived: list[Goal], today: date, *, shown: bool) -> list[Option]:
    """The goals put away under their heading if `shown`, else a hint they exist."""
    if not archived:
        return []
    if not shown:
        hint = f"h shows {len(archived)} put away"
        return [
            Option(
                Content.styled(f"\n{hint}", "$foreground-muted"),
                id="archived-hint",
                disabled=True,
            )
        ]
    heading = Content.assemble(
        ("\n", ""),
        ("Put away", "bold $text-accent"),
        (" · x brings one back", "$foreground-muted"),
    )
    return [
        Option(heading, id="theme-archived", disabled=True),
        *(_goal_option(goal, today) for goal in archived),
    ]


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
    return Option(prompt, id=f"{GOAL_PREFIX}{goal.id}")


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
