"""The entries of a journal, read fast for an export, without opening it.

`healjournal export` of years of pages used to spend nearly all its time
opening the journal: every record of every table parsed and serialised again
to check it, then made into a model. An export only reads the entries, so
here the entries table of our one-record-a-line file (see `dump_journal`) is
parsed in one call, and each entry is checked field by field as the full
read checks it. Whenever this reader is not sure (an encrypted file, an
older layout or schema, an id given twice, a field that does not check
out) it returns None, and the command opens the journal the usual way,
which says what is wrong.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from healjournal.storage.migrations import SCHEMA_VERSION

__all__ = ["QuickEntry", "quick_entries", "write_copy"]

_KINDS = frozenset({"reflection", "letter", "urge"})


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
        # A record line per id: an id given twice would be dropped by the parse.
        if sum(map(len, tables.values())) != raw.count(b'\n    "'):
            return None
        meta = tables["meta"]["1"]
        if meta["schema_version"] != SCHEMA_VERSION:
            return None
        found = tables.get("entries", {})  # none written yet
        entries = [_entry(int(key), doc) for key, doc in found.items()]
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    entries = [
        e
        for e in entries
        if (start is None or e.day >= start) and (end is None or e.day <= end)
    ]
    entries.sort(key=lambda e: (e.day, e.created, e.id))
    return entries


def write_copy(path: Path, payload: bytes) -> None:
    """Write an export to `path`: a temporary file renamed over it, so a
    reader never sees half of it. Not flushed to the disk first, unlike a
    save of the journal: an export is a copy, made again in a moment if a
    crash takes it. Raises OSError."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    # Only its owner can read it, like the journal it comes from.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _entry(entry_id: int, doc: dict[str, Any]) -> QuickEntry:
    """One entry, checked field by field as `entry_from_doc` checks it."""
    title = doc.get("title", "")
    body = doc["body"]
    if not isinstance(title, str) or not isinstance(body, str):
        raise TypeError("title and body must be text")
    if doc.get("kind", "reflection") not in _KINDS:
        raise ValueError("an unknown kind")
    mood = doc.get("mood")
    if mood is not None and (
        isinstance(mood, bool) or not isinstance(mood, int) or not 1 <= mood <= 5
    ):
        raise ValueError("a mood out of range")
    updated = doc.get("updated")
    if updated:
        datetime.fromisoformat(updated)
    created = datetime.fromisoformat(doc["created"])
    return QuickEntry(
        entry_id,
        date.fromisoformat(doc["day"]),
        created if created.tzinfo else created.astimezone(),
        title,
        body,
        bool(doc.get("starred", False)),
    )
