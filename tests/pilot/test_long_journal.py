"""A journal of years: the newest pages first, the rest one key away."""

from __future__ import annotations

from datetime import timedelta

from helpers import TODAY, page, settle

from healjournal.tui.app import HealJournalApp
from healjournal.tui.screens.search import SearchResults
from healjournal.tui.widgets.day_list import MORE, PAGE_SIZE, DayList

WIDE = (120, 40)


def fill(journal, count: int) -> None:
    with journal.transaction():
        for n in range(count):
            journal.add_entry(f"Page {n} #walk", day=TODAY - timedelta(days=count - n))


async def test_the_day_list_shows_the_newest_pages_and_more_on_enter(
    welcomed, journal_path, clock
):
    fill(welcomed, PAGE_SIZE + 10)
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        days = app.screen.query_one(DayList)
        last = days.get_option_at_index(days.option_count - 1)
        assert last.id == MORE
        assert "10 older pages" in str(last.prompt)
        # today's blank page, the newest PAGE_SIZE pages, and "older pages"
        assert days.option_count == PAGE_SIZE + 2
        await pilot.press("f2", "end", "enter")
        await settle(pilot)
        assert days.option_count == PAGE_SIZE + 11  # every page now, no "more"
        assert days.get_option_at_index(days.option_count - 1).id != MORE
        await pilot.press("end", "enter")  # the oldest page opens
        await settle(pilot)
        assert page(app).text.startswith("Page 0 ")


async def test_a_save_redraws_only_the_page_that_changed(welcomed, journal_path, clock):
    fill(welcomed, 20)
    welcomed.add_entry("Today so far.", day=TODAY)
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        days = app.screen.query_one(DayList)
        before = [days.get_option_at_index(i) for i in range(days.option_count)]
        shown_before = str(before[0].prompt)
        await pilot.press(*" More.")
        await settle(pilot)
        after = [days.get_option_at_index(i) for i in range(days.option_count)]
        assert [o.id for o in after] == [o.id for o in before]
        # Today's row shows the longer page (cut with an ellipsis in a narrow list).
        assert str(after[0].prompt) != shown_before
        assert "Today so far" in str(after[0].prompt)
        # The other rows are the very same options, not rebuilt.
        assert all(a is b for a, b in zip(after[1:], before[1:], strict=True))


async def test_search_results_come_a_page_at_a_time(welcomed, journal_path, clock):
    fill(welcomed, 60)
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"walk")
        await settle(pilot)
        results = app.screen.query_one(SearchResults)
        listed = [o for o in results.options if o.id is not None]
        assert 0 < len(listed) < 60  # not all 60 drawn at once
        assert "60 pages match" in str(app.screen.query_one("#search-status").render())
        await pilot.press("down", *["pagedown"] * 12, "end")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        listed = [o for o in results.options if o.id is not None]
        assert len(listed) == 60
        assert "Page 0 " in str(listed[-1].prompt)  # the oldest, last
