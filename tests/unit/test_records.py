"""One definition of each record's shape (storage/records.py): the journal,
our JSON export and its import read and write records through it alone."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import orjson
import pytest

from healjournal.domain.models import (
    Entry,
    EntryKind,
    Goal,
    GoalKind,
    Slip,
    Theme,
    Urge,
    UrgeOutcome,
)
from healjournal.errors import InputError, JournalUnreadable
from healjournal.storage.importing import read_import
from healjournal.storage.journal import Journal
from healjournal.storage.layout import dump_journal
from healjournal.storage.records import (
    BadField,
    entry_from_record,
    entry_record,
    goal_from_record,
    goal_record,
    no_contact_from_record,
    no_contact_record,
    setting_from_record,
    setting_record,
    urge_from_record,
    urge_record,
)

#: The tests' frozen moment (conftest), in UTC, as a record keeps it.
FROZEN_AT = datetime(2026, 11, 24, 21, 4, tzinfo=UTC)

ENTRY = Entry(
    id=7,
    created=FROZEN_AT,
    day=date(2026, 11, 24),
    kind=EntryKind.LETTER,
    body="Dear you, #later",
    mood=2,
    starred=True,
    updated=FROZEN_AT,
    tags=("#later",),
)
GOAL = Goal(
    id=3,
    theme=Theme.BODY,
    title="Walk",
    kind=GoalKind.DAILY,
    created=FROZEN_AT,
    due=date(2026, 12, 1),
    ticks=(date(2026, 11, 22), date(2026, 11, 23)),
)
SLIP = Slip(id=4, day=date(2026, 11, 20), note="a call", created=FROZEN_AT)
URGE = Urge(
    id=5,
    at=FROZEN_AT,
    day=date(2026, 11, 24),
    strength=3,
    outcome=UrgeOutcome.RESISTED,
    letter_id=7,
    note="it passed",
)


def test_every_kind_goes_to_a_record_and_back_unchanged():
    assert entry_from_record(7, entry_record(ENTRY)) == ENTRY
    assert goal_from_record(3, goal_record(GOAL)) == GOAL
    assert no_contact_from_record(4, no_contact_record(SLIP)) == SLIP
    assert no_contact_from_record(1, no_contact_record(date(2026, 11, 1))) == date(
        2026, 11, 1
    )
    assert urge_from_record(5, urge_record(URGE, updated=None)) == URGE
    assert setting_from_record(1, setting_record("theme", "nord")) == ("theme", "nord")


def test_the_export_writes_the_records_the_journal_keeps(journal):
    entry = journal.add_entry("A quiet Friday\nWalked by the river. #walk", mood=3)
    stored = orjson.loads(journal.path.read_bytes())["entries"][str(entry.id)]
    assert {"id": entry.id, **stored} == {"id": entry.id, **entry_record(entry)}
    urge = urge_record(URGE)
    assert "updated" not in urge  # the model does not keep it; the journal does
    assert urge_from_record(0, {**urge, "updated": None}) == urge_from_record(0, urge)


def _damaged(journal: Journal, table: str, **fields: object) -> str:
    data = orjson.loads(journal.path.read_bytes())
    (key,) = data[table]
    data[table][key].update(fields)
    journal.path.write_bytes(dump_journal(data))
    with pytest.raises(JournalUnreadable) as refused:
        Journal.open(journal.path)
    return str(refused.value)


def test_the_journal_and_the_import_refuse_a_field_in_the_same_words(journal):
    entry = journal.add_entry("words")
    record = {"id": 1, **entry_record(entry), "title": 5}
    export = json.dumps({"healjournal": "1", "schema_version": 2, "entries": [record]})
    with pytest.raises(InputError) as imported:
        read_import(export.encode(), "backup.json")
    assert 'its "title" is 5, not text' in str(imported.value)
    message = _damaged(journal, "entries", title=5)
    assert 'record entries/1 is damaged (its "title" is 5, not text)' in message


@pytest.mark.parametrize(
    ("table", "fields", "says"),
    [
        ("entries", {"starred": 1}, 'its "starred" is 1, not true or false'),
        ("entries", {"updated": ""}, 'its "updated" is "", not a moment'),
        ("entries", {"tags": None}, 'its "tags" is null, not a list of tags'),
        ("goals", {"archived": "no"}, 'its "archived" is "no", not true or false'),
        ("goals", {"created": ""}, 'its "created" is "", not a moment'),
        ("urges", {"letter_id": 0}, 'its "letter_id" is 0, not an id'),
        ("urges", {"updated": 5}, 'its "updated" is 5, not a moment'),
    ],
)
def test_the_full_read_is_as_strict_as_the_import(journal, table, fields, says):
    if table == "entries":
        journal.add_entry("words")
    elif table == "goals":
        journal.add_goal("Walk", Theme.BODY)
    else:
        journal.log_urge(strength=2)
    assert says in _damaged(journal, table, **fields)


def test_a_slip_written_without_a_time_zone_is_local_time(journal):
    journal.log_slip(date(2026, 11, 20), "a call")
    data = orjson.loads(journal.path.read_bytes())
    (key,) = data["nocontact"]
    data["nocontact"][key]["created"] = "2026-11-20T09:30:00"
    journal.path.write_bytes(dump_journal(data))
    (slip,) = Journal.open(journal.path).no_contact().slips
    assert slip.created == datetime(2026, 11, 20, 9, 30).astimezone()


def test_a_record_the_full_read_would_refuse_is_never_saved(journal):
    journal.add_entry("words")
    raw = journal.path.read_bytes()
    with pytest.raises(InputError, match='its "letter_id" is 0, not an id'):
        journal.log_urge(letter_id=0)
    assert journal.path.read_bytes() == raw
    with pytest.raises(BadField):
        urge_from_record(1, {"at": "2026-11-24T21:04:00+00:00", "day": "x"})
