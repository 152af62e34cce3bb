"""The journal file's layout, and how any of our files is replaced safely.

The journal is plain JSON: TinyDB's tables of records, each keyed by its id,
written indented two spaces (`dump_journal`) so a person or a diff can read
it. Every file is replaced by `write_atomically`: a crash leaves the old file
or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from pathlib import Path

import orjson

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    from typing import Any

    Tables = dict[str, dict[str, dict[str, Any]]]


FILE_MODE = 0o600
_DUMP_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that a crash leaves old or new, never a mix.

    Raises OSError; on failure `path` is untouched and no temp file is left.
    """
    temp = path.parent / f".{path.name}.{os.urandom(4).hex()}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            left = memoryview(payload)
            while left:  # a write may take only part of what it is given
                written = os.write(fd, left)
                if not written:
                    raise OSError(errno.EIO, "the disk took none of the bytes")
                left = left[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def dump_journal(data: Tables) -> bytes:
    """The file for `data`: plain JSON, indented, ending in a newline."""
    return orjson.dumps(data, option=_DUMP_OPTIONS)


def parse_journal(raw: bytes) -> Tables:
    """Parse a journal file's bytes, or raise ValueError saying what is wrong."""
    if not raw or raw.isspace():
        raise ValueError("the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as bad:
            line = raw.count(b"\n", 0, bad.start) + 1
            raise ValueError(
                f"it is not valid UTF-8 (byte {bad.start + 1}, line {line})"
            ) from None
        raise ValueError(
            f"it is not valid JSON ({error.msg} at line {error.lineno}, "
            f"column {error.colno})"
        ) from None
    # A parser keeps one of two equal keys without a word, and the next save
    # would lose the other's words. A file as we write it has none, which
    # one re-dump proves; any other file (an older layout, a hand edit) is
    # read again by the standard library, which is told to refuse them.
    if not isinstance(data, dict) or dump_journal(data) != raw:
        try:
            json.loads(raw, object_pairs_hook=_reject_duplicates)
        except ValueError as error:
            raise ValueError(f"it is not a valid journal: {error}") from None
    problem = _check_shape(data)
    if problem:
        raise ValueError(f"it is not a healjournal journal: {problem}")
    return data


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
