"""Each record's shape, in one place: a stored record into a model, and back.

The journal stores these records; our JSON export writes the same ones (an
entry's and a goal's with its "id" first), and its import reads them back
with the same functions. So the full read's "record entries/12 is damaged
(...)" and the import's "entry 3 cannot be imported (...): its "title" is 5,
not text" come from the same checks: a field not as healjournal writes it
raises BadField (a ValueError) naming the field and saying how, in one line;
a text over the length limit raises InputError, as typing it would.

The readers are lean, as the journal converts every record when it opens: a
type checked directly, the message made only on failure. Text is checked for
its length alone: every record comes from orjson, which refuses a lone surrogate.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import orjson

from healjournal.domain.models import (
    MAX_TEXT_CHARS,
    Entry,
    EntryKind,
    Goal,
    GoalKind,
    Slip,
    Theme,
    Urge,
    UrgeOutcome,
    check_text,
    find_tags,
)

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    from typing import Any, TypeVar

    Choice = TypeVar("Choice", bound=StrEnum)
    Record = dict[str, Any]

__all__ = [
    "BadField",
    "an_id",
    "day",
    "entry_from_record",
    "entry_record",
    "field",
    "flag",
    "goal_from_record",
    "goal_record",
    "moment",
    "no_contact_from_record",
    "no_contact_record",
    "setting_from_record",
    "setting_record",
    "shown",
    "slip_from_record",
    "slip_record",
    "tag_list",
    "text",
    "urge_from_record",
    "urge_record",
]

#: How much of a wrong value a message quotes.
_QUOTED = 40
_MISSING: Any = object()
_DAY = "a day, YYYY-MM-DD"
_MOMENT = "a moment, YYYY-MM-DDTHH:MM:SS"


class BadField(ValueError):
    """A field that is not as healjournal writes it; the message says how."""


def shown(value: object) -> str:
    """`value` as JSON, cut short, to quote in a message."""
    try:
        quoted = orjson.dumps(value).decode("utf-8")
    except TypeError:  # not a JSON value (a record made in code)
        quoted = repr(value)
    return quoted if len(quoted) <= _QUOTED else quoted[: _QUOTED - 1] + "…"


def _bad(record: Record, key: str, what: str) -> BadField:
    if key not in record:
        return BadField(f'it has no "{key}" ({what})')
    return BadField(f'its "{key}" is {shown(record[key])}, not {what}')


# -- the field readers: the fast path first, the message only on failure ----


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
    value = record.get(key, _MISSING)
    if type(value) in kinds:
        return value
    if (value is _MISSING or (value is None and nullable)) and not needed:
        return None
    raise _bad(record, key, what)


def text(record: Record, key: str, needed: bool = False) -> str:
    """Text ("" if left out, unless `needed`)."""
    value = record.get(key, _MISSING)
    if type(value) is str:
        if len(value) > MAX_TEXT_CHARS:
            check_text(value, f'its "{key}"')  # raises InputError
        return value
    if value is _MISSING and not needed:
        return ""
    raise _bad(record, key, "text")


def flag(record: Record, key: str) -> bool:
    """True or false (false if left out)."""
    value = record.get(key, False)
    if value is True or value is False:
        return value
    raise _bad(record, key, "true or false")


def day(
    record: Record, key: str, needed: bool = True, nullable: bool = False
) -> date | None:
    """A day as YYYY-MM-DD; None if left out (or null) where allowed."""
    value = record.get(key, _MISSING)
    if type(value) is str:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    elif (value is _MISSING or (value is None and nullable)) and not needed:
        return None
    raise _bad(record, key, _DAY)


def moment(record: Record, key: str, needed: bool = False) -> datetime | None:
    """A moment; one without a time zone is local time. None if left out or
    null, unless `needed`."""
    value = record.get(key, _MISSING)
    if type(value) is str:
        try:
            found = datetime.fromisoformat(value)
            return found if found.tzinfo else found.astimezone()
        except (ValueError, OverflowError):  # not a moment, or none local time has
            pass
    elif (value is _MISSING or value is None) and not needed:
        return None
    raise _bad(record, key, _MOMENT)


def _choice(
    record: Record,
    key: str,
    kind: dict[str, Choice],
    default: Choice | None,
    nullable: bool = False,
) -> Choice | None:
    value = record.get(key, _MISSING)
    if type(value) is str:
        found = kind.get(value)
        if found is not None:
            return found
    elif (value is _MISSING and (default or nullable)) or (value is None and nullable):
        return default
    raise _bad(record, key, "one of " + ", ".join(kind))


_ENTRY_KINDS = {member.value: member for member in EntryKind}
_GOAL_KINDS = {member.value: member for member in GoalKind}
_THEMES = {member.value: member for member in Theme}
_OUTCOMES = {member.value: member for member in UrgeOutcome}


def tag_list(record: Record) -> tuple[str, ...] | None:
    """The tags as saved (None if left out): found again in the words then."""
    value = record.get("tags", _MISSING)
    if type(value) is list:
        for tag in value:
            if type(tag) is not str:
                raise BadField(f'its "tags" holds {shown(tag)}, not a tag as text')
        return tuple(value)
    if value is _MISSING:
        return None
    raise _bad(record, "tags", "a list of tags")


def _days(record: Record, key: str) -> tuple[date, ...]:
    value = record.get(key, _MISSING)
    if value is _MISSING:
        return ()
    if type(value) is not list:
        raise _bad(record, key, "a list of days")
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
    raise _bad(record, key, "an id (a whole number from 1)")


def _number(record: Record, key: str) -> int | None:
    """A mood or a strength: a whole number from 1 to 5, or None."""
    value = record.get(key)
    if value is None or (type(value) is int and 1 <= value <= 5):
        return value
    raise _bad(record, key, "a whole number from 1 to 5")


def _stamp(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat(timespec="seconds")


# -- entries ------------------------------------------------------------------


def entry_from_record(entry_id: int, record: Record) -> Entry:
    """The Entry a record holds; its tags, when left out, found in its words."""
    title, body, tags = (
        text(record, "title"),
        text(record, "body", True),
        tag_list(record),
    )
    return Entry(
        id=entry_id,
        created=moment(record, "created", True),
        day=day(record, "day"),
        kind=_choice(record, "kind", _ENTRY_KINDS, EntryKind.REFLECTION),
        title=title,
        body=body,
        mood=_number(record, "mood"),
        starred=flag(record, "starred"),
        updated=moment(record, "updated"),
        tags=find_tags(title, body) if tags is None else tags,
    )


def entry_record(entry: Entry) -> Record:
    """The record an entry is saved as (the export adds its "id")."""
    return {
        "created": _stamp(entry.created),
        "updated": _stamp(entry.updated),
        "day": entry.day.isoformat(),
        "kind": entry.kind.value,
        "title": entry.title,
        "body": entry.body,
        "mood": entry.mood,
        "starred": entry.starred,
        "tags": list(entry.tags),
    }


# -- goals --------------------------------------------------------------------


def goal_from_record(goal_id: int, record: Record) -> Goal:
    """The Goal a record holds; its ticks in order."""
    return Goal(
        id=goal_id,
        theme=_choice(record, "theme", _THEMES, None),
        title=text(record, "title", True),
        kind=_choice(record, "kind", _GOAL_KINDS, GoalKind.ONCE),
        created=moment(record, "created"),
        due=day(record, "due", False, True),
        ticks=_days(record, "ticks"),
        archived=flag(record, "archived"),
    )


def goal_record(goal: Goal) -> Record:
    """The record a goal is saved as (the export adds its "id")."""
    return {
        "theme": goal.theme.value,
        "title": goal.title,
        "kind": goal.kind.value,
        "created": _stamp(goal.created),
        "due": goal.due.isoformat() if goal.due else None,
        "ticks": sorted({tick.isoformat() for tick in goal.ticks}),
        "archived": goal.archived,
    }


# -- no contact: its start and the slips ----------------------------------------


def slip_from_record(slip_id: int, record: Record) -> Slip:
    """The Slip a record holds (in the journal or the export's "slips")."""
    return Slip(
        id=slip_id,
        day=day(record, "day"),
        note=text(record, "note"),
        created=moment(record, "created"),
    )


def slip_record(slip: Slip) -> Record:
    """A slip as the export writes it; the journal marks it as one."""
    return {
        "day": slip.day.isoformat(),
        "note": slip.note,
        "created": _stamp(slip.created),
    }


def no_contact_from_record(record_id: int, record: Record) -> Slip | date | None:
    """A record of the journal's nocontact table: a slip, the day no contact
    started, or None for a record of another type (its day checked all the same)."""
    if record.get("type") == "slip":
        return slip_from_record(record_id, record)
    started = day(record, "day")
    return started if record.get("type") == "start" else None


def no_contact_record(item: Slip | date) -> Record:
    """The nocontact table's record of a slip, or of the day no contact started."""
    if isinstance(item, Slip):
        return {"type": "slip", **slip_record(item)}
    return {"type": "start", "day": item.isoformat()}


# -- urges --------------------------------------------------------------------


def urge_from_record(urge_id: int, record: Record) -> Urge:
    """The Urge a record holds; when it was last changed ("updated") is checked
    but not kept."""
    moment(record, "updated")
    return Urge(
        id=urge_id,
        at=moment(record, "at", True),
        day=day(record, "day"),
        strength=_number(record, "strength"),
        outcome=_choice(record, "outcome", _OUTCOMES, None, True),
        letter_id=an_id(record, "letter_id"),
        note=text(record, "note"),
    )


def urge_record(urge: Urge, *, updated: Any = _MISSING) -> Record:
    """The record an urge is saved as, with when it was last changed
    (`updated`; None: never). The model does not keep that, so the export,
    which gives none, leaves the key out."""
    record = {
        "at": _stamp(urge.at),
        "day": urge.day.isoformat(),
        "strength": urge.strength,
        "outcome": urge.outcome.value if urge.outcome else None,
        "letter_id": urge.letter_id,
        "note": urge.note,
    }
    if updated is not _MISSING:
        record["updated"] = _stamp(updated)
    return record


# -- settings -------------------------------------------------------------------


def setting_from_record(record_id: int, record: Record) -> tuple[str, Any] | None:
    """A setting's key and value; None for a record without a key."""
    key = record.get("key", _MISSING)
    if type(key) is str:
        return key, record.get("value")
    if key is _MISSING:
        return None
    raise _bad(record, "key", "text")


def setting_record(key: str, value: Any) -> Record:
    """The record a setting is saved as (any JSON value)."""
    return {"key": key, "value": value}
