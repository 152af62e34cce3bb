"""The journal file: plain JSON, one record a line, read and saved by record."""

from __future__ import annotations

import json
from datetime import date

import orjson
import pytest

from healjournal.errors import JournalUnreadable
from healjournal.storage import layout
from healjournal.storage.journal import Journal
from healjournal.storage.layout import dump_journal, parse_journal


def test_the_file_is_plain_json_with_one_record_a_line(journal, journal_path):
    first = journal.add_entry("Walked to the pier.", day=date(2026, 11, 20))
    journal.add_entry("Soup, then bed.", day=date(2026, 11, 21), mood=3)
    raw = journal_path.read_bytes()
    assert json.loads(raw)["entries"][str(first.id)]["body"] == "Walked to the pier."
    lines = raw.decode().splitlines()
    assert sum(1 for line in lines if line.startswith('    "')) == len(
        [r for t in json.loads(raw).values() for r in t]
    )
    assert lines[0] == "{" and lines[-1] == "}"


def test_what_is_written_reads_back_the_same(journal, journal_path, clock):
    journal.add_entry(
        "Line one\nline two \u2014 caf\u00e9 \U0001f600", day=date(2026, 11, 2)
    )
    journal.set_setting("empty", {})
    again = Journal.open(journal_path, clock=clock)
    assert again.entries()[0].text == "Line one\nline two \u2014 caf\u00e9 \U0001f600"
    assert again.get_setting("empty") == {}


def test_an_empty_table_and_an_empty_journal_round_trip():
    for tables in ({}, {"entries": {}}, {"a": {}, "b": {"1": {"x": 1}}}):
        assert parse_journal(dump_journal(tables)) == tables


def test_a_key_twice_inside_a_record_is_found(journal, journal_path, clock):
    journal.add_entry("Original words.", day=date(2026, 11, 2))
    raw = journal_path.read_bytes()
    # A hand edit that repeats "body" on the record's line: a parser would
    # quietly keep one of the two.
    edited = raw.replace(b'"body":"Original words."', b'"body":"A","body":"B"', 1)
    assert edited != raw
    journal_path.write_bytes(edited)
    with pytest.raises(JournalUnreadable, match="appears twice"):
        Journal.open(journal_path, clock=clock)
    assert journal_path.read_bytes() == edited  # left as it was


def test_a_record_id_twice_in_a_table_is_found():
    raw = b'{\n  "entries": {\n    "1": {"a":1},\n    "1": {"a":2}\n  }\n}\n'
    with pytest.raises(ValueError, match="appears twice"):
        parse_journal(raw)


def test_files_from_the_older_layout_are_still_read(journal_path, clock):
    tables = {
        "meta": {"1": {"schema_version": 1, "next_id": {"entries": 2}}},
        "entries": {
            "1": {
                "created": "2026-11-02T09:00:00+00:00",
                "day": "2026-11-02",
                "kind": "reflection",
                "title": "",
                "body": "Written by an older healjournal.",
                "mood": None,
                "starred": False,
                "updated": None,
                "tags": [],
            }
        },
    }
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(
        orjson.dumps(tables, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    )
    journal = Journal.open(journal_path, clock=clock)
    assert journal.entries()[0].body == "Written by an older healjournal."
    journal.add_entry("And a new one.")
    assert json.loads(journal_path.read_bytes())["entries"]["1"]["body"] == (
        "Written by an older healjournal."
    )


def test_a_save_serialises_only_the_records_that_changed(
    journal, journal_path, monkeypatch
):
    for n in range(30):
        journal.add_entry(f"Page {n}", day=date(2026, 10, 1))
    dumped: list[object] = []
    real = layout.orjson

    class Counting:
        JSONDecodeError = real.JSONDecodeError
        loads = staticmethod(real.loads)

        @staticmethod
        def dumps(value, *args, **kwargs):
            dumped.append(value)
            return real.dumps(value, *args, **kwargs)

    monkeypatch.setattr(layout, "orjson", Counting)
    entry = journal.entries()[0]
    journal.update_entry(entry.id, text="Page 0, edited")
    records = [v for v in dumped if isinstance(v, dict)]
    # The edited entry and the meta record: not the 29 untouched pages, and
    # never the whole journal at once.
    assert not any("entries" in record for record in records)
    assert len(records) <= 2
    assert json.loads(journal_path.read_bytes())["entries"][str(entry.id)]["body"] == (
        "Page 0, edited"
    )


def test_a_save_in_many_chunks_writes_the_same_file(
    journal, journal_path, monkeypatch, clock
):
    for n in range(12):
        journal.add_entry(f"Page {n}: " + "words " * 40, day=date(2026, 10, 1 + n))
    whole = journal_path.read_bytes()
    monkeypatch.setattr(layout, "_CHUNK", 200)  # a chunk every record or two
    assert len(layout.dump_chunks(parse_journal(whole))) > 10
    journal.update_entry(journal.entries()[0].id, text="Page 0, edited")
    raw = journal_path.read_bytes()
    assert raw == dump_journal(parse_journal(raw))
    again = Journal.open(journal_path, clock=clock)
    texts = [e.text for e in again.entries()]
    assert len(texts) == 12 and texts[0] == "Page 0, edited"


TABLES = {
    "meta": {"1": {"schema_version": 1}},
    "entries": {str(n): {"body": f"page {n}"} for n in range(1, 7)},
    "goals": {"1": {"title": "Run"}},
}


def line_of(raw: bytes, key: str, table: str) -> int:
    """Where the line of record `key` of `table` starts."""
    within = raw.index(f'\n  "{table}": {{'.encode())
    return raw.index(f'\n    "{key}": '.encode(), within) + 1


@pytest.mark.parametrize("key", ["1", "4"])
def test_two_parts_of_a_file_walk_as_the_whole_does(key):
    raw = dump_journal(TABLES)
    cut = line_of(raw, key, "entries")
    first, second = layout.Part(until=cut), layout.Part(cut, "entries")
    walked = [*layout.records(raw, first), *layout.records(raw, second)]
    assert walked == list(layout.records(raw))
    before = {str(n) for n in range(1, int(key))}
    assert (first.table, first.keys, first.names) == (
        "entries",
        before,
        {"meta", "entries"},
    )
    assert second.keys_at_start == {str(n) for n in range(1, 7)} - before
    assert second.names == {"entries", "goals"}


@pytest.mark.parametrize(
    "where",
    ["a table's end", "a table's start", "inside a line", "past the end"],
)
def test_a_part_must_end_just_before_a_record_line(where):
    raw = dump_journal(TABLES)
    cut = {
        "a table's end": raw.index(b"\n  },", raw.index(b'"entries"')) + 1,
        "a table's start": raw.index(b'  "goals"'),
        "inside a line": line_of(raw, "4", "entries") + 3,
        "past the end": len(raw),
    }[where]
    with pytest.raises(layout.NotOurLayout):
        list(layout.records(raw, layout.Part(until=cut)))
