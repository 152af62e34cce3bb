"""Every record has an identity, its uid, the same wherever the record goes:
made with the record, given to an older journal by its upgrade, carried by
the JSON export, and what an import of our own export knows a record by."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from healjournal import cli
from healjournal.clock import FrozenClock
from healjournal.domain.models import Theme, UrgeOutcome
from healjournal.errors import JournalUnreadable
from healjournal.storage.journal import Journal
from healjournal.storage.layout import dump_journal
from healjournal.storage.migrations import (
    MIGRATIONS,
    SCHEMA_VERSION,
    UID_TABLES,
    schema_version,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
PLAIN_FIXTURES = [
    "journal-schema0.json",
    "journal-schema1.json",
    "journal-schema2-lines.json",
]
ENCRYPTED_FIXTURE = "journal-encrypted-v1.bin"
PASSPHRASE = "correct horse battery staple"
UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def uids_of(journal: Journal) -> list[str]:
    """The uid of every entry, goal, slip and urge, as the journal reads them."""
    return [
        *(e.uid for e in journal.entries()),
        *(g.uid for g in journal.goals(include_archived=True)),
        *(s.uid for s in journal.no_contact().slips),
        *(u.uid for u in journal.urges()),
    ]


def assert_distinct_uids(uids: list[str]) -> None:
    assert uids
    assert all(UID.match(uid) for uid in uids), uids
    assert len(set(uids)) == len(uids)


def copy_fixture(name: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "journal.json"
    shutil.copy(FIXTURES / name, path)
    return path


def as_schema_2(tables: dict[str, Any]) -> dict[str, Any]:
    """The tables as the healjournal before uids upgraded them."""
    version = schema_version(tables)
    while version < 2:
        tables = MIGRATIONS[version](tables)
        version += 1
    return tables


def without_uids(table: dict[str, Any]) -> dict[str, Any]:
    return {
        key: {name: value for name, value in doc.items() if name != "uid"}
        for key, doc in table.items()
    }


class TestNewRecords:
    def test_each_record_made_gets_its_own_uid_and_keeps_it(self, journal, clock):
        entry = journal.add_entry("First words.")
        goal = journal.add_goal("Walk", Theme.BODY)
        journal.start_no_contact(date(2026, 11, 1))
        slip = journal.log_slip(note="a text")
        urge = journal.log_urge(strength=3)
        assert_distinct_uids([entry.uid, goal.uid, slip.uid, urge.uid])
        clock.set(clock.now() + timedelta(minutes=5))
        assert journal.update_entry(entry.id, text="Edited.").uid == entry.uid
        assert journal.tick_goal(goal.id).uid == goal.uid
        assert journal.log_urge(urge.at, outcome=UrgeOutcome.RESISTED).uid == urge.uid
        reopened = Journal.open(journal.path, clock=clock)
        assert uids_of(reopened) == [entry.uid, goal.uid, slip.uid, urge.uid]

    @pytest.mark.parametrize(
        ("uid", "says"),
        [
            (None, 'it has no "uid"'),
            ("not-a-uuid", 'its "uid" is "not-a-uuid", not an identity'),
            (7, 'its "uid" is 7, not an identity'),
        ],
    )
    def test_a_record_without_a_good_uid_is_damaged(
        self, journal, journal_path, clock, uid, says
    ):
        journal.add_entry("Words.")
        tables = orjson.loads(journal_path.read_bytes())
        if uid is None:
            del tables["entries"]["1"]["uid"]
        else:
            tables["entries"]["1"]["uid"] = uid
        journal_path.write_bytes(dump_journal(tables))
        with pytest.raises(JournalUnreadable) as caught:
            Journal.open(journal_path, clock=clock)
        assert "record entries/1 is damaged" in str(caught.value)
        assert says in str(caught.value)


class TestUpgrade:
    @pytest.mark.parametrize("fixture", PLAIN_FIXTURES)
    def test_every_record_gets_a_uid_and_nothing_else_changes(
        self, fixture, tmp_path, clock
    ):
        path = copy_fixture(fixture, tmp_path / "data")
        original = path.read_bytes()
        read = Journal.open(path, clock=clock, read_only=True)
        seen = uids_of(read)
        assert_distinct_uids(seen)
        assert path.read_bytes() == original  # opening read-only writes nothing
        assert [p.name for p in path.parent.iterdir()] == ["journal.json"]
        with Journal.open(path, clock=clock).transaction():
            pass  # the first save writes the upgrade
        saved = orjson.loads(path.read_bytes())
        assert schema_version(saved) == SCHEMA_VERSION == 3
        assert uids_of(Journal.open(path, clock=clock)) == seen
        before = as_schema_2(orjson.loads(original))
        every_uid = []
        for name in UID_TABLES:
            every_uid += [doc["uid"] for doc in saved.get(name, {}).values()]
            assert without_uids(saved.get(name, {})) == before.get(name, {})
        assert_distinct_uids(every_uid)  # the no-contact start has one too
        # A setting's identity is its key: settings are as they were.
        assert saved.get("settings") == before.get("settings")

    @pytest.mark.parametrize("fixture", PLAIN_FIXTURES)
    def test_two_copies_upgraded_apart_give_the_same_uids(
        self, fixture, tmp_path, clock
    ):
        laptop = copy_fixture(fixture, tmp_path / "laptop")
        desktop = copy_fixture(fixture, tmp_path / "desktop")
        Journal.open(laptop, clock=clock).add_entry("Only on the laptop.")
        clock.set(clock.now() + timedelta(minutes=1))
        Journal.open(desktop, clock=clock).add_entry("Only on the desktop.")
        on_laptop = uids_of(Journal.open(laptop, clock=clock))
        on_desktop = uids_of(Journal.open(desktop, clock=clock))
        old = uids_of(Journal.open(FIXTURES / fixture, clock=clock, read_only=True))
        assert set(on_laptop) & set(on_desktop) == set(old)

    def test_an_encrypted_journal_is_upgraded_the_same_way(self, tmp_path, clock):
        path = copy_fixture(ENCRYPTED_FIXTURE, tmp_path / "data")
        original = path.read_bytes()
        read = Journal.open(path, clock=clock, passphrase=PASSPHRASE, read_only=True)
        seen = uids_of(read)
        assert_distinct_uids(seen)
        assert path.read_bytes() == original
        with Journal.open(path, clock=clock, passphrase=PASSPHRASE).transaction():
            pass
        assert path.read_bytes() != original
        again = Journal.open(path, clock=clock, passphrase=PASSPHRASE)
        assert uids_of(again) == seen


# -- the JSON export and its import -------------------------------------------


def fill(journal: Journal, clock: FrozenClock) -> None:
    """A page, a letter, a goal ticked, no contact with a slip, an urge."""
    journal.add_entry("A quiet evening. #walk", day=date(2026, 11, 20))
    journal.add_entry("Dear you,\nnot sent.", kind="letter")
    goal = journal.add_goal("Walk", Theme.BODY)
    journal.tick_goal(goal.id, date(2026, 11, 23))
    journal.start_no_contact(date(2026, 11, 1))
    journal.log_slip(date(2026, 11, 10), "a short reply")
    journal.log_urge(datetime(2026, 11, 22, 22, 0).astimezone(), strength=4)


def export_json(path: Path, out: Path) -> dict[str, Any]:
    assert cli.main(["--db", str(path), "export", "-f", "json", "-o", str(out)]) == 0
    return orjson.loads(out.read_bytes())


def import_file(path: Path, source: Path, capsys) -> str:
    capsys.readouterr()
    assert cli.main(["--db", str(path), "import", str(source)]) == 0
    return capsys.readouterr().out


def exported_uids(document: dict[str, Any]) -> list[str]:
    return [
        *(e["uid"] for e in document["entries"]),
        *(g["uid"] for g in document["goals"]),
        *(s["uid"] for s in document["no_contact"]["slips"]),
        *(u["uid"] for u in document["urges"]),
    ]


class TestExportAndImport:
    def test_the_uids_survive_export_and_import(
        self, journal, journal_path, clock, tmp_path, capsys
    ):
        fill(journal, clock)
        first = export_json(journal_path, tmp_path / "first.json")
        assert exported_uids(first) == uids_of(journal)
        fresh = tmp_path / "fresh" / "journal.json"
        said = import_file(fresh, tmp_path / "first.json", capsys)
        assert said.startswith("Imported 2 entries")
        again = export_json(fresh, tmp_path / "again.json")
        assert exported_uids(again) == exported_uids(first)

    def test_importing_twice_adds_nothing(
        self, journal, journal_path, clock, tmp_path, capsys
    ):
        fill(journal, clock)
        export_json(journal_path, tmp_path / "export.json")
        fresh = tmp_path / "fresh" / "journal.json"
        import_file(fresh, tmp_path / "export.json", capsys)
        said = import_file(fresh, tmp_path / "export.json", capsys)
        assert said == "Imported 0 entries from healjournal, 2 already there.\n"
        # Each goal, slip and urge once, as in the journal exported.
        assert uids_of(Journal.open(fresh, clock=clock)) == uids_of(journal)

    def test_a_page_edited_since_the_export_is_not_imported_again(
        self, journal, journal_path, clock, tmp_path, capsys
    ):
        fill(journal, clock)
        export_json(journal_path, tmp_path / "export.json")
        page = journal.entries()[0]
        clock.set(clock.now() + timedelta(hours=1))
        journal.update_entry(page.id, text="A quiet evening, then rain. #walk")
        goal = journal.goals()[0]
        journal.tick_goal(goal.id, date(2026, 11, 24))
        said = import_file(journal_path, tmp_path / "export.json", capsys)
        assert said == "Imported 0 entries from healjournal, 2 already there.\n"
        again = Journal.open(journal_path, clock=clock)
        # The journal's words are kept: the import never changes a record.
        assert again.get_entry(page.id).text == "A quiet evening, then rain. #walk"
        assert len(again.entries()) == 2 and len(again.goals()) == 1

    def test_an_export_without_uids_is_given_new_ones_and_deduped_by_text(
        self, journal, journal_path, clock, tmp_path, capsys
    ):
        fill(journal, clock)
        document = export_json(journal_path, tmp_path / "export.json")
        document["schema_version"] = 2
        for record in (
            *document["entries"],
            *document["goals"],
            *document["no_contact"]["slips"],
            *document["urges"],
        ):
            del record["uid"]
        older = tmp_path / "older.json"
        older.write_bytes(orjson.dumps(document))
        fresh = tmp_path / "fresh" / "journal.json"
        assert import_file(fresh, older, capsys).startswith("Imported 2 entries")
        given = uids_of(Journal.open(fresh, clock=clock))
        assert_distinct_uids(given)
        assert not set(given) & set(uids_of(journal))
        assert import_file(fresh, older, capsys).startswith("Imported 0 entries")
        # And the newer export of the same journal, with its own uids, finds
        # the same pages by their words: nothing is there twice.
        said = import_file(fresh, tmp_path / "export.json", capsys)
        assert said == "Imported 0 entries from healjournal, 2 already there.\n"
        assert uids_of(Journal.open(fresh, clock=clock)) == given
