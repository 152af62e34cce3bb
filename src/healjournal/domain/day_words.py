"""Days as people type them ("yesterday", "last friday", "oct 3").

Everything here is relative to a `today` passed in by the caller (from
`healjournal.clock`), so nothing depends on the machine's clock or locale.
The reader never guesses: text it cannot read exactly raises `InputError`.
"""

from __future__ import annotations

import calendar
import re
from datetime import MAXYEAR, MINYEAR, date, datetime
from functools import cache
from typing import TYPE_CHECKING

from healjournal.domain.dates import MONTH_NAMES, WEEKDAY_NAMES, long_day, week_start
from healjournal.errors import InputError

# dateutil is imported when a day is first read, not with this module: the
# app imports it (the day field) on its way to its first frame.
if TYPE_CHECKING:
    from dateutil.parser import parser

__all__ = ["parse_day"]

_HINT = "try today, yesterday, 3 days ago, last friday, oct 3 or 2026-10-03"
_SHOWN_MAX = 40  # characters of the user's text quoted back in an error

# A year-less date is only read as the nearest one if it is this close; only
# "feb 29" can be further away, and then the person has to say which year.
_NEAREST_MAX_DAYS = 183

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_NUMBER = r"[0-9]+|" + "|".join(_NUMBER_WORDS)
_UNIT = r"days?|weeks?|months?|years?"
_AGO = re.compile(rf"(?P<n>{_NUMBER}) (?P<unit>{_UNIT}) ago", re.ASCII)
_IN = re.compile(rf"in (?P<n>{_NUMBER}) (?P<unit>{_UNIT})", re.ASCII)
_LAST_NEXT_PERIOD = re.compile(r"(?P<which>last|next) (?P<unit>week|month|year)")
_RELATIVE_WEEKDAY = re.compile(r"(?:(?P<which>last|next|this) )?(?P<name>[a-z]+)")
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_SLASHED = re.compile(r"[0-9]+(?:[/.][0-9]+)+", re.ASCII)
_DAY_NUMBER = re.compile(r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?", re.ASCII)
_YEAR_NUMBER = re.compile(r"[1-9][0-9]{3}", re.ASCII)
_MAX_AMOUNT_DIGITS = 7  # more than any date can be away; keeps int() cheap


@cache
def _names():  # -> dateutil.parser.parserinfo
    # Built on first use: parserinfo reads the local time when it is made.
    from dateutil.parser import parserinfo

    class _Names(parserinfo):
        """dateutil's English names, plus the short weekdays people also type."""

        WEEKDAYS = [  # noqa: RUF012 (dateutil reads these class lists as they are)
            ("Mon", "Monday"),
            ("Tue", "Tues", "Tuesday"),
            ("Wed", "Wednesday"),
            ("Thu", "Thur", "Thurs", "Thursday"),
            ("Fri", "Friday"),
            ("Sat", "Saturday"),
            ("Sun", "Sunday"),
        ]

    return _Names()


@cache
def _named_date_parser() -> parser:
    from dateutil.parser import parser

    return parser(_names())


def parse_day(text: str, today: date) -> date:
    """The day `text` names, counted from `today`; `InputError` if it is unclear.

    Understands today/yesterday/tomorrow, "3 days ago", "in 2 weeks",
    "last month", "next year", "last friday", "next mon", "this fri", "friday",
    "2026-10-03" and dates with a month name ("oct 3", "3rd october 2026",
    "Saturday 3 October 2026"). A date without a year is the nearest one.
    Weeks start on Monday: "this fri" is the Friday of today's week, "next
    fri" the Friday of the week after it; "friday" alone and "last friday"
    are the latest Friday up to today and before today.
    """
    shown = _shown(text)
    words = _normalise(text)
    if not words:
        raise InputError(f"no day given: {_HINT}")
    for reader in (_read_word, _read_amount, _read_weekday, _read_absolute):
        day = reader(words, today, shown)
        if day is not None:
            return day
    raise _unreadable(shown)


# --- reading the text -------------------------------------------------------


def _normalise(text: str) -> str:
    """Lower case, single spaces, without a trailing "." or ","."""
    return " ".join(text.lower().split()).rstrip(".,").rstrip()


def _shown(text: str) -> str:
    """The user's text, safe to quote on one line of an error message."""
    flat = " ".join(text.split())
    flat = "".join(c if c.isprintable() else "?" for c in flat)
    if len(flat) > _SHOWN_MAX:
        flat = flat[: _SHOWN_MAX - 1] + "…"
    return flat


def _unreadable(shown: str, hint: str = _HINT) -> InputError:
    return InputError(f'can\'t read "{shown}" as a day: {hint}')


def _read_word(words: str, today: date, shown: str) -> date | None:
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}.get(words)
    if offset is None:
        return None
    return _shift(today, shown, days=offset)


def _read_amount(words: str, today: date, shown: str) -> date | None:
    """ "3 days ago", "in a month", "last week", "next year"."""
    if match := _LAST_NEXT_PERIOD.fullmatch(words):
        sign = -1 if match["which"] == "last" else 1
        return _shift(today, shown, **{match["unit"] + "s": sign})
    for pattern, sign in ((_AGO, -1), (_IN, 1)):
        if match := pattern.fullmatch(words):
            amount = _amount(match["n"], shown)
            unit = match["unit"].removesuffix("s") + "s"
            return _shift(today, shown, **{unit: sign * amount})
    return None


def _amount(number: str, shown: str) -> int:
    if number in _NUMBER_WORDS:
        return _NUMBER_WORDS[number]
    if len(number) > _MAX_AMOUNT_DIGITS:
        raise InputError(f'"{shown}" is too far from today to be a day')
    return int(number)


def _shift(today: date, shown: str, **amount: int) -> date:
    """`today` moved by a relativedelta, so Jan 31 + 1 month is Feb 28 or 29."""
    try:
        from dateutil.relativedelta import relativedelta

        return today + relativedelta(**amount)
    except (OverflowError, ValueError):
        raise InputError(f'"{shown}" is too far from today to be a day') from None


def _read_weekday(words: str, today: date, shown: str) -> date | None:
    """ "friday", "last friday", "next mon", "this fri"."""
    match = _RELATIVE_WEEKDAY.fullmatch(words)
    if match is None:
        return None
    weekday = _names().weekday(match["name"])
    if weekday is None:
        return None
    which = match["which"]
    if which == "this":
        return _shift(week_start(today), shown, days=weekday)
    if which == "next":
        # The day of next week (weeks start on Monday), as most people mean
        # it: "next friday" said on a Thursday is eight days away, not one.
        return _shift(week_start(today), shown, days=7 + weekday)
    back = (today.weekday() - weekday) % 7
    if which == "last":
        back = back or 7
    return _shift(today, shown, days=-back)


def _read_absolute(words: str, today: date, shown: str) -> date:
    """ "2026-10-03", or a date with a month name and maybe a year and weekday."""
    if _ISO.fullmatch(words):
        return _read_iso(words, shown)
    if _SLASHED.fullmatch(words):
        raise _unreadable(
            shown,
            "dates in numbers alone mean different days in different countries, "
            "so write oct 3 or 2026-10-03",
        )
    return _read_named(words, today, shown)


def _read_iso(words: str, shown: str) -> date:
    year, month, day = (int(part) for part in words.split("-"))
    _check_real(year, month, day, shown)
    try:
        from dateutil.parser import isoparser

        return isoparser().parse_isodate(words)
    except (OverflowError, ValueError):
        raise _unreadable(shown) from None


def _read_named(words: str, today: date, shown: str) -> date:
    """ "oct 3", "3rd of october", "Saturday 3 October 2026", "oct 3, 2026".

    The tokens are checked here before dateutil sees them, because dateutil
    fills whatever is missing ("june" alone, the hour in "oct 3 at 10") from a
    default, and that would be a guess.
    """
    tokens = [token.rstrip(".") for token in words.replace(",", " ").split()]
    names = _names()
    weekday = None
    if tokens and names.weekday(tokens[0]) is not None:
        weekday = names.weekday(tokens.pop(0))
    year = None
    if tokens and _YEAR_NUMBER.fullmatch(tokens[-1]):
        year = int(tokens.pop())
    if len(tokens) == 3 and tokens[1] == "of":
        del tokens[1]  # "3rd of october"
    if len(tokens) != 2:
        raise _unreadable(shown, _month_hint(tokens) or _HINT)
    month_and_day = _month_and_day(tokens)
    if month_and_day is None:
        raise _unreadable(shown)
    month, day = month_and_day

    _check_real(year, month, day, shown)
    parsed = _parse_with_dateutil(" ".join(tokens), year, shown)
    if (parsed.month, parsed.day) != (month, day) or (
        year is not None and parsed.year != year
    ):
        raise _unreadable(shown)  # dateutil read it differently: don't guess
    found = parsed.date() if year is not None else _nearest(month, day, today, shown)

    if weekday is not None and found.weekday() != weekday:
        raise InputError(
            f"{long_day(found)} is a {WEEKDAY_NAMES[found.weekday()]}, "
            f"not a {WEEKDAY_NAMES[weekday]}"
        )
    return found


def _month_and_day(tokens: list[str]) -> tuple[int, int] | None:
    """The month and day of ["oct", "3rd"] or ["3", "october"]."""
    for month_token, day_token in (tokens, tokens[::-1]):
        month = _names().month(month_token)
        day = _DAY_NUMBER.fullmatch(day_token)
        if month is not None and day is not None:
            return month, int(day["day"])
    return None


def _month_hint(tokens: list[str]) -> str | None:
    """A hint for a month given without its day ("june")."""
    if len(tokens) == 1 and (month := _names().month(tokens[0])) is not None:
        name = MONTH_NAMES[month - 1]
        return f"which day of {name}? e.g. {name.lower()} 3"
    return None


def _parse_with_dateutil(words: str, year: int | None, shown: str) -> datetime:
    # 2000 is a leap year, so a year-less "feb 29" still parses; the year is
    # then chosen by _nearest.
    text = words if year is None else f"{words} {year}"
    default = datetime(2000 if year is None else year, 1, 1)
    try:
        return _named_date_parser().parse(text, default=default)
    except (OverflowError, ValueError):
        raise _unreadable(shown) from None


def _check_real(year: int | None, month: int, day: int, shown: str) -> None:
    """Raise a clear error for a day that does not exist, like "feb 30"."""
    if year is not None and not MINYEAR <= year <= MAXYEAR:
        raise InputError(f'"{shown}" is not a real day: there is no year {year}')
    if not 1 <= month <= 12:
        raise InputError(f'"{shown}" is not a real day: there is no month {month}')
    name = MONTH_NAMES[month - 1]
    if year is None:
        longest = calendar.monthrange(2000, month)[1]  # a leap year
        where = name
    else:
        longest = calendar.monthrange(year, month)[1]
        where = f"{name} {year}"
    if day < 1:
        raise InputError(f'"{shown}" is not a real day: days start at 1')
    if day > longest:
        raise InputError(
            f'"{shown}" is not a real day: {where} has only {longest} days'
        )


def _nearest(month: int, day: int, today: date, shown: str) -> date:
    """The `month`/`day` nearest to `today`; the past one wins a tie."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        if MINYEAR <= year <= MAXYEAR and day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            candidates.append(
                (abs((candidate - today).days), candidate > today, candidate)
            )
    if candidates:
        distance, _, found = min(candidates)
        if distance <= _NEAREST_MAX_DAYS:
            return found
    name = MONTH_NAMES[month - 1]
    raise InputError(
        f'"{shown}" is more than 6 months from the nearest {name} {day}: '
        "add the year, "
        f"e.g. {name.lower()} {day} {_next_year_with(month, day, today)}"
    )


def _next_year_with(month: int, day: int, today: date) -> int:
    year = today.year
    while year < MAXYEAR and day > calendar.monthrange(year, month)[1]:
        year += 1
    return year
