"""What each screen looks like, at 80x24 and 120x40, from a seeded journal.

Run `pytest tests/snapshots --snapshot-update` after a deliberate change and
look at the new SVGs before committing them.
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Input, TextArea

from healjournal.demo import build_demo_journal
from healjournal.domain.person import PERSON_SETTING
from healjournal.storage.journal import Journal
from healjournal.tui.app import HealJournalApp
from healjournal.tui.dialogs.goal_form import GoalForm
from healjournal.tui.dialogs.merge_copies import MergeCopiesDialog
from healjournal.tui.screens.help import HelpScreen
from healjournal.tui.screens.main import MainScreen
from healjournal.tui.screens.review import ReviewScreen
from healjournal.tui.screens.search import SearchScreen
from healjournal.tui.screens.urge import UrgeScreen
from healjournal.tui.screens.welcome import WelcomeScreen

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture
def demo_path(tmp_path: Path, clock) -> Path:
    """The demo journal, built for the frozen day in a fixed time zone."""
    path = tmp_path / "demo.json"
    now = clock.now()
    build_demo_journal(path, now.date(), tz=now.tzinfo, clock=clock)
    return path


async def quiet(pilot) -> None:
    """Wait for the journal to load, then hide what changes by the second."""
    app = pilot.app
    main = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
    # The journal is read just after the first frame: wait for that read.
    for _ in range(500):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if main is None or not main.busy:
            break
    await app.workers.wait_for_complete()
    await pilot.pause()
    # A blinking cursor is hidden half of each second: on a busy machine the
    # screenshot can come more than half a second after the last key. Every
    # cursor is switched off blinking, shown, on every screen: an Input's as
    # well as a TextArea's.
    for screen in app.screen_stack:
        for field in screen.query("Input, TextArea").results():
            if isinstance(field, Input | TextArea):
                field.cursor_blink = False
    app.clear_notifications()
    await pilot.pause()


async def opened(pilot, kind: type[Screen]) -> None:
    """Wait until a `kind` of screen is on top, mounted, with its focus set.

    A key pressed before then would land on the screen beneath (Space ticks a
    goal there, `a` opens another form): the keys are sent without waiting
    for the screen the previous key asked for.
    """
    app = pilot.app
    for _ in range(1000):
        screen = app.screen
        if (
            isinstance(screen, kind)
            and screen.is_mounted
            and screen.focused is not None
        ):
            return
        await pilot.pause(0.005)
    raise AssertionError(f"{kind.__name__} never opened")


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
class TestMainScreen:
    def test_todays_page(self, snap_compare, demo_path, clock, size):
        app = HealJournalApp(demo_path, clock=clock)
        assert snap_compare(app, terminal_size=SIZES[size], run_before=quiet)

    def test_goals(self, snap_compare, demo_path, clock, size):
        async def goals(pilot):
            await quiet(pilot)
            await pilot.press("f4", "down", "down")
            await quiet(pilot)

        app = HealJournalApp(demo_path, clock=clock)
        assert snap_compare(app, terminal_size=SIZES[size], run_before=goals)


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
class TestDialogs:
    def test_welcome(self, snap_compare, tmp_path, clock, size):
        async def welcome(pilot):
            await quiet(pilot)
            await opened(pilot, WelcomeScreen)  # pushed after the first read
            await quiet(pilot)

        app = HealJournalApp(tmp_path / "new.json", clock=clock)
        assert snap_compare(app, terminal_size=SIZES[size], run_before=welcome)

    def test_goal_form(self, snap_compare, demo_path, clock, size):
        async def form(pilot):
            await quiet(pilot)
            await pilot.press("f4", "a")
            await opened(pilot, GoalForm)
            await pilot.press(*"Cook dal for friends")
            pilot.app.screen.query_one("#due").value = "next friday"
            await quiet(pilot)
            assert isinstance(pilot.app.screen, GoalForm)

        app = HealJournalApp(demo_path, clock=clock)
        assert snap_compare(app, terminal_size=SIZES[size], run_before=form)

    def test_help(self, snap_compare, demo_path, clock, size):
        async def help_screen(pilot):
            await quiet(pilot)
            await pilot.press("f1")
            await opened(pilot, HelpScreen)
            await quiet(pilot)

        app = HealJournalApp(demo_path, clock=clock)
        assert snap_compare(app, terminal_size=SIZES[size], run_before=help_screen)


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
class TestInsight:
    def test_search(self, snap_compare, demo_path, clock, size):
        async def search(pilot):
            await quiet(pilot)
            await pilot.press("ctrl+f")
            await opened(pilot, SearchScreen)
            await pilot.press(*"run mood:>=3")
            await quiet(pilot)

        app = HealJournalApp(demo_path, clock=clock)
        assert snap_compare(app, terminal_size=SIZES[size], run_before=search)

    def test_review(self, snap_compare, demo_path, clock, size):
        async def review(pilot):
            await quiet(pilot)
            await pilot.press("f7")
            await opened(pilot, ReviewScreen)
            await quiet(pilot)

        app = HealJournalApp(demo_path, clock=clock)
        assert snap_compare(app, terminal_size=SIZES[size], run_before=review)


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
class TestCare:
    """The moment he is on your mind: the urge screen, and its question."""

    def test_urge(self, snap_compare, demo_path, clock, size):
        async def urge(pilot):
            await quiet(pilot)
            await pilot.press("f8")
            await opened(pilot, UrgeScreen)
            await pilot.press(*"I still think about the way you laughed.")
            clock.set(clock.now() + timedelta(minutes=3, seconds=12))
            pilot.app.screen.tick()
            await quiet(pilot)
            assert isinstance(pilot.app.screen, UrgeScreen)

        app = HealJournalApp(demo_path, clock=clock)
        assert snap_compare(app, terminal_size=SIZES[size], run_before=urge)

    def test_urge_question(self, snap_compare, demo_path, clock, size):
        async def time_is_up(pilot):
            await quiet(pilot)
            await pilot.press("f8")
            await opened(pilot, UrgeScreen)
            await pilot.press(*"You said you'd call.")
            clock.set(clock.now() + timedelta(minutes=10))
            pilot.app.screen.tick()
            await pilot.press("3")  # the question has the keys at once
            await quiet(pilot)
            assert pilot.app.screen.query_one("#urge-question").has_class("-open")

        app = HealJournalApp(demo_path, clock=clock)
        assert snap_compare(app, terminal_size=SIZES[size], run_before=time_is_up)


class TestPerson:
    """The app as someone getting over a "she" sees it."""

    def test_main_screen_for_she(self, snap_compare, demo_path, clock):
        Journal.open(demo_path, clock=clock).set_setting(PERSON_SETTING, "she")
        app = HealJournalApp(demo_path, clock=clock)
        assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=quiet)


async def test_quiet_leaves_no_cursor_blinking(demo_path, clock):
    """A blinking cursor made a snapshot differ on a busy machine (issue 14,
    item 16): after `quiet`, no cursor on any screen blinks, and it shows."""
    app = HealJournalApp(demo_path, clock=clock)
    async with app.run_test(size=SIZES["120x40"]) as pilot:
        await quiet(pilot)
        await pilot.press("f4", "a")
        await opened(pilot, GoalForm)
        await pilot.press(*"Cook dal")
        await quiet(pilot)
        fields = [
            field
            for screen in app.screen_stack
            for field in screen.query("Input, TextArea").results()
        ]
        assert any(isinstance(field, Input) for field in fields)
        assert not [field for field in fields if field.cursor_blink]
        title = app.screen.query_one("#title", Input)
        assert title.has_focus and title._cursor_visible


def test_merge_copies_offer(snap_compare, demo_path, clock):
    """The offer to merge a Syncthing copy with two pages written on the laptop."""
    copy = demo_path.with_name("demo.sync-conflict-20261203-101010-ABCDEFG.json")
    shutil.copy(demo_path, copy)
    laptop = Journal.open(copy, clock=clock)
    laptop.add_entry("Written on the laptop, on the train.")
    laptop.add_entry("And again, at night.", day=clock.today() - timedelta(days=1))

    async def offer(pilot):
        await quiet(pilot)
        pilot.app.screen.action_merge_copies()  # Ctrl+P, "Merge the copies"
        await opened(pilot, MergeCopiesDialog)
        await quiet(pilot)

    app = HealJournalApp(demo_path, clock=clock)
    assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=offer)
