"""What the urge screen counts and says, with no Textual: the wait, the count."""

from __future__ import annotations

import math

from rich.text import Text

from healjournal.domain.stats import Streak

__all__ = ["DEFAULT_MINUTES", "MAX_MINUTES", "clock_face", "count_line"]

#: How many minutes the urge screen waits, unless the person chose otherwise.
DEFAULT_MINUTES = 10
#: The longest wait that can be chosen, in minutes.
MAX_MINUTES = 60


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
