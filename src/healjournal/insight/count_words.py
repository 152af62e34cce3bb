"""The no-contact count in words, the same in the top bar and `healjournal status`.

Plain text, lower case (a status bar's style); a screen that starts a line
with one capitalises it (`.capitalize()`) and styles it as it likes. No
Textual here, and no Rich.
"""

from __future__ import annotations

from datetime import date

from healjournal.domain.stats import Streak

__all__ = [
    "COUNT_NOT_SET",
    "STARTING_AGAIN",
    "count_words",
    "counts_from",
    "day_of_no_contact",
]

#: Before any start is set (or any slip logged).
COUNT_NOT_SET = "no-contact count not set"
#: The day of a slip, or the day counting starts: day 0.
STARTING_AGAIN = "no contact: starting again today"


def day_of_no_contact(days: int) -> str:
    """`no contact: day 23`."""
    return f"no contact: day {days:,}"


def counts_from(started: date) -> str:
    """`no contact counts from 3 Mar`: a start set for a day still to come."""
    return f"no contact counts from {started.day} {started:%b}"


def count_words(streak: Streak | None, started: date | None, today: date) -> str:
    """The count as one phrase: the day reached, starting again today, a start
    still to come, or not set (`streak` from domain.stats.no_contact_streak,
    `started` the record's start)."""
    if streak is not None:
        return (
            STARTING_AGAIN if streak.current == 0 else day_of_no_contact(streak.current)
        )
    if started is not None and started > today:
        return counts_from(started)
    return COUNT_NOT_SET
