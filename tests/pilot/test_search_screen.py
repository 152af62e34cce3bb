"""Search in the app: Ctrl+F, a word, Enter, and the page from weeks ago is open."""

from __future__ import annotations

from datetime import timedelta

from helpers import TODAY, page, reopen, screen_text, settle
from textual.widgets import Input, TextArea

from healjournal.domain.models import EntryKind
from healjournal.domain.search import parse_query, search
from healjournal.tui.app import HealJournalApp
from healjournal.tui.screens.main import MainScreen
from healjournal.tui.screens.search import SearchResults, SearchScreen

WIDE, NARROW = (120, 40), (80, 24)


def listed_ids(app) -> list[int]:
    results = app.screen.query_one(SearchResults)
    return [
        int(results.get_option_at_index(i).id)
        for i in range(results.option_count)
        if results.get_option_at_index(i).id is not None
    ]


def status(app) -> str:
    return str(app.screen.query_one("#search-status").render())


async def test_ctrl_f_a_word_and_enter_open_the_page_from_weeks_ago(
    welcomed, journal_path, clock
):
    weeks_ago = TODAY - timedelta(days=23)
    welcomed.add_entry(
        "Lunch with Priya.\nThe lighthouse walk was her idea.", day=weeks_ago
    )
    welcomed.add_entry("A quiet day at work.", day=TODAY - timedelta(days=2))
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"lighthouse")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        text = screen_text(app)
        assert "lighthouse walk" in text
        assert "3 weeks ago" in text
        assert "1 page matches" in status(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        editor = page(app)
        assert editor.day == weeks_ago
        assert editor.text.startswith("Lunch with Priya.")
        assert isinstance(app.focused, TextArea)  # ready to add to it
        # The cursor waits at the end, so what is typed next adds to the page.
        assert editor.text_area.cursor_location == (1, 33)
        await pilot.press(*" Yes.")
        await settle(pilot)
        assert editor.text.endswith("The lighthouse walk was her idea. Yes.")


async def test_a_match_deep_in_a_long_page_is_in_view_with_the_cursor_at_the_end(
    welcomed, journal_path, clock
):
    lines = [f"Line {n} of an ordinary day." for n in range(120)]
    lines[10] = "The lighthouse again."
    welcomed.add_entry("\n".join(lines), day=TODAY - timedelta(days=3))
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"lighthouse")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        area = page(app).text_area
        assert area.cursor_location == (119, len(lines[-1]))
        top = area.scroll_offset.y
        assert top <= 10 < top + area.scrollable_content_region.height


async def test_results_are_newest_first_with_the_match_marked(
    welcomed, journal_path, clock
):
    old = welcomed.add_entry("Ran 3k. Legs hated it.", day=TODAY - timedelta(days=40))
    new = welcomed.add_entry("Ran again, further.", day=TODAY - timedelta(days=1))
    welcomed.add_entry("Stayed in.", day=TODAY - timedelta(days=3))
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"ran")
        await settle(pilot)
        assert listed_ids(app) == [new.id, old.id]
        results = app.screen.query_one(SearchResults)
        prompt = results.get_option_at_index(0).prompt
        marked = [
            prompt.plain[s.start : s.end]
            for s in prompt.spans
            if "reverse" in str(s.style)
        ]
        assert marked == ["Ran"]


async def test_filters_narrow_and_a_bad_one_says_why_and_keeps_the_results(
    welcomed, journal_path, clock
):
    welcomed.add_entry("Low day, missed him.", day=TODAY - timedelta(days=5), mood=1)
    fine = welcomed.add_entry(
        "Good day, missed nobody.", day=TODAY - timedelta(days=4), mood=4
    )
    welcomed.add_entry(
        "Dear you, I miss you.", day=TODAY - timedelta(days=6), kind=EntryKind.LETTER
    )
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"missed mood:>=3")
        await settle(pilot)
        assert listed_ids(app) == [fine.id]
        # Pasted in one go, so no half-typed query runs in between.
        app.screen.query_one(Input).value = "missed mood:>=3 mood:x"
        await settle(pilot)
        assert "mood:x" in status(app)  # the hint names what it could not read
        assert app.screen.query_one("#search-status").has_class("-error")
        assert listed_ids(app) == [fine.id]  # the last good results stay
        assert app.screen.query_one(Input).value == "missed mood:>=3 mood:x"


async def test_unsent_letters_are_found_and_open_as_letters(
    welcomed, journal_path, clock
):
    letter = welcomed.add_entry(
        "I still have your jumper.",
        day=TODAY - timedelta(days=9),
        kind=EntryKind.LETTER,
    )
    welcomed.add_entry(
        "Gave the jumper to a charity shop.", day=TODAY - timedelta(days=2)
    )
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"jumper kind:unsent")
        await settle(pilot)
        assert listed_ids(app) == [letter.id]
        assert "unsent letter" in screen_text(app)
        await pilot.press("down", "enter")
        await settle(pilot)
        editor = page(app)
        assert editor.entry_id == letter.id
        assert editor.kind is EntryKind.LETTER


async def test_escape_goes_back_to_the_page_as_it_was(welcomed, journal_path, clock):
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press(*"half a thought")
        await pilot.press("ctrl+f", *"nothing", "escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert page(app).text == "half a thought"
        assert isinstance(app.focused, TextArea)
    assert reopen(journal_path, clock).reflection_for(TODAY).text == "half a thought"


async def test_words_just_typed_are_found(welcomed, journal_path, clock):
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press(*"pottery class")
        await pilot.press("ctrl+f")
        await settle(pilot)
        await pilot.press(*"pottery")
        await settle(pilot)
        assert "1 page matches" in status(app)


async def test_nothing_found_says_so_kindly(welcomed, journal_path, clock):
    welcomed.add_entry("Tea with mum.", day=TODAY - timedelta(days=1))
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"zebra")
        await settle(pilot)
        assert listed_ids(app) == []
        assert 'Nothing matches "zebra"' in status(app)
        await pilot.press("enter")  # nothing to open: it stays, and says so
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)


async def test_the_last_query_is_there_next_time(welcomed, journal_path, clock):
    welcomed.add_entry("Swim at 7.", day=TODAY - timedelta(days=1))
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"swim", "escape", "ctrl+f")
        await settle(pilot)
        assert app.screen.query_one(Input).value == "swim"
        assert len(listed_ids(app)) == 1


async def test_the_screen_lists_what_the_command_line_finds(
    welcomed, journal_path, clock
):
    for n in range(12):
        welcomed.add_entry(
            f"Walk number {n} #walk" if n % 3 else f"Rest day {n}",
            day=TODAY - timedelta(days=n),
            mood=1 + n % 5,
        )
    queries = ["walk", "#walk mood:<=3", 'from:"last week" walk', "rest -walk"]
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for query in queries:
            # The last query comes back selected, so typing replaces it.
            await pilot.press("ctrl+f", *query)
            await settle(pilot)
            expected = search(welcomed.entries(), parse_query(query, TODAY)).hits
            assert listed_ids(app) == [h.entry.id for h in expected], query
            await pilot.press("escape")
