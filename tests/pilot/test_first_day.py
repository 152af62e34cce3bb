"""The first day shows the first theme, and the others follow (issue 14 item 15)."""

from __future__ import annotations

from datetime import timedelta

from helpers import TODAY, settle

from healjournal.domain.models import Theme
from healjournal.tips import theme_tips
from healjournal.tui.app import HealJournalApp
from healjournal.tui.screens.main import MainScreen
from healjournal.tui.widgets.editor import EditorPane
from healjournal.tui.widgets.tips import TipSidebar


async def test_a_new_journal_opens_on_a_life_of_your_own(welcomed, journal_path, clock):
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(TipSidebar).theme is Theme.LIFE
        placeholder = app.screen.query_one(EditorPane).text_area.placeholder
        assert placeholder == theme_tips(Theme.LIFE).prompts[0]


async def test_the_fifth_day_shows_the_fifth_theme(welcomed, journal_path, clock):
    clock.set(clock.now() - timedelta(days=4))
    welcomed.add_entry("Day one.", day=TODAY - timedelta(days=4))
    clock.set(clock.now() + timedelta(days=4))
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(TipSidebar)
        assert sidebar.theme is list(Theme)[4]
        await pilot.press("f3", "right", "t")
        await settle(pilot)
        assert sidebar.theme is list(Theme)[4]
