"""A field the writers rely on, damaged, is refused by the full read in one
line, and a change meeting it later (the file edited after it was read) fails
with a HealJournalError, never another exception, the file left as it is.

The app keeps typed words on screen for HealJournalError and OSError only:
any other exception from a save ended it with a traceback, the words lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from healjournal import cli
from healjournal.domain.models import Goal, NoContact, Slip, Theme
from healjournal.errors import HealJournalError, JournalUnreadable
from healjournal.storage.journal import Journal
from healjournal.storage.layout import dump_journal

Tables = dict[str, dict[str, dict[str, Any]]]


def _counter(value: object) -> Callable[[Tables], None]:
    def damage(tables: Tables) -> None:
        tables["meta"]["1"]["next_id"]["entries"] = value

    return damage


def _field(table: str, field: str, value: object) -> Callable[[Tables], None]:
    def damage(tables: Tables) -> None:
        tables[table]["1"][field] = value

    return damage


def _counters(value: object) -> Callable[[Tables], None]:
    def damage(tables: Tables) -> None:
        tables["meta"]["1"]["next_id"] = value

    return damage


DAMAGE = {
    'next_id "a"': _counter("a"),
    "next_id -3": _counter(-3),
    "next_id true": _counter(True),
    "next_id 1.5": _counter(1.5),
    "next_id a list": _counters([1, 2]),
    "next_id text": _counters("x"),
    "a tag not text": _field("entries", "tags", [1]),
    "a goal title a list": _field("goals", "title", ["a"]),
    "a goal's ticks not a list": _field("goals", "ticks", {"2026-11-01": 1}),
    "a slip note a list": _field("nocontact", "note", ["a"]),
    "a setting key a list": _field("settings", "key", ["a"]),
}

WRITERS = {
    "add_entry": lambda j: j.add_entry("typed words"),
    "add_goal": lambda j: j.add_goal("Walk", Theme.BODY),
    "tick_goal": lambda j: j.tick_goal(1),
    "set_setting": lambda j: j.set_setting("theme", "nord"),
    "log_slip": lambda j: j.log_slip(note="again"),
    "import_goals": lambda j: j.import_goals(
        [Goal(id=0, theme=Theme.BODY, title="Run", created=datetime(2026, 1, 1))]
    ),
    "import_no_contact": lambda j: j.import_no_contact(
        NoContact(slips=(Slip(id=0, day=date(2026, 11, 1), note="x"),))
    ),
}


def _tables(path: Path) -> Tables:
    return orjson.loads(path.read_bytes())


@pytest.fixture
def full(journal: Journal) -> Journal:
    """A journal with one record in every table (each id 1)."""
    journal.add_entry("A page #walk")
    journal.add_goal("Call Maya", Theme.PEOPLE)
    journal.start_no_contact(date(2026, 11, 1))
    journal.log_slip(date(2026, 11, 2), "a note")
    journal.set_setting("theme", "nord")
    tables = _tables(journal.path)
    # Each damage names record 1: make the slip record 1 of its table.
    tables["nocontact"] = {"1": tables["nocontact"]["2"]}
    tables["settings"] = {"1": tables["settings"]["1"]}
    journal.path.write_bytes(dump_journal(tables))
    return journal


def _damage(path: Path, name: str) -> bytes:
    tables = _tables(path)
    DAMAGE[name](tables)
    raw = dump_journal(tables)
    path.write_bytes(raw)
    return raw


@pytest.mark.parametrize("name", DAMAGE)
def test_the_full_read_refuses_it_in_one_line(full, clock, name):
    raw = _damage(full.path, name)
    with pytest.raises(JournalUnreadable) as refused:
        Journal.open(full.path, clock=clock)
    assert "\n" not in str(refused.value)
    assert f"cannot read the journal {full.path}" in str(refused.value)
    assert full.path.read_bytes() == raw


@pytest.mark.parametrize("argv", [["add", "words"], ["stats"], ["search", "page"]])
def test_the_commands_refuse_it_and_write_nothing(full, clock, capsys, argv):
    raw = _damage(full.path, 'next_id "a"')
    before = sorted(p.name for p in full.path.parent.iterdir())
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "the id counter of 'entries' (meta next_id) is 'a'" in err
    assert full.path.read_bytes() == raw
    assert sorted(p.name for p in full.path.parent.iterdir()) == before


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("name", DAMAGE)
def test_a_change_meeting_it_later_is_a_healjournal_error(full, name, writer):
    full.entries()  # read and checked while it was sound
    raw = _damage(full.path, name)  # then edited by hand, or by another program
    with pytest.raises(HealJournalError):
        WRITERS[writer](full)
    assert full.path.read_bytes() == raw
