"""`export --format jrnl`, read fast from the file without opening the journal.

Opening a journal makes a model of every record of every table, upgrades it
and locks it; an export of years of pages only needs the entries. So here our
one-record-a-line file (see `dump_journal`) is walked a record at a time, and
each record is checked as the full read checks it: parsed and written again
to prove it holds exactly what was parsed (no key given twice), each entry
field by field, the records of the other tables with the full read's own
converters. A long journal's entries are shared with a second process, one
half each, so the two cores of a small machine both work on it.

Whenever this reader is not sure (an encrypted file, an older layout or
schema, a field that does not check out) it returns None, and the command
opens the journal the usual way, which says what is wrong.
"""

from __future__ import annotations

import marshal
import mmap
import os
import signal
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from healjournal.domain.models import EntryKind, check_mood
from healjournal.errors import HealJournalError
from healjournal.storage.docs import (
    aware,
    goal_from_doc,
    no_contact_from_doc,
    urge_from_doc,
)
from healjournal.storage.interchange import jrnl_entry
from healjournal.storage.layout import NotOurLayout, records
from healjournal.storage.migrations import SCHEMA_VERSION

__all__ = ["JrnlExport", "jrnl_export"]

#: From how many entries a second process takes half of them (below that,
#: starting it costs more than it saves).
SHARE_FROM = 2_000

#: An entry's place in the export: its day, its moment (microseconds since
#: 1970, UTC) and its id, then where `jrnl_entry` wrote it: which half's
#: buffer, at what offset, how many bytes (with the blank line after it).
Row = tuple[int, int, int, int, int, int]
Span = tuple[str, int, int]  # a record's key, and where its JSON is in the file

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_KINDS = frozenset(EntryKind)


class JrnlExport(NamedTuple):
    """The entries of an export, oldest first, as jrnl writes them."""

    count: int
    pieces: list[Any]  # the file's bytes, in order (bytes-like pieces)


class _Doubt(Exception):
    """Something this reader is not sure of: the full read will say what."""


def jrnl_export(
    path: Path, start: date | None = None, end: date | None = None
) -> JrnlExport | None:
    """The entries from `start` to `end` in jrnl's format, or None: open the journal."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        entries, others = _spans(raw)
        half = len(entries) // 2 if len(entries) >= SHARE_FROM else len(entries)
        halves = (entries[:half], entries[half:])
        # Each half writes its entries into a buffer shared with this process
        # (never larger than the records they come from).
        buffers = [mmap.mmap(-1, max(1, sum(b - a for _, a, b in h))) for h in halves]

        def first_half() -> list[Row]:
            _check_others(raw, others)
            return _entries(raw, halves[0], start, end, buffers, 0)

        mine, theirs = _side_by_side(
            first_half, lambda: _entries(raw, halves[1], start, end, buffers, 1)
        )
    except (
        _Doubt,
        NotOurLayout,
        orjson.JSONDecodeError,
        KeyError,
        ValueError,
        TypeError,
        AttributeError,
        HealJournalError,
    ):
        return None
    rows = mine + theirs
    rows.sort()  # by day, then moment, then id: ids differ, so rows never tie
    views = [memoryview(buffer) for buffer in buffers]
    pieces: list[Any] = []
    last = (-1, -1)  # the buffer and offset where the piece before ended
    for *_, which, offset, size in rows:
        if (which, offset) == last:  # in the file's order: one longer piece
            pieces[-1] = views[which][offset - len(pieces[-1]) : offset + size]
        else:
            pieces.append(views[which][offset : offset + size])
        last = (which, offset + size)
    if pieces:
        pieces[-1] = pieces[-1][:-1]  # no blank line after the last entry
    return JrnlExport(len(rows), pieces)


def _spans(raw: bytes) -> tuple[list[Span], dict[str, list[Span]]]:
    """Where each entry is in the file, and each record of the other tables."""
    entries: list[Span] = []
    others: dict[str, list[Span]] = {}
    table = entries
    for name, key, first, last in records(raw):
        if key is None:
            table = entries if name == "entries" else others.setdefault(name, [])
        else:
            table.append((key, first, last))
    return entries, others


def _record(raw: bytes, first: int, last: int) -> dict[str, Any]:
    """A record's fields; only when the file holds exactly these and no more."""
    body = raw[first:last]
    doc = orjson.loads(body)
    # The parse keeps the last of two equal keys without a word: written
    # again, the record must come out byte for byte as it is, as ours do.
    if type(doc) is not dict or orjson.dumps(doc) != body:
        raise _Doubt
    return doc


def _entries(
    raw: bytes,
    spans: list[Span],
    start: date | None,
    end: date | None,
    buffers: list[mmap.mmap],
    which: int,
) -> list[Row]:
    """The entries from `start` to `end`, each checked as `entry_from_doc` does,
    written one after the other into `buffers[which]`."""
    out = buffers[which]
    rows = []
    for key, first, last in spans:
        doc = _record(raw, first, last)
        title = doc.get("title", "")
        body = doc["body"]
        if type(title) is not str or type(body) is not str:
            raise _Doubt
        if doc.get("kind", EntryKind.REFLECTION.value) not in _KINDS:
            raise _Doubt
        check_mood(doc.get("mood"))
        updated = doc.get("updated")
        if updated:
            datetime.fromisoformat(updated)
        created = aware(datetime.fromisoformat(doc["created"]))
        day = date.fromisoformat(doc["day"])
        if (start is None or day >= start) and (end is None or day <= end):
            starred = bool(doc.get("starred", False))
            offset = out.tell()
            out.write(jrnl_entry(day, created, title, body, starred))
            out.write(b"\n")
            moment = (created - _EPOCH) // _MICROSECOND
            rows.append(
                (day.toordinal(), moment, int(key), which, offset, out.tell() - offset)
            )
    return rows


def _check_others(raw: bytes, tables: dict[str, list[Span]]) -> None:
    """Checks every record of the other tables as the full read would."""
    meta = {key: (first, last) for key, first, last in tables.get("meta", [])}
    if "1" not in meta:
        raise _Doubt
    version = _record(raw, *meta["1"])["schema_version"]
    if type(version) is not int or version != SCHEMA_VERSION:
        raise _Doubt  # an older journal: opening it upgrades it first
    for name, spans in tables.items():
        convert = _CHECKS.get(name)
        for key, first, last in spans:
            doc = _record(raw, first, last)
            if convert is not None:
                convert(int(key), doc)


def _side_by_side(
    here: Callable[[], list[Row]], there: Callable[[], list[Row]]
) -> tuple[list[Row], list[Row]]:
    """`here()` in this process while `there()` runs in a forked one.

    The child hands its rows back through a pipe (marshal carries ints and
    bytes) and leaves with os._exit, so nothing of the caller runs twice.
    Raises _Doubt if the child did not finish its half.
    """
    if not hasattr(os, "fork"):
        return here(), there()
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        status = 1
        try:
            os.close(read_end)
            view = memoryview(marshal.dumps(there()))
            while view:
                view = view[os.write(write_end, view) :]
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        try:
            mine = here()
            payload = pipe.read()
            _, status = os.waitpid(child, 0)
        except BaseException:
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
            raise
    if os.waitstatus_to_exitcode(status) != 0:
        raise _Doubt
    return mine, marshal.loads(payload)


#: How each table's records are checked (the full read's converters); the
#: others (meta, settings) have no model, and their shape is all there is.
_CHECKS: dict[str, Callable[[int, dict[str, Any]], object]] = {
    "goals": goal_from_doc,
    "nocontact": no_contact_from_doc,
    "urges": urge_from_doc,
}
