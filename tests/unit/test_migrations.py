"""Older journals open in newer healjournal, upgraded and with nothing lost."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import orjson
import pytest

from healjournal.domain.models import GoalKind, Theme
from healjournal.errors import JournalUnreadable
from healjournal.storage.journal import Journal
from healjournal.storage.migrations import SCHEMA_VERSION, migrate, schema_version

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


def test_the_upgrade_is_saved_and_the_original_kept(schema0, clock):
    original = schema0.read_bytes()
    Journal.open(schema0, clock=clock)
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
    assert upgraded["entries"] == tables["entries"]


def test_a_newer_schema_is_refused_untouched(journal_path, clock):
    journal_path.parent.mkdir(parents=True)
    raw = orjson.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}})
    journal_path.write_bytes(raw)
    with pytest.raises(JournalUnreadable, match="upgrade healjournal"):
        Journal.open(journal_path, clock=clock)
    assert journal_path.read_bytes() == raw
