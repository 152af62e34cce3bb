"""`export --format jrnl`, read fast from the file without opening the journal.

Opening a journal makes a model of every record of every table, upgrades it
and locks it; an export of years of pages only needs the entries. So here our
one-record-a-line file (see `dump_journal`) is walked a record at a time, and
each record is checked as the full read checks it: parsed and written again
to prove it holds exactly what was parsed (no key given twice), each entry
field by field, the records of the other tables with the full read's own
converters.

A long journal is shared with a second process, so the two cores of a small
machine both work on it: the file is cut at a record line past its middle,
and after a fork this process walks and formats the entries before the cut
(writing them straight into the export file, when there is one) while the
child walks from the cut and writes its entries into a memory file, which
the kernel then copies into the export after them (see FilePart). The two
walks are checked to make one walk of the whole file. Where there is no fork
or memory file, one process does it all. Forking is safe only in a process
with no other threads: this is for the command line, never for the app.

Whenever this reader is not sure (an encrypted file, an older layout or
schema, a field that does not check out) it returns None, and the command
opens the journal the usual way, which says what is wrong.
"""

from __future__ import annotations

import contextlib
import marshal
import mmap
import operator
import os
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson

from healjournal.clock import aware
from healjournal.errors import HealJournalError
from healjournal.storage.files import open_regular
from healjournal.storage.jrnl import jrnl_entry
from healjournal.storage.layout import (
    FilePart,
    NotOurLayout,
    Part,
    canonical_record,
    cut_from,
    records,
    write_all,
)
from healjournal.storage.migrations import SCHEMA_VERSION, meta_problem

TYPE_CHECKING = False  # typing is for the type checker only (see cli.py)
if TYPE_CHECKING:
    from typing import Any

__all__ = ["JrnlExport", "jrnl_export"]

#: From how many bytes of journal (about 2,000 entries) the later half goes
#: to a second process; below that, starting it costs more than it saves.
SHARE_FROM = 2_500_000
#: Where the file is cut for the second process, as a share of its length:
#: past the middle, as the second process also imports the models (see
#: _converter) and writes its answer.
_SPLIT = 0.55
#: How many lines from there a cut is looked for (the first nearly always does).
_LINES_TRIED = 8
_ENTRIES = "entries"

#: An entry's place in the export (its day, its moment in microseconds since
#: 1970 UTC, its id), then where its block is: this process's (0), in its
#: list at an index or in the export file at an offset, or the second
#: process's (1), in its memory file at an offset; and how many bytes.
Row = tuple[int, int, int, int, int, int]
Walk = Iterator[tuple[str, str | None, int, int]]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
#: What the full read accepts as an entry's kind and mood (EntryKind and
#: check_mood, which tests hold these to): the models themselves are not
#: imported, as this process never needs them (see _converter).
_KINDS = frozenset({"reflection", "letter", "urge"})
_REFLECTION = "reflection"
_MOODS = frozenset(range(1, 6))
_KEPT, _SPOOLED = 0, 1
_BATCH = 512  # blocks written at once
_ADVISE = getattr(os, "POSIX_FADV_DONTNEED", 0)  # 0 where there is no such advice


class JrnlExport:
    """An export: how many entries, and the jrnl file's bytes in pieces (those
    after what `into` holds, when jrnl_export was given one), the oldest entry
    first. Pieces may be parts of the second process's memory file, which is
    there until close() (or the end of a with block)."""

    def __init__(
        self, count: int, pieces: list[bytes | FilePart], aside: _Aside | None
    ) -> None:
        self.count = count
        self.pieces = pieces
        self._aside = aside

    def close(self) -> None:
        if self._aside is not None:
            self._aside.close()
            self._aside = None

    def __enter__(self) -> JrnlExport:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class _Doubt(Exception):
    """Something this reader is not sure of: the full read will say what."""


#: Whatever makes this reader give up and leave it to the full read.
_DOUBTS = (
    _Doubt,
    OSError,  # no fork or memory file to be had
    EOFError,  # marshal, given less than the child sent
    NotOurLayout,
    orjson.JSONDecodeError,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    HealJournalError,
)


def jrnl_export(
    path: Path,
    start: date | None = None,
    end: date | None = None,
    into: int | None = None,
) -> JrnlExport | None:
    """The entries from `start` to `end` in jrnl's format, or None: open the journal.

    `into`, if given, is a new file open for writing: the entries this process
    formats go straight into it as they come rather than wait in memory (fresh
    memory for them was a tenth of this process's work), and the export is
    what `into` then holds followed by the pieces returned. After None, `into`
    is empty.
    """
    try:
        raw = _read(path)
    except (OSError, ValueError):
        return None
    reader = _Reader(raw, start, end)
    aside = None
    sink = _Kept() if into is None else _Spooled(into, _KEPT)
    try:
        cut = _cut(raw)
        if cut is not None:  # the child walks the file from the cut
            aside = _Aside(lambda spool: _theirs(reader, raw, cut, spool))
        part = Part(until=cut)
        mine = reader.read(records(raw, part), sink)
        schema_checked = reader.schema_checked
        if aside is not None and part.table != _ENTRIES:
            # The cut is in another table after all: this process goes on alone.
            aside.close()
            aside = None
            mine += reader.read(records(raw, part.rest()), sink)
            schema_checked = reader.schema_checked
        in_order = _ascending(mine)
        count = len(mine)
        if aside is not None:
            many, first, ascending, checked_there, keys, names = aside.result()
            # The two walks make one: no table, and no entry's key, in both.
            if not part.keys.isdisjoint(keys) or part.names.intersection(names) != {
                _ENTRIES
            }:
                raise _Doubt
            schema_checked = schema_checked or checked_there
            count += many
            # Each part in order, and theirs start where mine end.
            in_order = (
                in_order and ascending and not (mine and first and first < mine[-1])
            )
        if not schema_checked:
            raise _Doubt  # no schema record: the full read says what it makes of it
        spool = aside.spool if aside is not None else -1
        if in_order:  # the file's order, as usual: each part in one piece
            pieces: list[bytes | FilePart] = list(sink.blocks)
            if aside is not None and aside.size:
                pieces.append(FilePart(spool, 0, aside.size))
        else:  # by day, then moment, then id: ids differ, so rows never tie
            theirs = aside.more() if aside is not None else []
            ours = sink.blocks if into is None else sink.take_back()
            pieces = _in_order(sorted(mine + theirs), ours, spool)
        _drop_last_newline(pieces, sink)
    except BaseException as error:
        if aside is not None:
            aside.close()
        if into is not None:
            _empty(into)
        if isinstance(error, _DOUBTS):
            return None
        raise
    return JrnlExport(count, pieces, aside)


def _cut(raw: bytes) -> int | None:
    """Where the second process starts in a long file: a record line near
    `_SPLIT` of it, which the line before announced with a comma. None for a
    short file, where no such line is near, or where there is no memory file."""
    if len(raw) < SHARE_FROM or not hasattr(os, "memfd_create"):
        return None
    return cut_from(raw, int(len(raw) * _SPLIT), _LINES_TRIED)


def _theirs(
    reader: _Reader, raw: bytes, cut: int, spool: int
) -> tuple[tuple[Any, ...], list[Row]]:
    """The second process's work: the file from `cut` on, taken to be within
    the entries (this process checks that), its entries written into `spool`.
    Answers with how many entries, the first's row, whether they come in order,
    whether it found the schema, and the keys and tables its walk saw (to
    check against mine); then, for when they must be sorted, all their rows."""
    part = Part(cut, _ENTRIES)
    rows = reader.read(records(raw, part), _Spooled(spool, _SPOOLED))
    answer = (
        len(rows),
        rows[0] if rows else None,
        _ascending(rows),
        reader.schema_checked,
        list(part.keys_at_start),
        list(part.names),
    )
    return answer, rows


def _ascending(rows: list[Row]) -> bool:
    return all(map(operator.lt, rows, rows[1:]))


def _in_order(
    rows: list[Row], ours: list[bytes] | memoryview, spool: int
) -> list[bytes | FilePart]:
    """The blocks of `rows`, in that order: this process's from `ours` (the
    blocks by index, or their bytes by offset), the child's from `spool`."""
    pieces: list[bytes | FilePart] = []
    follows = -1  # where the spooled piece before ended
    for *_, which, position, size in rows:
        if which == _KEPT:
            pieces.append(
                ours[position]
                if isinstance(ours, list)
                else ours[position : position + size]
            )
        elif position == follows:  # one after the other: one longer piece
            pieces[-1].size += size
        else:
            pieces.append(FilePart(spool, position, size))
        follows = position + size if which == _SPOOLED else -1
    return pieces


def _drop_last_newline(pieces: list[bytes | FilePart], sink: Sink) -> None:
    """No blank line after the last entry, wherever it is."""
    if pieces:
        last = pieces[-1]
        pieces[-1] = (
            FilePart(last.fd, last.offset, last.size - 1)
            if isinstance(last, FilePart)
            else last[:-1]
        )
    elif isinstance(sink, _Spooled) and sink.size:  # it ends in the file
        sink.size -= 1
        os.ftruncate(sink.fd, sink.size)
        os.lseek(sink.fd, sink.size, os.SEEK_SET)


def _empty(fd: int) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)


def _read(path: Path) -> bytes | mmap.mmap:
    """The file's bytes; a long file mapped rather than read, which spares
    copying it into fresh memory (8 ms for 13 MB). Our saves replace the file
    by a rename, so the mapped one never changes; should something else cut
    it short in place while it is read, the command dies of SIGBUS, having
    written nothing."""
    with os.fdopen(open_regular(path), "rb", buffering=0) as file:
        size = os.fstat(file.fileno()).st_size
        if size < SHARE_FROM:
            return file.read()
        return mmap.mmap(file.fileno(), size, access=mmap.ACCESS_READ)


class _Kept:
    """The blocks of the entries formatted in this process, kept in memory."""

    which = _KEPT

    def __init__(self) -> None:
        self.blocks: list[bytes] = []

    def put(self, block: bytes) -> int:
        self.blocks.append(block)
        return len(self.blocks) - 1

    def flush(self) -> None:
        """Nothing waits: the blocks are kept as they come."""


class _Spooled:
    """The blocks written into the file `fd` as they come, a batch at a time:
    the export file itself, or the second process's memory file."""

    #: None are kept in memory.
    blocks: tuple[bytes, ...] = ()

    def __init__(self, fd: int, which: int) -> None:
        self.fd = fd
        self.which = which
        self.size = 0
        self.advised = 0  # how many bytes the system was told to write out
        self.waiting: list[bytes] = []

    def put(self, block: bytes) -> int:
        offset = self.size
        self.size += len(block)
        self.waiting.append(block)
        if len(self.waiting) == _BATCH:
            self.flush()
        return offset

    def flush(self) -> None:
        write_all(self.fd, self.waiting)
        self.waiting = []
        if self.which == _KEPT and _ADVISE:
            # The export file: asking the system to drop what was just written
            # has it start writing that to disk now (it only drops pages once
            # they are on disk), while the rest is made. The fsync at the end
            # then waits for less: 2 ms.
            with contextlib.suppress(OSError):  # only advice
                os.posix_fadvise(
                    self.fd, self.advised, self.size - self.advised, _ADVISE
                )
            self.advised = self.size

    def take_back(self) -> memoryview:
        """What was written, read back, with the file emptied again."""
        written = os.pread(self.fd, self.size, 0)
        if len(written) != self.size:
            raise _Doubt
        _empty(self.fd)
        self.size = self.advised = 0
        return memoryview(written)


Sink = _Kept | _Spooled


class _Reader:
    """Checks the records of one journal file and formats its entries."""

    def __init__(self, raw: bytes, start: date | None, end: date | None) -> None:
        self.raw = raw
        self.start = start
        self.end = end
        self.schema_checked = False

    def read(self, walk: Walk, sink: Sink) -> list[Row]:
        """The records of `walk`: checks each, formats the entries into `sink`."""
        rows = []
        for name, key, first, last in walk:
            if key is None:
                continue
            if name != _ENTRIES:
                self.check(name, key, first, last)
            elif row := self.entry(key, first, last, sink):
                rows.append(row)
        sink.flush()
        return rows

    def record(self, first: int, last: int) -> dict[str, Any]:
        """A record's fields; only when the file holds exactly these and no more."""
        doc = canonical_record(self.raw[first:last])
        if doc is None:
            raise _Doubt
        return doc

    def check(self, name: str, key: str, first: int, last: int) -> None:
        """A record of a table other than the entries, checked as the full read does."""
        doc = self.record(first, last)
        if name == "meta" and key == "1":
            if meta_problem(doc) or doc["schema_version"] != SCHEMA_VERSION:
                raise _Doubt  # damaged, or older: the full read says, or upgrades
            self.schema_checked = True
        elif name == "settings" and type(doc.get("key", "")) is not str:
            raise _Doubt  # as setting_from_doc: without importing the models
        convert = _converter(name)
        if convert is not None:
            convert(int(key), doc)

    def entry(self, key: str, first: int, last: int, sink: Sink) -> Row | None:
        """An entry, checked as `entry_from_doc` checks it, and put in `sink` if
        its day is in the range."""
        doc = self.record(first, last)
        title = doc.get("title", "")
        body = doc["body"]
        if type(title) is not str or type(body) is not str:
            raise _Doubt
        if doc.get("kind", _REFLECTION) not in _KINDS:
            raise _Doubt
        mood = doc.get("mood")
        if mood is not None and (type(mood) is not int or mood not in _MOODS):
            raise _Doubt
        tags = doc.get("tags")
        if type(tags) is list:
            for tag in tags:
                if type(tag) is not str:
                    raise _Doubt
        updated = doc.get("updated")
        if updated:
            aware(datetime.fromisoformat(updated))
        created = aware(datetime.fromisoformat(doc["created"]))
        day = date.fromisoformat(doc["day"])
        if (self.start and day < self.start) or (self.end and day > self.end):
            return None
        block = jrnl_entry(day, created, title, body, bool(doc.get("starred", False)))
        moment = (created - _EPOCH) // _MICROSECOND
        return (
            day.toordinal(),
            moment,
            int(key),
            sink.which,
            sink.put(block),
            len(block),
        )


class _Aside:
    """Work done in a forked process while this one goes on.

    The child's `work` writes its entries into a memory file (it is given its
    fd) and returns two things, an answer and more: both go after the entries
    (marshal carries ints, strings and booleans), and the child says where
    through a pipe. It leaves with os._exit, so nothing of the caller runs
    twice. Its word is its success: this process never waits for it to end.
    """

    def __init__(self, work: Callable[[int], tuple[object, object]]) -> None:
        self.child = 0
        self.done = False  # whether the child has said it finished
        self.size = 0  # the bytes of the child's entries, at the file's start
        self.lengths = (0, 0)  # of its answer and of the more after it
        self.spool = os.memfd_create("healjournal-export")
        self.pipe = None
        write_end = -1
        try:
            read_end, write_end = os.pipe()
            self.pipe = os.fdopen(read_end, "rb")
            self.child = os.fork()
            if self.child == 0:
                status = 1
                try:
                    self.pipe.close()
                    answers = [marshal.dumps(part) for part in work(self.spool)]
                    size = os.lseek(self.spool, 0, os.SEEK_CUR)  # its entries'
                    write_all(self.spool, answers)
                    word = (size, *(len(answer) for answer in answers))
                    write_all(write_end, [marshal.dumps(word)])
                    os.close(write_end)  # the word is out before the process ends
                    status = 0
                finally:
                    os._exit(status)
            os.close(write_end)
        except BaseException:  # no pipe or fork to be had, or Ctrl+C just after
            if write_end >= 0:
                with contextlib.suppress(OSError):  # closed already, just after
                    os.close(write_end)
            self.close()
            raise

    def result(self) -> Any:
        """The answer of `work`; raises _Doubt (or EOFError, ValueError) if the
        child ended without a word."""
        assert self.pipe is not None
        with self.pipe:
            word = self.pipe.read()
        if not word:
            raise _Doubt
        self.size, *lengths = marshal.loads(word)
        self.lengths = (lengths[0], lengths[1])
        self.done = True
        return self._read(self.size, self.lengths[0])

    def more(self) -> Any:
        """The more that `work` returned after its answer."""
        return self._read(self.size + self.lengths[0], self.lengths[1])

    def _read(self, at: int, length: int) -> Any:
        answer = os.pread(self.spool, length, at)
        if len(answer) != length:
            raise _Doubt
        return marshal.loads(answer)

    def close(self) -> None:
        """Stops the child unless it finished, waits for its end, and lets go
        of the files."""
        if self.child:
            child, self.child = self.child, 0
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                if not self.done:
                    import signal  # here only: an export that goes well never needs it

                    os.kill(child, signal.SIGKILL)
                os.waitpid(child, 0)
        if self.pipe is not None:
            self.pipe.close()
        if self.spool >= 0:
            os.close(self.spool)
            self.spool = -1


def _converter(table: str) -> Callable[[int, dict[str, Any]], object] | None:
    """How the records of `table` are checked: with the full read's converter
    (None for meta and settings, checked apart). The models are imported
    on the first record that needs them: in a journal whose entries come
    first, only by the second process (their classes take 4 ms to make)."""
    name = _MODELLED.get(table)
    if name is None:
        return None
    from healjournal.storage import docs

    return getattr(docs, name)


#: The tables whose records the full read makes models of, and the converter.
_MODELLED = {
    "goals": "goal_from_doc",
    "nocontact": "no_contact_from_doc",
    "urges": "urge_from_doc",
}
