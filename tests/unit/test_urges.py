"""Urges: logged from the urge screen, counted in the review, carried by exports."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson
import pytest
from rich.console import Console

import healjournal.tips
from healjournal.cli.report import print_review, urges_empty
from healjournal.domain.models import (
    Entry,
    EntryKind,
    Goal,
    GoalKind,
    NoContact,
    Slip,
    Theme,
    Urge,
    UrgeOutcome,
    check_strength,
)
from healjournal.domain.person import Person
from healjournal.domain.search import parse_query, search
from healjournal.domain.stats import Streak, WeekCount, urges_by_week
from healjournal.errors import InputError, JournalUnreadable
from healjournal.insight.figures import build_review, gather_review
from healjournal.insight.urge import (
    DEFAULT_MINUTES,
    URGE_MINUTES_SETTING,
    urge_minutes,
    urge_support,
)
from healjournal.storage.interchange import ExportFormat, export, read_import
from healjournal.storage.journal import Journal
from healjournal.tips import TipsError, parse_tips, theme_tips

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 24)  # a Tuesday, as in conftest.FROZEN_AT
EVENING = datetime(2026, 11, 24, 21, 4, tzinfo=LONDON)


def reopen(journal: Journal) -> Journal:
    return Journal.open(journal.path, clock=journal.clock)


def urge(
    day: date,
    outcome: UrgeOutcome | None = None,
    *,
    number: int = 1,
    strength: int | None = None,
) -> Urge:
    at = datetime.combine(day, time(22), LONDON) + timedelta(minutes=number)
    return Urge(id=number, at=at, day=day, strength=strength, outcome=outcome)


def legacy(day: date, number: int = 1) -> Entry:
    created = datetime.combine(day, time(21), LONDON)
    return Entry(id=number, created=created, day=day, kind=EntryKind.URGE, body="x")


class TestTheModel:
    def test_how_an_urge_ended(self):
        assert urge(TODAY, UrgeOutcome.RESISTED).passed
        assert not urge(TODAY, UrgeOutcome.RESISTED).contacted
        assert urge(TODAY, UrgeOutcome.CONTACTED).contacted
        for open_outcome in (None, UrgeOutcome.WRITING):
            still_open = urge(TODAY, open_outcome)
            assert not still_open.passed and not still_open.contacted

    def test_only_writing_is_not_final(self):
        assert [o for o in UrgeOutcome if not o.final] == [UrgeOutcome.WRITING]

    @pytest.mark.parametrize("bad", [0, 6, 2.5, True, "3"])
    def test_strength_is_one_to_five(self, bad):
        assert check_strength(None) is None
        assert check_strength(5) == 5
        with pytest.raises(InputError, match="1 to 5"):
            check_strength(bad)


class TestTheJournal:
    def test_an_urge_is_there_after_reopening(self, journal):
        saved = journal.log_urge(EVENING, strength=4)
        (again,) = reopen(journal).urges()
        assert again == saved
        assert (again.at, again.day, again.strength) == (EVENING, TODAY, 4)
        assert again.outcome is None and again.letter_id is None

    def test_now_and_today_by_default(self, journal, clock):
        saved = journal.log_urge()
        assert (saved.at, saved.day) == (clock.now(), TODAY)

    def test_the_journal_day_can_differ_from_the_clock(self, journal):
        # Written at 00:30 in an app opened the evening before.
        after_midnight = datetime(2026, 11, 25, 0, 30, tzinfo=LONDON)
        assert journal.log_urge(after_midnight, day=TODAY).day == TODAY

    def test_logging_the_same_moment_again_completes_the_same_urge(self, journal):
        journal.log_urge(EVENING)
        letter = journal.add_entry("Dear you", kind=EntryKind.LETTER)
        done = journal.log_urge(
            EVENING, strength=3, outcome=UrgeOutcome.RESISTED, letter_id=letter.id
        )
        (saved,) = reopen(journal).urges()
        assert saved == done
        assert (saved.outcome, saved.strength, saved.letter_id) == (
            UrgeOutcome.RESISTED,
            3,
            letter.id,
        )

    def test_a_late_start_never_undoes_the_end(self, journal):
        # The start and the end are logged from two threads: the end may land
        # first, and the start must then leave it alone.
        journal.log_urge(EVENING, strength=5, outcome=UrgeOutcome.CONTACTED)
        journal.log_urge(EVENING)
        journal.log_urge(EVENING, strength=2, outcome=UrgeOutcome.WRITING)
        (saved,) = journal.urges()
        assert (saved.outcome, saved.strength) == (UrgeOutcome.CONTACTED, 5)

    def test_keep_writing_then_it_passed(self, journal):
        journal.log_urge(EVENING, strength=2, outcome=UrgeOutcome.WRITING)
        journal.log_urge(EVENING, strength=4, outcome=UrgeOutcome.RESISTED)
        (saved,) = journal.urges()
        assert (saved.outcome, saved.strength) == (UrgeOutcome.RESISTED, 4)

    def test_two_urges_are_two_records_with_their_own_ids(self, journal):
        first = journal.log_urge(EVENING)
        second = journal.log_urge(EVENING + timedelta(minutes=40))
        assert first.id != second.id
        assert [u.id for u in reopen(journal).urges()] == [first.id, second.id]

    def test_urges_by_day_range(self, journal):
        for days_ago in (0, 3, 10):
            journal.log_urge(EVENING - timedelta(days=days_ago))
        found = journal.urges(TODAY - timedelta(3), TODAY)
        assert [u.day for u in found] == [TODAY - timedelta(3), TODAY]

    def test_update_by_id(self, journal):
        saved = journal.log_urge(EVENING)
        changed = journal.update_urge(
            saved.id, outcome=UrgeOutcome.RESISTED, note="tea"
        )
        assert reopen(journal).urges() == [changed]
        assert (changed.outcome, changed.note) == (UrgeOutcome.RESISTED, "tea")
        with pytest.raises(InputError, match="does not exist"):
            journal.update_urge(99, strength=2)

    def test_a_bad_strength_is_refused_and_nothing_saved(self, journal):
        with pytest.raises(InputError):
            journal.log_urge(EVENING, strength=9)
        assert journal.urges() == []

    def test_a_journal_from_before_urges_reads_as_none(self, journal_path, clock):
        journal_path.parent.mkdir(parents=True)
        journal_path.write_bytes(
            orjson.dumps(
                {
                    "meta": {"1": {"schema_version": 1, "next_id": {"entries": 2}}},
                    "entries": {
                        "1": {
                            "created": "2026-11-20T21:00:00+00:00",
                            "day": "2026-11-20",
                            "kind": "urge",
                            "body": "wanted to call",
                        }
                    },
                }
            )
        )
        journal = Journal.open(journal_path, clock=clock)
        assert journal.urges() == []
        assert journal.entries()[0].kind is EntryKind.URGE
        journal.log_urge(EVENING)
        assert len(reopen(journal).urges()) == 1
        assert reopen(journal).entries()[0].text == "wanted to call"

    def test_a_damaged_urge_is_reported_not_guessed(self, journal):
        journal.log_urge(EVENING)
        data = json.loads(journal.path.read_text())
        data["urges"]["1"]["strength"] = 11
        journal.path.write_text(json.dumps(data))
        with pytest.raises(JournalUnreadable, match="urges/1"):
            reopen(journal)


class TestUrgesByWeek:
    def test_urges_count_by_how_they_ended(self):
        # Today Tue 24 Nov; two weeks, from Mon 16 and 23 Nov.
        urges = [
            urge(date(2026, 11, 17), UrgeOutcome.RESISTED, number=1),
            urge(date(2026, 11, 17), UrgeOutcome.CONTACTED, number=2),
            urge(date(2026, 11, 23), UrgeOutcome.RESISTED, number=3),
            urge(date(2026, 11, 24), UrgeOutcome.WRITING, number=4),  # still open
            urge(date(2026, 11, 24), None, number=5),  # left without an answer
            urge(date(2026, 11, 25), UrgeOutcome.RESISTED, number=6),  # tomorrow
        ]
        assert urges_by_week((), (), TODAY, 2, urges) == (
            WeekCount(date(2026, 11, 16), logged=2, resisted=1, contacted=1),
            WeekCount(date(2026, 11, 23), logged=3, resisted=1, contacted=0),
        )

    def test_a_slip_the_same_day_does_not_change_a_known_outcome(self):
        slips = [Slip(1, TODAY)]
        urges = [urge(TODAY, UrgeOutcome.RESISTED)]
        assert urges_by_week((), slips, TODAY, 1, urges) == (
            WeekCount(date(2026, 11, 23), 1, 1, 0),
        )

    def test_old_urge_entries_still_count_the_old_way(self):
        entries = [legacy(date(2026, 11, 23), 1), legacy(TODAY, 2)]
        slips = [Slip(1, TODAY)]
        urges = [urge(TODAY, UrgeOutcome.RESISTED)]
        assert urges_by_week(entries, slips, TODAY, 1, urges) == (
            WeekCount(date(2026, 11, 23), logged=3, resisted=2, contacted=1),
        )


def render(journal: Journal) -> str:
    console = Console(width=80, record=True, color_system=None, file=io.StringIO())
    print_review(gather_review(journal, TODAY), console)
    return console.export_text()


class TestTheReview:
    def test_urges_per_week_and_how_many_passed(self, journal):
        journal.start_no_contact(TODAY - timedelta(days=20))
        journal.log_urge(EVENING - timedelta(days=1), outcome=UrgeOutcome.RESISTED)
        journal.log_urge(EVENING - timedelta(hours=2), outcome=UrgeOutcome.RESISTED)
        journal.log_urge(EVENING, outcome=UrgeOutcome.CONTACTED)
        review = gather_review(journal, TODAY)
        assert review.urges[-1] == WeekCount(date(2026, 11, 23), 3, 2, 1)
        week = review.to_json()["urges"][-1]
        assert week == {
            "week": "2026-11-23",
            "logged": 3,
            "resisted": 2,
            "contacted": 1,
        }
        text = render(journal)
        assert "3 urges, 2 passed, 1 slip" in text
        assert "In all         3 urges, 2 passed" in text

    def test_an_urge_left_without_an_answer_says_so(self, journal):
        journal.log_urge(EVENING - timedelta(hours=1), outcome=UrgeOutcome.RESISTED)
        journal.log_urge(EVENING)  # the app closed mid-urge
        assert "2 urges, 1 passed, 1 left open" in render(journal)

    def test_an_urge_alone_is_something_to_look_back_on(self, journal):
        journal.log_urge(EVENING, outcome=UrgeOutcome.RESISTED)
        assert not gather_review(journal, TODAY).is_empty
        assert "1 urge, 1 passed" in render(journal)

    def test_no_urges_yet_says_how_they_get_here(self):
        review = build_review(
            [legacy(TODAY - timedelta(days=90))], [], NoContact(), {}, TODAY
        )
        assert not any(w.logged for w in review.urges)
        console = Console(width=80, record=True, color_system=None, file=io.StringIO())
        print_review(review, console)
        text = " ".join(console.export_text().split())
        assert " ".join(urges_empty(8, Person()).split()) in text
        assert "F8" in text


class TestExport:
    def test_urges_go_out_and_come_back_once(self, journal, clock, tmp_path):
        letter = journal.add_entry("Dear you", kind=EntryKind.LETTER)
        journal.log_urge(
            EVENING, strength=4, outcome=UrgeOutcome.RESISTED, letter_id=letter.id
        )
        journal.log_urge(EVENING + timedelta(hours=1), note="after the song")
        text = export(
            ExportFormat.JSON,
            journal.entries(),
            goals=journal.goals(),
            no_contact=journal.no_contact(),
            urges=journal.urges(),
        )
        records = json.loads(text)["urges"]
        assert records[0] == {
            "uid": journal.urges()[0].uid,
            "at": "2026-11-24T21:04:00+00:00",
            "day": "2026-11-24",
            "strength": 4,
            "outcome": "resisted",
            "letter_id": letter.id,
            "note": "",
        }
        imported = read_import(text.encode(), "export.json")
        other = Journal.open(tmp_path / "other.json", clock=clock)
        assert other.import_urges(imported.urges) == 2
        assert other.import_urges(imported.urges) == 0
        first, second = other.urges()
        assert (first.at, first.strength, first.outcome) == (
            EVENING,
            4,
            UrgeOutcome.RESISTED,
        )
        assert first.letter_id is None  # the letter has another id over there
        assert (second.outcome, second.note) == (None, "after the song")

    def test_an_export_without_urges_still_imports(self):
        text = export(ExportFormat.JSON, [])
        assert "urges" not in json.loads(text)
        assert read_import(text.encode(), "old.json").urges == ()

    def test_a_bad_urge_is_named(self):
        text = json.dumps({"healjournal": "1", "urges": [{"at": "soon", "day": "x"}]})
        with pytest.raises(InputError, match="urge 1 cannot be imported"):
            read_import(text.encode(), "bad.json")


class TestOneMeaning:
    """The page written on the urge screen is an urge page, linked from its urge:
    search, the review and the export call it one thing (issue 14 item 5)."""

    def urge_with_page(self, journal: Journal) -> Entry:
        page = journal.add_entry("Are you awake?\nDon't answer.", kind=EntryKind.URGE)
        journal.log_urge(EVENING, outcome=UrgeOutcome.RESISTED, letter_id=page.id)
        return page

    def test_the_review_counts_an_urge_and_its_page_once(self, journal):
        self.urge_with_page(journal)
        journal.add_entry("Wanted to call.", kind=EntryKind.URGE)  # add --kind urge
        assert gather_review(journal, TODAY).urges[-1] == WeekCount(
            date(2026, 11, 23), 2, 2, 0
        )

    def test_kind_urge_finds_the_page_and_kind_unsent_the_letters(self, journal):
        page = self.urge_with_page(journal)
        letter = journal.add_entry("Dear you", kind=EntryKind.LETTER)
        entries = journal.entries()
        (found,) = search(entries, parse_query("kind:urge", TODAY)).hits
        assert found.entry.id == page.id
        (found,) = search(entries, parse_query("kind:unsent", TODAY)).hits
        assert found.entry.id == letter.id

    def test_an_export_and_import_keep_the_page_with_its_urge(
        self, journal, clock, tmp_path, capsys
    ):
        from healjournal import cli

        self.urge_with_page(journal)
        exported = tmp_path / "all.json"
        assert cli.main(["export", "-f", "json", "-o", str(exported)]) == 0
        other = tmp_path / "other" / "journal.json"
        for _ in range(2):  # twice: the second adds nothing, and links nothing new
            assert cli.main(["--db", str(other), "import", str(exported)]) == 0
        again = Journal.open(other, clock=clock)
        (page,) = again.entries()
        (urge,) = again.urges()
        assert (page.kind, urge.letter_id) == (EntryKind.URGE, page.id)
        assert gather_review(again, TODAY).urges[-1].logged == 1
        markdown = export(ExportFormat.MARKDOWN, again.entries())
        assert "### 21:04 · Urge\n\nAre you awake?\nDon't answer." in markdown

    def test_an_older_export_is_read_as_the_journal_now_has_it(self, journal):
        def entry(number: int, kind: str, title: str, body: str) -> dict:
            return {
                "id": number,
                "created": f"2026-11-2{number}T22:00:00+00:00",
                "day": f"2026-11-2{number}",
                "kind": kind,
                "title": title,
                "body": body,
            }

        old = {
            "healjournal": "0.9",
            "schema_version": 1,
            "entries": [
                entry(1, "letter", "Dear you", "I kept this."),
                entry(2, "letter", "", "Are you awake?"),
                entry(3, "letter", "", " "),
            ],
            "urges": [
                {
                    "at": "2026-11-22T21:58:00+00:00",
                    "day": "2026-11-22",
                    "letter_id": 2,
                },
                {
                    "at": "2026-11-23T21:58:00+00:00",
                    "day": "2026-11-23",
                    "letter_id": 3,
                },
            ],
        }
        imported = read_import(json.dumps(old).encode(), "old.json")
        ids: dict[int, int] = {}
        assert journal.import_entries(imported.entries, ids) == 2
        assert journal.import_urges(imported.urges, ids) == 2
        letter, page = journal.entries()
        assert (letter.kind, letter.title, letter.body) == (
            EntryKind.LETTER,
            "",
            "Dear you\nI kept this.",
        )
        assert (page.kind, page.text) == (EntryKind.URGE, "Are you awake?")
        assert [u.letter_id for u in journal.urges()] == [page.id, None]


class TestWhatTheUrgeScreenOffers:
    def goals(self) -> list[Goal]:
        return [
            Goal(1, Theme.BODY, "Move for 20 minutes", GoalKind.DAILY),
            Goal(2, Theme.LIFE, "Plan a weekend away", ticks=(TODAY,)),  # done
            Goal(3, Theme.PEOPLE, "Meet one new person", GoalKind.WEEKLY),
            Goal(4, Theme.CAREER, "Update my CV", archived=True),
        ]

    def test_call_a_friend_first_then_goals_not_done_today(self):
        support = urge_support(EVENING, TODAY, Streak(12, 20), self.goals())
        tips = theme_tips(Theme.NO_CONTACT)
        assert support.ideas[0] == tips.instead[0]
        assert "friend" in support.ideas[0].lower()
        goal_ideas = [i for i in support.ideas if "goal" in i]
        assert goal_ideas == [
            "A goal not done today: Move for 20 minutes.",
            "A goal not done today: Meet one new person.",
        ]
        assert any("walk" in idea for idea in support.ideas)
        assert support.no_contact == Streak(12, 20)

    def test_the_line_comes_from_the_no_contact_theme(self):
        lines = theme_tips(Theme.NO_CONTACT).urge_lines
        assert lines
        seen = {
            urge_support(EVENING + timedelta(minutes=n), TODAY, None, ()).line
            for n in range(len(lines))
        }
        assert seen == set(lines)

    def test_the_tips_file_checks_the_urge_lists(self):
        # An empty line in `instead` is named, like any other field.
        text = Path(healjournal.tips.__file__).with_name("tips.toml").read_text("utf-8")
        broken = text.replace("instead = [\n", 'instead = [\n    "",\n', 1)
        with pytest.raises(TipsError, match="'nocontact' instead #1 is empty"):
            parse_tips(broken)
        spoken = parse_tips(text)[-1].spoken(Person())
        assert spoken.instead == theme_tips(Theme.NO_CONTACT).instead

    def test_without_goals_there_are_still_ideas(self):
        assert urge_support(EVENING, TODAY, None, ()).ideas

    @pytest.mark.parametrize(
        ("stored", "minutes"),
        [(None, DEFAULT_MINUTES), (5, 5), (60, 60), (0, 10), (61, 10), ("7", 10)],
    )
    def test_the_wait_comes_from_the_settings(self, stored, minutes):
        settings = {} if stored is None else {URGE_MINUTES_SETTING: stored}
        assert urge_minutes(settings) == minutes


def test_urges_go_out_in_the_json_export_and_come_back_once(
    journal, journal_path, clock, tmp_path, capsys
):
    from healjournal import cli

    at = clock.now()
    journal.log_urge(at, day=clock.today(), strength=4, outcome=UrgeOutcome.RESISTED)
    exported = tmp_path / "all.json"
    assert cli.main(["export", "-f", "json", "-o", str(exported)]) == 0
    other = tmp_path / "other" / "journal.json"
    assert cli.main(["--db", str(other), "import", str(exported)]) == 0
    assert "1 urge" in capsys.readouterr().out
    assert cli.main(["--db", str(other), "import", str(exported)]) == 0
    again = Journal.open(other, clock=clock)
    (urge,) = again.urges()
    assert (urge.strength, urge.outcome) == (4, UrgeOutcome.RESISTED)
