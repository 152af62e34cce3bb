"""Reading an import file, jrnl's JSON export or our own, every field checked.

Nothing is saved until the whole file has been read. A field that is not as
an export writes it (a title that is a number, a body that is null,
`"starred": "yes"`, tags that are not a list, a key left out, an export from
a newer healjournal) is refused in one line naming the record (its position
and day) and the field, and nothing from the file is imported: a value is
never guessed from something else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

import orjson

from healjournal.domain.models import (
    Entry,
    EntryKind,
    Goal,
    GoalKind,
    NoContact,
    Slip,
    Theme,
    Urge,
    UrgeOutcome,
    check_mood,
    check_strength,
    check_text,
    find_tags,
)
from healjournal.errors import InputError
from healjournal.storage.migrations import SCHEMA_VERSION, letter_record, urge_pages

TYPE_CHECKING = False  # typing is for the type checker only (see cli.py)
if TYPE_CHECKING:
    from typing import Any, TypeVar

    Choice = TypeVar("Choice", bound=StrEnum)

__all__ = ["Imported", "read_import"]

#: How much of a wrong value a message quotes.
_QUOTED = 40
_NOTHING = "Nothing was imported; fix the file, or export it again"


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import file holds, read and checked before anything is saved."""

    source: str
    entries: tuple[Entry, ...]
    goals: tuple[Goal, ...] = ()
    no_contact: NoContact | None = None
    urges: tuple[Urge, ...] = ()


def read_import(raw: bytes, name: str) -> Imported:
    """Read a jrnl or healjournal JSON export, checking every record first.

    Raises InputError naming the file, the record and the field of the first
    problem; nothing is saved until the whole file has been read.
    """
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise InputError(
            f"{name} is not JSON ({error.msg} at line {error.lineno}, column "
            f"{error.colno}): import takes a jrnl or healjournal JSON export"
        ) from None
    if isinstance(data, dict) and "healjournal" in data:
        return _read_ours(data, name)
    if isinstance(data, dict) and isinstance(data.get("entries"), list):
        return _read_jrnl(data, name)
    raise InputError(
        f"{name} is neither a jrnl JSON export (jrnl --format json) nor a "
        "healjournal one (healjournal export --format json)"
    )


class _Bad(ValueError):
    """A field that is not as an export writes it; the message says how."""


def _shown(value: object) -> str:
    text = orjson.dumps(value).decode("utf-8")
    return text if len(text) <= _QUOTED else text[: _QUOTED - 1] + "…"


def _get(
    record: dict[str, Any],
    key: str,
    kinds: tuple[type, ...],
    what: str,
    *,
    needed: bool = False,
    nullable: bool = False,
) -> Any:
    """`record[key]` when it is of one of `kinds` (None if left out, or null
    where an export writes null); `needed`: it must be there."""
    if key not in record:
        if needed:
            raise _Bad(f'it has no "{key}" ({what})')
        return None
    value = record[key]
    if value is None and nullable and not needed:
        return None
    if type(value) not in kinds:
        raise _Bad(f'its "{key}" is {_shown(value)}, not {what}')
    return value


def _text(record: dict[str, Any], key: str, *, needed: bool = False) -> str:
    value = _get(record, key, (str,), "text", needed=needed)
    return check_text(value or "", f'its "{key}"')


def _flag(record: dict[str, Any], key: str) -> bool:
    return bool(_get(record, key, (bool,), "true or false"))


def _day(
    record: dict[str, Any], key: str, *, needed: bool = True, nullable: bool = False
) -> date | None:
    what = "a day, YYYY-MM-DD"
    value = _get(record, key, (str,), what, needed=needed, nullable=nullable)
    return None if value is None else _parsed(date.fromisoformat, key, value, what)


def _parsed(parse: Any, key: str, value: str, what: str) -> Any:
    try:
        return parse(value)
    except ValueError:
        raise _Bad(f'its "{key}" is {_shown(value)}, not {what}') from None


def _moment(
    record: dict[str, Any], key: str, *, needed: bool = False
) -> datetime | None:
    """A moment as the export writes it; one without a time zone is local."""
    what = "a moment, YYYY-MM-DDTHH:MM:SS"
    value = _get(record, key, (str,), what, needed=needed, nullable=True)
    if value is None:
        return None
    moment = _parsed(datetime.fromisoformat, key, value, what)
    return moment if moment.tzinfo else moment.astimezone()


def _choice(
    record: dict[str, Any],
    key: str,
    kind: type[Choice],
    default: Choice | None,
    *,
    nullable: bool = False,
) -> Choice | None:
    what = "one of " + ", ".join(member.value for member in kind)
    needed = default is None and not nullable
    value = _get(record, key, (str,), what, needed=needed, nullable=nullable)
    return default if value is None else _parsed(kind, key, value, what)


def _tags(record: dict[str, Any], key: str = "tags") -> None:
    """Tags, as a list of text (they are found again in the words)."""
    for tag in _get(record, key, (list,), "a list of tags") or ():
        if type(tag) is not str:
            raise _Bad(f'its "{key}" holds {_shown(tag)}, not a tag as text')


def _an_id(record: dict[str, Any], key: str) -> int | None:
    what = "an id (a whole number from 1)"
    value = _get(record, key, (int,), what, nullable=True)
    if value is not None and value < 1:
        raise _Bad(f'its "{key}" is {value}, not {what}')
    return value


def _number(record: dict[str, Any], key: str, check: Any) -> int | None:
    try:
        return check(record.get(key))
    except InputError:
        value = _shown(record.get(key))
        raise _Bad(f'its "{key}" is {value}, not a whole number from 1 to 5') from None


def _records(data: dict[str, Any], key: str, name: str) -> list[Any]:
    records = data.get(key)
    if records is None:
        return []
    if type(records) is not list:
        raise InputError(f'{name}: its "{key}" should be a list of records. {_NOTHING}')
    return records


class _Refusal:
    """Says in one line which record of the file cannot be imported, and why."""

    def __init__(self, name: str, what: str, day_key: str | None) -> None:
        self.name, self.what, self.day_key = name, what, day_key

    def __call__(self, index: int, record: Any, problem: str) -> InputError:
        where = ""
        if self.day_key is not None:
            day = record.get(self.day_key) if isinstance(record, dict) else None
            where = f" (day {_shown(day)})" if day is not None else " (no day)"
        return InputError(
            f"{self.name}: {self.what} {index + 1} cannot be imported{where}: "
            f"{problem}. {_NOTHING}"
        )


def _each(records: list[Any], refusal: _Refusal, read: Any) -> list[Any]:
    """`read(record)` for each record, or the refusal of the first bad one
    (a None in `records` is skipped: a letter with no words, no page)."""
    found = []
    for index, record in enumerate(records):
        if record is None:
            continue
        try:
            if type(record) is not dict:
                raise _Bad(f"it is {_shown(record)}, not a record (an object)")
            found.append(read(record))
        except (_Bad, InputError) as error:
            raise refusal(index, record, str(error)) from None
    return found


def _jrnl_entry(record: dict[str, Any]) -> Entry:
    day = _day(record, "date")
    assert day is not None, "a needed day"
    clock = _get(record, "time", (str,), "a time, HH:MM", nullable=True)
    at = _parsed(time.fromisoformat, "time", clock or "00:00", "a time, HH:MM")
    title = _text(record, "title")
    body = _text(record, "body").strip("\n")
    _tags(record)
    return Entry(
        id=0,
        created=datetime.combine(day, at).astimezone(),
        day=day,
        title=title.strip(),
        body=body,
        starred=_flag(record, "starred"),
        tags=find_tags(title, body),
    )


def _read_jrnl(data: dict[str, Any], name: str) -> Imported:
    refusal = _Refusal(name, "entry", "date")
    entries = _each(_records(data, "entries", name), refusal, _jrnl_entry)
    return Imported(source="jrnl", entries=tuple(entries))


def _checked_entry(record: dict[str, Any]) -> dict[str, Any]:
    """An entry record of our export, each field checked (before schema 2
    changes a letter's shape)."""
    _moment(record, "created", needed=True)
    _moment(record, "updated")
    _day(record, "day")
    _choice(record, "kind", EntryKind, EntryKind.REFLECTION)
    _text(record, "title")
    _text(record, "body", needed=True)
    _number(record, "mood", check_mood)
    _flag(record, "starred")
    _tags(record)
    _an_id(record, "id")
    return record


def _our_entry(record: dict[str, Any]) -> Entry:
    day = _day(record, "day")
    created = _moment(record, "created", needed=True)
    assert day is not None and created is not None, "needed, and checked"
    return Entry(
        id=_an_id(record, "id") or 0,
        created=created,
        day=day,
        kind=_choice(record, "kind", EntryKind, EntryKind.REFLECTION),
        title=_text(record, "title"),
        body=_text(record, "body", needed=True),
        mood=_number(record, "mood", check_mood),
        starred=_flag(record, "starred"),
        updated=_moment(record, "updated"),
    )


def _goal(record: dict[str, Any]) -> Goal:
    theme = _choice(record, "theme", Theme, None)
    assert theme is not None, "a needed theme"
    ticks = []
    for tick in _get(record, "ticks", (list,), "a list of days") or ():
        if type(tick) is not str:
            raise _Bad(f'its "ticks" hold {_shown(tick)}, not a day, YYYY-MM-DD')
        ticks.append(_parsed(date.fromisoformat, "ticks", tick, "a day, YYYY-MM-DD"))
    return Goal(
        id=0,
        theme=theme,
        title=_text(record, "title", needed=True),
        kind=_choice(record, "kind", GoalKind, GoalKind.ONCE),
        created=_moment(record, "created"),
        due=_day(record, "due", needed=False, nullable=True),
        ticks=tuple(ticks),
        archived=_flag(record, "archived"),
    )


def _slip(record: dict[str, Any]) -> Slip:
    day = _day(record, "day")
    assert day is not None, "a needed day"
    return Slip(
        id=0, day=day, note=_text(record, "note"), created=_moment(record, "created")
    )


def _urge(record: dict[str, Any]) -> Urge:
    at, day = _moment(record, "at", needed=True), _day(record, "day")
    assert at is not None and day is not None, "needed, and checked"
    return Urge(
        id=0,
        at=at,
        day=day,
        strength=_number(record, "strength", check_strength),
        outcome=_choice(record, "outcome", UrgeOutcome, None, nullable=True),
        letter_id=_an_id(record, "letter_id"),
        note=_text(record, "note"),
    )


def _no_contact(data: dict[str, Any], name: str) -> NoContact | None:
    record = data.get("no_contact")
    if record is None:
        return None
    try:
        if type(record) is not dict:
            raise _Bad(f"it is {_shown(record)}, not a record (an object)")
        started = _day(record, "started", needed=False, nullable=True)
    except _Bad as error:
        raise InputError(
            f"{name}: the no-contact record cannot be imported: {error}. {_NOTHING}"
        ) from None
    refusal = _Refusal(name, "slip", "day")
    slips = _each(_records(record, "slips", name), refusal, _slip)
    return NoContact(started=started, slips=tuple(slips))


def _read_ours(data: dict[str, Any], name: str) -> Imported:
    """Our JSON export; one made before schema 2 is read as schema 2 has it.

    Each entry keeps its id in the export, and each urge the id of its page
    there, so the journal can link them again (Journal.import_urges).
    """
    version = data.get("schema_version")
    if version is not None and (type(version) is not int or version < 1):
        raise InputError(
            f'{name}: its "schema_version" is {_shown(version)}, not a positive '
            f"number. {_NOTHING}"
        )
    if version is not None and version > SCHEMA_VERSION:
        raise InputError(
            f"{name} was exported by a newer healjournal (schema {version}; this "
            f"one knows up to {SCHEMA_VERSION}). {_NOTHING}: upgrade healjournal "
            "to import it"
        )
    entry_refusal = _Refusal(name, "entry", "day")
    records = _each(_records(data, "entries", name), entry_refusal, _checked_entry)
    urges = _each(_records(data, "urges", name), _Refusal(name, "urge", "day"), _urge)
    if version is None or version < 2:
        pages = urge_pages(_records(data, "urges", name))
        records = [
            letter_record(record, urge_page=_an_id(record, "id") in pages)
            for record in records
        ]
    entries = _each(records, entry_refusal, _our_entry)
    goals = _each(_records(data, "goals", name), _Refusal(name, "goal", None), _goal)
    return Imported(
        source="healjournal",
        entries=tuple(entries),
        goals=tuple(goals),
        no_contact=_no_contact(data, name),
        urges=tuple(urges),
    )
