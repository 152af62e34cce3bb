"""Goals in the app: what a person sees after adding, putting away, deleting."""

from __future__ import annotations

from helpers import screen_text, settle
from textual.widgets import Button

from healjournal.domain.models import GoalKind, Theme
from healjournal.storage.journal import Journal
from healjournal.tui.app import HealJournalApp
from healjournal.tui.dialogs.confirm import ConfirmDialog
from healjournal.tui.dialogs.goal_form import GoalForm
from healjournal.tui.widgets.goals import GoalChecklist

WIDE = (120, 40)


class TestAdding:
    async def test_space_after_adding_ticks_the_new_goal(
        self, welcomed, journal_path, clock
    ):
        first = welcomed.add_goal("A day without contact", Theme.NO_CONTACT)
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("f4", "a")
            await settle(pilot)
            assert isinstance(app.screen, GoalForm)
            await pilot.press(*"Call Maya", "enter")
            await settle(pilot)
            checklist = app.screen.query_one(GoalChecklist)
            assert app.focused is not None and checklist in app.focused.ancestors
            await pilot.press("space")
            await settle(pilot)
        again = Journal.open(journal_path, clock=clock)
        ticked = {g.title for g in again.goals() if g.ticks}
        assert ticked == {"Call Maya"}
        assert again.get_goal(first.id).ticks == ()


class TestPuttingAway:
    async def test_the_dialog_says_put_away_as_the_keys_do(
        self, welcomed, journal_path, clock
    ):
        welcomed.add_goal("Post every day", Theme.SOCIAL, GoalKind.DAILY)
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("f4", "x")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            labels = {str(b.label) for b in app.screen.query(Button)}
            assert "Put away" in labels
            assert "archive" not in screen_text(app).lower()
            await pilot.press("escape", "delete")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            text = screen_text(app)
            assert "archive" not in text.lower()
            assert "Putting it away" in text
