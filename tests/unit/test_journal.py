"""The Journal API: what a person writes, ticks and logs is there next time."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healjournal.domain.models import MAX_TEXT_CHARS, EntryKind, GoalKind, Theme
from healjournal.errors import InputError
from healjournal.storage.atomic import backup_files, temp_files
from healjournal.storage.journal import Journal

TODAY = date(2026, 11, 24)


def reopen(journal: Journal) -> Journal:
    return Journal.open(journal.path, clock=journal.clock)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


class TestEntries:
    def test_an_entry_is_there_after_reopening(self, journal):
        saved = journal.add_entry("Went for a run.\nFelt lighter after. #run", mood=4)
        again = reopen(journal).get_entry(saved.id)
        assert again == saved
        assert again.title == "Went for a run."
        assert again.body == "Felt lighter after. #run"
        assert again.tags == ("#run",)
        assert again.day == TODAY
        assert again.created.tzinfo is not None

    def test_edit_changes_text_tags_and_mood(self, journal):
        entry = journal.add_entry("first draft #sad")
        edited = journal.update_entry(entry.id, text="second draft #better", mood=3)
        assert reopen(journal).get_entry(entry.id) == edited
        assert edited.text == "second draft #better"
        assert edited.tags == ("#better",)
        assert edited.updated is not None

    def test_mood_can_be_cleared(self, journal):
        entry = journal.add_entry("meh", mood=2)
        assert journal.update_entry(entry.id, mood=None).mood is None

    def test_delete_removes_only_that_entry(self, journal):
        keep = journal.add_entry("keep me")
        gone = journal.add_entry("delete me")
        journal.delete_entry(gone.id)
        assert [e.id for e in reopen(journal).entries()] == [keep.id]

    def test_ids_are_never_reused_after_a_delete(self, journal):
        first = journal.add_entry("one")
        last = journal.add_entry("two")
        journal.delete_entry(last.id)
        newer = journal.add_entry("three")
        assert newer.id not in (first.id, last.id)
        assert reopen(journal).add_entry("four").id > newer.id

    def test_editing_a_deleted_entry_says_so(self, journal):
        entry = journal.add_entry("here")
        journal.delete_entry(entry.id)
        with pytest.raises(InputError, match="does not exist"):
            journal.update_entry(entry.id, text="again")

    def test_entries_by_day_and_range_oldest_first(self, journal):
        for days_ago in (0, 3, 1, 10):
            journal.add_entry(f"{days_ago} days ago", day=TODAY - timedelta(days_ago))
        in_range = journal.entries(TODAY - timedelta(3), TODAY - timedelta(1))
        assert [e.text for e in in_range] == ["3 days ago", "1 days ago"]
        assert [e.text for e in journal.entries_on(TODAY)] == ["0 days ago"]
        assert journal.entries_on(TODAY - timedelta(2)) == []

    def test_kinds_filter_and_the_days_reflection(self, journal):
        journal.add_entry("dear you, I won't send this", kind=EntryKind.LETTER)
        reflection = journal.add_entry("today was ok")
        assert journal.reflection_for(TODAY) == reflection
        letters = journal.entries(kinds=[EntryKind.LETTER])
        assert [e.kind for e in letters] == [EntryKind.LETTER]

    def test_starred(self, journal):
        entry = journal.add_entry("a good day", starred=True)
        assert reopen(journal).get_entry(entry.id).starred
        assert not journal.update_entry(entry.id, starred=False).starred

    def test_an_entry_over_the_limit_is_refused_and_nothing_is_saved(self, journal):
        journal.add_entry("before")
        before = journal.path.read_bytes()
        with pytest.raises(InputError, match="1,000,000"):
            journal.add_entry("x" * (MAX_TEXT_CHARS + 1))
        assert journal.path.read_bytes() == before

    def test_a_lone_surrogate_is_refused_with_its_position(self, journal):
        with pytest.raises(InputError, match="position 4"):
            journal.add_entry("abc\ud800def")
        assert not journal.path.exists()

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(text=st.text(st.characters(codec="utf-8"), max_size=300))
    def test_any_text_round_trips_exactly(self, journal, text):
        entry = journal.add_entry(text)
        assert reopen(journal).get_entry(entry.id).text == text

    @pytest.mark.parametrize(
        "text",
        [
            "🫶 I'm okay 👩🏽‍🤝‍👨🏻",
            "שלום, אני בסדר",  # right to left
            "مرحبا\u200f بك",
            "e\u0301 n\u0303 \u0915\u094d\u0937",  # combining marks
            "line one\r\nline two\ttab\x00nul",
        ],
    )
    def test_hard_unicode_round_trips(self, journal, text):
        entry = journal.add_entry(text)
        assert reopen(journal).get_entry(entry.id).text == text


class TestGoals:
    def test_a_ticked_goal_is_still_ticked_after_reopening(self, journal):
        goal = journal.add_goal("Run 5 km", Theme.BODY, GoalKind.WEEKLY)
        journal.tick_goal(goal.id)
        again = reopen(journal).get_goal(goal.id)
        assert again.ticks == (TODAY,)
        assert again.done_for(TODAY)

    def test_untick_takes_back_only_that_day(self, journal):
        goal = journal.add_goal("Stretch", Theme.BODY, GoalKind.DAILY)
        journal.tick_goal(goal.id, TODAY - timedelta(1))
        journal.tick_goal(goal.id, TODAY)
        journal.tick_goal(goal.id, TODAY)  # twice is still one tick
        assert journal.untick_goal(goal.id).ticks == (TODAY - timedelta(1),)

    def test_edit_archive_and_delete(self, journal):
        goal = journal.add_goal("Learn one dish", Theme.GOAL, due=TODAY + timedelta(3))
        edited = journal.update_goal(goal.id, title="Cook  a real curry ", due=None)
        assert edited.title == "Cook a real curry"
        assert edited.due is None
        journal.archive_goal(goal.id)
        assert journal.goals() == []
        assert [g.id for g in journal.goals(include_archived=True)] == [goal.id]
        journal.delete_goal(goal.id)
        assert journal.goals(include_archived=True) == []

    def test_goals_come_in_theme_order(self, journal):
        journal.add_goal("Say yes to one invite", Theme.PEOPLE)
        journal.add_goal("Plan a weekend away", Theme.LIFE)
        journal.add_goal("Mute his profile", Theme.NO_CONTACT)
        themes = [g.theme for g in journal.goals()]
        assert themes == [Theme.LIFE, Theme.PEOPLE, Theme.NO_CONTACT]

    @pytest.mark.parametrize("title", ["", "   ", "x" * 201])
    def test_a_goal_needs_a_sensible_title(self, journal, title):
        with pytest.raises(InputError):
            journal.add_goal(title, Theme.LIFE)


class TestNoContact:
    def test_start_and_slips_survive_reopening(self, journal):
        journal.start_no_contact(date(2026, 10, 3))
        slip = journal.log_slip(date(2026, 11, 1), note="replied to his story")
        record = reopen(journal).no_contact()
        assert record.started == date(2026, 10, 3)
        assert record.slips == (slip,)
        assert record.last_contact == date(2026, 11, 1)

    def test_restarting_replaces_the_start(self, journal):
        journal.start_no_contact(date(2026, 10, 3))
        journal.start_no_contact(date(2026, 10, 20))
        assert journal.no_contact().started == date(2026, 10, 20)

    def test_a_slip_logged_by_mistake_can_be_removed(self, journal):
        slip = journal.log_slip(note="oops, wrong button")
        journal.delete_slip(slip.id)
        assert journal.no_contact().slips == ()

    def test_future_days_are_refused(self, journal):
        with pytest.raises(InputError):
            journal.log_slip(TODAY + timedelta(1))
        with pytest.raises(InputError):
            journal.start_no_contact(TODAY + timedelta(1))


class TestSettings:
    def test_settings_persist_and_update(self, journal):
        assert journal.get_setting("theme", "textual-dark") == "textual-dark"
        journal.set_setting("theme", "nord")
        journal.set_setting("theme", "gruvbox")
        assert reopen(journal).get_setting("theme") == "gruvbox"


class TestTheFile:
    def test_folder_and_file_are_private(self, journal):
        journal.add_entry("private")
        assert mode(journal.path.parent) == 0o700
        assert mode(journal.path) == 0o600
        os.chmod(journal.path, 0o644)
        journal.add_entry("still private")
        assert mode(journal.path) == 0o600

    def test_the_lock_file_and_backups_are_private_after_a_save(self, journal, clock):
        journal.path.parent.mkdir(mode=0o700)
        lock = journal.path.with_name("journal.json.lock")
        lock.touch()
        os.chmod(lock, 0o666)
        journal.add_entry("private")
        assert mode(lock) == 0o600
        os.chmod(lock, 0o644)
        journal.add_entry("still private")
        assert mode(lock) == 0o600
        (backup,) = backup_files(journal.path)  # today's, made by the second save
        os.chmod(backup, 0o644)
        old = journal.path.with_name("journal.json.2026-01-01.bak")
        old.write_bytes(journal.path.read_bytes())
        os.chmod(old, 0o666)
        clock.set(clock.now() + timedelta(days=1))
        journal.add_entry("the next day")
        assert {p.name: mode(p) for p in journal.path.parent.iterdir()} == {
            "journal.json": 0o600,
            "journal.json.lock": 0o600,
            "journal.json.2026-01-01.bak": 0o600,
            "journal.json.2026-11-24.bak": 0o600,
            "journal.json.2026-11-25.bak": 0o600,
        }

    def test_nothing_is_created_until_the_first_save(self, journal):
        assert journal.entries() == []
        assert not journal.path.parent.exists()

    def test_a_backup_before_the_first_save_of_each_day_seven_kept(
        self, journal, clock
    ):
        journal.add_entry("day zero")
        assert backup_files(journal.path) == []  # nothing to back up yet
        for day in range(1, 10):
            clock.set(clock.now() + timedelta(days=1))
            before = journal.path.read_bytes()
            journal.add_entry(f"day {day}")
            journal.add_entry(f"day {day}, later")
            backups = backup_files(journal.path)
            assert backups[-1].name == f"journal.json.{clock.today():%Y-%m-%d}.bak"
            assert backups[-1].read_bytes() == before
            assert mode(backups[-1]) == 0o600
        assert len(backup_files(journal.path)) == 7

    def test_a_symlinked_journal_stays_a_symlink(self, tmp_path, clock):
        real = tmp_path / "synced" / "journal.json"
        real.parent.mkdir()
        link = tmp_path / "journal.json"
        link.symlink_to(real)
        journal = Journal.open(link, clock=clock)
        journal.add_entry("through the link")
        journal.add_entry("and again")
        assert link.is_symlink()
        assert len(Journal.open(real, clock=clock).entries()) == 2

    def test_stale_temp_files_are_removed_on_open(self, journal):
        journal.add_entry("hello")
        stale = journal.path.parent / f".{journal.path.name}.dead.tmp"
        stale.write_bytes(b"half a save")
        reopen(journal)
        assert temp_files(journal.path) == []
        assert [e.text for e in reopen(journal).entries()] == ["hello"]

    def test_the_file_is_utf8_whatever_the_locale(self, journal):
        journal.add_entry("café ☕")
        assert "café ☕" in journal.path.read_text(encoding="utf-8")

    def test_another_process_save_is_picked_up(self, journal, clock):
        other = Journal.open(journal.path, clock=clock)
        journal.add_entry("from the app")
        other.add_entry("from the command line")
        assert {e.text for e in journal.entries()} == {
            "from the app",
            "from the command line",
        }
        assert journal.changed_on_disk() is False
