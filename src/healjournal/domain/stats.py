"""The numbers a glance shows: no-contact days, writing streaks, milestones.

Every figure the app or the command line shows is computed here, once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from healjournal.domain.models import MILESTONES, Goal, NoContact


@dataclass(frozen=True, slots=True)
class Streak:
    """A run of days: how long it is now and the longest it has been."""

    current: int
    best: int


def no_contact_streak(record: NoContact, today: date) -> Streak | None:
    """Days since the last contact, and the longest run without any.

    Day N means N whole days have passed since the last contact: contact
    yesterday makes today day 1, a slip today makes it day 0. A finished run
    keeps the count it had reached on the day of the slip, the number the
    person saw that morning. None until no contact has a start (a first slip
    also starts it).
    """
    days = sorted({s.day for s in record.slips if s.day <= today})
    if record.started is not None and record.started <= today:
        days = sorted(set(days) | {record.started})
    # Contacts before the start do not shorten anything: only the runs after
    # the first known contact count.
    if not days:
        return None
    current = (today - days[-1]).days
    finished = [(b - a).days for a, b in pairwise(days)]
    return Streak(current=current, best=max([current, *finished]))


def milestones_reached(days: int) -> tuple[int, ...]:
    """The milestones (7, 14, 30... days) a run of `days` has passed."""
    return tuple(m for m in MILESTONES if m <= days)


def next_milestone(days: int) -> int | None:
    """The next milestone ahead of a run of `days`, or None past the last."""
    return next((m for m in MILESTONES if m > days), None)


def ticks_this_week(goals: Iterable[Goal], today: date) -> int:
    """How many times goals were ticked in today's Monday-based week."""
    week = today.isocalendar()[:2]
    return sum(
        1
        for goal in goals
        if not goal.archived
        for tick in goal.ticks
        if tick <= today and tick.isocalendar()[:2] == week
    )


def writing_streak(days_written: Iterable[date], today: date) -> Streak:
    """Consecutive days with writing, ending today or yesterday, and the best run.

    A streak is still alive on a day not yet written: it only breaks once a
    whole day passes without a word.
    """
    written = sorted({d for d in days_written if d <= today})
    best = run = 0
    previous: date | None = None
    for day in written:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        best = max(best, run)
        previous = day
    alive = previous is not None and (today - previous).days <= 1
    return Streak(current=run if alive else 0, best=best)
