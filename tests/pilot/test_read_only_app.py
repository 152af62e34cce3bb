"""A journal that cannot be saved where it is (a read-only disk, a folder
without permission) opens to read: the top bar says so, typing is kept."""

from __future__ import annotations

from helpers import TODAY, page, screen_text, settle

from healjournal.tui import app as app_module
from healjournal.tui.app import HealJournalApp
from healjournal.tui.dialogs.confirm import ConfirmDialog


async def test_a_read_only_journal_opens_to_read_and_keeps_what_is_typed(
    welcomed, journal_path, clock, monkeypatch
):
    welcomed.add_entry("Written on the laptop.", day=TODAY)
    welcomed.close()
    before = journal_path.read_bytes()
    beside = sorted(p.name for p in journal_path.parent.iterdir())
    monkeypatch.setattr(
        app_module, "write_problem", lambda path: "the disk is read-only"
    )
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert screen_text(app).splitlines()[0].lstrip().startswith("READ-ONLY")
        assert page(app).text == "Written on the laptop."
        await pilot.press(*" And more.")
        await settle(pilot, timers=False)
        assert page(app).text == "Written on the laptop. And more."
        assert "not saved: this journal is" in screen_text(app)
        await pilot.press("ctrl+q")  # asks before dropping words
        await settle(pilot, timers=False)
        assert isinstance(app.screen, ConfirmDialog)
        assert "read-only" in screen_text(app)
        await pilot.press("escape")  # stay
        await settle(pilot, timers=False)
        assert page(app).text == "Written on the laptop. And more."
    assert journal_path.read_bytes() == before
    assert sorted(p.name for p in journal_path.parent.iterdir()) == beside
