"""The journal's building blocks: tags, text checks, kinds, entries, goals."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from healjournal.domain.models import (
    MAX_TEXT_CHARS,
    Entry,
    EntryKind,
    Goal,
    GoalKind,
    NoContact,
    Slip,
    Theme,
    check_mood,
    check_text,
    find_tags,
)
from healjournal.errors import InputError
from healjournal.storage.journal import split_text

LONDON = ZoneInfo("Europe/London")
CREATED = datetime(2026, 11, 24, 21, 4, tzinfo=LONDON)
FAST = settings(max_examples=200, deadline=None)


def make_entry(title: str = "", body: str = "") -> Entry:
    return Entry(id=1, created=CREATED, day=CREATED.date(), title=title, body=body)


def make_goal(kind: GoalKind, *ticks: date, due: date | None = None) -> Goal:
    return Goal(id=1, theme=Theme.BODY, title="Walk", kind=kind, due=due, ticks=ticks)


# -- find_tags --


class TestFindTags:
    def test_hashtags_and_names_are_found(self) -> None:
        assert find_tags("Walked with @sam, felt #calm") == ("@sam", "#calm")

    def test_tags_are_case_folded(self) -> None:
        assert find_tags("#Calm and @SAM") == ("#calm", "@sam")

    def test_case_folding_is_full_not_just_lower(self) -> None:
        # casefold("ß") is "ss", so #Straße and #STRASSE are the same tag.
        assert find_tags("#Straße #STRASSE") == ("#strasse",)

    def test_email_addresses_are_not_names(self) -> None:
        assert find_tags("write to me@x.com or sam@example.org") == ()

    def test_numbers_are_not_tags(self) -> None:
        assert find_tags("my #1 priority, #42") == ()

    def test_a_word_starting_with_a_digit_is_a_tag(self) -> None:
        assert find_tags("#2026goals") == ("#2026goals",)

    def test_hyphens_and_apostrophes_inside_are_kept(self) -> None:
        assert find_tags("#self-care and #don't-text") == ("#self-care", "#don't-text")

    def test_trailing_hyphens_apostrophes_and_punctuation_are_dropped(self) -> None:
        assert find_tags("#calm- #okay' #done. (#sleep)") == (
            "#calm",
            "#okay",
            "#done",
            "#sleep",
        )

    def test_a_single_letter_tag(self) -> None:
        assert find_tags("#a") == ("#a",)

    def test_unicode_words(self) -> None:
        assert find_tags("#café with @Zoë, #Ümlaut, #日記") == (
            "#café",
            "@zoë",
            "#ümlaut",
            "#日記",
        )

    def test_decomposed_accents_give_the_same_tag_as_composed_ones(self) -> None:
        # Text pasted from macOS often arrives decomposed (e + U+0301).
        decomposed = "#cafe\u0301 @Zoe\u0308"
        assert find_tags(decomposed) == ("#café", "@zoë")

    def test_order_of_appearance_and_no_duplicates(self) -> None:
        assert find_tags("#b @a #B #c @A") == ("#b", "@a", "#c")

    def test_several_texts_are_read_in_order_and_deduplicated(self) -> None:
        assert find_tags("Title #one", "body #two #ONE @x") == ("#one", "#two", "@x")

    def test_a_hash_and_an_at_are_different_tags(self) -> None:
        assert find_tags("#sam @sam") == ("#sam", "@sam")

    def test_no_text_no_tags(self) -> None:
        assert find_tags() == ()
        assert find_tags("", "no tags here # @ ") == ()


# -- check_text / check_mood --


class TestCheckText:
    def test_exactly_the_limit_is_accepted(self) -> None:
        text = "a" * 1_000_000
        assert check_text(text) is text

    def test_one_over_the_limit_is_refused_with_the_limit_in_the_message(self) -> None:
        with pytest.raises(InputError) as caught:
            check_text("a" * 1_000_001, "the entry")
        message = str(caught.value)
        assert "1,000,000" in message
        assert "1,000,001" in message
        assert message.startswith("the entry")

    def test_the_limit_is_one_million(self) -> None:
        assert MAX_TEXT_CHARS == 1_000_000

    def test_a_lone_surrogate_is_refused_saying_where(self) -> None:
        with pytest.raises(InputError) as caught:
            check_text("ab\ud800cd", "the note")
        message = str(caught.value)
        assert "position 3" in message
        assert message.startswith("the note")
        assert "\n" not in message

    def test_a_lone_surrogate_at_the_start(self) -> None:
        with pytest.raises(InputError, match="position 1"):
            check_text("\udfffok")

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "😢💔➡️💪 👩🏽‍🤝‍👨🏻",  # emoji, skin tones, ZWJ sequences
            "שלום, مرحبا",  # right-to-left scripts
            "e\u0301 n\u0303 a\u030a\u0323",  # combining marks
            "line one\r\nline two\ttab",
            "\U0001f600" * 10,  # astral plane characters (real surrogate pairs)
        ],
    )
    def test_real_unicode_is_accepted_unchanged(self, text: str) -> None:
        assert check_text(text) == text


class TestCheckMood:
    @pytest.mark.parametrize("mood", [None, 1, 2, 3, 4, 5])
    def test_moods_one_to_five_or_none(self, mood: int | None) -> None:
        assert check_mood(mood) == mood

    @pytest.mark.parametrize("mood", [0, 6, -1, True, False, 3.0, "3"])
    def test_anything_else_is_refused(self, mood: object) -> None:
        with pytest.raises(InputError, match="1 to 5"):
            check_mood(mood)  # type: ignore[arg-type]


# -- EntryKind.parse --


class TestEntryKindParse:
    @pytest.mark.parametrize(
        ("typed", "kind"),
        [
            ("reflection", EntryKind.REFLECTION),
            ("Reflection", EntryKind.REFLECTION),
            ("letter", EntryKind.LETTER),
            ("unsent", EntryKind.LETTER),
            ("unsent letter", EntryKind.LETTER),
            ("Unsent-Letter", EntryKind.LETTER),
            ("  UNSENT  ", EntryKind.LETTER),
            ("urge", EntryKind.URGE),
        ],
    )
    def test_kinds_and_aliases(self, typed: str, kind: EntryKind) -> None:
        assert EntryKind.parse(typed) is kind

    def test_an_unknown_kind_lists_the_kinds(self) -> None:
        with pytest.raises(InputError) as caught:
            EntryKind.parse("poem")
        message = str(caught.value)
        assert "poem" in message
        for name in ("reflection", "letter", "urge"):
            assert name in message


# -- Entry --


class TestEntry:
    def test_text_joins_title_and_body_with_a_newline(self) -> None:
        assert make_entry("A hard day", "But I got up.").text == (
            "A hard day\nBut I got up."
        )

    def test_text_of_a_title_only_or_body_only_entry(self) -> None:
        assert make_entry(title="Just a title").text == "Just a title"
        assert make_entry(body="Just a body").text == "Just a body"
        assert make_entry().text == ""

    def test_words_counts_title_and_body(self) -> None:
        entry = make_entry("Three word title", "and\nfive  words\there too")
        assert entry.words == 3 + 5

    def test_words_of_an_empty_entry(self) -> None:
        assert make_entry().words == 0

    def test_a_short_preview_is_the_text_on_one_line(self) -> None:
        entry = make_entry("Title", "line one\n\n  line two")
        assert entry.preview() == "Title · line one line two"

    def test_a_preview_exactly_the_width_is_not_cut(self) -> None:
        entry = make_entry(body="x" * 60)
        assert entry.preview(60) == "x" * 60

    def test_a_long_preview_is_cut_to_the_width_with_an_ellipsis(self) -> None:
        entry = make_entry("Today", "I wanted to text him so badly " * 5)
        preview = entry.preview(30)
        assert len(preview) <= 30
        assert preview.endswith("…")
        assert "\n" not in preview
        assert preview.startswith("Today · I wanted to text him")  # title, then body

    def test_a_cut_preview_has_no_space_before_the_ellipsis(self) -> None:
        entry = make_entry(body="abc def ghi")
        assert entry.preview(5) == "abc…"


@given(text=st.text())
@FAST
def test_split_text_then_entry_text_gives_back_exactly_what_was_typed(
    text: str,
) -> None:
    title, body = split_text(text)
    assert make_entry(title, body).text == text


# -- Goal --

TUESDAY = date(2026, 11, 24)
SUNDAY_BEFORE = date(2026, 11, 22)
MONDAY = date(2026, 11, 23)
SUNDAY_AFTER = date(2026, 11, 29)
NEXT_MONDAY = date(2026, 11, 30)


class TestOnceGoal:
    def test_not_done_until_ticked(self) -> None:
        assert not make_goal(GoalKind.ONCE).done_for(TUESDAY)

    def test_done_from_the_tick_onwards(self) -> None:
        goal = make_goal(GoalKind.ONCE, MONDAY)
        assert goal.done_for(MONDAY)
        assert goal.done_for(TUESDAY)
        assert goal.done_for(date(2027, 6, 1))

    def test_not_done_on_days_before_the_tick(self) -> None:
        assert not make_goal(GoalKind.ONCE, TUESDAY).done_for(MONDAY)


class TestDailyGoal:
    def test_done_only_on_ticked_days(self) -> None:
        goal = make_goal(GoalKind.DAILY, MONDAY)
        assert goal.done_for(MONDAY)
        assert not goal.done_for(TUESDAY)
        assert not goal.done_for(SUNDAY_BEFORE)


class TestWeeklyGoal:
    def test_a_tick_counts_for_the_whole_monday_to_sunday_week(self) -> None:
        goal = make_goal(GoalKind.WEEKLY, TUESDAY)
        for day in (MONDAY, TUESDAY, date(2026, 11, 27), SUNDAY_AFTER):
            assert goal.done_for(day), day

    def test_a_sunday_tick_does_not_count_for_the_monday_after(self) -> None:
        goal = make_goal(GoalKind.WEEKLY, SUNDAY_BEFORE)
        assert goal.done_for(SUNDAY_BEFORE)
        assert not goal.done_for(MONDAY)

    def test_a_monday_tick_does_not_count_for_the_sunday_before(self) -> None:
        goal = make_goal(GoalKind.WEEKLY, MONDAY)
        assert goal.done_for(SUNDAY_AFTER)
        assert not goal.done_for(SUNDAY_BEFORE)
        assert not goal.done_for(NEXT_MONDAY)

    def test_the_iso_week_spanning_a_year_end(self) -> None:
        # Monday 28 December 2026 to Sunday 3 January 2027 is one ISO week
        # (2026-W53): a tick on 29 December counts on 2 January.
        goal = make_goal(GoalKind.WEEKLY, date(2026, 12, 29))
        assert goal.done_for(date(2026, 12, 28))
        assert goal.done_for(date(2027, 1, 1))
        assert goal.done_for(date(2027, 1, 3))
        assert not goal.done_for(date(2027, 1, 4))
        assert not goal.done_for(date(2026, 12, 27))

    def test_a_new_year_tick_counts_back_to_the_monday_in_december(self) -> None:
        goal = make_goal(GoalKind.WEEKLY, date(2027, 1, 2))
        assert goal.done_for(date(2026, 12, 28))

    def test_the_same_week_number_a_year_earlier_does_not_count(self) -> None:
        # 25 November 2025 and 24 November 2026 are both in ISO week 48.
        goal = make_goal(GoalKind.WEEKLY, date(2025, 11, 25))
        assert not goal.done_for(TUESDAY)


class TestOverdue:
    def test_a_one_off_past_its_due_date_and_not_done_is_overdue(self) -> None:
        goal = make_goal(GoalKind.ONCE, due=MONDAY)
        assert goal.overdue_on(TUESDAY)

    def test_not_overdue_on_the_due_date_itself(self) -> None:
        assert not make_goal(GoalKind.ONCE, due=TUESDAY).overdue_on(TUESDAY)

    def test_not_overdue_once_done(self) -> None:
        goal = make_goal(GoalKind.ONCE, SUNDAY_BEFORE, due=MONDAY)
        assert not goal.overdue_on(TUESDAY)

    def test_ticked_late_is_still_overdue_for_the_days_before_the_tick(self) -> None:
        goal = make_goal(GoalKind.ONCE, SUNDAY_AFTER, due=MONDAY)
        assert goal.overdue_on(TUESDAY)
        assert not goal.overdue_on(NEXT_MONDAY)

    def test_without_a_due_date_never_overdue(self) -> None:
        assert not make_goal(GoalKind.ONCE).overdue_on(date(2030, 1, 1))

    @pytest.mark.parametrize("kind", [GoalKind.DAILY, GoalKind.WEEKLY])
    def test_habits_are_never_overdue(self, kind: GoalKind) -> None:
        assert not make_goal(kind, due=MONDAY).overdue_on(TUESDAY)


# -- NoContact --


class TestLastContact:
    def test_nothing_recorded(self) -> None:
        assert NoContact().last_contact is None

    def test_only_a_start(self) -> None:
        assert NoContact(started=MONDAY).last_contact == MONDAY

    def test_the_latest_slip_after_the_start(self) -> None:
        record = NoContact(
            started=date(2026, 10, 1),
            slips=(
                Slip(id=2, day=date(2026, 11, 2)),
                Slip(id=1, day=date(2026, 10, 15)),
            ),
        )
        assert record.last_contact == date(2026, 11, 2)

    def test_a_slip_before_the_start_does_not_move_it_back(self) -> None:
        record = NoContact(
            started=date(2026, 11, 1), slips=(Slip(id=1, day=date(2026, 10, 5)),)
        )
        assert record.last_contact == date(2026, 11, 1)

    def test_slips_without_a_start(self) -> None:
        record = NoContact(slips=(Slip(id=1, day=SUNDAY_BEFORE),))
        assert record.last_contact == SUNDAY_BEFORE
