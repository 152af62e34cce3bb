"""The journal file: plain, indented JSON that any JSON reader (and TinyDB) reads,
with every earlier layout still read and a repeated key never dropped in silence."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import orjson
import pytest

from healjournal.errors import JournalUnreadable
from healjournal.storage.journal import Journal
from healjournal.storage.layout import dump_journal, parse_journal


def test_the_file_is_plain_indented_json_a_field_a_line(journal, journal_path):
    first = journal.add_entry("Walked to the pier.", day=date(2026, 11, 20))
    journal.add_entry("Soup, then bed.", day=date(2026, 11, 21), mood=3)
    raw = journal_path.read_bytes()
    assert json.loads(raw)["entries"][str(first.id)]["body"] == "Walked to the pier."
    lines = raw.decode().splitlines()
    # Readable by a person and by a diff: each field of a page on its own line.
    assert '      "body": "Walked to the pier.",' in lines
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
    # A hand edit that repeats "body" in the record: a parser would
    # quietly keep one of the two.
    edited = raw.replace(
        b'"body": "Original words."', b'"body": "A",\n      "body": "B"', 1
    )
    assert edited != raw
    journal_path.write_bytes(edited)
    with pytest.raises(JournalUnreadable, match="appears twice"):
        Journal.open(journal_path, clock=clock)
    assert journal_path.read_bytes() == edited  # left as it was


def test_a_record_id_twice_in_a_table_is_found():
    raw = b'{\n  "entries": {\n    "1": {"a":1},\n    "1": {"a":2}\n  }\n}\n'
    with pytest.raises(ValueError, match="appears twice"):
        parse_journal(raw)


def test_files_written_whole_by_healjournal_0x_are_still_read(journal_path, clock):
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


#: A journal as the healjournal before this layout wrote it: one record a line.
RECORD_A_LINE = Path(__file__).parent.parent / "fixtures" / "journal-schema2-lines.json"


def test_the_one_record_a_line_layout_is_read_and_rewritten(tmp_path, clock):
    path = tmp_path / "journal.json"
    shutil.copy(RECORD_A_LINE, path)
    journal = Journal.open(path, clock=clock)
    assert [e.text for e in journal.entries_on(date(2026, 11, 20))] == [
        "A quiet Friday\nWalked by the river. #walk",
        "I want to write instead of texting.",
        'Second page of the day: \u00e9 \U0001f600 \u2014 "quoted"',
    ]
    assert journal.goals()[0].ticks == (date(2026, 11, 18), date(2026, 11, 20))
    assert journal.no_contact().slips[0].note == "a short reply"
    assert journal.urges()[0].letter_id == 3
    assert journal.get_setting("theme") == "nord"
    assert path.read_bytes() == RECORD_A_LINE.read_bytes()  # opening writes nothing
    journal.add_entry("One more.", day=date(2026, 11, 21))
    again = json.loads(path.read_bytes())
    assert again["entries"]["4"]["body"].startswith("Second page of the day")
    assert parse_journal(path.read_bytes()) == again


def test_a_key_twice_in_the_older_layout_is_found(tmp_path, clock):
    path = tmp_path / "journal.json"
    raw = RECORD_A_LINE.read_bytes().replace(
        b'"body":"Walked by the river. #walk"',
        b'"body":"Walked by the river. #walk","body":"B"',
    )
    path.write_bytes(raw)
    with pytest.raises(JournalUnreadable, match="appears twice"):
        Journal.open(path, clock=clock)
    assert path.read_bytes() == raw
