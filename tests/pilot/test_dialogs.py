"""Each dialog, driven as a person would: what comes back for each key and button."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, Input, Label, SelectionList, Static, TextArea

from healjournal.domain.models import Goal, GoalKind, Theme
from healjournal.tips import banned_phrases_in
from healjournal.tui.dialogs.confirm import ConfirmDialog
from healjournal.tui.dialogs.encrypt import EncryptDialog
from healjournal.tui.dialogs.goal_form import GoalDraft, GoalForm
from healjournal.tui.dialogs.jump import JumpToDate
from healjournal.tui.dialogs.letter import LetterScreen
from healjournal.tui.dialogs.slip import SlipDialog, SlipReport, slip_message
from healjournal.tui.screens.welcome import WelcomeResult, WelcomeScreen
from healjournal.tui.widgets.day_field import DayField

TODAY = date(2026, 11, 24)  # a Tuesday
NEXT_FRIDAY = date(2026, 12, 4)  # the Friday of next week
LAST_SATURDAY = date(2026, 11, 21)

SMALL, LARGE = (80, 24), (120, 40)


class Host(App[None]):
    """A bare app that opens one dialog and records what it returns."""

    def __init__(self, dialog: Screen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Static("today's page")

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


@pytest.fixture(params=[SMALL, LARGE], ids=["80x24", "120x40"])
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    return request.param


@asynccontextmanager
async def opened(
    dialog: Screen[Any], size: tuple[int, int] = SMALL
) -> AsyncIterator[tuple[Host, Pilot[None]]]:
    app = Host(dialog)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen is dialog
        yield app, pilot


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type `text` into the focused widget, as the terminal sends a paste: one
    event for the lot, which keeps the tests fast."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def still_open(app: Host) -> bool:
    return app.screen is app.dialog and not app.results


def assert_all_on_screen(app: Host) -> None:
    """Every button and input of the dialog is fully visible: nothing cut off."""
    screen = Region(0, 0, *app.size)
    widgets = [*app.screen.query(Button), *app.screen.query(Input)]
    assert widgets
    for widget in widgets:
        if widget.display and not widget.is_disabled:
            assert widget.region, f"{widget} is not visible"
            assert screen.contains_region(widget.region), f"{widget} is cut off"


def feedback(app: Host, selector: str = "DayField") -> str:
    return app.screen.query_one(selector, DayField).feedback


class TestConfirmDialog:
    async def test_everything_fits(self, size):
        dialog = ConfirmDialog("Delete this page?", "It goes for good.", "Delete")
        async with opened(dialog, size) as (app, _):
            assert_all_on_screen(app)

    @pytest.mark.parametrize(
        ("keys", "expected"),
        [(("y",), True), (("n",), False), (("escape",), False), (("enter",), True)],
    )
    async def test_keys(self, keys, expected):
        async with opened(ConfirmDialog("Sure?", "Really sure?")) as (app, pilot):
            await pilot.press(*keys)
        assert app.results == [expected]

    @pytest.mark.parametrize(
        ("button", "expected"), [("#confirm", True), ("#cancel", False)]
    )
    async def test_buttons(self, button, expected, size):
        dialog = ConfirmDialog("Put it away?", "You can bring it back.", "Put away")
        async with opened(dialog, size) as (app, pilot):
            assert await pilot.click(button)
        assert app.results == [expected]

    async def test_labels_are_the_ones_given(self):
        dialog = ConfirmDialog("Delete?", "Gone for good.", "Delete", "Keep")
        async with opened(dialog) as (app, _):
            labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels == ["Delete", "Keep"]

    async def test_danger_starts_on_cancel_so_enter_is_safe(self):
        dialog = ConfirmDialog("Delete?", "Gone for good.", "Delete", danger=True)
        async with opened(dialog) as (app, pilot):
            assert app.focused is not None and app.focused.id == "cancel"
            await pilot.press("enter")
        assert app.results == [False]

    async def test_danger_still_confirms_with_y(self):
        dialog = ConfirmDialog("Delete?", "Gone for good.", "Delete", danger=True)
        async with opened(dialog) as (app, pilot):
            await pilot.press("y")
        assert app.results == [True]


class TestEncryptDialog:
    async def test_everything_fits(self, journal, size):
        async with opened(EncryptDialog(journal), size) as (app, _):
            assert_all_on_screen(app)
            assert app.focused is app.screen.query_one("#passphrase", Input)

    @pytest.mark.parametrize("how", ["escape", "#cancel"])
    async def test_cancel_encrypts_nothing(self, journal, how):
        async with opened(EncryptDialog(journal)) as (app, pilot):
            await pilot.press(*"bread and roses")
            if how == "escape":
                await pilot.press("escape")
            else:
                assert await pilot.click(how)
        assert app.results == [False]
        assert not journal.path.exists()


class TestGoalForm:
    async def test_everything_fits(self, size):
        async with opened(GoalForm(TODAY), size) as (app, _):
            assert_all_on_screen(app)

    async def test_title_then_enter_adds_a_one_off(self, size):
        async with opened(GoalForm(TODAY), size) as (app, pilot):
            await type_text(pilot, "Run 5 km")
            await pilot.press("enter")
        assert app.results == [GoalDraft("Run 5 km", Theme.GOAL, GoalKind.ONCE, None)]

    async def test_empty_title_keeps_the_form_open_and_says_so(self, size):
        async with opened(GoalForm(TODAY), size) as (app, pilot):
            await type_text(pilot, "   ")
            await pilot.press("ctrl+s")
            assert still_open(app)
            problem = app.screen.query_one("#title-problem", Label)
            assert problem.display
            assert "name" in str(problem.render())
            assert app.focused is app.screen.query_one("#title", Input)
            # Fixing it clears the message and saves.
            await type_text(pilot, "Swim")
            assert not problem.display
            await pilot.click("#save")
        assert app.results == [GoalDraft("Swim", Theme.GOAL, GoalKind.ONCE, None)]

    async def test_next_friday_is_read_back_and_returned(self, size):
        async with opened(GoalForm(TODAY), size) as (app, pilot):
            await type_text(pilot, "Book the trip")
            await pilot.click("#due")
            await type_text(pilot, "next friday")
            assert feedback(app) == "→ Fri 4 Dec · 2026-12-04"
            await pilot.press("ctrl+s")
        assert app.results == [
            GoalDraft("Book the trip", Theme.GOAL, GoalKind.ONCE, NEXT_FRIDAY)
        ]

    async def test_unreadable_due_keeps_everything_and_shows_why(self, size):
        async with opened(GoalForm(TODAY), size) as (app, pilot):
            await type_text(pilot, "Book the trip")
            await pilot.press("tab", "tab", "tab")  # theme, kind, due
            assert app.focused is app.screen.query_one("#due", Input)
            await type_text(pilot, "next blursday")
            await pilot.press("enter")
            assert still_open(app)
            assert "can't read" in feedback(app)
            assert app.screen.query_one("#title", Input).value == "Book the trip"
            assert app.screen.query_one("#due", Input).value == "next blursday"
            await pilot.press("escape")
        assert app.results == [None]

    async def test_a_habit_has_no_due_date(self):
        async with opened(GoalForm(TODAY, title="Walk")) as (app, pilot):
            await pilot.click("#due")
            await type_text(pilot, "dec 3")
            await pilot.click("#kind-weekly")
            assert app.screen.query_one("#due", Input).is_disabled
            assert "no due date" in feedback(app)
            await pilot.click("#save")
        assert app.results == [GoalDraft("Walk", Theme.GOAL, GoalKind.WEEKLY, None)]

    async def test_theme_is_picked_from_the_named_list(self):
        async with opened(GoalForm(TODAY)) as (app, pilot):
            await type_text(pilot, "Call Sam")
            await pilot.press("tab", "enter", "down", "enter")  # Any goal -> next
            await pilot.press("ctrl+s")
        assert app.results == [GoalDraft("Call Sam", Theme.SOCIAL, GoalKind.ONCE, None)]

    async def test_prefill_from_a_starter_goal(self):
        form = GoalForm(
            TODAY, theme=Theme.BODY, title="Move for 20 minutes", kind=GoalKind.DAILY
        )
        async with opened(form) as (app, pilot):
            await pilot.press("enter")
        assert app.results == [
            GoalDraft("Move for 20 minutes", Theme.BODY, GoalKind.DAILY, None)
        ]

    async def test_editing_starts_from_the_goal(self, size):
        goal = Goal(7, Theme.CAREER, "Update my CV", due=date(2026, 12, 3))
        async with opened(GoalForm(TODAY, goal), size) as (app, pilot):
            assert app.screen.query_one("#title", Input).value == "Update my CV"
            assert "2026-12-03" in feedback(app)
            await pilot.press("end", *" & CV", "enter")
        assert app.results == [
            GoalDraft(
                "Update my CV & CV",
                Theme.CAREER,
                GoalKind.ONCE,
                date(2026, 12, 3),
            )
        ]

    @pytest.mark.parametrize("how", ["escape", "#cancel"])
    async def test_cancel(self, how):
        async with opened(GoalForm(TODAY)) as (app, pilot):
            await type_text(pilot, "Something")
            if how == "escape":
                await pilot.press("escape")
            else:
                await pilot.click(how)
        assert app.results == [None]


class TestSlipDialog:
    async def test_everything_fits(self, size):
        async with opened(SlipDialog(TODAY, 12, 30), size) as (app, _):
            assert_all_on_screen(app)

    async def test_note_and_today(self, size):
        async with opened(SlipDialog(TODAY, 4, 12), size) as (app, pilot):
            await type_text(pilot, "he texted happy birthday")
            await pilot.press("enter")
        assert app.results == [SlipReport(TODAY, "he texted happy birthday")]

    async def test_another_day_with_the_button(self, size):
        async with opened(SlipDialog(TODAY, 4, 12), size) as (app, pilot):
            await pilot.press("tab")  # to the day, with "today" selected
            await type_text(pilot, "last saturday")
            assert feedback(app) == "→ Saturday · 2026-11-21"
            await pilot.click("#log")
        assert app.results == [SlipReport(LAST_SATURDAY, "")]

    async def test_a_future_day_is_refused_in_place(self):
        async with opened(SlipDialog(TODAY, 4, 12)) as (app, pilot):
            await pilot.press("tab")
            await type_text(pilot, "tomorrow")
            await pilot.press("enter")
            assert still_open(app)
            assert "that day hasn't happened yet" in feedback(app)

    @pytest.mark.parametrize("how", ["escape", "#cancel"])
    async def test_not_now(self, how):
        async with opened(SlipDialog(TODAY, None, None)) as (app, pilot):
            await type_text(pilot, "nothing")
            if how == "escape":
                await pilot.press("escape")
            else:
                await pilot.click(how)
        assert app.results == [None]

    def test_the_words_are_kind_and_keep_the_best(self):
        assert "Your best run stays yours" in slip_message(12, 30)
        assert "Your best run stays yours" in slip_message(1, None)
        assert "best" not in slip_message(None, None)
        for current, best in [(12, 30), (0, 0), (None, None), (45, 45)]:
            message = slip_message(current, best)
            assert "still doing this" in message
            assert not banned_phrases_in(message)


class TestJumpToDate:
    async def test_everything_fits(self, size):
        async with opened(JumpToDate(TODAY), size) as (app, _):
            assert_all_on_screen(app)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("yesterday", date(2026, 11, 23)),
            ("last friday", date(2026, 11, 20)),
            ("oct 3", date(2026, 10, 3)),
            ("today", TODAY),
        ],
    )
    async def test_enter_jumps(self, text, expected):
        async with opened(JumpToDate(TODAY)) as (app, pilot):
            await type_text(pilot, text)
            await pilot.press("enter")
        assert app.results == [expected]

    async def test_the_line_follows_each_key(self):
        async with opened(JumpToDate(TODAY)) as (app, pilot):
            assert "e.g. yesterday" in feedback(app)
            await pilot.press(*"last")
            assert feedback(app).startswith("✗ can't read")
            await pilot.press(*" fri")
            assert feedback(app) == "→ Friday · 2026-11-20"

    async def test_go_button(self, size):
        async with opened(JumpToDate(TODAY), size) as (app, pilot):
            await type_text(pilot, "yesterday")
            assert feedback(app) == "→ yesterday · 2026-11-23"
            await pilot.click("#go")
        assert app.results == [date(2026, 11, 23)]

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            ("next friday", "that day hasn't happened yet"),
            ("next blursday", "can't read"),
            ("", "type a day first"),
        ],
    )
    async def test_refused_in_place(self, text, problem):
        async with opened(JumpToDate(TODAY)) as (app, pilot):
            await type_text(pilot, text)
            await pilot.press("enter")
            assert still_open(app)
            assert problem in feedback(app)
            assert app.screen.query_one("#day", Input).value == text

    @pytest.mark.parametrize("how", ["escape", "#cancel"])
    async def test_cancel(self, how):
        async with opened(JumpToDate(TODAY)) as (app, pilot):
            if how == "escape":
                await pilot.press("escape")
            else:
                await pilot.click(how)
        assert app.results == [None]


class TestLetterScreen:
    async def test_everything_fits_and_the_page_has_focus(self, size):
        async with opened(LetterScreen(), size) as (app, _):
            assert_all_on_screen(app)
            assert isinstance(app.focused, TextArea)

    @pytest.mark.parametrize("key", ["escape", "ctrl+s"])
    async def test_the_letter_is_kept(self, key, size):
        async with opened(LetterScreen(), size) as (app, pilot):
            await type_text(pilot, "I wanted to say")
            await pilot.press("enter", "enter")
            await type_text(pilot, "thank you")
            await pilot.press("enter", "enter")
            await pilot.press(key)
        assert app.results == ["I wanted to say\n\nthank you"]

    async def test_keep_button_and_carrying_on(self):
        async with opened(LetterScreen("Dear you,")) as (app, pilot):
            await type_text(pilot, " goodbye.  ")
            await pilot.click("#keep")
        assert app.results == ["Dear you, goodbye."]

    @pytest.mark.parametrize("key", ["escape", "ctrl+s"])
    async def test_nothing_written_is_none(self, key):
        async with opened(LetterScreen()) as (app, pilot):
            await pilot.press("enter", "space")
            await pilot.press(key)
        assert app.results == [None]


class TestWelcomeScreen:
    async def test_everything_fits(self, size):
        async with opened(WelcomeScreen(TODAY), size) as (app, _):
            assert_all_on_screen(app)
            goals = app.screen.query_one(SelectionList)
            assert goals.option_count > 7 * 3
            assert goals.selected == []

    async def test_chosen_goals_and_last_contact(self, size):
        async with opened(WelcomeScreen(TODAY), size) as (app, pilot):
            goals = app.screen.query_one(SelectionList)
            assert app.focused is goals
            await pilot.press("space")  # the first goal, under the first heading
            await pilot.press("down", "down", "down", "down")  # past the heading
            await pilot.press("space")
            await pilot.click("#last-contact")
            await type_text(pilot, "last saturday")
            assert feedback(app) == "→ Saturday · 2026-11-21"
            await pilot.press("enter")
        assert app.results == [
            WelcomeResult(
                goals=(
                    (Theme.LIFE, "Plan a weekend away", GoalKind.ONCE),
                    (Theme.BODY, "Move for 20 minutes", GoalKind.DAILY),
                ),
                last_contact=LAST_SATURDAY,
            )
        ]

    async def test_start_without_a_day(self):
        async with opened(WelcomeScreen(TODAY)) as (app, pilot):
            await pilot.press("end", "space")  # the last goal, of no contact
            await pilot.click("#start")
        [result] = app.results
        assert result.last_contact is None
        assert [theme for theme, _, _ in result.goals] == [Theme.NO_CONTACT]

    async def test_a_future_last_contact_is_refused(self):
        async with opened(WelcomeScreen(TODAY)) as (app, pilot):
            await pilot.click("#last-contact")
            await type_text(pilot, "next friday")
            await pilot.press("ctrl+s")
            assert still_open(app)
            assert "that day hasn't happened yet" in feedback(app)

    @pytest.mark.parametrize("how", ["escape", "#skip"])
    async def test_skip_returns_nothing(self, how):
        async with opened(WelcomeScreen(TODAY)) as (app, pilot):
            await pilot.press("space")
            if how == "escape":
                await pilot.press("escape")
            else:
                await pilot.click(how)
        assert app.results == [WelcomeResult(goals=(), last_contact=None)]
