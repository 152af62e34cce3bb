"""Realistic journals for the benchmarks: years of pages, goals, ticks and slips.

    python benchmarks/journals.py SIZE PATH     (writes one journal)

Everything goes through the project's own `Journal` API (the same code the
app and the command line use), in one transaction, so the file is exactly
what healjournal itself would have written.

A journal of SIZE entries spreads them over the years before today (a heavy
writer has several a day). Text lengths follow what people write: mostly a
few lines, often a paragraph or two, now and then a few pages. Three years
of goals with daily and weekly ticks, and a slip every few months.
"""

from __future__ import annotations

import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from healjournal.clock import FrozenClock
from healjournal.domain.models import EntryKind, GoalKind, Theme
from healjournal.storage.journal import Journal

#: The word every search benchmark looks for: in about 1 entry in 50.
NEEDLE = "lighthouse"
#: Today's page starts with this, so a benchmark can see it on screen.
TODAY_MARK = "Benchmark morning page"

_ZONE = ZoneInfo("Europe/London")

_WORDS = tuple(
    [
        "walked",
        "river",
        "friend",
        "coffee",
        "tired",
        "lighter",
        "gym",
        "ran",
        "slept",
        "cooked",
        "called",
        "Maya",
        "laughed",
        "cried",
        "work",
        "plan",
        "weekend",
        "quiet",
        "better",
        "morning",
        "evening",
        "kind",
        "deadline",
        "sister",
        "bus",
        "rain",
        "sun",
        "garden",
        "book",
        "film",
        "dinner",
        "message",
        "phone",
        "deleted",
        "photo",
        "old",
        "new",
        "café",
        "naïve",
        "sea",
        "park",
        "hill",
        "bread",
        "soup",
        "music",
        "dance",
        "class",
        "pottery",
        "stretch",
        "breathe",
        "journal",
        "write",
        "page",
        "night",
        "early",
        "late",
        "long",
        "short",
        "heavy",
        "light",
        "proud",
        "small",
        "step",
        "again",
        "still",
        "here",
        "today",
        "tomorrow",
        "yesterday",
        "week",
        "month",
    ]
)

_GOALS = (
    (Theme.LIFE, "Cook one new recipe", GoalKind.WEEKLY),
    (Theme.BODY, "Walk 20 minutes", GoalKind.DAILY),
    (Theme.CAREER, "Update my CV", GoalKind.ONCE),
    (Theme.GOAL, "Learn ten words of Spanish", GoalKind.WEEKLY),
    (Theme.SOCIAL, "Post one photo I like", GoalKind.WEEKLY),
    (Theme.PEOPLE, "Say yes to one invitation", GoalKind.WEEKLY),
    (Theme.NO_CONTACT, "Muted his stories", GoalKind.ONCE),
    (Theme.BODY, "Stretch before bed", GoalKind.DAILY),
)


def _text(rng: random.Random) -> str:
    """A page: a few words to a few pages, long ones rare."""
    roll = rng.random()
    if roll < 0.35:
        words = rng.randint(3, 40)
    elif roll < 0.85:
        words = rng.randint(40, 250)
    elif roll < 0.98:
        words = rng.randint(250, 800)
    else:
        words = rng.randint(800, 2500)
    chosen = [rng.choice(_WORDS) for _ in range(words)]
    if rng.random() < 0.02:
        chosen[rng.randrange(len(chosen))] = NEEDLE
    if rng.random() < 0.1:
        chosen.append(rng.choice(("#run", "#sleep", "@maya", "#work")))
    lines, line = [], []
    for word in chosen:
        line.append(word)
        if len(line) > rng.randint(12, 60):
            lines.append(" ".join(line) + ".")
            line = []
    if line:
        lines.append(" ".join(line) + ".")
    return "\n\n".join(lines)


def build(path: Path, size: int, today: date, *, seed: int = 5) -> None:
    """Write a journal of `size` entries ending `today` at `path` (must not exist)."""
    if path.exists():
        raise ValueError(f"{path} exists")
    rng = random.Random(seed)
    years = 10 if size >= 10_000 else 3
    first = today - timedelta(days=365 * years)
    span = (today - first).days
    clock = FrozenClock(datetime.combine(today, time(21, 4), tzinfo=_ZONE))
    journal = Journal(path, clock=clock)
    with journal.transaction():
        journal.set_setting("welcomed", True)
        for index in range(size - 1):
            day = first + timedelta(days=index * span // max(size - 1, 1))
            kind = EntryKind.LETTER if rng.random() < 0.04 else EntryKind.REFLECTION
            journal.add_entry(
                _text(rng),
                day=min(day, today - timedelta(days=1)),
                kind=kind,
                mood=rng.choice((None, 1, 2, 3, 3, 4, 4, 5)),
                starred=rng.random() < 0.03,
            )
        journal.add_entry(f"{TODAY_MARK}\n{_text(rng)}", day=today, mood=3)
        goal_start = today - timedelta(days=365 * 3)
        for theme, title, kind in _GOALS:
            goal = journal.add_goal(title, theme, kind)
            step = {GoalKind.DAILY: 1, GoalKind.WEEKLY: 7, GoalKind.ONCE: 400}[kind]
            day = goal_start
            while day <= today:
                if rng.random() < 0.7:
                    journal.tick_goal(goal.id, day)
                day += timedelta(days=step)
        journal.start_no_contact(goal_start)
        slip = goal_start + timedelta(days=rng.randint(20, 90))
        while slip < today - timedelta(days=30):
            journal.log_slip(slip, "texted him back")
            slip += timedelta(days=rng.randint(40, 160))
    journal.close()


if __name__ == "__main__":
    build(Path(sys.argv[2]), int(sys.argv[1]), date.today())
