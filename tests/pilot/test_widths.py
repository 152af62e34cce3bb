"""The top bar and the footer at 80, 100 and 120 columns, in December.

Nothing the person needs may fall off the edge or end cut in half: the
no-contact count, the streak, help (F1) and the urge screen (F8).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from helpers import screen_text, settle

from healjournal.clock import FrozenClock, set_clock
from healjournal.domain.models import Theme
from healjournal.storage.journal import Journal
from healjournal.tui.app import HealJournalApp
from healjournal.tui.screens.review import ReviewScreen

#: A Thursday in December: the month starts in the newest week of the review.
DECEMBER = datetime(2026, 12, 3, 21, 4, tzinfo=ZoneInfo("Europe/London"))
SIZES = [(80, 24), (100, 30), (120, 40)]


@pytest.fixture
def december() -> Iterator[FrozenClock]:
    """The clock, frozen on a December evening."""
    frozen = FrozenClock(DECEMBER)
    previous = set_clock(frozen)
    yield frozen
    set_clock(previous)


@pytest.fixture
def busy_journal(journal_path, december) -> Journal:
    """Forty days of no contact, a best of 49, a streak and goals ticked."""
    today = DECEMBER.date()
    journal = Journal.open(journal_path, clock=december)
    journal.set_setting("welcomed", True)
    journal.start_no_contact(today - timedelta(days=100))
    journal.log_slip(today - timedelta(days=51))
    journal.log_slip(today - timedelta(days=40))
    for back in range(1, 7):
        journal.add_entry(f"Day {back} back, a page.", day=today - timedelta(days=back))
    for n in range(3):
        goal = journal.add_goal(f"Goal {n}", Theme.LIFE)
        journal.tick_goal(goal.id, today - timedelta(days=n))
    return journal


def lines(app) -> list[str]:
    return screen_text(app).splitlines()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_top_bar_says_it_all_whole(
    busy_journal, journal_path, december, size
):
    app = HealJournalApp(journal_path, clock=december)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        top = lines(app)[0].strip()
        assert "…" not in top
        assert "Day 40" in top and "(best 49)" in top and "✎ 6 days" in top
        # The goals ticked this week come whole or not at all.
        assert top.endswith(("☑ 3 goals ticked this week", "☑ 3"))
        if size[0] >= 120:
            assert top.endswith("ticked this week")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("keys", [[], ["f4"], ["f7"]], ids=["page", "goals", "review"])
async def test_help_and_the_urge_key_never_fall_off_the_footer(
    busy_journal, journal_path, december, size, keys
):
    app = HealJournalApp(journal_path, clock=december)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if keys == ["f7"]:
            assert isinstance(app.screen, ReviewScreen)
        footer = lines(app)[-1]
        assert "f1 Help" in footer
        assert "f8 I want to text him" in footer
        # The last key shown is whole, never "f8 I want to".
        shown = {b.binding.description for b in app.screen.active_bindings.values()}
        assert footer.rstrip().endswith(tuple(shown | {"palette"}))
        if size[0] >= 120 and not keys:
            assert "^q Quit" in footer


async def test_at_100_columns_the_page_has_the_width(
    busy_journal, journal_path, december
):
    app = HealJournalApp(journal_path, clock=december)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        assert app.screen.query_one("#editor").region.width >= 96


async def test_two_pages_of_one_week_read_apart_in_the_day_list(
    busy_journal, journal_path, december
):
    today = DECEMBER.date()
    busy_journal.add_entry("Booked tickets for a gig in February.", day=today)
    busy_journal.add_entry(
        "Booked tickets for the train home.", day=today - timedelta(days=1)
    )
    app = HealJournalApp(journal_path, clock=december)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Booked tickets for a gig" in text
        assert "Booked tickets for the tr" in text


async def test_a_group_of_keys_stays_together_after_help_and_the_urge(
    busy_journal, journal_path, december
):
    app = HealJournalApp(journal_path, clock=december)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")  # the tips: ← → browse the themes, one label
        await settle(pilot)
        footer = lines(app)[-1]
        assert footer.lstrip().startswith("f1 Help f8 I want to text him")
        assert "←→ Theme" in footer
