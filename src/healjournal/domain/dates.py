"""Days as the app and the command line show them ("today", "Friday", "Sat 3 Oct").

Everything here is relative to a `today` passed in by the caller (from
`healjournal.clock`), so nothing depends on the machine's clock or locale.
Reading a day typed in words is `day_words.parse_day`.
"""

from __future__ import annotations

from datetime import date, timedelta

from healjournal.errors import InputError

__all__ = [
    "MONTH_NAMES",
    "NOT_YET",
    "WEEKDAY_NAMES",
    "check_not_future",
    "days_between",
    "describe_day",
    "how_long_ago",
    "long_day",
    "week_start",
]

#: Why a day after today is refused where only days that have come make sense.
NOT_YET = "that day hasn't happened yet"

WEEKDAY_NAMES = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def check_not_future(day: date, today: date, *, advice: str = "") -> date:
    """`day`, if it has come (today or before); else InputError saying so.

    The one rule for a page's day (the app's Ctrl+G, `healjournal add --day`),
    a slip's and the last contact's; `advice` is added to the message.
    """
    if day > today:
        problem = f"{describe_day(day, today)} · {day.isoformat()}: {NOT_YET}"
        raise InputError(f"{problem}; {advice}" if advice else problem)
    return day


def describe_day(day: date, today: date) -> str:
    """`day` as the app shows it: "today", "Friday" (this past week), "Sat 3 Oct".

    What it returns always reads back as the same day through `parse_day`.
    """
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta == 1:
        return "tomorrow"
    if -6 <= delta < 0:
        return WEEKDAY_NAMES[day.weekday()]
    weekday, month = WEEKDAY_NAMES[day.weekday()][:3], MONTH_NAMES[day.month - 1][:3]
    short = f"{weekday} {day.day} {month}"
    # Without its year a day reads back as the nearest such date, so the year
    # is shown whenever that would be a different day.
    nearby = day.year == today.year and abs(delta) <= 182
    return short if nearby else f"{short} {day.year}"


def how_long_ago(day: date, today: date) -> str:
    """How far back `day` is, roughly: "today", "yesterday", "5 days ago",
    "3 weeks ago", "4 months ago", "2 years ago" ("" for a day after today)."""
    delta = (today - day).days
    if delta < 0:
        return ""
    if delta <= 1:
        return ("today", "yesterday")[delta]
    months = (today.year - day.year) * 12 + today.month - day.month
    if today.day < day.day:
        months -= 1
    for amount, unit in (
        (months // 12, "year"),
        (months, "month"),
        (delta // 7, "week"),
        (delta, "day"),
    ):
        if amount >= 1:
            return f"{amount} {unit}{'' if amount == 1 else 's'} ago"
    return ""


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def days_between(a: date, b: date) -> int:
    """How many whole days `b` is after `a` (negative if before)."""
    return (b - a).days


def long_day(day: date) -> str:
    """`day` written out: "3 October 2026"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
