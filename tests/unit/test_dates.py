"""How the journal reads the days people type, and how it shows days back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from healjournal.clock import FrozenClock
from healjournal.domain.dates import (
    NOT_YET,
    check_not_future,
    days_between,
    describe_day,
    week_start,
)
from healjournal.domain.day_words import parse_day
from healjournal.errors import InputError

WEDNESDAY = date(2026, 10, 7)
NEW_YORK = ZoneInfo("America/New_York")
FAST = settings(max_examples=200, deadline=None)

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
WEEKDAYS = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]


def d(text: str) -> date:
    return date.fromisoformat(text)


def error_for(text: str, today: date = WEDNESDAY) -> str:
    with pytest.raises(InputError) as caught:
        parse_day(text, today)
    message = str(caught.value)
    assert len(message.splitlines()) == 1, message
    return message


class TestWords:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("today", "2026-10-07"),
            ("yesterday", "2026-10-06"),
            ("tomorrow", "2026-10-08"),
            ("Yesterday", "2026-10-06"),
            ("  TODAY  ", "2026-10-07"),
            ("yesterday.", "2026-10-06"),
            ("tomorrow,", "2026-10-08"),
            ("\tyesterday\n", "2026-10-06"),
        ],
    )
    def test_today_yesterday_tomorrow(self, text: str, expected: str) -> None:
        assert parse_day(text, WEDNESDAY) == d(expected)


class TestAmounts:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("3 days ago", "2026-10-04"),
            ("1 day ago", "2026-10-06"),
            ("0 days ago", "2026-10-07"),
            ("a week ago", "2026-09-30"),
            ("two weeks ago", "2026-09-23"),
            ("a month ago", "2026-09-07"),
            ("twelve months ago", "2025-10-07"),
            ("1 year ago", "2025-10-07"),
            ("in 2 days", "2026-10-09"),
            ("in a day", "2026-10-08"),
            ("in 1 week", "2026-10-14"),
            ("in three months", "2027-01-07"),
            ("in 2 years", "2028-10-07"),
            ("  3   Days  AGO. ", "2026-10-04"),
            ("last week", "2026-09-30"),
            ("last month", "2026-09-07"),
            ("last year", "2025-10-07"),
            ("next week", "2026-10-14"),
            ("next month", "2026-11-07"),
            ("next year", "2027-10-07"),
        ],
    )
    def test_counted_from_today(self, text: str, expected: str) -> None:
        assert parse_day(text, WEDNESDAY) == d(expected)

    @pytest.mark.parametrize(
        ("today", "text", "expected"),
        [
            ("2027-01-31", "in 1 month", "2027-02-28"),
            ("2028-01-31", "in 1 month", "2028-02-29"),
            ("2027-03-31", "1 month ago", "2027-02-28"),
            ("2028-03-31", "1 month ago", "2028-02-29"),
            ("2027-03-31", "last month", "2027-02-28"),
            ("2026-08-31", "next month", "2026-09-30"),
            ("2026-12-31", "in 2 months", "2027-02-28"),
        ],
    )
    def test_month_ends_land_on_the_last_day(
        self, today: str, text: str, expected: str
    ) -> None:
        assert parse_day(text, d(today)) == d(expected)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("in 1 year", "2029-02-28"),
            ("next year", "2029-02-28"),
            ("1 year ago", "2027-02-28"),
            ("last year", "2027-02-28"),
            ("in 4 years", "2032-02-29"),
            ("in 12 months", "2029-02-28"),
        ],
    )
    def test_a_year_from_a_leap_day(self, text: str, expected: str) -> None:
        assert parse_day(text, d("2028-02-29")) == d(expected)

    def test_too_far_is_an_error_not_a_crash(self) -> None:
        assert "too far" in error_for("in 99999 years")
        assert "too far" in error_for("99999999999999999999 days ago")


class TestWeekdays:
    # WEDNESDAY is Wed 7 Oct 2026; its Monday-based week runs 5-11 Oct.
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("last friday", "2026-10-02"),
            ("last monday", "2026-10-05"),
            ("last tuesday", "2026-10-06"),
            ("next monday", "2026-10-12"),
            ("next thursday", "2026-10-15"),
            ("this friday", "2026-10-09"),
            ("this monday", "2026-10-05"),
            ("this sunday", "2026-10-11"),
            ("friday", "2026-10-02"),
            ("tuesday", "2026-10-06"),
            ("Last Friday.", "2026-10-02"),
            ("  next   MONDAY ", "2026-10-12"),
        ],
    )
    def test_relative_weekdays(self, text: str, expected: str) -> None:
        assert parse_day(text, WEDNESDAY) == d(expected)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("last wednesday", "2026-09-30"),
            ("next wednesday", "2026-10-14"),
            ("this wednesday", "2026-10-07"),
            ("wednesday", "2026-10-07"),
        ],
    )
    def test_when_today_is_that_weekday(self, text: str, expected: str) -> None:
        assert parse_day(text, WEDNESDAY) == d(expected)

    # "next <weekday>" is that day of next week (Monday to Sunday), never
    # tomorrow; "this <weekday>" is that day of today's week.
    @pytest.mark.parametrize(
        ("today", "text", "expected"),
        [
            ("2026-10-08", "next friday", "2026-10-16"),  # a Thursday
            ("2026-10-08", "this friday", "2026-10-09"),
            ("2026-10-08", "friday", "2026-10-02"),
            ("2026-10-08", "next thursday", "2026-10-15"),
            ("2026-10-08", "next monday", "2026-10-12"),
            ("2026-10-08", "next sunday", "2026-10-18"),
            ("2026-10-09", "next friday", "2026-10-16"),  # a Friday
            ("2026-10-09", "this friday", "2026-10-09"),
            ("2026-10-09", "friday", "2026-10-09"),
            ("2026-10-09", "next saturday", "2026-10-17"),
            ("2026-10-11", "next friday", "2026-10-16"),  # a Sunday
            ("2026-10-11", "next monday", "2026-10-12"),
            ("2026-10-11", "next sunday", "2026-10-18"),
            ("2026-10-11", "this friday", "2026-10-09"),
            ("2026-10-11", "this sunday", "2026-10-11"),
            ("2026-12-31", "next friday", "2027-01-08"),  # over the new year
        ],
    )
    def test_next_is_the_week_after_this_one(
        self, today: str, text: str, expected: str
    ) -> None:
        assert parse_day(text, d(today)) == d(expected)

    def test_this_week_starts_on_monday(self) -> None:
        sunday = d("2026-10-11")
        assert parse_day("this monday", sunday) == d("2026-10-05")
        assert parse_day("this sunday", d("2026-10-05")) == sunday

    @pytest.mark.parametrize(
        ("short", "expected"),
        [
            ("mon", "2026-10-05"),
            ("tue", "2026-10-06"),
            ("tues", "2026-10-06"),
            ("wed", "2026-10-07"),
            ("thu", "2026-10-01"),
            ("thur", "2026-10-01"),
            ("thurs", "2026-10-01"),
            ("fri", "2026-10-02"),
            ("sat", "2026-10-03"),
            ("sun", "2026-10-04"),
        ],
    )
    def test_short_names(self, short: str, expected: str) -> None:
        assert parse_day(short, WEDNESDAY) == d(expected)
        assert parse_day(f"last {short}", WEDNESDAY) <= d(expected)
        assert parse_day(f"next {short}", WEDNESDAY) > WEDNESDAY

    def test_unknown_weekday_is_rejected(self) -> None:
        assert error_for("next blursday").startswith(
            'can\'t read "next blursday" as a day: try today'
        )


class TestAbsoluteDates:
    @pytest.mark.parametrize(
        "text",
        [
            "2026-10-03",
            "oct 3",
            "Oct 3",
            "october 3rd",
            "3 oct",
            "3rd of october",
            "3 october 2026",
            "oct 3, 2026",
            "oct. 3",
            "Saturday 3 October 2026",
            "sat, oct 3",
            "  OCTOBER   3  ",
            "3 oct.",
        ],
    )
    def test_forms_of_one_day(self, text: str) -> None:
        assert parse_day(text, WEDNESDAY) == d("2026-10-03")

    def test_an_explicit_year_is_kept(self) -> None:
        assert parse_day("3 october 2019", WEDNESDAY) == d("2019-10-03")
        assert parse_day("2031-05-17", WEDNESDAY) == d("2031-05-17")

    @pytest.mark.parametrize(
        ("today", "text", "expected"),
        [
            ("2027-01-05", "dec 28", "2026-12-28"),
            ("2026-12-20", "jan 3", "2027-01-03"),
            ("2026-12-31", "jan 1", "2027-01-01"),
            ("2027-01-01", "dec 31", "2026-12-31"),
            ("2026-06-15", "dec 1", "2026-12-01"),
            ("2026-06-15", "jan 1", "2026-01-01"),
            # Exactly 183 days either way: the past wins, it is a journal.
            ("2024-03-02", "sep 1", "2023-09-01"),
        ],
    )
    def test_a_date_without_a_year_is_the_nearest(
        self, today: str, text: str, expected: str
    ) -> None:
        assert parse_day(text, d(today)) == d(expected)

    def test_feb_29_without_a_year_near_a_leap_day(self) -> None:
        assert parse_day("feb 29", d("2027-11-15")) == d("2028-02-29")
        assert parse_day("feb 29", d("2028-06-30")) == d("2028-02-29")

    def test_feb_29_without_a_year_far_from_a_leap_day(self) -> None:
        message = error_for("feb 29", d("2027-06-01"))
        assert "add the year" in message
        assert "2028" in message
        assert "add the year" in error_for("feb 29", d("2026-10-07"))

    def test_weekday_must_match_the_date(self) -> None:
        assert error_for("Friday 3 October 2026") == (
            "3 October 2026 is a Saturday, not a Friday"
        )
        assert error_for("fri oct 3") == "3 October 2026 is a Saturday, not a Friday"

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("feb 30", '"feb 30" is not a real day: February has only 29 days'),
            (
                "2027-02-29",
                '"2027-02-29" is not a real day: February 2027 has only 28 days',
            ),
            (
                "31 april 2026",
                '"31 april 2026" is not a real day: April 2026 has only 30 days',
            ),
            ("2026-13-01", '"2026-13-01" is not a real day: there is no month 13'),
            ("oct 0", '"oct 0" is not a real day: days start at 1'),
        ],
    )
    def test_impossible_dates_say_why(self, text: str, expected: str) -> None:
        assert error_for(text) == expected

    def test_a_real_leap_day_is_fine(self) -> None:
        assert parse_day("2028-02-29", WEDNESDAY) == d("2028-02-29")
        assert parse_day("29 feb 2028", WEDNESDAY) == d("2028-02-29")


class TestRejected:
    @pytest.mark.parametrize(
        "text",
        [
            "3",
            "2026",
            "oct 3 at 10",
            "10:30",
            "oct 3 10:30",
            "I had 3 coffees at 10 with Sam in june",
            "in -2 days",
            "an hour ago",
            "3 days",
            "in 3 days ago",
            "blah",
            "oct 3 26",
            "oct 3 nov",
            "3 4 oct",
            "the day before yesterday",
            "2026-10-03 10:00",
            "20261003",
        ],
    )
    def test_unreadable_text_says_what_to_try(self, text: str) -> None:
        assert error_for(text) == (
            f'can\'t read "{text}" as a day: '
            "try today, yesterday, 3 days ago, last friday, oct 3 or 2026-10-03"
        )

    @pytest.mark.parametrize("text", ["", "   ", "\n", ".", ","])
    def test_empty_text(self, text: str) -> None:
        assert error_for(text).startswith("no day given: try today")

    def test_a_month_alone_asks_for_the_day(self) -> None:
        assert error_for("june") == (
            'can\'t read "june" as a day: which day of June? e.g. june 3'
        )

    @pytest.mark.parametrize("text", ["10/03/2026", "3/10", "03.10.2026"])
    def test_numbers_only_dates_are_ambiguous(self, text: str) -> None:
        message = error_for(text)
        assert message.startswith(f'can\'t read "{text}" as a day:')
        assert "different countries" in message

    def test_quoted_text_stays_on_one_line_and_short(self) -> None:
        message = error_for("oct\n3\nat 10 " + "x" * 200)
        assert '"oct 3 at 10 xx' in message
        assert len(message) < 160


class TestAcrossDaylightSaving:
    # In 2026 New York springs forward on Sun 8 March and falls back on 1 Nov.
    def test_just_after_spring_forward(self) -> None:
        clock = FrozenClock(datetime(2026, 3, 8, 3, 0, 1, tzinfo=NEW_YORK))
        assert clock.today() == d("2026-03-08")
        assert parse_day("yesterday", clock.today()) == d("2026-03-07")
        assert parse_day("today", clock.today()) == d("2026-03-08")

    def test_half_past_midnight_the_day_after_spring_forward(self) -> None:
        moment = datetime(2026, 3, 9, 4, 30, tzinfo=UTC).astimezone(NEW_YORK)
        assert (moment.hour, moment.minute) == (0, 30)
        clock = FrozenClock(moment)
        assert parse_day("today", clock.today()) == d("2026-03-09")
        assert parse_day("yesterday", clock.today()) == d("2026-03-08")
        assert parse_day("2 days ago", clock.today()) == d("2026-03-07")

    def test_in_the_repeated_hour_after_fall_back(self) -> None:
        clock = FrozenClock(datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK))
        assert clock.now().utcoffset() == timedelta(hours=-5)
        assert parse_day("yesterday", clock.today()) == d("2026-10-31")
        clock.set(datetime(2026, 11, 2, 0, 30))
        assert parse_day("yesterday", clock.today()) == d("2026-11-01")


class TestDescribeDay:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            ("2026-10-07", "today"),
            ("2026-10-06", "yesterday"),
            ("2026-10-08", "tomorrow"),
            ("2026-10-05", "Monday"),
            ("2026-10-02", "Friday"),
            ("2026-10-01", "Thursday"),
            ("2026-09-30", "Wed 30 Sep"),
            ("2026-10-10", "Sat 10 Oct"),
            ("2026-05-01", "Fri 1 May"),
            ("2026-01-01", "Thu 1 Jan 2026"),  # over half a year away
            ("2025-10-03", "Fri 3 Oct 2025"),
            ("2027-01-01", "Fri 1 Jan 2027"),
        ],
    )
    def test_shown_to_a_person(self, day: str, expected: str) -> None:
        assert describe_day(d(day), WEDNESDAY) == expected

    def test_a_described_day_reads_back_as_the_same_day(self) -> None:
        for offset in range(-800, 801):
            day = WEDNESDAY + timedelta(days=offset)
            assert parse_day(describe_day(day, WEDNESDAY), WEDNESDAY) == day


class TestDaysThatHaveCome:
    def test_today_and_before_are_kept(self) -> None:
        assert check_not_future(WEDNESDAY, WEDNESDAY) == WEDNESDAY
        assert check_not_future(d("1999-01-01"), WEDNESDAY) == d("1999-01-01")

    def test_a_day_still_to_come_says_which_day(self) -> None:
        with pytest.raises(InputError) as raised:
            check_not_future(d("2026-10-08"), WEDNESDAY)
        assert str(raised.value) == "tomorrow · 2026-10-08: " + NOT_YET

    def test_advice_is_added(self) -> None:
        with pytest.raises(InputError, match=r"hasn't happened yet; pick another$"):
            check_not_future(d("2027-10-08"), WEDNESDAY, advice="pick another")


class TestHelpers:
    def test_week_start_is_the_monday(self) -> None:
        assert week_start(d("2026-10-07")) == d("2026-10-05")
        assert week_start(d("2026-10-05")) == d("2026-10-05")
        assert week_start(d("2026-10-11")) == d("2026-10-05")
        assert week_start(d("2027-01-01")) == d("2026-12-28")

    def test_days_between(self) -> None:
        assert days_between(d("2026-10-03"), d("2026-10-07")) == 4
        assert days_between(d("2026-10-07"), d("2026-10-03")) == -4
        assert days_between(d("2028-02-28"), d("2028-03-01")) == 2


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
todays = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))


class TestProperties:
    @FAST
    @given(day=days, today=todays)
    def test_iso_dates_read_back(self, day: date, today: date) -> None:
        assert parse_day(day.isoformat(), today) == day

    @FAST
    @given(day=days, today=todays)
    def test_dates_with_a_month_name_and_year_read_back(
        self, day: date, today: date
    ) -> None:
        weekday, month = WEEKDAYS[day.weekday()], MONTHS[day.month - 1]
        assert parse_day(f"{day.day} {month} {day.year}", today) == day
        assert parse_day(f"{month[:3]} {day.day}, {day.year}", today) == day
        assert parse_day(f"{weekday} {day.day} {month} {day.year}", today) == day

    @FAST
    @given(n=st.integers(0, 2000), today=todays)
    def test_n_days_ago_and_in_n_days(self, n: int, today: date) -> None:
        assert parse_day(f"{n} days ago", today) == today - timedelta(days=n)
        assert parse_day(f"in {n} days", today) == today + timedelta(days=n)

    @FAST
    @given(day=days, today=todays)
    def test_a_date_without_a_year_is_within_half_a_year(
        self, day: date, today: date
    ) -> None:
        text = f"{MONTHS[day.month - 1]} {day.day}"
        try:
            found = parse_day(text, today)
        except InputError:
            assert (day.month, day.day) == (2, 29)
            return
        assert (found.month, found.day) == (day.month, day.day)
        assert abs(days_between(today, found)) <= 183

    @FAST
    @given(today=todays, weekday=st.integers(0, 6))
    def test_next_and_this_weekday_are_in_next_and_this_week(
        self, today: date, weekday: int
    ) -> None:
        name = WEEKDAYS[weekday]
        following = parse_day(f"next {name}", today)
        assert following.weekday() == weekday
        assert week_start(following) == week_start(today) + timedelta(days=7)
        this = parse_day(f"this {name}", today)
        assert this.weekday() == weekday
        assert week_start(this) == week_start(today)

    @FAST
    @given(text=st.text())
    def test_any_text_is_a_day_or_one_clear_line(self, text: str) -> None:
        self._day_or_one_line(text)

    @FAST
    @given(
        words=st.lists(
            st.sampled_from(
                [
                    *MONTHS,
                    *WEEKDAYS,
                    *(m[:3] for m in MONTHS),
                    "sat",
                    "tues",
                    "last",
                    "next",
                    "this",
                    "in",
                    "ago",
                    "a",
                    "an",
                    "of",
                    "at",
                    "days",
                    "week",
                    "months",
                    "year",
                    "today",
                    ",",
                    ".",
                    "-",
                    "/",
                    ":",
                    "0",
                    "3",
                    "3rd",
                    "29",
                    "31",
                    "99",
                    "2026",
                    "0000",
                    "10:30",
                    "2026-10-03",
                    "2027-02-29",
                ]
            ),
            max_size=5,
        ),
        today=todays,
    )
    def test_any_mix_of_date_words_is_a_day_or_one_clear_line(
        self, words: list[str], today: date
    ) -> None:
        self._day_or_one_line(" ".join(words), today)

    @staticmethod
    def _day_or_one_line(text: str, today: date = WEDNESDAY) -> None:
        try:
            assert isinstance(parse_day(text, today), date)
        except InputError as error:
            assert len(str(error).splitlines()) == 1
            assert str(error).strip()
