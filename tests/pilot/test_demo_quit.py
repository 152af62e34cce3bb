"""The demo says it is one, and offers back the words typed in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import TODAY, page, reopen, screen_text, settle

from healjournal.demo import build_demo_journal
from healjournal.tui.app import HealJournalApp
from healjournal.tui.dialogs.demo_quit import LeaveDemoDialog


@pytest.fixture
def demo_path(tmp_path: Path, clock) -> Path:
    path = tmp_path / "demo" / "journal.json"
    path.parent.mkdir()
    build_demo_journal(path, TODAY, clock=clock).close()
    return path


async def type_and_quit(pilot, words: str) -> None:
    await pilot.press(*words)
    await settle(pilot)
    await pilot.press("ctrl+q")
    await settle(pilot)


async def test_the_demo_says_so_in_the_top_bar_and_the_title(demo_path, clock):
    app = HealJournalApp(demo_path, clock=clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert screen_text(app).splitlines()[0].lstrip().startswith("DEMO")
        assert "demo" in app.title
    plain = HealJournalApp(demo_path, clock=clock)
    async with plain.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "DEMO" not in screen_text(plain).splitlines()[0]


async def test_words_typed_in_the_demo_can_go_to_your_own_journal(
    demo_path, journal_path, clock
):
    app = HealJournalApp(demo_path, clock=clock, demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_and_quit(pilot, "Tried the demo. I like it.")
        assert isinstance(app.screen, LeaveDemoDialog)
        assert "6 words" in screen_text(app)
        await pilot.click("#keep")
        await settle(pilot)
    assert app.return_code == 0
    (entry,) = reopen(journal_path, clock).entries()
    assert entry.text == "Tried the demo. I like it."
    assert entry.day == TODAY
    assert str(journal_path) in (app.goodbye or "")


async def test_words_added_to_a_demo_page_are_offered_without_the_demo_text(
    demo_path, journal_path, clock
):
    app = HealJournalApp(demo_path, clock=clock, demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g", *"yesterday", "enter")
        await settle(pilot)
        assert page(app).text  # a page of the demo's own
        await type_and_quit(pilot, " And mine.")
        await pilot.click("#copy")
        await settle(pilot)
    assert app.clipboard == "And mine."
    assert (app.goodbye or "").endswith("\n\nAnd mine.")
    assert not journal_path.exists()  # nothing written to your own journal


async def test_staying_in_the_demo_keeps_the_words_on_screen(demo_path, clock):
    app = HealJournalApp(demo_path, clock=clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_and_quit(pilot, "Still here")
        await pilot.press("escape")
        await settle(pilot)
        assert page(app).text == "Still here"
        assert app.is_running


async def test_quitting_the_demo_untouched_asks_nothing(demo_path, clock):
    app = HealJournalApp(demo_path, clock=clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0
    assert app.goodbye is None
