"""The field readers every record is read with (records.py, importing.py).

A field not as healjournal writes it raises BadField (a ValueError) naming
the field and saying how, in one line; a text over the length limit raises
InputError, as typing it would.

The readers are lean, as the journal converts every record when it opens: a
type checked directly, the message made only on failure. Text is checked for
its length alone: every record comes from orjson, which refuses a lone surrogate.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum

import orjson

from healjournal.domain.models import MAX_TEXT_CHARS, check_text

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    from typing import Any, TypeVar

    Choice = TypeVar("Choice", bound=StrEnum)
    Record = dict[str, Any]

__all__ = [
    "MISSING",
    "BadField",
    "an_id",
    "bad",
    "choice",
    "day",
    "days",
    "field",
    "flag",
    "moment",
    "number",
    "shown",
    "stamp",
    "tag_list",
    "text",
    "uid",
]

#: How much of a wrong value a message quotes.
_QUOTED = 40
#: Marks a key left out of a record (None is a value).
MISSING: Any = object()
_DAY = "a day, YYYY-MM-DD"
_MOMENT = "a moment, YYYY-MM-DDTHH:MM:SS"
_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class BadField(ValueError):
    """A field that is not as healjournal writes it; the message says how."""


def shown(value: object) -> str:
    """`value` as JSON, cut short, to quote in a message."""
    try:
        quoted = orjson.dumps(value).decode("utf-8")
    except TypeError:  # not a JSON value (a record made in code)
        quoted = repr(value)
    return quoted if len(quoted) <= _QUOTED else quoted[: _QUOTED - 1] + "…"


def bad(record: Record, key: str, what: str) -> BadField:
    """The BadField saying `record[key]` is missing, or is not `what`."""
    if key not in record:
        return BadField(f'it has no "{key}" ({what})')
    return BadField(f'its "{key}" is {shown(record[key])}, not {what}')


def field(
    record: Record,
    key: str,
    kinds: tuple[type, ...],
    what: str,
    *,
    needed: bool = False,
    nullable: bool = False,
) -> Any:
    """`record[key]` when it is of one of `kinds` (None if left out, or null
    where it may be); `needed`: it must be there, and not null."""
    value = record.get(key, MISSING)
    if type(value) in kinds:
        return value
    if (value is MISSING or (value is None and nullable)) and not needed:
        return None
    raise bad(record, key, what)


def text(record: Record, key: str, needed: bool = False) -> str:
    """Text ("" if left out, unless `needed`)."""
    value = record.get(key, MISSING)
    if type(value) is str:
        if len(value) > MAX_TEXT_CHARS:
            check_text(value, f'its "{key}"')  # raises InputError
        return value
    if value is MISSING and not needed:
        return ""
    raise bad(record, key, "text")


def flag(record: Record, key: str) -> bool:
    """True or false (false if left out)."""
    value = record.get(key, False)
    if value is True or value is False:
        return value
    raise bad(record, key, "true or false")


def day(
    record: Record, key: str, needed: bool = True, nullable: bool = False
) -> date | None:
    """A day as YYYY-MM-DD; None if left out (or null) where allowed."""
    value = record.get(key, MISSING)
    if type(value) is str:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    elif (value is MISSING or (value is None and nullable)) and not needed:
        return None
    raise bad(record, key, _DAY)


def moment(record: Record, key: str, needed: bool = False) -> datetime | None:
    """A moment; one without a time zone is local time. None if left out or
    null, unless `needed`."""
    value = record.get(key, MISSING)
    if type(value) is str:
        try:
            found = datetime.fromisoformat(value)
            return found if found.tzinfo else found.astimezone()
        except (ValueError, OverflowError):  # not a moment, or none local time has
            pass
    elif (value is MISSING or value is None) and not needed:
        return None
    raise bad(record, key, _MOMENT)


def choice(
    record: Record,
    key: str,
    kind: dict[str, Choice],
    default: Choice | None,
    nullable: bool = False,
) -> Choice | None:
    value = record.get(key, MISSING)
    if type(value) is str:
        found = kind.get(value)
        if found is not None:
            return found
    elif (value is MISSING and (default or nullable)) or (value is None and nullable):
        return default
    raise bad(record, key, "one of " + ", ".join(kind))


def tag_list(record: Record) -> tuple[str, ...] | None:
    """The tags as saved (None if left out): found again in the words then."""
    value = record.get("tags", MISSING)
    if type(value) is list:
        for tag in value:
            if type(tag) is not str:
                raise BadField(f'its "tags" holds {shown(tag)}, not a tag as text')
        return tuple(value)
    if value is MISSING:
        return None
    raise bad(record, "tags", "a list of tags")


def days(record: Record, key: str) -> tuple[date, ...]:
    value = record.get(key, MISSING)
    if value is MISSING:
        return ()
    if type(value) is not list:
        raise bad(record, key, "a list of days")
    found = []
    for item in value:
        if type(item) is not str:
            raise BadField(f'its "{key}" hold {shown(item)}, not {_DAY}')
        try:
            found.append(date.fromisoformat(item))
        except ValueError:
            raise BadField(f'its "{key}" is {shown(item)}, not {_DAY}') from None
    return tuple(sorted(found))


def an_id(record: Record, key: str) -> int | None:
    """An id, a whole number from 1; None if left out or null."""
    value = record.get(key)
    if value is None or (type(value) is int and value >= 1):
        return value
    raise bad(record, key, "an id (a whole number from 1)")


def number(record: Record, key: str) -> int | None:
    """A mood or a strength: a whole number from 1 to 5, or None."""
    value = record.get(key)
    if value is None or (type(value) is int and 1 <= value <= 5):
        return value
    raise bad(record, key, "a whole number from 1 to 5")


def stamp(at: datetime | None) -> str | None:
    """A moment as a record keeps it, to the second (None stays None)."""
    return None if at is None else at.isoformat(timespec="seconds")


def uid(record: Record) -> str:
    """A record's identity: a UUID as healjournal writes one (new_uid), in
    lower case; every record has one."""
    value = record.get("uid", MISSING)
    if type(value) is str and _UID.fullmatch(value):
        return value
    raise bad(record, "uid", "an identity (a UUID: 8-4-4-4-12 hex digits)")
