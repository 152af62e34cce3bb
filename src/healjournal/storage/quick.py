"""The entries of a journal, read fast for an export, without opening it.

`healjournal export` of years of pages used to spend nearly all its time
opening the journal: every record of every table parsed and serialised again
one at a time to check it, then made into a model, then upgraded and locked.
An export only reads the entries, so here our one-record-a-line file (see
`dump_journal`) is parsed in one call and written again in memory, to prove
it holds exactly what was parsed (no key given twice), and each entry is
checked field by field as the full read checks it, and the records of the
other tables with the full read's own converters. Whenever this reader is not
sure (an encrypted file, an older layout or schema, a field that does not
check out) it returns None, and the command opens the journal the usual way,
which says what is wrong.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from healjournal.domain.models import EntryKind, check_mood
from healjournal.errors import HealJournalError
from healjournal.storage.atomic import dump_journal, is_id
from healjournal.storage.journal import (
    _aware,
    _goal_from_doc,
    _no_contact_from_doc,
    _urge_from_doc,
)
from healjournal.storage.migrations import SCHEMA_VERSION

__all__ = ["QuickEntry", "quick_entries"]


class QuickEntry(NamedTuple):
    """What an export of entries needs of one, checked as the full read does."""

    id: int
    day: date
    created: datetime
    title: str
    body: str
    starred: bool


def quick_entries(
    path: Path, start: date | None = None, end: date | None = None
) -> list[QuickEntry] | None:
    """The entries from `start` to `end` (oldest first), or None: open the journal."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    # An encrypted journal starts with its header, not "{".
    if not (raw.startswith(b"{\n") and raw.endswith(b"\n}\n")):
        return None
    try:
        tables = orjson.loads(raw)
        # The parse keeps the last of two equal keys without a word (an id
        # given twice, a field twice in a record): written again, the file
        # must come out byte for byte as it is, as ours always do.
        if dump_journal(tables) != raw:
            return None
        version = tables["meta"]["1"]["schema_version"]
        if type(version) is not int or version != SCHEMA_VERSION:
            return None
        entries = []
        for name, table in tables.items():
            # Every record is checked as the full read checks it, so an export
            # never succeeds where opening the journal would refuse it.
            convert = _CHECKS.get(name, _shape_only)
            for key, doc in table.items():
                if not is_id(key) or not isinstance(doc, dict):
                    return None
                checked = convert(int(key), doc)
                if name == "entries":
                    entries.append(checked)
    except (KeyError, ValueError, TypeError, AttributeError, HealJournalError):
        return None
    entries = [
        e
        for e in entries
        if (start is None or e.day >= start) and (end is None or e.day <= end)
    ]
    entries.sort(key=lambda e: (e.day, e.created, e.id))
    return entries


def _shape_only(record_id: int, doc: dict[str, Any]) -> None:
    """Tables with no model (meta, settings): their shape is all there is."""


def _entry(entry_id: int, doc: dict[str, Any]) -> QuickEntry:
    """One entry, checked as `entry_from_doc` checks it, without the model."""
    title = doc.get("title", "")
    body = doc["body"]
    if not isinstance(title, str) or not isinstance(body, str):
        raise TypeError("title and body must be text")
    EntryKind(doc.get("kind", EntryKind.REFLECTION.value))
    check_mood(doc.get("mood"))
    updated = doc.get("updated")
    if updated:
        datetime.fromisoformat(updated)
    return QuickEntry(
        entry_id,
        date.fromisoformat(doc["day"]),
        _aware(datetime.fromisoformat(doc["created"])),
        title,
        body,
        bool(doc.get("starred", False)),
    )


#: How each table's records are checked (the full read's converters).
_CHECKS: dict[str, Any] = {
    "entries": _entry,
    "goals": _goal_from_doc,
    "nocontact": _no_contact_from_doc,
    "urges": _urge_from_doc,
}
