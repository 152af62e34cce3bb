"""The journal file's layout, and how any of our files is replaced safely.

The journal is plain JSON, TinyDB's tables of records, written one record a
line (see `dump_journal`) so that a read can go a record at a time and a save
only serialises what changed. Every file is replaced by `write_atomically`:
a crash leaves the old file or the new one, never a mix.

Nothing here needs TinyDB or the encryption, so the commands that only read
the file (`export --format jrnl`) start without them.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import orjson

TYPE_CHECKING = False  # typing is for the type checker only (see cli.py)
if TYPE_CHECKING:
    from typing import Any

    Tables = dict[str, dict[str, dict[str, Any]]]
    #: Each record's bytes as last read or written, by the identity of its dict.
    RecordBytes = dict[int, tuple[dict[str, Any], bytes]]


FILE_MODE = 0o600
#: How many pieces one write takes (the most a system's writev accepts is 1,024).
_WRITE_BATCH = 1_024
#: The most bytes one sendfile is asked for (its own limit is just under 2 GiB).
_SEND_AT_MOST = 1 << 30
# How healjournal 0.x wrote the whole file at once (still read, never written).
_OLD_DUMP_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE

#: About how many bytes of records `dump_chunks` puts in one chunk.
_CHUNK = 1 << 20


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, payload: bytes | Sequence[Piece]) -> None:
    """Replace `path` with `payload` (bytes, or pieces written one after the
    other, see `write_all`) so that a crash leaves old or new, never a mix.

    Raises OSError; on failure `path` is untouched and no temp file is left.
    """
    with replacing(path) as fd:
        write_all(fd, [payload] if isinstance(payload, bytes) else payload)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[int]:
    """A new file to write in place of `path`, open for writing (an fd): when
    the block ends, it is made durable and put in place of `path` at once, so
    that a crash leaves old or new, never a mix.

    Raises OSError; if anything fails (in the block too), `path` is untouched
    and no temp file is left.
    """
    temp = path.parent / f".{path.name}.{os.urandom(4).hex()}.tmp"
    # Open for reading too: what was written may be read back (quick.py).
    fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            yield fd
            os.fsync(fd)
        finally:
            os.close(fd)
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(path.parent)


class FilePart:
    """`size` bytes of the open file `fd` from `offset`, as a piece to write:
    the kernel copies them (sendfile), so they never pass through this
    process's memory."""

    __slots__ = ("fd", "offset", "size")

    def __init__(self, fd: int, offset: int, size: int) -> None:
        self.fd = fd
        self.offset = offset
        self.size = size

    def __len__(self) -> int:
        return self.size

    def read(self) -> bytes:
        """The bytes themselves."""
        data = os.pread(self.fd, self.size, self.offset)
        if len(data) != self.size:
            raise OSError(errno.EIO, "a part of the export came out short")
        return data


#: A piece of a file to write: bytes, or a part of another file.
Piece = bytes | memoryview | FilePart


def in_memory(pieces: Sequence[Piece]) -> list[bytes | memoryview]:
    """`pieces`, each FilePart read, for a writer that only takes bytes."""
    return [piece.read() if isinstance(piece, FilePart) else piece for piece in pieces]


def write_all(fd: int, pieces: Sequence[Piece]) -> None:
    """Every byte of `pieces`, in order, however little each write takes."""
    batch: list[bytes | memoryview] = []
    for piece in pieces:
        if isinstance(piece, FilePart):
            _write_pieces(fd, batch)
            batch = []
            _send(fd, piece)
        else:
            batch.append(piece)
    _write_pieces(fd, batch)


def _write_pieces(fd: int, pieces: list[bytes | memoryview]) -> None:
    for first in range(0, len(pieces), _WRITE_BATCH):
        batch = pieces[first : first + _WRITE_BATCH]
        while batch:
            written = os.writev(fd, batch) if len(batch) > 1 else os.write(fd, batch[0])
            whole = 0  # the pieces written whole
            for piece in batch:
                if written < len(piece):
                    break
                written -= len(piece)
                whole += 1
            if not whole and not written:
                raise OSError(errno.EIO, "the disk took none of the bytes")
            del batch[:whole]
            if batch and written:
                batch[0] = memoryview(batch[0])[written:]


def _send(fd: int, part: FilePart) -> None:
    offset, end = part.offset, part.offset + part.size
    while offset < end:
        try:
            sent = os.sendfile(fd, part.fd, offset, min(end - offset, _SEND_AT_MOST))
        except OSError as error:
            if error.errno not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
                raise
            # A file the kernel cannot copy into: through memory, then.
            _write_pieces(fd, [FilePart(part.fd, offset, end - offset).read()])
            return
        if not sent:
            raise OSError(errno.EIO, "a part of the export came out short")
        offset += sent


def is_id(key: str) -> bool:
    """Whether a record's key is an id as we write them: digits, no leading 0
    ("01" would be the same record as "1", and one of them would be lost)."""
    return key.isascii() and key.isdigit() and key == str(int(key))


def _check_shape(data: Any) -> str | None:
    """Why `data` is not a set of TinyDB tables, or None when it is."""
    if not isinstance(data, dict):
        return f"the top level is a JSON {type(data).__name__}, not an object"
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"table {name!r} is not an object"
        for doc_id, doc in table.items():
            if not is_id(doc_id):
                return f"table {name!r} has a key {doc_id!r} that is not an id"
            if not isinstance(doc, dict):
                return f"record {name}/{doc_id} is not an object"
    return None


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"the key {key!r} appears twice in one object")
        seen[key] = value
    return seen


def parse_journal(raw: bytes, cache: RecordBytes | None = None) -> Tables:
    """Parse a journal file's bytes, or raise ValueError saying what is wrong.

    Our own files hold one record per line (see `dump_journal`), so they are
    read a record at a time: a long journal never holds the interpreter for
    one long parse, and each record's bytes are kept in `cache` so the next
    save does not have to serialise it again. Anything else (an older
    healjournal, a hand edit) takes the whole-file path.
    """
    # Nothing here works on the whole file in one call (strip, decode, split):
    # each would hold the interpreter, and so the screen, for a long journal.
    if not raw or raw.isspace():
        raise ValueError("the file is empty")
    # orjson checks the UTF-8 of every record it parses; any doubt takes the
    # whole-file path, which says where the problem is.
    data = _parse_by_record(raw, cache)
    if data is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            raise ValueError(
                f"it is not valid UTF-8 (byte {error.start + 1}, line {line})"
            ) from None
        data = _parse_whole(raw, text)
    problem = _check_shape(data)
    if problem:
        raise ValueError(f"it is not a healjournal journal: {problem}")
    return data


def _parse_whole(raw: bytes, text: str) -> Tables:
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise ValueError(
            f"it is not valid JSON ({error.msg} at line {error.lineno}, "
            f"column {error.colno})"
        ) from None
    # orjson keeps the last of two equal keys without a word. Files written
    # by an older healjournal are canonical, so one re-dump proves there were
    # none; anything else (hand-edited, another tool) takes the strict path.
    if orjson.dumps(data, option=_OLD_DUMP_OPTIONS) != raw:
        try:
            json.loads(text, object_pairs_hook=_reject_duplicates)
        except ValueError as error:
            raise ValueError(f"it is not a valid journal: {error}") from None
    return data


#: A table's first line, as dump_journal writes it: `  "entries": {`, or a
#: whole empty table, `  "urges": {},`.
_TABLE_START = re.compile(rb'  ("(?:[^"\\]|\\.)*"): \{(\},?)?')
#: The start of a record's line, as dump_journal writes it: `    "12": `.
RECORD_LINE = re.compile(rb'    "([0-9]+)": ')
_TABLE_END = (b"  }", b"  },")
_COMMA = ord(",")
_ID_DIGITS = 15  # ids count records: a journal never reaches 16 digits
_ZERO = ord("0")


class NotOurLayout(Exception):
    """A file that is not exactly as `dump_journal` writes it."""


class Part:
    """A part of a file for `records` to walk, cut at record lines inside a
    table: it starts at the line `start` (None: the file's start) in the table
    `table`, and stops at the line `until` (None: the file's end). Both must
    be record lines, the first of their table or announced by a comma on the
    line before.

    The walk fills in what it has seen, so that two walks of the two parts of
    one file can be checked to be one walk: `names`, the tables' names (the
    table at the start too); `table` and `keys`, the table it stopped in and
    its records' keys; `keys_at_start`, those of the table it started in.
    """

    def __init__(
        self, start: int | None = None, table: str = "", until: int | None = None
    ) -> None:
        self.start = start
        self.until = until
        self.table = table
        self.names: set[str] = set()
        self.keys: set[str] = set()
        self.keys_at_start = self.keys

    def rest(self) -> Part:
        """The part after this one, to its end, checked as one walk with it."""
        rest = Part(self.until, self.table)
        rest.names = self.names
        rest.keys = rest.keys_at_start = self.keys
        return rest


def cut_from(raw: bytes, at: int, lines: int) -> int | None:
    """Where a Part may start or stop, looking from byte `at` on for at most
    `lines` lines: the start of a record line that the line before announced
    with a comma. None where there is none (a walk checks it all the same)."""
    position = raw.find(b"\n", at) + 1
    for _ in range(lines):
        stop = raw.find(b"\n", position)
        if position <= 0 or stop < 0:
            return None
        if raw[position - 2] == _COMMA and RECORD_LINE.match(raw, position, stop):
            return position
        position = stop + 1
    return None


def records(
    raw: bytes, part: Part | None = None
) -> Iterator[tuple[str, str | None, int, int]]:
    """Each table and record of a file in our layout (or of a `part` of it),
    in the file's order.

    A table gives `(name, None, 0, 0)` where it starts, then each of its
    records `(name, key, start, end)`: `raw[start:end]` is the record's JSON.
    Nothing is parsed but the names, and nothing is copied: this is the walk
    shared by the full read and the quick export. Raises NotOurLayout at the
    first line that is not what `dump_journal` writes (the caller then takes
    a slower path that explains), and ValueError for a name or key given twice.
    """
    if raw[:2] != b"{\n" or raw[-3:] != b"\n}\n":
        raise NotOurLayout
    part = part or Part()
    end = len(raw) - 2  # where the closing "}" line starts
    until = end + 1 if part.until is None else part.until
    names = part.names
    resumed = part.start is not None  # within part.table, after a comma
    position = part.start if resumed else 2
    more_tables = position < end
    while more_tables:
        if resumed:
            name = part.table
            names.add(name)
            resumed = False
        else:
            if position >= until:
                raise NotOurLayout  # the part was to stop inside a table
            stop = raw.find(b"\n", position)
            start = _TABLE_START.fullmatch(raw, position, stop)
            if start is None:
                raise NotOurLayout
            try:
                name = orjson.loads(start.group(1))
            except orjson.JSONDecodeError:
                raise NotOurLayout from None
            if name in names:
                raise ValueError(
                    f"it is not a valid journal: the table {name!r} appears twice"
                )
            names.add(name)
            yield name, None, 0, 0
            position = stop + 1
            empty = start.group(2)
            if empty is not None:  # the whole table on one line
                more_tables = empty.endswith(b",")
                continue
            part.keys = set()
        part.table = name
        keys = part.keys
        comma = True  # whether the line before announced one more record
        while True:
            if position >= until:
                if position != until or not comma:
                    raise NotOurLayout  # not the record line the part ends before
                return
            stop = raw.find(b"\n", position)
            record = RECORD_LINE.match(raw, position, stop)
            if record is None:  # the table's end, or nothing of ours
                close = raw[position:stop]
                if comma or close not in _TABLE_END:
                    raise NotOurLayout  # no record after a comma, or a bad end
                more_tables = close.endswith(b",")
                position = stop + 1
                break
            if not comma:
                raise NotOurLayout
            digits = record.group(1)
            if (digits[0] == _ZERO and len(digits) > 1) or len(digits) > _ID_DIGITS:
                # "01", or an id longer than any count: not as we write them;
                # the whole-file path judges it (is_id).
                raise NotOurLayout
            key = digits.decode("ascii")
            known = len(keys)
            keys.add(key)
            if len(keys) == known:
                raise ValueError(
                    f"it is not a valid journal: the key {key!r} appears twice "
                    "in one object"
                )
            comma = raw[stop - 1] == _COMMA
            yield name, key, record.end(), stop - comma
            position = stop + 1
    if position != end or part.until is not None:
        raise NotOurLayout  # something after the last table, or no `until` met


def canonical_record(body: bytes) -> dict[str, Any] | None:
    """A record's fields, if `body` is exactly what `dump_journal` writes for
    them (None if not; raises orjson.JSONDecodeError if it is not JSON).

    The parse keeps the last of two equal keys without a word: written again,
    the record must come out byte for byte as it is, as ours do.
    """
    doc = orjson.loads(body)
    return doc if type(doc) is dict and orjson.dumps(doc) == body else None


def _parse_by_record(raw: bytes, cache: RecordBytes | None) -> Tables | None:
    """The tables of a file in our one-record-a-line layout, or None if it isn't.

    Each record line is parsed on its own and dumped again: equal bytes prove
    it has no repeated key (which a parser would silently drop). A line that
    is not exactly what `dump_journal` writes sends the file to the slower
    whole-file path, which finds and reports any problem.
    """
    tables: Tables = {}
    seen: RecordBytes = {}
    table: dict[str, Any] = {}
    try:
        for name, key, start, end in records(raw):
            if key is None:
                table = tables[name] = {}
                continue
            body = raw[start:end]
            doc = canonical_record(body)
            if doc is None:
                return None
            table[key] = doc
            seen[id(doc)] = (doc, body)
    except (NotOurLayout, orjson.JSONDecodeError):
        return None  # the whole-file path says where, in words
    if cache is not None:
        cache.clear()
        cache.update(seen)
    return tables


def dump_journal(data: Tables, cache: RecordBytes | None = None) -> bytes:
    """The file for `data`: one table after another, one record a line.

    Still plain JSON, and canonical: `parse_journal` can prove a file it
    reads this way has no repeated key. Records found in `cache` (the same
    dict object as when it was last read or saved) are not serialised again,
    so a save costs what changed, not the whole journal; `cache` is left
    holding exactly the records of `data`.
    """
    return b"".join(dump_chunks(data, cache))


def dump_chunks(data: Tables, cache: RecordBytes | None = None) -> list[bytes]:
    """`dump_journal`'s file, in chunks of about a megabyte, to write one after
    the other: joining a long journal's 130 MB in one call held the interpreter,
    and so the screen, for 60 ms."""
    known = cache if cache is not None else {}
    fresh: RecordBytes = {}
    chunks: list[bytes] = []
    # A record's bytes are copied once, into its chunk.
    parts = [b"{"]
    size = 0
    names = list(data)
    for position, name in enumerate(names):
        table = data[name]
        comma = b"," if position < len(names) - 1 else b""
        parts.append(b"\n  " + orjson.dumps(name) + b": {")
        if not table:
            parts.append(b"}" + comma)
            continue
        separator = b'\n    "'
        for doc_id, doc in table.items():
            hit = known.get(id(doc))
            body = hit[1] if hit is not None and hit[0] is doc else orjson.dumps(doc)
            fresh[id(doc)] = (doc, body)
            parts += (separator, doc_id.encode("ascii"), b'": ', body)
            separator = b',\n    "'
            size += len(body)
            if size >= _CHUNK:
                chunks.append(b"".join(parts))
                parts, size = [], 0
        parts.append(b"\n  }" + comma)
    parts.append(b"\n}\n")
    chunks.append(b"".join(parts))
    if cache is not None:
        cache.clear()
        cache.update(fresh)
    return chunks
