"""What the urge screen counts and says, with no Textual: the wait, the count,
the line and the ideas beside the letter."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from rich.text import Text

from healjournal.domain.models import Goal, Theme
from healjournal.domain.person import Person
from healjournal.domain.stats import Streak
from healjournal.tips import theme_tips

__all__ = [
    "DEFAULT_MINUTES",
    "MAX_MINUTES",
    "URGE_MINUTES_SETTING",
    "UrgeSupport",
    "clock_face",
    "count_line",
    "urge_minutes",
    "urge_support",
]

#: How many minutes the urge screen waits, unless the person chose otherwise.
DEFAULT_MINUTES = 10
#: The longest wait that can be chosen, in minutes.
MAX_MINUTES = 60
#: The setting holding how many minutes the urge screen waits.
URGE_MINUTES_SETTING = "urge_minutes"
#: Ideas to offer when the tips have none (they do; this is a safety net).
_FALLBACK_IDEA = "Put the phone in another room and make a cup of tea."


def clock_face(seconds: float) -> str:
    """`mm:ss` for the seconds left, rounded up so 0:00 means time is up."""
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def count_line(streak: Streak | None) -> Text:
    """The no-contact count as the urge screen says it, kindly after a slip."""
    if streak is None:
        return Text("Every minute you wait counts, counting or not.", style="dim")
    if streak.current == 0:
        line = Text("You started again today.", style="bold")
        if streak.best:
            day = "day" if streak.best == 1 else "days"
            line.append(f" Your best stays {streak.best} {day}.", style="")
        line.append(" And you're still doing this.", style="")
        return line
    day = "day" if streak.current == 1 else "days"
    line = Text(f"{streak.current} {day} of no contact", style="bold green")
    if streak.best > streak.current:
        line.append(f" · your best is {streak.best} days", style="")
    else:
        line.append(" · your best ever, and still going", style="")
    return line


def urge_minutes(settings: Mapping[str, object]) -> int:
    """The wait chosen in the settings, or DEFAULT_MINUTES if none (or a bad one)."""
    value = settings.get(URGE_MINUTES_SETTING)
    if isinstance(value, bool) or not isinstance(value, int):
        return DEFAULT_MINUTES
    return value if 1 <= value <= MAX_MINUTES else DEFAULT_MINUTES


@dataclass(frozen=True, slots=True)
class UrgeSupport:
    """What the urge screen shows beside the letter."""

    line: str
    """A line from the no-contact theme for this moment."""
    no_contact: Streak | None
    """The no-contact count and the best run; None before counting starts."""
    ideas: tuple[str, ...]
    """Things to do instead, the first one shown first; never empty."""


def urge_support(
    at: datetime,
    today: date,
    streak: Streak | None,
    goals: Iterable[Goal],
    person: Person | None = None,
) -> UrgeSupport:
    """The line, the count and the ideas for an urge that began `at`, spoken
    for the journal's `person` (the default one without).

    Ideas: first the tips' first "instead" (call a friend), then up to three
    goals from the checklist not done today, then the other tips.
    """
    tips = theme_tips(Theme.NO_CONTACT, person or Person())
    lines = tips.urge_lines or tips.advice
    # A new line each minute, so two urges in one evening rarely repeat.
    line = lines[int(at.timestamp() // 60) % len(lines)]
    open_goals = [g for g in goals if not g.archived and not g.done_for(today)]
    from_goals = [f"A goal not done today: {g.title}." for g in open_goals[:3]]
    ideas = (*tips.instead[:1], *from_goals, *tips.instead[1:]) or (_FALLBACK_IDEA,)
    return UrgeSupport(line=line, no_contact=streak, ideas=ideas)
