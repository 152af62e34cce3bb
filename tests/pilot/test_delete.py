"""Deleting a page (and bringing it back), and taking back a slip by mistake."""

from __future__ import annotations

from datetime import timedelta

from helpers import TODAY, page, reopen, screen_text, settle

from healjournal.domain.models import EntryKind
from healjournal.domain.stats import no_contact_streak
from healjournal.tui.app import HealJournalApp
from healjournal.tui.dialogs.confirm import ConfirmDialog
from healjournal.tui.screens.main import MainScreen
from healjournal.tui.screens.review import ReviewScreen

WIDE = (120, 40)


async def test_delete_the_open_page_after_a_confirm_that_quotes_it(
    welcomed, journal_path, clock
):
    welcomed.add_entry("Booked tickets for a gig.\nAnd more.", day=TODAY, mood=4)
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await app.screen.run_action("delete_page")  # Ctrl+P, "Delete this page"
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "“Booked tickets for a gig. · And more.”" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert page(app).text == ""  # today's page, blank again
        assert reopen(journal_path, clock).entries() == []


async def test_ctrl_z_brings_a_deleted_page_back_exactly(welcomed, journal_path, clock):
    kept = welcomed.add_entry("Walked by the river.", day=TODAY - timedelta(days=2))
    gone = welcomed.add_entry(
        "Hey. I still think about you.",
        day=TODAY - timedelta(days=1),
        kind=EntryKind.LETTER,
        mood=2,
        starred=True,
    )
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        screen = app.screen
        screen.query_one("DayList").highlight_page(gone.day, gone.id)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert [e.id for e in reopen(journal_path, clock).entries()] == [kept.id]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert page(app).text == gone.text  # opened, back as it was
    back = reopen(journal_path, clock).get_entry(gone.id)
    assert back == gone


async def test_after_the_undo_window_ctrl_z_is_the_pages_own_undo_again(
    welcomed, journal_path, clock, monkeypatch
):
    from healjournal.tui.screens import main_delete

    monkeypatch.setattr(main_delete, "UNDO_SECONDS", 0.01)
    gone = welcomed.add_entry("Delete me.", day=TODAY - timedelta(days=1))
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.screen.ask_delete(gone.id)
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.pause(0.05)  # the window (shortened) closes on a timer
        await pilot.press(*"ab")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert page(app).text == ""  # the page's own undo, not the delete's
    assert "Delete me." not in [e.text for e in reopen(journal_path, clock).entries()]


async def test_a_slip_logged_by_mistake_is_taken_back_from_the_review(
    welcomed, journal_path, clock
):
    welcomed.start_no_contact(TODAY - timedelta(days=12))
    before = no_contact_streak(welcomed.no_contact(), TODAY)
    welcomed.log_slip(TODAY)
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "Day 12" not in screen_text(app).splitlines()[0]
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert "Take back today's slip" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("enter")  # "Take it back"
        await settle(pilot)
        assert "Take back today's slip" not in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "Day 12" in screen_text(app).splitlines()[0]
    after = no_contact_streak(reopen(journal_path, clock).no_contact(), TODAY)
    assert after == before


async def test_an_older_slip_is_not_offered_to_take_back(welcomed, journal_path, clock):
    welcomed.start_no_contact(TODAY - timedelta(days=12))
    welcomed.log_slip(TODAY - timedelta(days=1))
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        assert "Take back" not in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
    assert len(reopen(journal_path, clock).no_contact().slips) == 1
