"""The demo journal: a believable, fictional few months, the same every time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from statistics import mean
from zoneinfo import ZoneInfo

import pytest

from healjournal.demo import build_demo_journal, demo_journal_path
from healjournal.domain.models import EntryKind
from healjournal.domain.person import Person
from healjournal.domain.stats import writing_streak
from healjournal.storage.journal import Journal
from healjournal.tips import banned_phrases_in

TODAY = date(2026, 11, 24)
DAYS = 90
START = TODAY - timedelta(days=DAYS - 1)
LONDON = ZoneInfo("Europe/London")


_UID_LINE = re.compile(rb'^ *"uid": "[0-9a-f-]{36}",\n', re.MULTILINE)


def without_uids(path: Path) -> bytes:
    """The journal file but its records' uids: each demo's records are its
    own, like any journal's, and all the rest is the seed's."""
    return _UID_LINE.sub(b"", path.read_bytes())


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "journal.json"
    build_demo_journal(path, TODAY, tz=LONDON).close()
    return path


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Journal]:
    journal = Journal.open(demo_path)
    yield journal
    journal.close()


def test_it_opens_as_an_ordinary_journal(demo):
    assert demo.entries()
    assert demo.get_setting("welcomed") is True


def test_about_nine_days_in_ten_have_writing(demo):
    days = {e.day for e in demo.entries()}
    assert 0.8 * DAYS <= len(days) <= 0.95 * DAYS
    assert min(days) == START
    assert TODAY - timedelta(days=1) in days


def test_today_is_a_blank_page_and_nothing_is_outside_the_range(demo):
    entries = demo.entries()
    assert not demo.entries_on(TODAY)
    assert all(START <= e.day < TODAY for e in entries)


def test_the_writing_streak_is_alive(demo):
    streak = writing_streak((e.day for e in demo.entries()), TODAY)
    assert streak.current > 3


def test_created_stamps_fall_on_the_entry_day_in_the_evening_or_morning(demo):
    for entry in demo.entries():
        created = entry.created.astimezone(LONDON)
        assert created.date() == entry.day
        assert created.hour >= 19 or 7 <= created.hour < 10


def test_there_are_letters_urges_tags_and_stars(demo):
    entries = demo.entries()
    kinds = {e.kind for e in entries}
    assert {EntryKind.REFLECTION, EntryKind.LETTER, EntryKind.URGE} <= kinds
    tags = {tag for e in entries for tag in e.tags}
    assert {"#gym", "#run", "@maya"} <= tags
    assert 2 <= sum(e.starred for e in entries) <= 4
    assert (
        1 <= min(len(e.text) for e in entries) < 80 < max(len(e.text) for e in entries)
    )


def test_the_mood_line_goes_up(demo):
    def moods(first: date, last: date) -> list[int]:
        return [e.mood for e in demo.entries(first, last) if e.mood is not None]

    early = moods(START, START + timedelta(days=29))
    recent = moods(TODAY - timedelta(days=30), TODAY)
    assert early and recent
    assert all(1 <= m <= 5 for m in early + recent)
    assert mean(recent) > mean(early) + 1


def test_goals_cover_the_themes_with_one_archived_and_one_overdue(demo):
    goals = demo.goals(include_archived=True)
    assert 6 <= len(goals) <= 9
    assert len({g.theme for g in goals}) >= 5
    assert sum(g.archived for g in goals) == 1
    assert any(g.overdue_on(TODAY) for g in goals if not g.archived)
    assert {g.kind.value for g in goals} == {"once", "daily", "weekly"}
    for goal in goals:
        assert all(goal.created.date() <= tick < TODAY for tick in goal.ticks)


def test_habits_are_ticked_on_a_realistic_share_of_days(demo):
    for goal in demo.goals():
        span = (TODAY - goal.created.date()).days
        if goal.kind.value == "daily":
            assert 0.4 <= len(goal.ticks) / span <= 0.8
        elif goal.kind.value == "weekly":
            assert 0.5 <= len(goal.ticks) / (span / 7) <= 2.2


def test_no_contact_started_with_one_kind_slip_about_forty_days_ago(demo):
    record = demo.no_contact()
    assert record.started == START
    (slip,) = record.slips
    assert slip.day == TODAY - timedelta(days=40)
    assert slip.note


def test_nothing_in_it_breaks_the_tone(demo):
    texts = [e.text for e in demo.entries()]
    texts += [g.title for g in demo.goals(include_archived=True)]
    texts += [s.note for s in demo.no_contact().slips]
    for text in texts:
        assert banned_phrases_in(text) == [], text


def test_the_same_seed_gives_the_same_journal(tmp_path, demo_path):
    again = tmp_path / "again.json"
    build_demo_journal(again, TODAY, tz=LONDON).close()
    assert without_uids(again) == without_uids(demo_path)

    other = tmp_path / "other.json"
    journal = build_demo_journal(other, TODAY, seed=8, tz=LONDON)
    first = Journal.open(demo_path)
    assert [(e.day, e.text, e.mood) for e in journal.entries()] != [
        (e.day, e.text, e.mood) for e in first.entries()
    ]


def test_the_same_seed_gives_the_same_entries_in_the_local_zone(tmp_path):
    built = [
        build_demo_journal(tmp_path / f"{n}.json", TODAY, days=30) for n in range(2)
    ]
    a, b = ([(e.day, e.text, e.mood, e.kind) for e in j.entries()] for j in built)
    assert a == b


def test_it_refuses_to_overwrite(tmp_path):
    existing = tmp_path / "journal.json"
    existing.write_text("precious")
    with pytest.raises(ValueError, match="already exists"):
        build_demo_journal(existing, TODAY)
    assert existing.read_text() == "precious"


def test_it_refuses_a_demo_too_short_to_tell_a_story(tmp_path):
    with pytest.raises(ValueError):
        build_demo_journal(tmp_path / "j.json", TODAY, days=3)


def test_demo_path_is_fresh_and_private(tmp_path):
    first, second = demo_journal_path(), demo_journal_path()
    try:
        assert first != second
        assert not first.exists()
        assert first.parent.name.startswith("healjournal-demo-")
        assert first.parent.stat().st_mode & 0o077 == 0
    finally:
        first.parent.rmdir()
        second.parent.rmdir()


#: How the default demo speaks of the ex: "him", "his", "he ".
HIM = re.compile(r"(?<!\w)(?:him|his)(?!\w)|(?<!\w)he ", re.IGNORECASE)


def every_word(journal: Journal) -> list[str]:
    """Every text the journal holds: pages, goals and the slip's note."""
    texts = [e.text for e in journal.entries()]
    texts += [g.title for g in journal.goals(include_archived=True)]
    return texts + [s.note for s in journal.no_contact().slips]


@pytest.fixture(scope="module")
def her_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "journal.json"
    build_demo_journal(path, TODAY, tz=LONDON, person=Person("she")).close()
    return path


def test_a_demo_about_her_never_says_him(her_demo):
    journal = Journal.open(her_demo)
    texts = every_word(journal)
    assert [t for t in texts if HIM.search(t)] == []
    (slip,) = journal.no_contact().slips
    assert slip.note.startswith("She texted 'hope you're ok' and I replied.")
    assert "A day without contacting her" in texts
    assert [t for t in texts if banned_phrases_in(t, Person("she"))] == []
    assert journal.settings()["person"] == "she"
    journal.close()


def test_a_demo_is_the_same_for_the_same_person(tmp_path, her_demo):
    again = tmp_path / "again.json"
    build_demo_journal(again, TODAY, tz=LONDON, person=Person("she")).close()
    assert without_uids(again) == without_uids(her_demo)


def test_the_default_demo_keeps_no_choice(demo):
    assert "person" not in demo.settings()
    assert "A day without contacting him" in every_word(demo)


@pytest.mark.parametrize(
    ("person", "first", "goal"),
    [
        (Person("ex"), "My ex ended it tonight.", "A day without contacting my ex"),
        (
            Person("they", "Alex"),
            "Alex ended it tonight.",
            "A day without contacting Alex",
        ),
    ],
    ids=["your ex", "a name"],
)
def test_the_writer_speaks_in_their_own_voice(tmp_path, person, first, goal):
    journal = build_demo_journal(tmp_path / "j.json", TODAY, days=30, person=person)
    texts = every_word(journal)
    (page,) = journal.entries_on(TODAY - timedelta(days=29))
    assert first in page.text
    assert goal in texts
    assert [t for t in texts if "your ex" in t or "{" in t] == []
    assert journal.settings()["person"] == person.who
    assert journal.settings().get("person_name", "") == person.name
    journal.close()
