"""Search: what each part of a query finds, and the words it highlights."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from healjournal.domain.models import Entry, EntryKind, find_tags
from healjournal.domain.search import (
    Hit,
    QueryError,
    SearchIndex,
    parse_query,
    search,
)
from healjournal.errors import InputError

TODAY = date(2026, 11, 24)  # a Tuesday, as in conftest's frozen clock
FAST = settings(max_examples=200, deadline=None)


def entry(
    entry_id: int,
    text: str,
    day: date = TODAY,
    *,
    at: int = 9,
    title: str = "",
    **fields,
) -> Entry:
    """An entry as the journal makes it: tags read from its words."""
    return Entry(
        id=entry_id,
        created=datetime(day.year, day.month, day.day, at),
        day=day,
        title=title,
        body=text,
        tags=find_tags(title, text),
        **fields,
    )


def found(entries, text: str, **kwargs) -> list[int]:
    """The ids `text` finds in `entries`, in the order shown."""
    result = search(entries, parse_query(text, TODAY), **kwargs)
    return [hit.entry.id for hit in result.hits]


def highlighted(entries, text: str) -> list[list[str]]:
    """For each hit, the original text under each highlight."""
    result = search(entries, parse_query(text, TODAY))
    return [[hit.entry.text[s:e] for s, e in hit.spans] for hit in result.hits]


def error(text: str) -> str:
    with pytest.raises(QueryError) as caught:
        parse_query(text, TODAY)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- words -------------------------------------------------------------------


class TestWords:
    def test_every_word_must_appear_in_any_order(self):
        entries = [
            entry(1, "A walk by the sea."),
            entry(2, "The sea was grey, and I walked anyway."),
            entry(3, "Only the sea today."),
        ]
        assert found(entries, "sea walk") == [2, 1]

    def test_a_word_finds_longer_words_and_ignores_case(self):
        entries = [entry(1, "I WALKED home"), entry(2, "Sleepwalking again")]
        assert sorted(found(entries, "walk")) == [1, 2]
        assert highlighted(entries, "Walk") == [["walk"], ["WALK"]]  # newest first

    def test_the_title_is_searched_too(self):
        entries = [entry(1, "nothing here", title="Sunday")]
        assert found(entries, "sunday") == [1]
        assert highlighted(entries, "sunday") == [["Sunday"]]

    def test_nothing_found(self):
        result = search([entry(1, "a quiet day")], parse_query("loud", TODAY))
        assert (result.hits, result.total) == ((), 0)

    def test_every_occurrence_is_highlighted(self):
        text = "tea, then more tea, then TEA"
        assert highlighted([entry(1, text)], "tea") == [["tea", "tea", "TEA"]]

    def test_overlapping_matches_are_merged(self):
        (spans,) = highlighted([entry(1, "aaaa b")], "aa")
        assert spans == ["aaaa"]
        (spans,) = highlighted([entry(1, "sunday")], "sun day")
        assert spans == ["sunday"]


class TestUnicode:
    @pytest.mark.parametrize("typed", ["cafe", "café", "CAFÉ", "Cafe\u0301"])
    @pytest.mark.parametrize("written", ["Café", "cafe", "CAFE\u0301", "café"])
    def test_accents_and_case_never_matter(self, typed, written):
        entries = [entry(1, f"Met at the {written} at noon")]
        assert found(entries, typed) == [1]
        (spans,) = highlighted(entries, typed)
        assert spans == [written]  # the accent is highlighted with its letter

    def test_german_sharp_s(self):
        entries = [entry(1, "Ich lief die Straße entlang")]
        assert found(entries, "strasse") == [1]
        assert found(entries, "STRASSE") == [1]
        assert highlighted(entries, "straße") == [["Straße"]]

    def test_highlights_after_a_decomposed_accent_land_on_the_right_word(self):
        text = "Cafe\u0301 first, then the pier"  # "é" as e + combining accent
        (spans,) = highlighted([entry(1, text)], "pier")
        assert spans == ["pier"]

    def test_emoji_are_words_too_with_their_skin_tone(self):
        entries = [entry(1, "Ran 5k 👍🏽 proud"), entry(2, "❤️ for the dog")]
        assert highlighted(entries[:1], "👍") == [["👍🏽"]]
        assert found(entries, "❤") == [2]  # with or without the emoji selector
        assert found(entries, "❤️") == [2]

    def test_chinese_and_japanese_without_spaces(self):
        entries = [entry(1, "今日は海に行った。"), entry(2, "日本語の本")]
        assert found(entries, "海") == [1]
        assert highlighted(entries, "日本") == [["日本"]]
        # The dakuten is part of the letter: か is not が.
        assert found([entry(3, "がんばる")], "かん") == []

    def test_korean_syllables_are_not_split(self):
        assert found([entry(1, "한국어")], "한") == [1]
        assert found([entry(1, "한국어")], "하") == []

    def test_typographic_ligature_and_full_width(self):
        entries = [entry(1, "a ﬁne day in ＴＯＫＹＯ")]
        assert found(entries, "fine tokyo") == [1]
        assert highlighted(entries, "fine tokyo") == [["ﬁne", "ＴＯＫＹＯ"]]


class TestPhrases:
    def test_words_in_that_order_only(self):
        entries = [entry(1, "I went home early"), entry(2, "home, I went")]
        assert found(entries, '"went home"') == [1]

    def test_any_whitespace_between_even_a_new_paragraph(self):
        entries = [entry(1, "and then I went\n\n   home.")]
        assert found(entries, '"went home"') == [1]
        assert highlighted(entries, '"went home"') == [["went\n\n   home"]]

    def test_phrase_across_title_and_body(self):
        entries = [entry(1, "home early", title="Went")]
        assert found(entries, '"went home"') == [1]

    def test_an_unclosed_quote_runs_to_the_end(self):
        entries = [entry(1, "we walked home"), entry(2, "home, we walked")]
        assert found(entries, '"we walked') == [2, 1]
        assert found(entries, '"walked home') == [1]

    def test_typographic_quotes(self):
        entries = [entry(1, "I went home early"), entry(2, "home, I went")]
        assert found(entries, "“went home”") == [1]

    def test_one_word_in_quotes_is_that_word(self):
        entries = [entry(1, "I starred at the sky", starred=False)]
        assert found(entries, '"starred"') == [1]


class TestExcluded:
    def test_excluded_word(self):
        entries = [entry(1, "work was hard"), entry(2, "a walk after work")]
        assert found(entries, "work -walk") == [1]

    def test_excluded_word_ignores_accents(self):
        entries = [entry(1, "coffee at the café"), entry(2, "coffee at home")]
        assert found(entries, "coffee -cafe") == [2]

    def test_excluded_phrase(self):
        entries = [entry(1, "his mum called"), entry(2, "mum called, not his")]
        assert found(entries, 'called -"his mum"') == [2]

    def test_only_exclusions(self):
        entries = [entry(1, "rain"), entry(2, "sun")]
        assert found(entries, "-rain") == [2]

    def test_a_lone_minus_is_ignored_while_typing(self):
        entries = [entry(1, "rain"), entry(2, "sun")]
        assert found(entries, "-") == found(entries, "")
        assert parse_query("rain -", TODAY).words == ("rain",)


class TestTags:
    def test_a_tag_finds_entries_with_that_tag(self):
        entries = [
            entry(1, "Coffee with #Sam"),
            entry(2, "Sam called"),  # the name, not the tag
            entry(3, "#samantha came over"),
        ]
        assert found(entries, "#sam") == [1]
        assert highlighted(entries, "#SAM") == [["#Sam"]]

    def test_names_and_several_tags(self):
        entries = [entry(1, "@jo and #run"), entry(2, "@jo only")]
        assert found(entries, "@jo #run") == [1]
        assert sorted(found(entries, "@Jo")) == [1, 2]

    def test_accented_tags_match_without_accents(self):
        assert found([entry(1, "#café again")], "#cafe") == [1]

    def test_excluded_tag(self):
        entries = [entry(1, "#work late"), entry(2, "#workout done")]
        assert found(entries, "-#work") == [2]

    def test_a_lone_sigil_is_ignored_and_a_number_is_text(self):
        entries = [entry(1, "my #1 fear"), entry(2, "other")]
        assert sorted(found(entries, "#")) == [1, 2]
        assert found(entries, "#1") == [1]


class TestMood:
    ENTRIES = (
        *(entry(m, f"day {m}", mood=m) for m in range(1, 6)),
        entry(9, "no mood given"),
    )

    @pytest.mark.parametrize(
        ("text", "moods"),
        [
            ("mood:3", [3]),
            ("mood:=3", [3]),
            ("mood:<=2", [1, 2]),
            ("mood:<3", [1, 2]),
            ("mood:>=4", [4, 5]),
            ("mood:>2", [3, 4, 5]),
            ("mood:2-4", [2, 3, 4]),
            ("mood:2..4", [2, 3, 4]),
            ("MOOD:5", [5]),
            ("mood:<=3 mood:>=3", [3]),
        ],
    )
    def test_ranges_never_an_entry_without_mood(self, text, moods):
        assert sorted(found(self.ENTRIES, text)) == moods
        assert parse_query(text, TODAY).mood == (moods[0], moods[-1])


class TestDays:
    ENTRIES = (
        entry(1, "october", date(2026, 10, 23)),
        entry(2, "october", date(2026, 10, 24)),
        entry(3, "yesterday", date(2026, 11, 23)),
        entry(4, "today", TODAY),
    )

    def test_from_is_inclusive(self):
        assert found(self.ENTRIES, "from:yesterday") == [4, 3]

    def test_to_is_inclusive(self):
        assert found(self.ENTRIES, "to:2026-10-24") == [2, 1]

    def test_a_day_with_spaces_in_quotes(self):
        # "last month" from Tuesday 24 November is 24 October.
        assert found(self.ENTRIES, 'from:"last month"') == [4, 3, 2]
        assert found(self.ENTRIES, 'from:"oct 23" to:"oct 23"') == [1]

    def test_both_ends_and_words(self):
        assert found(self.ENTRIES, "from:2026-10-01 to:2026-10-31 october") == [2, 1]

    def test_describe_spells_the_days_out(self):
        query = parse_query('from:"last month" to:yesterday', TODAY)
        assert query.describe() == "from 24 Oct 2026 · to 23 Nov 2026"
        assert parse_query("from:today to:today", TODAY).describe() == (
            "on 24 Nov 2026"
        )


class TestKindAndStarred:
    ENTRIES = (
        entry(1, "a", kind=EntryKind.REFLECTION, starred=True),
        entry(2, "b", kind=EntryKind.LETTER),
        entry(3, "c", kind=EntryKind.URGE, starred=True),
    )

    @pytest.mark.parametrize(
        ("text", "ids"),
        [
            ("kind:reflection", [1]),
            ("kind:letter", [2]),
            ("kind:unsent", [2]),
            ("KIND:Urge", [3]),
            ('kind:"unsent letter"', [2]),
            ("kind:letter kind:urge", [2, 3]),
            ("starred", [1, 3]),
            ("is:starred", [1, 3]),
            ("Is:Starred kind:urge", [3]),
        ],
    )
    def test_filters(self, text, ids):
        assert sorted(found(self.ENTRIES, text)) == ids

    def test_describe_names_them(self):
        query = parse_query("kind:urge kind:unsent is:starred mood:<=2", TODAY)
        assert query.describe() == "mood 1-2 · letter or urge only · starred"


class TestUnknownFilterNames:
    def test_other_colons_are_text(self):
        entries = [
            entry(1, "saved http://example.org for later"),
            entry(2, "note: call the bank"),
            entry(3, "nothing"),
        ]
        assert found(entries, "http://example.org") == [1]
        assert found(entries, "note:") == [2]
        query = parse_query("note:", TODAY)
        assert (query.words, query.describe()) == (("note:",), "")


class TestCombinations:
    def test_everything_at_once(self):
        entries = [
            entry(1, "walked with #sam, felt low", date(2026, 11, 20), mood=2),
            entry(2, "walked with #sam, felt fine", date(2026, 11, 20), mood=4),
            entry(3, "walked with #sam, felt low", date(2026, 9, 1), mood=2),
            entry(4, "walked alone, felt low", date(2026, 11, 21), mood=1),
            entry(5, "walked with #sam and Jo", date(2026, 11, 22), mood=2),
        ]
        query = 'walk #sam mood:<=2 from:"last month" -jo'
        assert found(entries, query) == [1]
        assert parse_query(query, TODAY).describe() == "mood 1-2 · from 24 Oct 2026"
        assert highlighted(entries, query) == [["walk", "#sam"]]

    def test_filters_only_highlight_nothing(self):
        hits = search([entry(1, "x", mood=2)], parse_query("mood:2", TODAY)).hits
        assert hits[0].spans == ()


class TestErrors:
    @pytest.mark.parametrize(
        ("text", "says"),
        [
            ("mood:abc", "mood:abc: a mood is 1 to 5, e.g. mood:<=2 or mood:4"),
            ("mood:9", "mood:9"),
            ("mood:0", "mood:0"),
            ("mood:<1", "mood:<1 matches no mood"),
            ("mood:>5", "mood:>5"),
            ("mood:4-2", "mood:2-4"),
            ("mood:<=2-4", "mood:<=2-4"),
            ("mood:", "mood: needs a value"),
            ("mood:1 mood:5", "no mood"),
            ("from:someday", 'can\'t read "someday" as a day'),
            ("to:june", "which day of June"),
            ("from:oct 3", 'from:"oct 3"'),
            ('from:"last mo', 'from:"last mo"'),
            ("from:", 'from:"last month"'),
            ("to:2026-02-30", "February 2026 has only 28 days"),
            ("from:today to:yesterday", "swap them"),
            ("kind:poem", "kind:poem: unknown kind"),
            ("is:pinned", "is:pinned"),
            ("-kind:urge", "-kind:urge"),
            ("-starred", "-starred"),
        ],
    )
    def test_one_line_saying_what_and_how(self, text, says):
        assert says in error(text)

    def test_from_after_to_names_both_days(self):
        message = error("from:2026-11-02 to:2026-10-03")
        assert "from:2026-11-02 is after to:2026-10-03" in message

    def test_a_bad_day_quotes_it_and_gives_examples(self):
        message = error("from:someday")
        assert message.startswith("from:someday: ")
        assert "yesterday" in message and "2026-10-03" in message

    def test_the_error_is_an_input_error(self):
        with pytest.raises(InputError):
            parse_query("mood:x", TODAY)

    def test_a_very_long_value_is_shortened(self):
        assert len(error("kind:" + "x" * 500)) < 200


class TestBlankQuery:
    @pytest.mark.parametrize("text", ["", "   ", "\t"])
    def test_blank_is_empty_and_finds_everything_newest_first(self, text):
        entries = [
            entry(1, "old", TODAY - timedelta(days=3)),
            entry(2, "new", TODAY),
        ]
        query = parse_query(text, TODAY)
        assert query.is_empty and query.describe() == ""
        assert found(entries, text) == [2, 1]

    def test_any_criterion_makes_it_not_empty(self):
        for text in ("a", "-a", '"a b"', "#a", "mood:2", "from:today", "starred"):
            assert not parse_query(text, TODAY).is_empty, text
        assert parse_query("kind:urge", TODAY).kinds == {EntryKind.URGE}


class TestOrderAndLimit:
    ENTRIES = (
        entry(1, "page", date(2026, 11, 1), at=9),
        entry(5, "page", date(2026, 11, 20), at=8),
        entry(3, "page", date(2026, 11, 20), at=22),
        entry(4, "page", date(2026, 11, 20), at=22),  # same moment as 3
        entry(2, "page", date(2026, 11, 24), at=7),
    )

    def test_newest_day_first_then_latest_written_then_last_added(self):
        assert found(self.ENTRIES, "page") == [2, 4, 3, 5, 1]

    def test_limit_keeps_the_newest_and_total_counts_all(self):
        result = search(self.ENTRIES, parse_query("page", TODAY), limit=2)
        assert [h.entry.id for h in result.hits] == [2, 4]
        assert result.total == 5
        assert search(self.ENTRIES, parse_query("", TODAY), limit=0).total == 5


class TestContext:
    def test_a_short_entry_is_shown_whole_on_one_line(self):
        hit = search(
            [entry(1, "Went home.\n\n  Slept well.", title="Sunday")],
            parse_query("slept", TODAY),
        ).hits[0]
        line, spans = hit.context(80)
        assert line == "Sunday Went home. Slept well."
        assert [line[s:e] for s, e in spans] == ["Slept"]

    def test_a_match_far_into_a_long_entry(self):
        text = (
            " ".join(f"word{i}" for i in range(500))
            + " the pier at dusk "
            + ("more " * 300)
        )
        hit = search([entry(1, text)], parse_query("pier", TODAY)).hits[0]
        line, spans = hit.context(60)
        assert len(line) <= 60
        assert line.startswith("…") and line.endswith("…")
        assert [line[s:e] for s, e in spans] == ["pier"]
        assert line.index("pier") >= 10  # some words before it for context

    def test_a_match_near_the_end(self):
        text = "filler " * 100 + "the end is here"
        hit = search([entry(1, text)], parse_query("here", TODAY)).hits[0]
        line, spans = hit.context(40)
        assert line.startswith("…") and line.endswith("here")
        assert len(line) <= 40
        assert [line[s:e] for s, e in spans] == ["here"]

    def test_a_match_at_the_start_of_a_long_entry(self):
        hit = search(
            [entry(1, "Pier at dawn. " + "more " * 100)], parse_query("pier", TODAY)
        ).hits[0]
        line, spans = hit.context(30)
        assert line.startswith("Pier at dawn") and line.endswith("…")
        assert len(line) <= 30
        assert spans == ((0, 4),)

    def test_every_match_in_view_is_highlighted_and_cut_at_the_edge(self):
        text = "tea " * 50
        hit = search([entry(1, text)], parse_query("tea", TODAY)).hits[0]
        line, spans = hit.context(21)
        assert len(line) <= 21
        assert all(line[s:e] in ("tea", "te", "t") for s, e in spans)
        assert len(spans) >= 4

    def test_a_match_longer_than_the_line(self):
        text = "x " * 20 + "supercalifragilistic " * 3
        hit = search([entry(1, text)], parse_query("supercalifragilistic", TODAY))
        line, spans = hit.hits[0].context(12)
        assert len(line) <= 12
        assert spans and all(0 <= s < e <= len(line) for s, e in spans)

    @pytest.mark.parametrize("width", [1, 2, 3, 5, 8])
    def test_tiny_widths_never_overflow(self, width):
        hit = search(
            [entry(1, "a long entry with the word pier in the middle of it")],
            parse_query("pier", TODAY),
        ).hits[0]
        line, spans = hit.context(width)
        assert len(line) <= width
        assert all(0 <= s < e <= len(line) for s, e in spans)

    def test_a_phrase_across_lines_is_one_highlight(self):
        hit = search(
            [entry(1, "I went\n\nhome")], parse_query('"went home"', TODAY)
        ).hits[0]
        line, spans = hit.context(80)
        assert [line[s:e] for s, e in spans] == ["went home"]

    def test_without_spans_it_is_the_preview(self):
        page = entry(1, "the body of it", title="A title", mood=3)
        assert Hit(page).context(40) == (page.preview(40), ())


class TestSearchIndex:
    def test_a_second_search_gives_the_same_result(self):
        entries = [entry(i, f"entry {i} about the sea") for i in range(1, 30)]
        index = SearchIndex()
        query = parse_query("sea", TODAY)
        assert index.search(entries, query) == index.search(entries, query)
        assert index.search(entries, query) == search(entries, query)

    def test_an_edited_entry_is_searched_as_it_is_now(self):
        index = SearchIndex()
        before = entry(1, "I miss him")
        assert index.search([before], parse_query("miss", TODAY)).total == 1
        after = Entry(
            id=1,
            created=before.created,
            day=before.day,
            body="I am fine",
            updated=datetime(2026, 11, 24, 10),
        )
        assert index.search([after], parse_query("miss", TODAY)).total == 0
        result = index.search([after], parse_query("fine", TODAY))
        assert result.hits[0].entry is after
        assert [after.text[s:e] for s, e in result.hits[0].spans] == ["fine"]

    def test_a_new_mood_on_the_same_text_is_seen(self):
        index = SearchIndex()
        before = entry(1, "same words", mood=2)
        index.search([before], parse_query("words", TODAY))
        after = entry(1, "same words", mood=5)
        assert index.search([after], parse_query("mood:5 words", TODAY)).total == 1

    def test_warming_folds_every_entry_and_forgets_the_gone(self):
        index = SearchIndex()
        entries = [entry(i, f"page {i}") for i in range(1, 6)]
        assert len(index) == 0
        index.warm(entries)
        assert len(index) == 5
        index.warm(entries[:2])
        assert len(index) == 2

    def test_deleted_entries_are_gone(self):
        index = SearchIndex()
        entries = [entry(1, "sea"), entry(2, "sea")]
        index.search(entries, parse_query("sea", TODAY))
        assert found(entries[:1], "sea") == [1]
        assert index.search(entries[:1], parse_query("sea", TODAY)).total == 1


# --- properties ----------------------------------------------------------------

WORDISH = st.text(
    alphabet=st.sampled_from("aeiosßtnrlÉéçÇüﬁ日本한👍🏽❤ \n-'"), min_size=1, max_size=6
)


@FAST
@given(text=st.text(max_size=200), words=st.lists(WORDISH, min_size=1, max_size=3))
def test_highlights_lie_in_the_text_sorted_and_apart(text, words):
    query = " ".join(w.replace("\n", " ") for w in words)
    for hit in search([entry(1, text)], parse_query(query, TODAY)).hits:
        previous_end = 0
        for start, end in hit.spans:
            assert previous_end <= start < end <= len(hit.entry.text)
            previous_end = end
        line, spans = hit.context(40)
        assert len(line) <= 40
        assert all(0 <= s < e <= len(line) for s, e in spans)


LETTERS = st.text(
    alphabet=st.sampled_from("abcXYZ éÉßçüÅﬁ日本語한국😀👍🏽❤️ \n\t.,"),
    min_size=1,
    max_size=80,
)


@FAST
@given(text=LETTERS, data=st.data())
def test_any_piece_of_the_text_finds_it_and_is_highlighted(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    piece = text[start:end]
    query = parse_query(piece, TODAY)
    if query.is_empty:  # only spaces
        return
    (hit,) = search([entry(1, text)], query).hits
    assert hit.spans
    for s, e in hit.spans:
        # What is highlighted is itself a match for part of the query.
        shown = hit.entry.text[s:e]
        assert any(
            search([entry(2, shown)], parse_query(word, TODAY)).total
            for word in piece.split()
        )


@FAST
@given(text=st.text(max_size=100))
def test_a_decomposed_text_finds_the_same_as_the_composed_one(text):
    composed = unicodedata.normalize("NFC", text)
    decomposed = unicodedata.normalize("NFD", text)
    words = composed.split()[:2]
    try:
        query = parse_query(" ".join(words), TODAY)
    except QueryError:  # the text happened to hold a filter, like "mood:x"
        return
    assert (
        search([entry(1, composed)], query).total
        == search([entry(1, decomposed)], query).total
    )
