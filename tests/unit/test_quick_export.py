"""`export --format jrnl` reads the entries straight from the file, and writes
exactly what opening the journal would have written, or opens it after all."""

from __future__ import annotations

import stat
from datetime import date, datetime, timedelta, timezone

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healjournal.cli import main as run
from healjournal.clock import FrozenClock
from healjournal.domain.models import EntryKind, Theme
from healjournal.errors import JournalUnreadable
from healjournal.storage.crypto import KdfCost
from healjournal.storage.interchange import to_jrnl
from healjournal.storage.journal import Journal
from healjournal.storage.quick import quick_entries

TODAY = date(2026, 11, 24)


def full_read(path, start=None, end=None) -> str:
    return to_jrnl(Journal.open(path).entries(start, end))


def test_the_same_file_as_the_full_read(journal):
    journal.add_entry("Morning.\nCoffee, then the bus.", mood=3, starred=True)
    journal.add_entry("A letter I won't send.", kind=EntryKind.LETTER)
    journal.add_entry("no title, just words", day=TODAY - timedelta(days=2))
    entries = quick_entries(journal.path)
    assert entries is not None and len(entries) == 3
    assert to_jrnl(entries) == full_read(journal.path)


def test_a_range_is_the_same_range(journal):
    for back in range(6):
        journal.add_entry(f"day minus {back}", day=TODAY - timedelta(days=back))
    start, end = TODAY - timedelta(days=4), TODAY - timedelta(days=1)
    entries = quick_entries(journal.path, start, end)
    assert [e.day for e in entries] == [start + timedelta(days=n) for n in range(4)]
    assert to_jrnl(entries) == full_read(journal.path, start, end)


def test_pages_written_across_time_zones_keep_their_order(journal_path):
    # Same day, written an hour apart across a change of offset: the order is
    # by the moment, not by the text of the time.
    early = FrozenClock(datetime(2026, 3, 29, 2, 30, tzinfo=timezone(timedelta(0))))
    late = FrozenClock(
        datetime(2026, 3, 29, 3, 10, tzinfo=timezone(timedelta(hours=2)))
    )
    Journal.open(journal_path, clock=early).add_entry("first, at 02:30 UTC")
    Journal.open(journal_path, clock=late).add_entry("second, at 01:10 UTC")
    entries = quick_entries(journal_path)
    assert [e.body for e in entries] == ["second, at 01:10 UTC", "first, at 02:30 UTC"]
    assert to_jrnl(entries) == full_read(journal_path)


def test_an_encrypted_journal_is_opened_the_usual_way(journal):
    journal.add_entry("secret")
    journal.encrypt("correct horse battery", cost=KdfCost(log2_n=10, r=8, p=1))
    assert quick_entries(journal.path) is None


def test_an_id_given_twice_is_left_to_the_full_read(journal):
    journal.add_entry("one")
    journal.add_entry("two")
    raw = journal.path.read_bytes()
    journal.path.write_bytes(raw.replace(b'\n    "2": ', b'\n    "1": '))
    assert quick_entries(journal.path) is None


def test_a_field_given_twice_is_left_to_the_full_read(journal):
    journal.add_entry("the real words")
    raw = journal.path.read_bytes()
    journal.path.write_bytes(raw.replace(b'"body":', b'"body":"hidden","body":'))
    assert quick_entries(journal.path) is None


def test_an_id_written_two_ways_is_refused_by_both_reads(journal):
    journal.add_entry("one")
    journal.add_entry("two")
    raw = journal.path.read_bytes()
    journal.path.write_bytes(raw.replace(b'\n    "2": ', b'\n    "01": '))
    assert quick_entries(journal.path) is None
    with pytest.raises(JournalUnreadable, match="not an id"):
        Journal.open(journal.path)


def test_a_damaged_goal_stops_the_export_as_it_stops_everything(journal):
    journal.add_entry("my words")
    journal.add_goal("Run 5 km", Theme.BODY)
    raw = journal.path.read_bytes()
    journal.path.write_bytes(raw.replace(b'"theme":"body"', b'"theme":"nope"'))
    assert quick_entries(journal.path) is None
    with pytest.raises(JournalUnreadable, match="goals/1 is damaged"):
        Journal.open(journal.path)


def test_a_damaged_entry_is_left_to_the_full_read(journal):
    journal.add_entry("fine", mood=3)
    raw = journal.path.read_bytes()
    journal.path.write_bytes(raw.replace(b'"mood":3', b'"mood":9'))
    assert quick_entries(journal.path) is None


def test_another_layout_or_schema_is_left_to_the_full_read(journal):
    journal.add_entry("fine")
    data = orjson.loads(journal.path.read_bytes())
    journal.path.write_bytes(orjson.dumps(data))  # all on one line
    assert quick_entries(journal.path) is None
    data["meta"]["1"]["schema_version"] = 2
    journal.path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    assert quick_entries(journal.path) is None


def test_the_command_refuses_a_damaged_journal_in_one_line(journal, tmp_path, capsys):
    journal.add_entry("fine", mood=3)
    raw = journal.path.read_bytes()
    journal.path.write_bytes(raw.replace(b'"mood":3', b'"mood":9'))
    out = tmp_path / "out.txt"
    assert run(["export", "-f", "jrnl", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is damaged" in err
    assert not out.exists()


def test_the_command_writes_a_private_file(journal, tmp_path, capsys):
    journal.add_entry("only mine")
    out = tmp_path / "out.txt"
    assert run(["export", "-f", "jrnl", "-o", str(out)]) == 0
    assert "Wrote 1 entry" in capsys.readouterr().err
    assert out.read_text() == full_read(journal.path)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    pages=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=5),
            st.text(min_size=1, max_size=60),
            st.booleans(),
        ),
        max_size=10,
    )
)
def test_any_journal_exports_as_the_full_read_does(tmp_path_factory, pages):
    path = tmp_path_factory.mktemp("quick") / "journal.json"
    journal = Journal.open(path)
    with journal.transaction():
        for back, text, star in pages:
            if text.strip():
                journal.add_entry(text, day=TODAY - timedelta(days=back), starred=star)
    entries = quick_entries(path)
    assert entries is not None
    assert to_jrnl(entries) == full_read(path)
