"""Older journals open in newer healjournal, upgraded and with nothing lost."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import orjson
import pytest

from healjournal.domain.models import EntryKind, GoalKind, Theme, UrgeOutcome
from healjournal.errors import JournalUnreadable
from healjournal.storage.journal import Journal
from healjournal.storage.migrations import (
    SCHEMA_VERSION,
    letter_record,
    migrate,
    schema_version,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def schema0(journal_path: Path) -> Path:
    journal_path.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "journal-schema0.json", journal_path)
    return journal_path


def test_schema_0_opens_with_every_record(schema0, clock):
    journal = Journal.open(schema0, clock=clock)
    entries = journal.entries()
    assert [(e.id, e.day, e.title) for e in entries] == [
        (1, date(2026, 10, 3), "The first night"),
        (4, date(2026, 10, 5), ""),
    ]
    assert entries[0].mood == 2
    assert entries[1].tags == ("@maya",)  # tags computed for old records
    (goal,) = journal.goals()
    assert (goal.theme, goal.kind, goal.ticks) == (
        Theme.BODY,
        GoalKind.WEEKLY,
        (date(2026, 10, 5),),
    )
    assert journal.no_contact().started == date(2026, 10, 2)


def test_the_upgrade_is_saved_by_the_first_change_and_the_original_kept(schema0, clock):
    original = schema0.read_bytes()
    journal = Journal.open(schema0, clock=clock)
    journal.entries()
    assert schema0.read_bytes() == original  # opening writes nothing
    assert sorted(p.name for p in schema0.parent.iterdir()) == ["journal.json"]
    journal.set_setting("theme", "nord")
    upgraded = orjson.loads(schema0.read_bytes())
    assert schema_version(upgraded) == SCHEMA_VERSION
    assert "_default" not in upgraded
    kept = schema0.with_name("journal.json.schema0.bak")
    assert kept.read_bytes() == original


def test_new_ids_continue_after_the_old_ones(schema0, clock):
    journal = Journal.open(schema0, clock=clock)
    assert journal.add_entry("after the upgrade").id == 5
    assert journal.add_goal("Call Maya", Theme.PEOPLE).id == 3


def test_migrations_run_in_order_to_the_current_version():
    tables = orjson.loads((FIXTURES / "journal-schema0.json").read_bytes())
    upgraded, found = migrate(tables, "fixture")
    assert found == 0
    assert schema_version(upgraded) == SCHEMA_VERSION
    without_uids = {
        key: {name: value for name, value in doc.items() if name != "uid"}
        for key, doc in upgraded["entries"].items()
    }
    assert without_uids == tables["entries"]  # the upgrade to 3 adds a uid alone


def test_a_newer_schema_is_refused_untouched(journal_path, clock):
    journal_path.parent.mkdir(parents=True)
    raw = orjson.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}})
    journal_path.write_bytes(raw)
    with pytest.raises(JournalUnreadable, match="upgrade healjournal"):
        Journal.open(journal_path, clock=clock)
    assert journal_path.read_bytes() == raw


@pytest.fixture
def schema1(journal_path: Path) -> Path:
    """A journal from before letters and urges had one shape: an F5 letter with
    its first line as a title, two urge screen pages saved as letters (one
    emptied), an empty F5 letter and an urge page with a title."""
    journal_path.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "journal-schema1.json", journal_path)
    return journal_path


class TestSchema1:
    def test_urge_screen_pages_become_urges(self, schema1, clock):
        journal = Journal.open(schema1, clock=clock)
        (urge_page, added_urge) = journal.entries(kinds=[EntryKind.URGE])
        assert (urge_page.id, urge_page.text) == (3, "Are you awake?")
        assert added_urge.id == 6
        assert [e.id for e in journal.entries(kinds=[EntryKind.LETTER])] == [2]
        assert [u.letter_id for u in journal.urges()] == [3, None]

    def test_letters_and_urges_keep_every_word_in_the_body(self, schema1, clock):
        before = {
            e.id: e.text
            for e in Journal(schema1, clock=clock).entries()  # read, not upgraded
        }
        journal = Journal.open(schema1, clock=clock)
        letter, urge = journal.get_entry(2), journal.get_entry(6)
        assert (letter.title, letter.body) == (
            "",
            "I still don't understand why you left.\nYou never said.\n#closure",
        )
        assert letter.tags == ("#closure",)
        assert (urge.title, urge.body) == ("", "Wanted to call.\nDidn't.")
        assert journal.get_entry(1).title == "A quiet Monday"  # a reflection's stays
        assert {e.id: e.text for e in journal.entries()} == {
            i: before[i] for i in (1, 2, 3, 6)
        }

    def test_empty_letters_are_no_pages(self, schema1, clock):
        journal = Journal.open(schema1, clock=clock)
        assert journal.get_entry(4) is None and journal.get_entry(5) is None
        (_, contacted) = journal.urges()
        assert (contacted.outcome, contacted.letter_id) == (UrgeOutcome.CONTACTED, None)

    def test_the_upgrade_is_saved_once_and_the_original_kept(self, schema1, clock):
        original = schema1.read_bytes()
        Journal.open(schema1, clock=clock)
        assert schema1.read_bytes() == original  # opening writes nothing
        with Journal.open(schema1, clock=clock).transaction():
            pass  # a change, even one that changes nothing, saves the upgrade
        upgraded = schema1.read_bytes()
        assert schema_version(orjson.loads(upgraded)) == SCHEMA_VERSION == 3
        assert schema1.with_name("journal.json.schema1.bak").read_bytes() == original
        Journal.open(schema1, clock=clock)
        assert schema1.read_bytes() == upgraded
        assert Journal.open(schema1, clock=clock).add_entry("next").id == 7

    def test_the_step_changes_no_record_in_place(self):
        tables = orjson.loads((FIXTURES / "journal-schema1.json").read_bytes())
        copy = orjson.loads(orjson.dumps(tables))
        migrate(tables, "fixture")
        assert tables == copy

    @pytest.mark.parametrize(
        "doc",
        [
            {"kind": "letter", "title": 3, "body": "x"},
            {"kind": "letter"},
            {"kind": "poem", "title": "", "body": ""},
        ],
    )
    def test_a_damaged_record_is_left_for_the_full_read(self, doc):
        assert letter_record(doc, urge_page=True) is doc
