"""The numbers on the glance: no-contact days, milestones, writing streaks.

Every expected number here was counted by hand on a calendar; the comments
show the arithmetic.
"""

from __future__ import annotations

from datetime import date

import pytest

from healjournal.domain.models import NoContact, Slip
from healjournal.domain.stats import (
    Streak,
    milestones_reached,
    next_milestone,
    no_contact_streak,
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
