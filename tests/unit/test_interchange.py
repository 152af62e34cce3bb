"""Export to Markdown, text, jrnl and JSON; import jrnl's and our own JSON."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from healjournal import cli
from healjournal.clock import FrozenClock
from healjournal.domain.models import Entry, EntryKind, Goal, GoalKind, Slip, Theme
from healjournal.domain.person import Person
from healjournal.errors import InputError
from healjournal.storage.interchange import ExportFormat, export, read_import
from healjournal.storage.journal import Journal

LONDON = ZoneInfo("Europe/London")
SUNDAY = date(2026, 11, 22)
MONDAY = date(2026, 11, 23)
TUESDAY = date(2026, 11, 24)


def write_at(
    journal: Journal, clock: FrozenClock, at: datetime, text: str, **options: Any
) -> Entry:
    """Add an entry as if written at `at` (on that day unless told otherwise)."""
    clock.set(at)
    options.setdefault("day", at.date())
    return journal.add_entry(text, **options)


@pytest.fixture
def two_days(journal: Journal, clock: FrozenClock) -> Journal:
    """Tuesday's letter written first, then Sunday's reflection, then an urge."""
    write_at(
        journal,
        clock,
        datetime(2026, 11, 24, 21, 4, tzinfo=LONDON),
        "Dear you\nI will not send this.",
        kind=EntryKind.LETTER,
        starred=True,
    )
    write_at(
        journal,
        clock,
        datetime(2026, 11, 22, 8, 15, tzinfo=LONDON),
        "Sunday walk\nWent to the park with @sam.",
        mood=4,
    )
    write_at(
        journal,
        clock,
        datetime(2026, 11, 24, 7, 30, tzinfo=LONDON),
        "Wanted to check his page. Made tea instead.",
        kind=EntryKind.URGE,
        mood=2,
    )
    clock.set(datetime(2026, 11, 24, 21, 30, tzinfo=LONDON))
    return journal


def other_journal(tmp_path: Path, clock: FrozenClock, name: str = "other") -> Journal:
    return Journal.open(tmp_path / name / "journal.json", clock=clock)


def one_line_error(raw: bytes, name: str = "backup.json") -> str:
    with pytest.raises(InputError) as caught:
        read_import(raw, name)
    message = str(caught.value)
    assert name in message
    assert "\n" not in message
    return message


# -- Markdown and text --


class TestMarkdown:
    def test_a_heading_per_day_in_order(self, two_days: Journal) -> None:
        text = export(ExportFormat.MARKDOWN, two_days.entries())
        days = [line for line in text.splitlines() if line.startswith("## ")]
        assert len(days) == 2
        assert "Sunday" in days[0] and "22 November 2026" in days[0]
        assert "Tuesday" in days[1] and "24 November 2026" in days[1]

    def test_entries_sit_under_their_day_in_time_order(self, two_days: Journal) -> None:
        text = export(ExportFormat.MARKDOWN, two_days.entries())
        order = [
            text.index("22 November 2026"),
            text.index("Went to the park with @sam."),
            text.index("24 November 2026"),
            text.index("Made tea instead."),
            text.index("I will not send this."),
        ]
        assert order == sorted(order)

    def test_words_mood_star_and_letter_label(self, two_days: Journal) -> None:
        text = export(ExportFormat.MARKDOWN, two_days.entries())
        lines = text.splitlines()
        assert "Sunday walk" in text
        assert "Went to the park with @sam." in text
        assert any("4/5" in line and "ood" in line for line in lines)
        assert any("2/5" in line for line in lines)
        # A letter's heading is its kind; its first line stays in its words.
        (letter,) = [line for line in lines if "Unsent letter" in line]
        assert letter == "### 21:04 · Unsent letter ★"
        assert "\nDear you\nI will not send this.\n" in text
        (walk,) = [line for line in lines if "Sunday walk" in line]
        assert "★" not in walk
        assert text.count("★") == 1

    def test_times_of_day_are_shown(self, two_days: Journal) -> None:
        text = export(ExportFormat.MARKDOWN, two_days.entries())
        assert "08:15" in text
        assert "07:30" in text
        assert "21:04" in text

    def test_an_empty_journal_says_there_are_no_entries(self, journal: Journal) -> None:
        text = export(ExportFormat.MARKDOWN, journal.entries())
        assert text.startswith("# ")
        assert "no entries" in text.lower()
        assert not any(line.startswith("## ") for line in text.splitlines())


class TestText:
    def test_a_dated_line_then_the_words(self, two_days: Journal) -> None:
        text = export(ExportFormat.TEXT, two_days.entries())
        lines = text.splitlines()
        head = lines.index(next(line for line in lines if "2026-11-22" in line))
        assert "08:15" in lines[head]
        assert "reflection" in lines[head]
        assert "mood 4/5" in lines[head]
        assert lines[head + 1 : head + 3] == [
            "Sunday walk",
            "Went to the park with @sam.",
        ]

    def test_letter_and_star_are_shown(self, two_days: Journal) -> None:
        text = export(ExportFormat.TEXT, two_days.entries())
        (head,) = [line for line in text.splitlines() if "21:04" in line]
        assert head.startswith("2026-11-24")
        assert "unsent letter" in head
        assert "starred" in head
        assert text.index("2026-11-22") < text.index("2026-11-24 07:30")
        assert text.index("2026-11-24 07:30") < text.index("2026-11-24 21:04")


class TestTheSlipLine:
    """A slip in Markdown and text says who was contacted, as the journal chose."""

    SLIPS = (Slip(1, MONDAY, "one message"), Slip(2, TUESDAY))

    @pytest.mark.parametrize(
        ("person", "said"),
        [
            (Person(), "Contacted him."),
            (Person("she"), "Contacted her."),
            (Person("they"), "Contacted them."),
            (Person("ex"), "Contacted my ex."),
            (Person("she", "Sam"), "Contacted Sam."),
        ],
        ids=lambda value: value.label if isinstance(value, Person) else value,
    )
    def test_in_the_writers_own_words(self, person: Person, said: str) -> None:
        markdown = export(ExportFormat.MARKDOWN, [], slips=self.SLIPS, person=person)
        assert f"> {said} one message" in markdown.splitlines()
        assert f"> {said}" in markdown.splitlines()
        text = export(ExportFormat.TEXT, [], slips=self.SLIPS, person=person)
        assert f"{said} one message" in text.splitlines()

    def test_without_a_person_it_is_the_default(self) -> None:
        text = export(ExportFormat.MARKDOWN, [], slips=self.SLIPS)
        assert "> Contacted him. one message" in text

    def test_the_export_command_reads_the_journals_choice(
        self, journal: Journal, capsys: pytest.CaptureFixture[str]
    ) -> None:
        journal.set_setting("person", "she")
        journal.log_slip(MONDAY, "one message")
        journal.close()
        assert cli.main(["export", "--format", "markdown"]) == 0
        out = capsys.readouterr().out
        assert "> Contacted her. one message" in out
        assert "him" not in out


# -- jrnl's file format --


class TestJrnlFile:
    def test_jrnl_file_format(self, two_days: Journal) -> None:
        text = export(ExportFormat.JRNL, two_days.entries())
        # jrnl's default time format is "%Y-%m-%d %I:%M:%S %p"; a starred entry
        # ends its title line with " *"; entries are separated by a blank line.
        assert text == (
            "[2026-11-22 08:15:00 AM] Sunday walk\n"
            "Went to the park with @sam.\n"
            "\n"
            "[2026-11-24 07:30:00 AM] Wanted to check his page. Made tea instead.\n"
            "\n"
            "[2026-11-24 09:04:00 PM] Dear you *\n"
            "I will not send this.\n"
        )

    def test_every_entry_starts_with_a_jrnl_date_line(self, two_days: Journal) -> None:
        text = export(ExportFormat.JRNL, two_days.entries())
        stamp = re.compile(r"^\[\d{4}-\d{2}-\d{2} (0\d|1[0-2]):\d{2}:\d{2} (AM|PM)\] ")
        assert len([line for line in text.splitlines() if stamp.match(line)]) == 3

    def test_midnight_and_noon(self, journal: Journal, clock: FrozenClock) -> None:
        write_at(journal, clock, datetime(2026, 11, 23, 0, 30, tzinfo=LONDON), "Late")
        write_at(journal, clock, datetime(2026, 11, 23, 12, 5, tzinfo=LONDON), "Lunch")
        text = export(ExportFormat.JRNL, journal.entries())
        assert "[2026-11-23 12:30:00 AM] Late\n" in text
        assert "[2026-11-23 12:05:00 PM] Lunch\n" in text

    def test_a_body_only_entry_uses_its_first_line_as_the_title(
        self, journal: Journal, clock: FrozenClock
    ) -> None:
        at = datetime(2026, 11, 23, 19, 0, tzinfo=LONDON)
        write_at(journal, clock, at, "First line\nsecond line", title="")
        text = export(ExportFormat.JRNL, journal.entries())
        assert text == "[2026-11-23 07:00:00 PM] First line\nsecond line\n"

    def test_a_body_spanning_lines_stays_under_its_title(
        self, journal: Journal, clock: FrozenClock
    ) -> None:
        at = datetime(2026, 11, 23, 19, 0, tzinfo=LONDON)
        write_at(journal, clock, at, "Title\none\n\ntwo\n\n", starred=True)
        text = export(ExportFormat.JRNL, journal.entries())
        assert text == "[2026-11-23 07:00:00 PM] Title *\none\n\ntwo\n"


# -- our own JSON --


def _full_journal(journal: Journal, clock: FrozenClock) -> Journal:
    write_at(
        journal,
        clock,
        datetime(2026, 10, 3, 21, 4, tzinfo=LONDON),
        "First night\nCouldn't sleep.",
        mood=1,
    )
    letter = write_at(
        journal,
        clock,
        datetime(2026, 10, 30, 23, 59, tzinfo=LONDON),
        "To you\nThank you, and goodbye.",
        kind=EntryKind.LETTER,
        starred=True,
    )
    clock.set(datetime(2026, 11, 1, 9, 0, tzinfo=LONDON))
    journal.update_entry(letter.id, mood=3)
    write_at(
        journal,
        clock,
        datetime(2026, 11, 24, 7, 30, tzinfo=LONDON),
        "Wanted to message. Went for a run. #run",
        kind=EntryKind.URGE,
        mood=4,
    )
    clock.set(datetime(2026, 11, 24, 21, 4, tzinfo=LONDON))
    run = journal.add_goal("Run three times", Theme.BODY, GoalKind.WEEKLY)
    journal.tick_goal(run.id, date(2026, 11, 16))
    journal.tick_goal(run.id, TUESDAY)
    journal.add_goal("Call mum", Theme.PEOPLE, GoalKind.ONCE, due=date(2026, 12, 1))
    water = journal.add_goal("Drink water", Theme.BODY, GoalKind.DAILY)
    journal.tick_goal(water.id, MONDAY)
    old = journal.add_goal("Delete his number", Theme.NO_CONTACT)
    journal.tick_goal(old.id, date(2026, 10, 2))
    journal.archive_goal(old.id)
    journal.start_no_contact(date(2026, 10, 1))
    journal.log_slip(date(2026, 10, 20), note="He texted; I answered.")
    journal.log_slip(date(2026, 11, 10))
    return journal


def _json_export(journal: Journal, clock: FrozenClock) -> bytes:
    text = export(
        ExportFormat.JSON,
        journal.entries(),
        goals=journal.goals(include_archived=True),
        no_contact=journal.no_contact(),
        exported_at=clock.now(),
    )
    return text.encode("utf-8")


def _import_all(target: Journal, raw: bytes) -> tuple[int, int, int]:
    imported = read_import(raw, "backup.json")
    assert imported.no_contact is not None
    return (
        target.import_entries(imported.entries),
        target.import_goals(imported.goals),
        target.import_no_contact(imported.no_contact),
    )


def _entry_facts(entries: list[Entry]) -> list[tuple[Any, ...]]:
    return [
        (e.day, e.kind, e.title, e.body, e.mood, e.starred, e.created, e.updated)
        for e in entries
    ]


def _goal_facts(goals: list[Goal]) -> list[tuple[Any, ...]]:
    return [
        (g.theme, g.title, g.kind, g.created, g.due, g.ticks, g.archived) for g in goals
    ]


def _slip_facts(slips: tuple[Slip, ...]) -> list[tuple[Any, ...]]:
    return [(s.day, s.note, s.created) for s in slips]


class TestJsonRoundTrip:
    def test_json_export_and_import_reproduce_the_journal(
        self, journal: Journal, clock: FrozenClock, tmp_path: Path
    ) -> None:
        source = _full_journal(journal, clock)
        raw = _json_export(source, clock)
        target = other_journal(tmp_path, clock)
        try:
            assert _import_all(target, raw) == (3, 4, 2)
            assert _entry_facts(target.entries()) == _entry_facts(source.entries())
            assert _goal_facts(target.goals(include_archived=True)) == _goal_facts(
                source.goals(include_archived=True)
            )
            assert [g.title for g in target.goals()] == [
                g.title for g in source.goals()
            ]
            theirs, ours = target.no_contact(), source.no_contact()
            assert theirs.started == ours.started == date(2026, 10, 1)
            assert _slip_facts(theirs.slips) == _slip_facts(ours.slips)
            assert [e.tags for e in target.entries()] == [
                e.tags for e in source.entries()
            ]
        finally:
            target.close()

    def test_the_imported_entries_keep_what_the_user_saw(
        self, journal: Journal, clock: FrozenClock, tmp_path: Path
    ) -> None:
        raw = _json_export(_full_journal(journal, clock), clock)
        target = other_journal(tmp_path, clock)
        try:
            _import_all(target, raw)
            letter = target.entries(kinds=[EntryKind.LETTER])[0]
            assert letter.day == date(2026, 10, 30)
            assert letter.title == ""
            assert letter.body == "To you\nThank you, and goodbye."
            assert letter.starred and letter.mood == 3
            assert letter.created == datetime(2026, 10, 30, 23, 59, tzinfo=LONDON)
            weekly = next(g for g in target.goals() if g.kind is GoalKind.WEEKLY)
            assert weekly.ticks == (date(2026, 11, 16), TUESDAY)
            assert weekly.done_for(TUESDAY)
        finally:
            target.close()

    def test_importing_the_same_json_twice_adds_nothing(
        self, journal: Journal, clock: FrozenClock, tmp_path: Path
    ) -> None:
        raw = _json_export(_full_journal(journal, clock), clock)
        target = other_journal(tmp_path, clock)
        try:
            _import_all(target, raw)
            before = (
                _entry_facts(target.entries()),
                _goal_facts(target.goals(include_archived=True)),
                _slip_facts(target.no_contact().slips),
            )
            assert _import_all(target, raw) == (0, 0, 0)
            after = (
                _entry_facts(target.entries()),
                _goal_facts(target.goals(include_archived=True)),
                _slip_facts(target.no_contact().slips),
            )
            assert after == before
        finally:
            target.close()

    def test_importing_into_the_journal_it_came_from_adds_nothing(
        self, journal: Journal, clock: FrozenClock
    ) -> None:
        source = _full_journal(journal, clock)
        assert _import_all(source, _json_export(source, clock)) == (0, 0, 0)
        assert len(source.entries()) == 3

    def test_unicode_survives_exactly(
        self, journal: Journal, clock: FrozenClock, tmp_path: Path
    ) -> None:
        texts = [
            "Heartbreak 💔👩🏽‍🤝‍👨🏻\nשלום, مرحبا: right to left\r\nsecond line\r\n",
            "cafe\u0301 Zoe\u0308 a\u030a\u0323 — \U0001f600\u200d\n  indented\ttab",
            "  leading spaces and no title \r\n\r\n",
        ]
        for minute, text in enumerate(texts):
            at = datetime(2026, 11, 20, 10, minute, tzinfo=LONDON)
            write_at(journal, clock, at, text)
        source_texts = [e.text for e in journal.entries()]
        assert source_texts == texts
        raw = _json_export(journal, clock)
        target = other_journal(tmp_path, clock)
        try:
            _import_all(target, raw)
            assert [e.text for e in target.entries()] == texts
        finally:
            target.close()

    def test_an_empty_export_is_json(self) -> None:
        text = export(ExportFormat.JSON, [])
        assert json.loads(text)["entries"] == []
        assert read_import(text.encode(), "empty.json").entries == ()


# -- jrnl's JSON --

JRNL_EXPORT = {
    "tags": {"@sam": 1, "#calm": 1},
    "entries": [
        {
            "title": "Saw @sam at the shop.",
            "body": "I kept walking and breathed. #Calm\n",
            "date": "2026-10-03",
            "time": "21:04",
            "tags": ["@sam", "#calm"],
            "starred": True,
        },
        {
            "title": "Quiet evening",
            "body": "",
            "date": "2026-10-04",
            "time": "07:30",
            "tags": [],
            "starred": False,
        },
    ],
}


class TestJrnlImport:
    def test_jrnl_json_imports_with_day_time_text_star_and_tags(
        self, journal: Journal
    ) -> None:
        imported = read_import(json.dumps(JRNL_EXPORT).encode(), "jrnl.json")
        assert imported.source == "jrnl"
        assert journal.import_entries(imported.entries) == 2
        shop, evening = journal.entries()
        assert shop.day == date(2026, 10, 3)
        assert (shop.created.hour, shop.created.minute) == (21, 4)
        assert shop.created.date() == date(2026, 10, 3)
        assert shop.title == "Saw @sam at the shop."
        assert shop.body == "I kept walking and breathed. #Calm"
        assert shop.starred
        assert set(shop.tags) == {"@sam", "#calm"}
        assert evening.day == date(2026, 10, 4)
        assert (evening.created.hour, evening.created.minute) == (7, 30)
        assert evening.title == "Quiet evening"
        assert evening.body == ""
        assert not evening.starred
        assert evening.tags == ()
        assert evening.kind is EntryKind.REFLECTION

    def test_importing_jrnl_twice_adds_nothing(self, journal: Journal) -> None:
        raw = json.dumps(JRNL_EXPORT).encode()
        assert journal.import_entries(read_import(raw, "jrnl.json").entries) == 2
        assert journal.import_entries(read_import(raw, "jrnl.json").entries) == 0
        assert len(journal.entries()) == 2


# -- import errors --


def _ours(entries: list[dict[str, Any]], **more: Any) -> bytes:
    return json.dumps({"healjournal": "0.1.0", "entries": entries, **more}).encode()


def _entry(day: str = "2026-11-24", body: str = "words") -> dict[str, Any]:
    return {"created": f"{day}T21:04:00+00:00", "day": day, "body": body}


class TestImportErrors:
    def test_not_json_gives_line_and_column(self) -> None:
        raw = b'{"entries": [\n  {"title": "x",,}\n]}'
        message = one_line_error(raw)
        assert "not JSON" in message
        assert "line 2" in message
        assert "column" in message

    def test_a_json_list(self) -> None:
        message = one_line_error(b'[{"title": "x"}]')
        assert "jrnl" in message and "healjournal" in message

    def test_an_object_of_neither_kind(self) -> None:
        message = one_line_error(b'{"notes": ["x"]}')
        assert "jrnl" in message and "healjournal" in message

    def test_our_entry_with_a_bad_date_names_the_entry(self) -> None:
        bad = _entry()
        bad["day"] = "2026-02-30"
        raw = _ours([_entry(), bad, _entry()])
        message = one_line_error(raw)
        assert "entry 2" in message

    def test_a_jrnl_entry_with_a_bad_date_names_the_entry(self) -> None:
        document = json.loads(json.dumps(JRNL_EXPORT))
        document["entries"].append(dict(document["entries"][0], date="03/10/2026"))
        message = one_line_error(json.dumps(document).encode(), "jrnl.json")
        assert "entry 3" in message

    def test_an_escaped_lone_surrogate_is_refused(self) -> None:
        raw = _ours([_entry(body="PLACEHOLDER")]).replace(b"PLACEHOLDER", b"a\\ud800b")
        assert b"\\ud800" in raw
        message = one_line_error(raw)
        assert "line 1" in message

    def test_a_jrnl_lone_surrogate_is_refused(self) -> None:
        raw = b'{"entries": [{"title": "x\\udc00", "date": "2026-10-03"}]}'
        one_line_error(raw, "jrnl.json")

    def test_a_bad_mood_names_the_entry(self) -> None:
        bad = dict(_entry(), mood=9)
        message = one_line_error(_ours([bad]))
        assert "entry 1" in message
        assert "mood" in message

    def test_a_goal_that_is_not_an_object_names_the_goal(self) -> None:
        message = one_line_error(_ours([], goals=["walk every day"]))
        assert "goal 1" in message

    def test_nothing_is_returned_when_a_later_entry_is_bad(self) -> None:
        bad = _entry()
        bad["kind"] = "poem"
        with pytest.raises(InputError, match="entry 3"):
            read_import(_ours([_entry(), _entry("2026-11-23"), bad]), "backup.json")


# -- every field checked (issue 15 item 8) --


def _jrnl(entry: dict[str, Any]) -> bytes:
    good = {"title": "ok", "body": "", "date": "2026-10-02", "time": "09:00"}
    return json.dumps({"tags": {}, "entries": [good, entry]}).encode()


JRNL_GOOD = {"title": "x", "body": "y", "date": "2026-10-03", "time": "21:04"}


@pytest.mark.parametrize(
    ("change", "field", "says"),
    [
        ({"title": 5}, "title", "is 5, not text"),
        ({"body": None}, "body", "is null, not text"),
        ({"starred": "yes"}, "starred", 'is "yes", not true or false'),
        ({"tags": "x"}, "tags", 'is "x", not a list of tags'),
        ({"tags": [1]}, "tags", "holds 1, not a tag as text"),
        ({"time": "9pm"}, "time", 'is "9pm", not a time, HH:MM'),
        ({"date": 20261003}, "date", "is 20261003, not a day"),
    ],
    ids=lambda value: str(value) if isinstance(value, dict) else None,
)
def test_a_malformed_jrnl_field_names_the_entry_its_day_and_the_field(
    change, field, says
):
    message = one_line_error(_jrnl({**JRNL_GOOD, **change}), "jrnl.json")
    day = json.dumps(change.get("date", "2026-10-03"))
    assert message.startswith(f"jrnl.json: entry 2 cannot be imported (day {day}): ")
    assert f'its "{field}" {says}' in message
    assert message.endswith("Nothing was imported; fix the file, or export it again")


def test_a_missing_key_is_named_as_such():
    entry = {k: v for k, v in JRNL_GOOD.items() if k != "date"}
    message = one_line_error(_jrnl(entry), "jrnl.json")
    assert 'entry 2 cannot be imported (no day): it has no "date"' in message


OURS_GOOD = {
    "id": 1,
    "created": "2026-11-24T21:04:00+00:00",
    "updated": None,
    "day": "2026-11-24",
    "kind": "reflection",
    "title": "",
    "body": "words",
    "mood": None,
    "starred": False,
    "tags": [],
}


@pytest.mark.parametrize(
    ("change", "field", "says"),
    [
        ({"title": 5}, "title", "is 5, not text"),
        ({"body": None}, "body", "is null, not text"),
        ({"starred": "yes"}, "starred", 'is "yes", not true or false'),
        ({"starred": 1}, "starred", "is 1, not true or false"),
        ({"tags": "x"}, "tags", 'is "x", not a list of tags'),
        ({"kind": None}, "kind", "is null, not one of reflection"),
        ({"mood": "4"}, "mood", 'is "4", not a whole number from 1 to 5'),
        ({"updated": 7}, "updated", "is 7, not a moment"),
        ({"id": "3"}, "id", 'is "3", not an id'),
    ],
    ids=lambda value: str(value) if isinstance(value, dict) else None,
)
@pytest.mark.parametrize("version", [1, 2])
def test_a_malformed_field_of_ours_names_the_entry_its_day_and_the_field(
    change, field, says, version
):
    bad = {**OURS_GOOD, "id": 2, **change}
    raw = _ours([OURS_GOOD, bad], schema_version=version)
    message = one_line_error(raw)
    assert message.startswith(
        'backup.json: entry 2 cannot be imported (day "2026-11-24"): '
    )
    assert f'its "{field}" {says}' in message


@pytest.mark.parametrize("key", ["created", "day", "body"])
def test_a_key_left_out_of_ours_is_named(key):
    bad = {k: v for k, v in OURS_GOOD.items() if k != key}
    message = one_line_error(_ours([bad], schema_version=2))
    assert f"entry 1 cannot be imported ({'no day' if key == 'day' else 'day'}" in (
        message
    )
    assert f'it has no "{key}"' in message


def test_an_export_from_a_newer_healjournal_is_refused():
    message = one_line_error(_ours([OURS_GOOD], schema_version=99))
    assert "exported by a newer healjournal (schema 99; this one knows up to 3)" in (
        message
    )
    assert "upgrade healjournal" in message
    assert "schema_version" in one_line_error(_ours([], schema_version="2"))


@pytest.mark.parametrize(
    ("more", "says"),
    [
        (
            {"goals": [{"theme": "body", "title": 5}]},
            'goal 1 cannot be imported: its "title"',
        ),
        (
            {"goals": [{"title": "Walk"}]},
            'goal 1 cannot be imported: it has no "theme"',
        ),
        (
            {"goals": [{"theme": "body", "title": "x", "ticks": "2026-11-01"}]},
            '"ticks"',
        ),
        ({"goals": [{"theme": "body", "title": "x", "archived": "no"}]}, '"archived"'),
        (
            {"no_contact": {"started": 5}},
            'no-contact record cannot be imported: its "started"',
        ),
        (
            {"no_contact": {"slips": [{"day": "2026-11-01", "note": 3}]}},
            'slip 1 cannot be imported (day "2026-11-01"): its "note"',
        ),
        (
            {
                "urges": [
                    {"at": "2026-11-01T20:00:00", "day": "2026-11-01", "letter_id": "2"}
                ]
            },
            'urge 1 cannot be imported (day "2026-11-01"): its "letter_id"',
        ),
        (
            {
                "urges": [
                    {"at": "2026-11-01T20:00:00", "day": "2026-11-01", "outcome": "won"}
                ]
            },
            '"outcome" is "won", not one of resisted',
        ),
    ],
)
def test_goals_slips_and_urges_are_checked_too(more, says):
    assert says in one_line_error(_ours([OURS_GOOD], schema_version=2, **more))


def test_the_command_imports_nothing_from_a_file_with_one_bad_field(
    journal_path, clock, tmp_path, capsys
):
    source = tmp_path / "export.json"
    bad = {**OURS_GOOD, "id": 3, "starred": "yes"}
    source.write_bytes(_ours([OURS_GOOD, {**OURS_GOOD, "id": 2}, bad]))
    from healjournal import cli

    assert cli.main(["import", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "entry 3" in err and '"starred"' in err
    assert not journal_path.exists()
