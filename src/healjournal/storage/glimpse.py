"""A first look at a journal file: its settings and one day's entries.

Reading and checking a whole journal of years takes a while (a quarter of a
second at 10,000 entries), but opening the app should not: today's page and
the colour theme are all it needs first. Our files hold one record a line
(see `dump_journal`), so these few records can be found with a byte search
and parsed alone. A glimpse never replaces the full read, which follows at
once and checks everything; for anything it is not sure of (an encrypted or
older file, a line not quite as we write it) it simply gives up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from healjournal.domain.models import Entry
from healjournal.errors import HealJournalError
from healjournal.storage.crypto import is_encrypted
from healjournal.storage.docs import entry_from_doc
from healjournal.storage.files import read_regular
from healjournal.storage.layout import RECORD_LINE, is_id
from healjournal.storage.migrations import SCHEMA_VERSION

__all__ = ["Glimpse", "glimpse"]

#: Bytes searched in one go: a search holds the interpreter, so a long file is
#: searched a few milliseconds at a time and the screen keeps drawing.
_CHUNK = 1 << 22


@dataclass(frozen=True, slots=True)
class Glimpse:
    """What a glimpse found: the saved settings and the day's entries."""

    settings: dict[str, Any]
    """Every saved setting, by key."""
    entries: tuple[Entry, ...]
    """The entries of the day asked for, in the order they were written."""


def glimpse(path: Path, day: date) -> Glimpse | None:
    """The settings and the entries of `day` in the journal at `path`.

    An empty glimpse for a journal not made yet; None when the file cannot be
    glimpsed (the full read says why, if anything is wrong).
    """
    try:
        raw = read_regular(path)  # never a pipe or a device: it could hang
    except FileNotFoundError:
        return Glimpse({}, ())
    except OSError:
        return None
    if is_encrypted(raw) or not (raw.startswith(b"{\n") and raw.endswith(b"\n}\n")):
        return None
    try:
        meta = dict(_records(raw, b"meta")).get(1, {})
        version = meta.get("schema_version")
        if type(version) is not int or version != SCHEMA_VERSION:
            return None  # an older file is upgraded, a newer refused: the full read
        settings = {
            doc["key"]: doc.get("value")
            for _, doc in _records(raw, b"settings")
            if "key" in doc
        }
        needle = b'"day":' + orjson.dumps(day.isoformat())
        entries = [
            entry_from_doc(doc_id, doc)
            for doc_id, doc in _records(raw, b"entries", needle)
            if doc.get("day") == day.isoformat()
        ]
    except (ValueError, TypeError, KeyError, AttributeError, HealJournalError):
        return None  # the full read says what is wrong
    entries.sort(key=lambda e: (e.created, e.id))
    return Glimpse(settings, tuple(entries))


def _records(
    raw: bytes, table: bytes, needle: bytes | None = None
) -> list[tuple[int, dict[str, Any]]]:
    """The records of `table` (only the lines holding `needle`, if given).

    Raises ValueError for a line that is not a record as we write them.
    """
    start = raw.find(b'\n  "' + table + b'": {\n')
    if start < 0:
        return []  # no such table, or an empty one
    start += len(table) + 9  # the first record's line
    end = _find(raw, b"\n  }", start - 1, len(raw))
    if end < 0:
        raise ValueError("the table does not end")
    found = []
    at = start
    while at < end:
        if needle is not None:
            hit = _find(raw, needle, at, end)
            if hit < 0:
                break
            at = raw.rfind(b"\n", 0, hit) + 1
        line_end = raw.find(b"\n", at, end + 1)
        line = raw[at:line_end]
        at = line_end + 1
        record = RECORD_LINE.match(line)
        key = record.group(1).decode("ascii") if record else ""
        if not is_id(key):
            raise ValueError("not a record line")
        doc = orjson.loads(line[record.end() :].removesuffix(b","))
        if not isinstance(doc, dict):
            raise ValueError("not a record")
        found.append((int(key), doc))
    return found


def _find(raw: bytes, needle: bytes, start: int, end: int) -> int:
    """`raw.find(needle, start, end)`, a chunk at a time."""
    while start < end:
        stop = min(end, start + _CHUNK)
        hit = raw.find(needle, start, min(end, stop + len(needle) - 1))
        if hit >= 0:
            return hit
        start = stop
    return -1
