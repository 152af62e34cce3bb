"""The review: every figure of "how is it going", from journals with known answers.

Each expected number was counted by hand; the comments show the arithmetic.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from healjournal.clock import FrozenClock
from healjournal.domain.models import (
    Entry,
    EntryKind,
    Goal,
    GoalKind,
    NoContact,
    Slip,
    Theme,
)
from healjournal.domain.moods import daily_moods, mood_level
from healjournal.domain.stats import (
    HeatDay,
    Run,
    Streak,
    ThemeBalance,
    WeekCount,
    WeekMentions,
)
from healjournal.insight.figures import (
    NAME_SETTING,
    Review,
    build_review,
    gather_review,
)
from healjournal.insight.overview import gather
from healjournal.storage.journal import Journal
from healjournal.tips import theme_tips

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 24)  # a Tuesday, as in conftest.FROZEN_AT


def entry(
    day: date,
    text: str = "words",
    *,
    mood: int | None = None,
    kind: EntryKind = EntryKind.REFLECTION,
    number: int = 1,
) -> Entry:
    return Entry(
        id=number,
        created=datetime.combine(day, time(21), LONDON),
        day=day,
        kind=kind,
        body=text,
        mood=mood,
    )


def entries(*specs: tuple[date, str, int | None]) -> list[Entry]:
    """Reflections from (day, text, mood), numbered in order."""
    return [
        entry(day, text, mood=mood, number=n)
        for n, (day, text, mood) in enumerate(specs, start=1)
    ]


def review(
    written: list[Entry] | None = None,
    goals: list[Goal] | None = None,
    record: NoContact | None = None,
    settings: dict[str, object] | None = None,
    today: date = TODAY,
) -> Review:
    return build_review(
        written or [], goals or [], record or NoContact(), settings or {}, today
    )


def slip(day: date, number: int = 1) -> Slip:
    return Slip(id=number, day=day)


class TestWriting:
    def test_a_streak_across_the_year_end(self) -> None:
        # 30 Dec, 31 Dec, 1 Jan, 2 Jan: four days in a row, ending today.
        days = [date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 1)]
        written = entries(*((d, "one two", None) for d in [*days, date(2027, 1, 2)]))
        result = review(written, today=date(2027, 1, 2))
        assert result.writing == Streak(current=4, best=4)
        assert (result.entries, result.days_written, result.words) == (4, 4, 8)
        # Sat 2 Jan's week began Mon 28 Dec: all four days. January: two.
        assert result.words_this_week == 8
        assert result.words_this_month == 4

    def test_a_broken_streak_across_a_month_end(self) -> None:
        # 29, 30 Nov, 1 Dec written; today 3 Dec, nothing on 2 Dec: broken.
        days = [date(2026, 11, 29), date(2026, 11, 30), date(2026, 12, 1)]
        result = review(entries(*((d, "a", 3) for d in days)), today=date(2026, 12, 3))
        assert result.writing == Streak(current=0, best=3)
        # Thu 3 Dec: the week from Mon 30 Nov holds 30 Nov and 1 Dec.
        assert (result.words_this_week, result.words_this_month) == (2, 1)

    def test_several_entries_on_one_day(self) -> None:
        written = [
            entry(TODAY, "one two three", mood=2, number=1),
            entry(TODAY, "four five", kind=EntryKind.LETTER, number=2),
            entry(TODAY, "six", mood=5, kind=EntryKind.URGE, number=3),
        ]
        result = review(written)
        assert (result.entries, result.days_written, result.words) == (3, 1, 6)
        assert result.writing == Streak(current=1, best=1)
        # The day's mood is the mean of the moods set: (2 + 5) / 2.
        assert result.mood_30[-1] == 3.5
        assert result.heatmap[-1][1] == HeatDay(TODAY, True, 3.5, False)

    def test_entries_dated_ahead_are_left_out(self) -> None:
        written = entries((TODAY, "one", 3), (date(2026, 11, 25), "two three", 5))
        result = review(written)
        assert (result.entries, result.days_written, result.words) == (1, 1, 1)
        assert result.mood_30[-1] == 3.0


class TestNoContact:
    def test_a_slip_on_the_first_day(self) -> None:
        # Started (last contact) and slipped on 14 Nov: one contact, 10 days.
        record = NoContact(
            started=date(2026, 11, 14), slips=(slip(date(2026, 11, 14)),)
        )
        result = review(record=record)
        assert result.no_contact == Streak(current=10, best=10)
        assert result.runs == (Run(date(2026, 11, 14), TODAY, 10),)
        assert result.started == date(2026, 11, 14)
        assert result.slips == record.slips

    def test_runs_agree_with_the_streak(self) -> None:
        # Start 1 Oct, slip 20 Oct (19 days), today 24 Nov: 35 days now.
        record = NoContact(started=date(2026, 10, 1), slips=(slip(date(2026, 10, 20)),))
        result = review(record=record)
        assert result.no_contact == Streak(current=35, best=35)
        assert [r.days for r in result.runs] == [19, 35]

    def test_urges_in_the_last_eight_weeks_with_a_slip_on_an_urge_day(self) -> None:
        written = [
            entry(date(2026, 10, 20), kind=EntryKind.URGE, number=1),
            entry(date(2026, 10, 20), kind=EntryKind.URGE, number=2),
            entry(date(2026, 11, 12), kind=EntryKind.URGE, number=3),
            entry(date(2026, 9, 28), kind=EntryKind.URGE, number=4),  # 9 weeks ago
        ]
        record = NoContact(started=date(2026, 9, 1), slips=(slip(date(2026, 10, 20)),))
        result = review(written, record=record)
        # Eight Mondays: 5 Oct ... 23 Nov.
        assert [w.week for w in result.urges] == [
            date(2026, 10, 5) + timedelta(weeks=n) for n in range(8)
        ]
        by_week = {w.week: w for w in result.urges}
        assert by_week[date(2026, 10, 19)] == WeekCount(date(2026, 10, 19), 2, 0, 2)
        assert by_week[date(2026, 11, 9)] == WeekCount(date(2026, 11, 9), 1, 1)
        assert sum(w.logged for w in result.urges) == 3


class TestEmpty:
    def test_an_empty_journal(self) -> None:
        result = review()
        assert result.is_empty
        assert (result.entries, result.days_written, result.words) == (0, 0, 0)
        assert (result.words_this_week, result.words_this_month) == (0, 0)
        assert result.writing == Streak(0, 0)
        assert result.no_contact is None
        assert (result.started, result.runs, result.slips) == (None, (), ())
        assert [(w.logged, w.resisted) for w in result.urges] == [(0, 0)] * 8
        assert result.mood_30 == (None,) * 30
        assert result.mood_90 == (None,) * 90
        assert (result.mood_avg_30, result.mood_avg_prev_30) == (None, None)
        assert result.mood_trend == ""
        assert len(result.heatmap) == 26
        assert not any(d.written for column in result.heatmap for d in column)
        assert [b.theme for b in result.balance] == list(Theme)
        assert (result.month_ago, result.year_ago) == (None, None)
        assert (result.name, result.mentions) == (None, ())
        json.dumps(result.to_json())

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"written": [entry(TODAY)]},
            {"goals": [Goal(1, Theme.BODY, "Run", archived=True)]},
            {"record": NoContact(started=date(2026, 11, 1))},
            {"record": NoContact(slips=(slip(date(2026, 11, 1)),))},
        ],
    )
    def test_anything_at_all_makes_it_not_empty(self, kwargs: dict) -> None:
        assert not review(**kwargs).is_empty


class TestMood:
    @staticmethod
    def moods(previous: list[int], recent: list[int]) -> list[Entry]:
        # Recent window: today-29 .. today; previous: today-59 .. today-30.
        specs = [
            (TODAY - timedelta(days=30 + n), "p", m) for n, m in enumerate(previous)
        ]
        specs += [(TODAY - timedelta(days=n), "r", m) for n, m in enumerate(recent)]
        return entries(*specs)

    @pytest.mark.parametrize(
        ("previous", "recent", "trend", "averages"),
        [
            ([2] * 5, [4] * 5, "up", (4.0, 2.0)),
            ([4] * 5, [3] * 5, "down", (3.0, 4.0)),
            ([3] * 5, [3, 3, 3, 3, 4], "steady", (3.2, 3.0)),
            ([3] * 5, [5] * 4, "", (5.0, 3.0)),  # four mood days are not enough
            ([], [5] * 9, "", (5.0, None)),
        ],
    )
    def test_trend(
        self,
        previous: list[int],
        recent: list[int],
        trend: str,
        averages: tuple[float | None, float | None],
    ) -> None:
        result = review(self.moods(previous, recent))
        assert result.mood_trend == trend
        assert (result.mood_avg_30, result.mood_avg_prev_30) == pytest.approx(averages)

    def test_the_window_edges(self) -> None:
        written = entries(
            (TODAY - timedelta(days=29), "first day of the last 30", 5),
            (TODAY - timedelta(days=30), "last day of the 30 before", 1),
            (TODAY - timedelta(days=89), "first of 90", 2),
            (TODAY - timedelta(days=90), "too old for the 90", 4),
        )
        result = review(written)
        assert result.mood_30[0] == 5.0 and result.mood_30.count(None) == 29
        assert (result.mood_avg_30, result.mood_avg_prev_30) == (5.0, 1.0)
        assert result.mood_90[0] == 2.0
        assert result.mood_90[59:61] == (1.0, 5.0)
        assert sum(m is not None for m in result.mood_90) == 3


class TestHeatmap:
    def test_shape_and_marks(self) -> None:
        written = entries((date(2026, 11, 23), "no mood", None), (TODAY, "good", 4))
        columns = review(written).heatmap
        assert len(columns) == 26 and {len(c) for c in columns} == {7}
        assert columns[0][0].day == date(2026, 6, 1)  # a Monday, 25 weeks back
        assert columns[-1][0] == HeatDay(date(2026, 11, 23), True, None, False)
        assert columns[-1][1] == HeatDay(TODAY, True, 4.0, False)
        assert all(d.future for d in columns[-1][2:])
        assert columns[10][3] == HeatDay(columns[10][3].day, False, None, False)


class TestThemes:
    DEC_1 = date(2026, 12, 1)  # a Tuesday: the week began on Mon 30 Nov

    def test_balance_at_a_month_boundary_and_suggestions(self) -> None:
        goals = [
            Goal(1, Theme.BODY, "Move", GoalKind.DAILY, ticks=(date(2026, 11, 30),)),
            Goal(2, Theme.LIFE, "Walk", GoalKind.DAILY, ticks=(self.DEC_1,)),
            Goal(3, Theme.NO_CONTACT, "No texts", GoalKind.DAILY, ticks=(self.DEC_1,)),
            Goal(4, Theme.CAREER, "CV"),
        ]
        result = review(goals=goals, today=self.DEC_1)
        assert result.balance[:3] == (
            ThemeBalance(Theme.LIFE, week=1, month=1, open_goals=0),
            ThemeBalance(Theme.BODY, week=1, month=0, open_goals=1),
            ThemeBalance(Theme.CAREER, week=0, month=0, open_goals=1),
        )
        # Monday's tick is in the week but not the month; social is optional.
        assert result.neglected == (Theme.BODY, Theme.CAREER, Theme.GOAL, Theme.PEOPLE)
        assert [t for t, _ in result.suggestions] == list(result.neglected)
        for theme, action in result.suggestions:
            actions = theme_tips(theme).actions
            assert action == actions[self.DEC_1.toordinal() % len(actions)]

    def test_suggestions_change_from_day_to_day(self) -> None:
        first = review(today=self.DEC_1).suggestions
        second = review(today=self.DEC_1 + timedelta(days=1)).suggestions
        assert [t for t, _ in first] == [t for t, _ in second]
        assert all(a != b for (_, a), (_, b) in zip(first, second, strict=True))


class TestOnThisDay:
    @pytest.mark.parametrize(
        ("today", "month_ago", "year_ago"),
        [
            (date(2027, 3, 31), date(2027, 2, 28), date(2026, 3, 31)),
            (date(2028, 3, 31), date(2028, 2, 29), date(2027, 3, 31)),  # leap year
            (date(2028, 2, 29), date(2028, 1, 29), date(2027, 2, 28)),
            (date(2027, 1, 15), date(2026, 12, 15), date(2026, 1, 15)),
        ],
    )
    def test_the_days(self, today: date, month_ago: date, year_ago: date) -> None:
        result = review(today=today)
        assert (result.month_ago_day, result.year_ago_day) == (month_ago, year_ago)

    def test_the_reflection_is_preferred_then_the_longest(self) -> None:
        feb_28 = date(2027, 2, 28)
        written = [
            entry(feb_28, "a long letter " * 20, kind=EntryKind.LETTER, number=1),
            entry(feb_28, "short reflection", number=2),
            entry(feb_28, "the urge", kind=EntryKind.URGE, number=3),
            entry(date(2026, 3, 31), "a letter", kind=EntryKind.LETTER, number=4),
            entry(
                date(2026, 3, 31),
                "a longer letter here",
                kind=EntryKind.LETTER,
                number=5,
            ),
        ]
        result = review(written, today=date(2027, 3, 31))
        assert result.month_ago is not None and result.month_ago.id == 2
        assert result.year_ago is not None and result.year_ago.id == 5

    def test_a_reflection_with_only_a_mood_gives_way_to_words(self) -> None:
        day = TODAY - timedelta(days=31)  # 24 Oct
        written = [
            entry(day, "", mood=3, number=1),
            entry(day, "something to reread", kind=EntryKind.LETTER, number=2),
        ]
        assert review(written).month_ago == written[1]

    def test_nothing_written_that_day(self) -> None:
        written = entries((date(2026, 10, 23), "the day before", 3))
        result = review(written)
        assert result.month_ago_day == date(2026, 10, 24)
        assert result.month_ago is None and result.year_ago is None


class TestMentions:
    def test_weekly_mentions_of_the_name_in_the_settings(self) -> None:
        written = entries(
            (date(2026, 9, 1), "Sam", None),  # before the 12 weeks
            (date(2026, 9, 7), "Sam, Samantha and the same Sam", None),
            (TODAY, "Saw SAM's post. Sam.", None),
        )
        result = review(written, settings={NAME_SETTING: "Sam"})
        assert result.name == "Sam"
        assert len(result.mentions) == 12
        assert result.mentions[0] == WeekMentions(date(2026, 9, 7), 2)
        assert result.mentions[-1] == WeekMentions(date(2026, 11, 23), 2)
        assert sum(m.count for m in result.mentions) == 4

    @pytest.mark.parametrize("value", [None, "", "   ", 42, ["Sam"]])
    def test_no_name(self, value: object) -> None:
        settings = {} if value is None else {NAME_SETTING: value}
        result = review(entries((TODAY, "Sam", None)), settings=settings)
        assert (result.name, result.mentions) == (None, ())

    def test_spaces_in_the_name_are_tidied(self) -> None:
        result = review(
            entries((TODAY, "Mary Jane", None)), settings={"name": " Mary  Jane "}
        )
        assert result.name == "Mary Jane"
        assert result.mentions[-1].count == 1


class TestDaylightSaving:
    """Entries written just after midnight and just before it, around the
    Europe/London clock changes, stay on the day they were written."""

    @pytest.mark.parametrize(
        ("local", "day"),
        [
            # 29 Mar 2026, clocks go forward at 01:00 GMT.
            (datetime(2026, 3, 29, 0, 30), date(2026, 3, 29)),
            (datetime(2026, 3, 29, 23, 30), date(2026, 3, 29)),  # 22:30 UTC
            (datetime(2026, 3, 30, 0, 30), date(2026, 3, 30)),  # Sun 23:30 UTC
            # 25 Oct 2026, clocks go back at 02:00 BST.
            (datetime(2026, 10, 25, 0, 30), date(2026, 10, 25)),  # Sat 23:30 UTC
            (datetime(2026, 10, 25, 23, 30), date(2026, 10, 25)),
            (datetime(2026, 10, 26, 0, 30), date(2026, 10, 26)),  # Mon
        ],
    )
    def test_the_day_stays_local(
        self, journal: Journal, clock: FrozenClock, local: datetime, day: date
    ) -> None:
        clock.set(local.replace(tzinfo=LONDON))
        journal.add_entry("late one", kind=EntryKind.URGE, mood=3)
        result = gather_review(journal, day)
        assert result.days_written == 1
        assert result.heatmap[-1][day.weekday()].written
        assert result.urges[-1] == WeekCount(day - timedelta(days=day.weekday()), 1, 1)
        assert result.words_this_week == 2

    def test_weeks_split_on_the_local_monday(
        self, journal: Journal, clock: FrozenClock
    ) -> None:
        # Sun 29 Mar 23:30 BST and Mon 30 Mar 00:30 BST (Sun 23:30 UTC) are in
        # different weeks; so are Sun 25 Oct 23:30 GMT and Mon 26 Oct 00:30.
        for local in (
            datetime(2026, 3, 29, 23, 30),
            datetime(2026, 3, 30, 0, 30),
            datetime(2026, 10, 25, 0, 30),
            datetime(2026, 10, 25, 23, 30),
            datetime(2026, 10, 26, 0, 30),
        ):
            clock.set(local.replace(tzinfo=LONDON))
            journal.add_entry("Sam again", kind=EntryKind.URGE)
        journal.set_setting(NAME_SETTING, "Sam")

        spring = gather_review(journal, date(2026, 4, 5))
        assert [(w.week, w.logged) for w in spring.urges[-2:]] == [
            (date(2026, 3, 23), 1),
            (date(2026, 3, 30), 1),
        ]
        autumn = gather_review(journal, date(2026, 11, 1))
        assert [(w.week, w.logged) for w in autumn.urges[-2:]] == [
            (date(2026, 10, 19), 2),
            (date(2026, 10, 26), 1),
        ]
        assert [m.count for m in autumn.mentions[-2:]] == [2, 1]
        assert autumn.heatmap[-2][6].day == date(2026, 10, 25)
        assert autumn.heatmap[-2][6].written and autumn.heatmap[-1][0].written
        assert not autumn.heatmap[-2][5].written  # Saturday 24 Oct


class TestGather:
    def test_gather_equals_build_on_the_same_data(
        self, journal: Journal, clock: FrozenClock
    ) -> None:
        for days_ago, mood in [(40, 2), (31, 3), (3, None), (1, 4), (0, 5)]:
            journal.add_entry(
                f"Day {days_ago}: Sam said hello",
                day=TODAY - timedelta(days_ago),
                mood=mood,
            )
        journal.add_entry("the urge", kind=EntryKind.URGE, day=TODAY - timedelta(3))
        walk = journal.add_goal("Walk", Theme.LIFE, GoalKind.DAILY)
        journal.tick_goal(walk.id, TODAY)
        old = journal.add_goal("Old plan", Theme.CAREER)
        journal.tick_goal(old.id, TODAY - timedelta(1))
        journal.archive_goal(old.id)
        journal.start_no_contact(date(2026, 10, 1))
        journal.log_slip(TODAY - timedelta(3), "texted")
        journal.set_setting(NAME_SETTING, "Sam")

        gathered = gather_review(journal, TODAY)
        built = build_review(
            journal.entries(),
            journal.goals(include_archived=True),
            journal.no_contact(),
            journal.settings(),
            TODAY,
        )
        assert gathered == built
        # 1 Oct -> slip 21 Nov: 30 (Oct) + 21 = 51; 21 -> 24 Nov: 3.
        assert gathered.no_contact == Streak(current=3, best=51)
        assert gathered.goals == 2
        # The archived goal's tick still counts for its theme this month.
        career = next(b for b in gathered.balance if b.theme is Theme.CAREER)
        assert (career.week, career.month, career.open_goals) == (1, 1, 0)
        # This week (from Mon 23 Nov) holds the entries of 23 and 24 Nov.
        assert gathered.mentions[-1].count == 2


class TestJson:
    def full_review(self) -> Review:
        written = [
            entry(date(2026, 10, 24), "A month ago I wrote this", mood=3, number=1),
            entry(TODAY, "Zoë, today", mood=4, number=2),
            entry(TODAY, "urge", kind=EntryKind.URGE, number=3),
        ]
        goals = [Goal(1, Theme.BODY, "Move", GoalKind.DAILY, ticks=(TODAY,))]
        record = NoContact(started=date(2026, 10, 1), slips=(Slip(1, TODAY, "hm"),))
        return review(written, goals, record, {NAME_SETTING: "Zoë"})

    def test_it_is_plain_json_and_round_trips(self) -> None:
        result = self.full_review()
        data = result.to_json()
        assert json.loads(json.dumps(data)) == data

    def test_dates_are_iso_strings(self) -> None:
        result = self.full_review()
        data = result.to_json()
        assert date.fromisoformat(data["today"]) == result.today
        assert data["no_contact"]["started"] == "2026-10-01"
        assert data["no_contact"]["runs"] == [
            {"start": "2026-10-01", "end": "2026-11-24", "days": 54},
            {"start": "2026-11-24", "end": "2026-11-24", "days": 0},
        ]
        assert data["no_contact"]["slips"] == [{"day": "2026-11-24", "note": "hm"}]
        assert data["urges"][-1] == {
            "week": "2026-11-23",
            "logged": 1,
            "resisted": 0,
            "contacted": 1,
        }
        month_ago = data["on_this_day"]["month_ago"]
        assert month_ago["day"] == "2026-10-24"
        assert month_ago["entry"]["id"] == 1 and month_ago["entry"]["mood"] == 3
        assert data["on_this_day"]["year_ago"] == {"day": "2025-11-24", "entry": None}
        assert data["mentions"] == {
            "name": "Zoë",
            "weeks": [
                {
                    "week": (date(2026, 9, 7) + timedelta(weeks=n)).isoformat(),
                    "count": 0,
                }
                for n in range(11)
            ]
            + [{"week": "2026-11-23", "count": 1}],
        }

    def test_stable_keys(self) -> None:
        for result in (review(), self.full_review()):
            data = result.to_json()
            assert list(data) == [
                "today",
                "writing",
                "goals",
                "no_contact",
                "urges",
                "mood",
                "heatmap",
                "themes",
                "on_this_day",
                "mentions",
            ]
            assert list(data["writing"]) == [
                "entries",
                "days_written",
                "words",
                "words_this_week",
                "words_this_month",
                "streak",
            ]
            assert list(data["no_contact"]) == [
                "current",
                "best",
                "started",
                "slips",
                "runs",
            ]
            assert list(data["mood"]) == [
                "last_30",
                "last_90",
                "average_30",
                "average_previous_30",
                "trend",
            ]
            assert len(data["heatmap"]) == 26
            assert all(len(week["days"]) == 7 for week in data["heatmap"])
            assert [t["theme"] for t in data["themes"]] == [t.value for t in Theme]

    def test_figures(self) -> None:
        data = self.full_review().to_json()
        assert data["writing"]["streak"] == {"current": 1, "best": 1}
        assert data["no_contact"]["current"] == 0
        assert data["no_contact"]["best"] == 54
        assert data["mood"]["last_30"][-1] == 4.0
        assert data["mood"]["average_30"] == 4.0
        body = next(t for t in data["themes"] if t["theme"] == "body")
        assert body == {
            "theme": "body",
            "name": "Your body, your standards",
            "week": 1,
            "month": 1,
            "open_goals": 0,
            "neglected": False,
            "suggestion": None,
        }
        career = next(t for t in data["themes"] if t["theme"] == "career")
        assert (
            career["neglected"]
            and career["suggestion"] in theme_tips(Theme.CAREER).actions
        )

    def test_moods_are_rounded(self) -> None:
        written = [entry(TODAY, mood=m, number=m) for m in (1, 2, 2)]
        data = review(written).to_json()
        assert data["mood"]["last_30"][-1] == 1.67  # (1 + 2 + 2) / 3


class TestOverviewMoods:
    def test_the_calendar_shows_the_days_mean_mood(
        self, journal: Journal, clock: FrozenClock
    ) -> None:
        # 23 Nov: 2 then 5 -> 3.5, shown as 4 (the last mood, 5, before).
        # 24 Nov: 3 then an urge without a mood -> 3. 22 Nov: no mood at all.
        journal.add_entry("low", day=date(2026, 11, 23), mood=2)
        journal.add_entry("better", day=date(2026, 11, 23), mood=5)
        journal.add_entry("today", day=TODAY, mood=3)
        journal.add_entry("urge", day=TODAY, kind=EntryKind.URGE)
        journal.add_entry("no mood", day=date(2026, 11, 22))
        overview = gather(journal, TODAY)
        assert overview.moods == {
            date(2026, 11, 22): None,
            date(2026, 11, 23): 4,
            TODAY: 3,
        }
        means = daily_moods(journal.entries())
        assert overview.moods == {d: mood_level(m) for d, m in means.items()}
        assert gather_review(journal, TODAY).mood_30[-2:] == (3.5, 3.0)
