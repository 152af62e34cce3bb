"""Reading an import file, jrnl's JSON export or our own, every field checked.

Nothing is saved until the whole file has been read. A field that is not as
an export writes it (a title that is a number, a body that is null,
`"starred": "yes"`, tags that are not a list, a key left out, an export from
a newer healjournal) is refused in one line naming the record (its position
and day) and the field, and nothing from the file is imported: a value is
never guessed from something else.

Our export's records are the journal's own, read by the same functions
(records.py); jrnl's entries have their own shape, read here with the same
field readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

import orjson

from healjournal.domain.models import (
    Entry,
    Goal,
    NoContact,
    Slip,
    Urge,
    find_tags,
    new_uid,
)
from healjournal.errors import InputError
from healjournal.storage.fields import (
    BadField,
    an_id,
    day,
    field,
    flag,
    shown,
    tag_list,
    text,
)
from healjournal.storage.migrations import SCHEMA_VERSION, letter_record, urge_pages
from healjournal.storage.records import (
    entry_from_record,
    goal_from_record,
    slip_from_record,
    urge_from_record,
)

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    from typing import Any

__all__ = ["Imported", "read_import"]

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


def _records(data: dict[str, Any], key: str, name: str) -> list[Any]:
    records = data.get(key)
    if records is None:
        return []
    if type(records) is not list:
        raise InputError(f'{name}: its "{key}" should be a list of records. {_NOTHING}')
    return records


def _ours(data: dict[str, Any], key: str, name: str) -> list[Any]:
    """The records of our export's `data[key]`; one without a uid (exported
    before schema 3) gets a new one, as a new record would."""
    return [
        {"uid": new_uid(), **record}
        if type(record) is dict and "uid" not in record
        else record
        for record in _records(data, key, name)
    ]


class _Refusal:
    """Says in one line which record of the file cannot be imported, and why."""

    def __init__(self, name: str, what: str, day_key: str | None) -> None:
        self.name, self.what, self.day_key = name, what, day_key

    def __call__(self, index: int, record: Any, problem: str) -> InputError:
        where = ""
        if self.day_key is not None:
            day = record.get(self.day_key) if isinstance(record, dict) else None
            where = f" (day {shown(day)})" if day is not None else " (no day)"
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
                raise BadField(f"it is {shown(record)}, not a record (an object)")
            found.append(read(record))
        except (BadField, InputError) as error:
            raise refusal(index, record, str(error)) from None
    return found


def _jrnl_entry(record: dict[str, Any]) -> Entry:
    on = day(record, "date")
    assert on is not None, "a needed day"
    clock = field(record, "time", (str,), "a time, HH:MM", nullable=True)
    try:
        at = time.fromisoformat(clock or "00:00")
    except ValueError:
        raise BadField(f'its "time" is {shown(clock)}, not a time, HH:MM') from None
    title = text(record, "title")
    body = text(record, "body").strip("\n")
    tag_list(record)  # checked, then found again in the words
    return Entry(
        id=0,
        created=datetime.combine(on, at).astimezone(),
        day=on,
        title=title.strip(),
        body=body,
        starred=flag(record, "starred"),
        tags=find_tags(title, body),
    )


def _read_jrnl(data: dict[str, Any], name: str) -> Imported:
    refusal = _Refusal(name, "entry", "date")
    entries = _each(_records(data, "entries", name), refusal, _jrnl_entry)
    return Imported(source="jrnl", entries=tuple(entries))


def _our_entry(record: dict[str, Any]) -> Entry:
    return entry_from_record(an_id(record, "id") or 0, record)


def _goal(record: dict[str, Any]) -> Goal:
    return goal_from_record(0, record)


def _slip(record: dict[str, Any]) -> Slip:
    return slip_from_record(0, record)


def _urge(record: dict[str, Any]) -> Urge:
    return urge_from_record(0, record)


def _no_contact(data: dict[str, Any], name: str) -> NoContact | None:
    record = data.get("no_contact")
    if record is None:
        return None
    try:
        if type(record) is not dict:
            raise BadField(f"it is {shown(record)}, not a record (an object)")
        started = day(record, "started", False, True)
    except BadField as error:
        raise InputError(
            f"{name}: the no-contact record cannot be imported: {error}. {_NOTHING}"
        ) from None
    refusal = _Refusal(name, "slip", "day")
    slips = _each(_ours(record, "slips", name), refusal, _slip)
    return NoContact(started=started, slips=tuple(slips))


def _read_ours(data: dict[str, Any], name: str) -> Imported:
    """Our JSON export; one made before schema 2 is read as schema 2 has it.

    Each entry keeps its id in the export, and each urge the id of its page
    there, so the journal can link them again (Journal.import_urges).
    """
    version = data.get("schema_version")
    if version is not None and (type(version) is not int or version < 1):
        raise InputError(
            f'{name}: its "schema_version" is {shown(version)}, not a positive '
            f"number. {_NOTHING}"
        )
    if version is not None and version > SCHEMA_VERSION:
        raise InputError(
            f"{name} was exported by a newer healjournal (schema {version}; this "
            f"one knows up to {SCHEMA_VERSION}). {_NOTHING}: upgrade healjournal "
            "to import it"
        )
    entry_refusal = _Refusal(name, "entry", "day")
    records = _ours(data, "entries", name)
    entries = _each(records, entry_refusal, _our_entry)  # each field checked
    urges = _each(_ours(data, "urges", name), _Refusal(name, "urge", "day"), _urge)
    if version is None or version < 2:  # letters and urge pages as schema 2 has them
        pages = urge_pages(_records(data, "urges", name))
        records = [
            None
            if record is None  # skipped, as before
            else letter_record(record, urge_page=an_id(record, "id") in pages)
            for record in records
        ]
        entries = _each(records, entry_refusal, _our_entry)
    goals = _each(_ours(data, "goals", name), _Refusal(name, "goal", None), _goal)
    return Imported(
        source="healjournal",
        entries=tuple(entries),
        goals=tuple(goals),
        no_contact=_no_contact(data, name),
        urges=tuple(urges),
    )
