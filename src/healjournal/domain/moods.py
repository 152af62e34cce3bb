"""Mood figures: a day's mean mood, its level from 1 to 5, a series, a trend.

Part of the figures in stats.py, which computes everything else from them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from healjournal.domain.models import Entry


def daily_moods(entries: Iterable[Entry]) -> dict[date, float | None]:
    """Each day written -> the mean mood of that day's entries that have one.

    A day with writing but no mood maps to None. Days come out oldest first.
    Days are the entries' own `day`, never recomputed from `created`, so an
    entry written at 00:30 belongs to the day the person gave it.
    """
    scores: dict[date, list[int]] = {}
    for entry in entries:
        day_scores = scores.setdefault(entry.day, [])
        if entry.mood is not None:
            day_scores.append(entry.mood)
    return {day: mean(scores[day]) for day in sorted(scores)}


def mood_level(mood: float | None) -> int | None:
    """A day's mean mood as a whole mood from 1 to 5, rounding halves up.

    For anything drawn per mood (colours, marks): 3.5 shows as 4, 2.4 as 2.
    """
    if mood is None:
        return None
    # Not round(): it rounds halves to even, so 2.5 and 3.5 would go opposite ways.
    return min(5, max(1, math.floor(mood + 0.5)))


def mood_series(
    moods: Mapping[date, float | None], today: date, days: int
) -> tuple[float | None, ...]:
    """The `days` days ending with today, oldest first: each day's mood or None."""
    first = today - timedelta(days=days - 1)
    return tuple(moods.get(first + timedelta(days=n)) for n in range(max(days, 0)))


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the values that are not None; None when there are none."""
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


#: Mood days needed in each 30-day window before a trend is given.
TREND_MIN_DAYS = 5
#: A change in average mood smaller than this reads as "steady".
TREND_STEADY = 0.25


def mood_trend(recent: Sequence[float | None], previous: Sequence[float | None]) -> str:
    """Whether mood went "up", "down" or stayed "steady" from `previous` to `recent`.

    Each is a series of daily moods (None for days without one). The answer is
    "" when either has fewer than TREND_MIN_DAYS days with a mood, so a couple
    of scores never make a trend; "steady" when the averages differ by less
    than TREND_STEADY.
    """
    known_recent = [m for m in recent if m is not None]
    known_previous = [m for m in previous if m is not None]
    if min(len(known_recent), len(known_previous)) < TREND_MIN_DAYS:
        return ""
    change = sum(known_recent) / len(known_recent)
    change -= sum(known_previous) / len(known_previous)
    if abs(change) < TREND_STEADY:
        return "steady"
    return "up" if change > 0 else "down"
