"""The numbers on the glance: no-contact days, milestones, writing streaks.

Every expected number here was counted by hand on a calendar; the comments
show the arithmetic.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from healjournal.domain.dates import week_start
from healjournal.domain.models import (
    Entry,
    EntryKind,
    Goal,
    GoalKind,
    NoContact,
    Slip,
    Theme,
)
from healjournal.domain.moods import (
    daily_moods,
    mean,
    mood_level,
    mood_series,
    mood_trend,
)
from healjournal.domain.stats import (
    HeatDay,
    Run,
    Streak,
    ThemeBalance,
    WeekCount,
    WeekMentions,
    fold,
    heatmap,
    mentions_by_week,
    milestones_reached,
    neglected_themes,
    next_milestone,
    no_contact_runs,
    no_contact_streak,
    theme_balance,
    urges_by_week,
    words_written,
    writing_streak,
)

TODAY = date(2026, 11, 24)


def slips(*days: date) -> tuple[Slip, ...]:
    return tuple(Slip(id=i, day=d) for i, d in enumerate(days, start=1))


# -- no contact --


class TestNoContactStreak:
    def test_no_start_and_no_slips_means_no_streak(self) -> None:
        assert no_contact_streak(NoContact(), TODAY) is None

    def test_started_yesterday_is_day_one(self) -> None:
        record = NoContact(started=date(2026, 11, 23))
        assert no_contact_streak(record, TODAY) == Streak(current=1, best=1)

    def test_started_today_is_day_zero(self) -> None:
        record = NoContact(started=TODAY)
        assert no_contact_streak(record, TODAY) == Streak(current=0, best=0)

    def test_a_start_in_the_future_does_not_count_yet(self) -> None:
        record = NoContact(started=date(2026, 11, 30))
        assert no_contact_streak(record, TODAY) is None

    def test_a_slip_today_resets_to_zero_and_keeps_the_best(self) -> None:
        # Start 1 Oct, slip 24 Nov (today). This morning the count read
        # 30 (Oct) + 24 (Nov) = Day 54, and that is the best it keeps.
        record = NoContact(started=date(2026, 10, 1), slips=slips(TODAY))
        assert no_contact_streak(record, TODAY) == Streak(current=0, best=54)

    def test_a_first_slip_starts_the_count_without_a_start(self) -> None:
        # Slip on 14 Nov, today 24 Nov: 24 - 14 = 10 days.
        record = NoContact(slips=slips(date(2026, 11, 14)))
        assert no_contact_streak(record, TODAY) == Streak(current=10, best=10)

    def test_slips_across_a_year_end_and_a_month_end(self) -> None:
        # Start 20 Dec 2025, slip 3 Jan 2026, today 1 Feb 2026.
        # Finished run: on 3 Jan the count read 11 (Dec) + 3 (Jan) = 14.
        # Current: 3 Jan -> 31 Jan = 28 days, -> 1 Feb = 29 days.
        record = NoContact(started=date(2025, 12, 20), slips=slips(date(2026, 1, 3)))
        assert no_contact_streak(record, date(2026, 2, 1)) == Streak(
            current=29, best=29
        )

    def test_the_best_run_from_before_a_month_end_slip_is_kept(self) -> None:
        # Start 1 Nov 2025, slip 30 Jan 2026, today 2 Feb 2026.
        # Finished run: on 30 Jan the count read 29 (Nov) + 31 (Dec) + 30 = 90.
        # Current: 30 Jan -> 31 Jan = 1, -> 1 Feb = 2, -> 2 Feb = 3.
        record = NoContact(started=date(2025, 11, 1), slips=slips(date(2026, 1, 30)))
        assert no_contact_streak(record, date(2026, 2, 2)) == Streak(current=3, best=90)

    def test_several_slips_keep_the_longest_finished_run(self) -> None:
        # Start 1 Sep. Slips 10 Sep (the count read 9), 31 Oct (20 in Sep +
        # 31 in Oct = 51), 4 Nov (4). Current 24 - 4 = 20.
        record = NoContact(
            started=date(2026, 9, 1),
            slips=slips(date(2026, 9, 10), date(2026, 10, 31), date(2026, 11, 4)),
        )
        assert no_contact_streak(record, TODAY) == Streak(current=20, best=51)

    def test_a_slip_on_the_day_no_contact_started(self) -> None:
        # Started and slipped on 14 Nov: one contact day, 24 - 14 = 10 since.
        record = NoContact(started=date(2026, 11, 14), slips=slips(date(2026, 11, 14)))
        assert no_contact_streak(record, TODAY) == Streak(current=10, best=10)

    def test_two_slips_on_the_same_day_are_one_contact(self) -> None:
        # Start 1 Nov, two slips 10 Nov: that run read 9; current 24-10 = 14.
        record = NoContact(
            started=date(2026, 11, 1),
            slips=slips(date(2026, 11, 10), date(2026, 11, 10)),
        )
        assert no_contact_streak(record, TODAY) == Streak(current=14, best=14)

    def test_two_slips_today_make_day_zero(self) -> None:
        record = NoContact(slips=slips(TODAY, TODAY))
        assert no_contact_streak(record, TODAY) == Streak(current=0, best=0)

    def test_slips_in_the_future_are_ignored(self) -> None:
        # Start 4 Nov, today 24 Nov: 20 days; a slip on 1 Dec has not happened.
        record = NoContact(started=date(2026, 11, 4), slips=slips(date(2026, 12, 1)))
        assert no_contact_streak(record, TODAY) == Streak(current=20, best=20)

    def test_only_future_slips_means_no_streak_yet(self) -> None:
        record = NoContact(slips=slips(date(2026, 12, 1)))
        assert no_contact_streak(record, TODAY) is None

    def test_slips_out_of_order_give_the_same_answer(self) -> None:
        in_order = NoContact(
            started=date(2026, 9, 1),
            slips=slips(date(2026, 9, 10), date(2026, 11, 4)),
        )
        shuffled = NoContact(
            started=date(2026, 9, 1),
            slips=slips(date(2026, 11, 4), date(2026, 9, 10)),
        )
        assert no_contact_streak(shuffled, TODAY) == no_contact_streak(in_order, TODAY)


class TestMilestones:
    @pytest.mark.parametrize(
        ("days", "reached", "upcoming"),
        [
            (0, (), 7),
            (6, (), 7),
            (7, (7,), 14),
            (13, (7,), 14),
            (14, (7, 14), 30),
            (30, (7, 14, 30), 60),
            (364, (7, 14, 30, 60, 90, 180), 365),
            (365, (7, 14, 30, 60, 90, 180, 365), None),
            (400, (7, 14, 30, 60, 90, 180, 365), None),
        ],
    )
    def test_reached_and_next(
        self, days: int, reached: tuple[int, ...], upcoming: int | None
    ) -> None:
        assert milestones_reached(days) == reached
        assert next_milestone(days) == upcoming


# -- writing streak --


class TestWritingStreak:
    def test_nothing_written(self) -> None:
        assert writing_streak([], TODAY) == Streak(current=0, best=0)

    def test_written_today_only(self) -> None:
        assert writing_streak([TODAY], TODAY) == Streak(current=1, best=1)

    def test_written_yesterday_but_not_yet_today_is_still_alive(self) -> None:
        # 21, 22, 23 Nov written; 24 Nov not yet: the 3-day run still stands.
        days = [date(2026, 11, 21), date(2026, 11, 22), date(2026, 11, 23)]
        assert writing_streak(days, TODAY) == Streak(current=3, best=3)

    def test_last_written_two_days_ago_is_broken_but_best_is_kept(self) -> None:
        # 20, 21, 22 Nov written, nothing on 23 Nov: broken, best run 3.
        days = [date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)]
        assert writing_streak(days, TODAY) == Streak(current=0, best=3)

    def test_a_new_run_after_a_gap(self) -> None:
        # 1-5 Nov (5 days), gap, 22-24 Nov (3 days).
        days = [date(2026, 11, d) for d in (1, 2, 3, 4, 5, 22, 23, 24)]
        assert writing_streak(days, TODAY) == Streak(current=3, best=5)

    def test_a_run_across_new_year(self) -> None:
        # 30 Dec, 31 Dec, 1 Jan, 2 Jan: 4 days in a row.
        days = [
            date(2026, 12, 30),
            date(2026, 12, 31),
            date(2027, 1, 1),
            date(2027, 1, 2),
        ]
        assert writing_streak(days, date(2027, 1, 2)) == Streak(current=4, best=4)

    def test_a_run_across_the_end_of_february_in_a_leap_year(self) -> None:
        # 2028 is a leap year: 28 Feb, 29 Feb, 1 Mar are 3 days in a row.
        days = [date(2028, 2, 28), date(2028, 2, 29), date(2028, 3, 1)]
        assert writing_streak(days, date(2028, 3, 1)) == Streak(current=3, best=3)

    def test_skipping_the_leap_day_breaks_the_run(self) -> None:
        # 28 Feb then 1 Mar 2028 misses 29 Feb: two runs of 1.
        days = [date(2028, 2, 28), date(2028, 3, 1)]
        assert writing_streak(days, date(2028, 3, 1)) == Streak(current=1, best=1)

    def test_the_end_of_february_in_a_common_year_is_continuous(self) -> None:
        # 2027 has no 29 Feb: 28 Feb, 1 Mar are 2 days in a row.
        days = [date(2027, 2, 28), date(2027, 3, 1)]
        assert writing_streak(days, date(2027, 3, 1)) == Streak(current=2, best=2)

    def test_several_entries_on_one_day_count_once(self) -> None:
        days = [date(2026, 11, 23)] * 3 + [TODAY] * 2
        assert writing_streak(days, TODAY) == Streak(current=2, best=2)

    def test_days_in_the_future_are_ignored(self) -> None:
        # Only today is real; 25-30 Nov (dated ahead) do not lengthen anything.
        days = [TODAY] + [date(2026, 11, d) for d in range(25, 31)]
        assert writing_streak(days, TODAY) == Streak(current=1, best=1)

    def test_unsorted_input_and_any_iterable(self) -> None:
        days = (d for d in [TODAY, date(2026, 11, 22), date(2026, 11, 23)])
        assert writing_streak(days, TODAY) == Streak(current=3, best=3)


class TestTicksThisWeek:
    def test_counts_ticks_from_monday_to_today_of_active_goals(self) -> None:
        from healjournal.domain.models import Goal, GoalKind, Theme
        from healjournal.domain.stats import ticks_this_week

        # TODAY is Tuesday 24 Nov 2026: the week began on Monday 23 Nov.
        daily = Goal(
            id=1,
            theme=Theme.BODY,
            title="Stretch",
            kind=GoalKind.DAILY,
            ticks=(date(2026, 11, 22), date(2026, 11, 23), TODAY),
        )
        archived = Goal(
            id=2, theme=Theme.LIFE, title="Old", ticks=(TODAY,), archived=True
        )
        later = Goal(id=3, theme=Theme.GOAL, title="x", ticks=(date(2026, 11, 26),))
        # Sunday's tick is last week's, the archived goal and the future don't count.
        assert ticks_this_week([daily, archived, later], TODAY) == 2
        assert ticks_this_week([], TODAY) == 0


# -- the review's figures --
#
# Helpers for the tests below: entries and goals with only what matters set.

LONDON = ZoneInfo("Europe/London")


def entry(
    day: date,
    text: str = "",
    *,
    mood: int | None = None,
    kind: EntryKind = EntryKind.REFLECTION,
    title: str = "",
    number: int = 1,
) -> Entry:
    return Entry(
        id=number,
        created=datetime.combine(day, time(21), LONDON),
        day=day,
        kind=kind,
        title=title,
        body=text,
        mood=mood,
    )


def urge(day: date) -> Entry:
    return entry(day, "want to text him", kind=EntryKind.URGE)


class TestDailyMoods:
    def test_the_mean_of_the_moods_set_that_day(self) -> None:
        # 23 Nov: moods 2 and 5 and one entry without: (2 + 5) / 2 = 3.5.
        entries = [
            entry(date(2026, 11, 23), mood=2),
            entry(date(2026, 11, 23)),
            entry(date(2026, 11, 23), mood=5),
            entry(date(2026, 11, 20), mood=4),
            entry(TODAY, "written, no mood"),
        ]
        moods = daily_moods(entries)
        assert moods == {
            date(2026, 11, 20): 4.0,
            date(2026, 11, 23): 3.5,
            TODAY: None,
        }
        assert list(moods) == sorted(moods)  # oldest first, whatever the input

    def test_nothing_written(self) -> None:
        assert daily_moods([]) == {}

    @pytest.mark.parametrize(
        ("mood", "level"),
        [(None, None), (1.0, 1), (2.4, 2), (2.5, 3), (3.5, 4), (4.75, 5), (5.0, 5)],
    )
    def test_mood_level_rounds_halves_up(
        self, mood: float | None, level: int | None
    ) -> None:
        assert mood_level(mood) == level


class TestMoodSeries:
    def test_pads_days_without_a_mood_with_none(self) -> None:
        moods = {
            date(2026, 11, 22): 3.0,
            TODAY: 4.5,
            date(2026, 11, 25): 5.0,  # tomorrow: outside the series
            date(2026, 11, 1): 1.0,  # before it
        }
        # 20, 21, 22, 23, 24 Nov.
        assert mood_series(moods, TODAY, 5) == (None, None, 3.0, None, 4.5)

    def test_across_a_month_end(self) -> None:
        moods = {date(2026, 11, 29): 2.0, date(2026, 12, 1): 4.0}
        # 29 Nov, 30 Nov, 1 Dec.
        assert mood_series(moods, date(2026, 12, 1), 3) == (2.0, None, 4.0)

    def test_no_days(self) -> None:
        assert mood_series({TODAY: 3.0}, TODAY, 0) == ()

    def test_mean_skips_none(self) -> None:
        assert mean([1, None, 4]) == 2.5
        assert mean([]) is None
        assert mean([None, None]) is None


class TestMoodTrend:
    @pytest.mark.parametrize(
        ("previous", "recent", "trend"),
        [
            ([3] * 5, [4] * 5, "up"),
            ([4] * 5, [3] * 5, "down"),
            # 3.2 - 3.0 = 0.2: under the 0.25 that counts as a change.
            ([3] * 5, [3, 3, 3, 3, 4], "steady"),
            # 3.25 - 3.0 = 0.25 exactly: that is a change.
            ([3] * 8, [3, 3, 3, 4] * 2, "up"),
            ([3] * 5, [5] * 4, ""),  # only 4 mood days in the recent window
            ([3] * 4, [5] * 5, ""),  # only 4 in the previous one
            ([], [], ""),
        ],
    )
    def test_trend(self, previous: list[int], recent: list[int], trend: str) -> None:
        padding: list[float | None] = [None] * 10  # days without a mood don't count
        assert mood_trend([*recent, *padding], [*padding, *previous]) == trend


class TestWordsWritten:
    def test_counts_title_and_body_between_the_days_given(self) -> None:
        entries = [
            entry(date(2026, 11, 1), "one two three"),  # 3
            entry(date(2026, 11, 23), "one two three", title="a b"),  # 5
            entry(TODAY, "one two three four five six seven"),  # 7
        ]
        assert words_written(entries) == 15
        assert words_written(entries, start=date(2026, 11, 23)) == 12
        assert words_written(entries, end=date(2026, 11, 23)) == 8
        assert words_written(entries, date(2026, 11, 2), date(2026, 11, 22)) == 0

    def test_week_start_is_the_monday(self) -> None:
        assert week_start(TODAY) == date(2026, 11, 23)  # a Tuesday
        assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)
        assert week_start(date(2027, 1, 3)) == date(2026, 12, 28)  # Sun, new year


class TestNoContactRuns:
    def test_several_slips(self) -> None:
        # The record of test_several_slips_keep_the_longest_finished_run:
        # runs of 9, 51, 4 and now 20 days.
        record = NoContact(
            started=date(2026, 9, 1),
            slips=slips(date(2026, 9, 10), date(2026, 10, 31), date(2026, 11, 4)),
        )
        assert no_contact_runs(record, TODAY) == (
            Run(date(2026, 9, 1), date(2026, 9, 10), 9),
            Run(date(2026, 9, 10), date(2026, 10, 31), 51),
            Run(date(2026, 10, 31), date(2026, 11, 4), 4),
            Run(date(2026, 11, 4), TODAY, 20),
        )

    def test_a_slip_on_the_first_day_is_one_contact(self) -> None:
        record = NoContact(started=date(2026, 11, 14), slips=slips(date(2026, 11, 14)))
        assert no_contact_runs(record, TODAY) == (Run(date(2026, 11, 14), TODAY, 10),)

    def test_a_slip_today_leaves_a_current_run_of_zero(self) -> None:
        record = NoContact(started=date(2026, 10, 1), slips=slips(TODAY))
        assert no_contact_runs(record, TODAY) == (
            Run(date(2026, 10, 1), TODAY, 54),
            Run(TODAY, TODAY, 0),
        )

    def test_no_record_or_a_start_to_come_has_no_runs(self) -> None:
        assert no_contact_runs(NoContact(), TODAY) == ()
        assert no_contact_runs(NoContact(started=date(2026, 12, 1)), TODAY) == ()

    @given(
        started=st.none() | st.dates(date(2025, 1, 1), date(2027, 12, 31)),
        slip_days=st.lists(st.dates(date(2025, 1, 1), date(2027, 12, 31)), max_size=8),
        today=st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    )
    def test_the_same_numbers_as_the_streak(
        self, started: date | None, slip_days: list[date], today: date
    ) -> None:
        record = NoContact(started=started, slips=slips(*slip_days))
        runs = no_contact_runs(record, today)
        streak = no_contact_streak(record, today)
        if streak is None:
            assert runs == ()
            return
        assert runs[-1].days == streak.current
        assert runs[-1].end == today
        assert max(r.days for r in runs) == streak.best
        for run in runs:
            assert run.days == (run.end - run.start).days
        for before, after in pairwise(runs):
            assert before.end == after.start and before.days > 0


class TestUrgesByWeek:
    def test_weeks_from_monday_and_a_slip_on_an_urge_day(self) -> None:
        # Today Tue 24 Nov; three weeks: from Mon 9, 16 and 23 Nov.
        entries = [
            urge(date(2026, 11, 2)),  # before the window
            urge(date(2026, 11, 10)),
            urge(date(2026, 11, 10)),
            urge(date(2026, 11, 15)),  # Sunday: still the week of 9 Nov
            urge(date(2026, 11, 16)),  # Monday, and he was texted that day
            entry(TODAY, "not an urge"),
            urge(date(2026, 11, 25)),  # tomorrow: not yet
        ]
        record_slips = slips(date(2026, 11, 16), date(2026, 11, 12))
        assert urges_by_week(entries, record_slips, TODAY, 3) == (
            WeekCount(date(2026, 11, 9), logged=3, resisted=3),
            WeekCount(date(2026, 11, 16), logged=1, resisted=0, contacted=1),
            WeekCount(date(2026, 11, 23), logged=0, resisted=0),
        )

    def test_a_week_across_new_year(self) -> None:
        # Sat 2 Jan 2027: this week began Mon 28 Dec 2026.
        entries = [urge(date(2026, 12, 31)), urge(date(2027, 1, 1))]
        assert urges_by_week(entries, (), date(2027, 1, 2), 2) == (
            WeekCount(date(2026, 12, 21), 0, 0),
            WeekCount(date(2026, 12, 28), 2, 2),
        )


class TestThemeBalance:
    # Tue 1 Dec 2026: the week began Mon 30 Nov, the month today.
    DEC_1 = date(2026, 12, 1)
    NOV_30 = date(2026, 11, 30)

    def goals(self) -> list[Goal]:
        return [
            # Sun 29 Nov is last week; Mon 30 Nov this week, not this month.
            Goal(
                1,
                Theme.BODY,
                "Move",
                GoalKind.DAILY,
                ticks=(date(2026, 11, 29), self.NOV_30, self.DEC_1),
            ),
            # Put away, but its tick happened.
            Goal(
                2,
                Theme.LIFE,
                "Walk",
                GoalKind.DAILY,
                ticks=(self.NOV_30,),
                archived=True,
            ),
            # Ticked tomorrow: not yet, and still open.
            Goal(3, Theme.CAREER, "CV", ticks=(date(2026, 12, 2),)),
            # Done long ago: not open.
            Goal(4, Theme.GOAL, "Cook", ticks=(date(2026, 11, 3),)),
            # Weekly, done this week on Monday: not open.
            Goal(5, Theme.PEOPLE, "Meet", GoalKind.WEEKLY, ticks=(self.NOV_30,)),
            Goal(6, Theme.NO_CONTACT, "No texts", GoalKind.DAILY),
        ]

    def test_week_and_month_at_a_month_boundary(self) -> None:
        assert theme_balance(self.goals(), self.DEC_1) == (
            ThemeBalance(Theme.LIFE, week=1, month=0, open_goals=0),
            ThemeBalance(Theme.BODY, week=2, month=1, open_goals=0),
            ThemeBalance(Theme.CAREER, week=0, month=0, open_goals=1),
            ThemeBalance(Theme.GOAL, week=0, month=0, open_goals=0),
            ThemeBalance(Theme.SOCIAL, week=0, month=0, open_goals=0),
            ThemeBalance(Theme.PEOPLE, week=1, month=0, open_goals=0),
            ThemeBalance(Theme.NO_CONTACT, week=0, month=0, open_goals=1),
        )

    def test_neglected_is_no_tick_this_month(self) -> None:
        balance = theme_balance(self.goals(), self.DEC_1)
        # Body was ticked today; the optional social theme has no open goal.
        assert neglected_themes(balance) == (
            Theme.LIFE,
            Theme.CAREER,
            Theme.GOAL,
            Theme.PEOPLE,
            Theme.NO_CONTACT,
        )
        assert Theme.SOCIAL in neglected_themes(balance, optional=())

    def test_the_optional_theme_counts_once_it_has_an_open_goal(self) -> None:
        goals = [*self.goals(), Goal(7, Theme.SOCIAL, "Post a photo")]
        assert Theme.SOCIAL in neglected_themes(theme_balance(goals, self.DEC_1))

    def test_nothing_at_all(self) -> None:
        balance = theme_balance([], TODAY)
        assert [b.theme for b in balance] == list(Theme)
        assert all((b.week, b.month, b.open_goals) == (0, 0, 0) for b in balance)


class TestMentions:
    def weeks(self, name: str, *texts: str) -> list[int]:
        entries = [entry(TODAY, text, number=n) for n, text in enumerate(texts)]
        return [m.count for m in mentions_by_week(entries, name, TODAY, 1)]

    def test_whole_words_only(self) -> None:
        text = "Sam said hi. sam again, SAM! Samantha, same, Sams, Sam's, @sam"
        # Sam, sam, SAM, Sam's, @sam: not Samantha, same or Sams.
        assert self.weeks("Sam", text) == [5]

    def test_accents_and_case(self) -> None:
        decomposed = "Zoe\u0308"  # e + combining diaeresis
        text = f"zoe, ZOË, {decomposed}, Zoey, Zoé"
        assert self.weeks("Zoë", text) == [4]
        assert self.weeks("zoe", text) == [4]

    def test_a_name_of_several_words(self) -> None:
        text = "Mary Jane came. mary\njane again. Mary Janet. Mary alone. Jane."
        assert self.weeks("Mary  Jane", text) == [2]

    def test_the_title_counts_too(self) -> None:
        entries = [entry(TODAY, "and Sam again", title="Sam")]
        assert mentions_by_week(entries, "Sam", TODAY, 1)[0].count == 2

    def test_punctuation_in_a_name_is_literal(self) -> None:
        assert self.weeks("A.J.", "A.J. came; AxJx did not") == [1]

    def test_no_name_counts_nothing(self) -> None:
        assert self.weeks("  ", "Sam") == [0]

    def test_by_week(self) -> None:
        entries = [
            entry(date(2026, 11, 15), "Sam"),  # Sunday: the week of 9 Nov
            entry(date(2026, 11, 16), "Sam and Sam"),
            entry(date(2026, 11, 25), "Sam"),  # tomorrow
        ]
        assert mentions_by_week(entries, "sam", TODAY, 3) == (
            WeekMentions(date(2026, 11, 9), 1),
            WeekMentions(date(2026, 11, 16), 2),
            WeekMentions(date(2026, 11, 23), 0),
        )

    def test_fold(self) -> None:
        assert fold("Zoë") == "zoe"
        assert fold("ÉCOLE") == "ecole"
        assert fold("Straße") == "strasse"


class TestHeatmap:
    def test_26_weeks_from_monday_with_the_future_flagged(self) -> None:
        moods = {
            date(2026, 11, 23): None,  # written, no mood
            TODAY: 3.5,
            date(2026, 11, 26): 5.0,  # dated ahead: not shown as written
        }
        columns = heatmap(moods, TODAY)
        assert len(columns) == 26
        assert all(len(column) == 7 for column in columns)
        # 25 weeks before Mon 23 Nov 2026 is Mon 1 Jun 2026.
        assert columns[0][0].day == date(2026, 6, 1)
        days = [d.day for column in columns for d in column]
        assert days == [date(2026, 6, 1) + timedelta(n) for n in range(26 * 7)]
        assert all(column[0].day.weekday() == 0 for column in columns)

        this_week = columns[-1]
        assert this_week[0] == HeatDay(date(2026, 11, 23), True, None, False)
        assert this_week[1] == HeatDay(TODAY, True, 3.5, False)
        assert this_week[1].level == 4
        assert this_week[3] == HeatDay(date(2026, 11, 26), False, None, True)
        assert [d.future for d in this_week] == [False] * 2 + [True] * 5
        blank = [d for column in columns[:-1] for d in column]
        assert not any(d.written or d.future or d.mood for d in blank)
