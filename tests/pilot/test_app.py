"""The app as a person uses it: write, switch days, tick, slip, quit, come back."""

from __future__ import annotations

import errno
import os
from datetime import date, timedelta

from helpers import TODAY, held, page, reopen, screen_text, settle, until
from textual import events
from textual.containers import ScrollableContainer
from textual.widgets import TextArea

from healjournal.domain.models import EntryKind, GoalKind, Theme
from healjournal.insight import overview as overview_module
from healjournal.machine.config import config_path, load_config
from healjournal.storage import atomic
from healjournal.storage.journal import Journal
from healjournal.tips import theme_tips
from healjournal.tui.app import HealJournalApp
from healjournal.tui.dialogs import letter as letter_module
from healjournal.tui.dialogs.confirm import ConfirmDialog
from healjournal.tui.dialogs.goal_form import GoalForm
from healjournal.tui.dialogs.letter import LetterScreen
from healjournal.tui.dialogs.slip import SlipDialog
from healjournal.tui.screens import main_saves
from healjournal.tui.screens.help import HelpScreen
from healjournal.tui.screens.main import MainScreen
from healjournal.tui.screens.welcome import WelcomeScreen
from healjournal.tui.widgets import editor as editor_module
from healjournal.tui.widgets.day_list import DayList
from healjournal.tui.widgets.editor import MoodPicker, SaveIndicator
from healjournal.tui.widgets.footer import KeyFooter
from healjournal.tui.widgets.goals import GoalChecklist
from healjournal.tui.widgets.tips import TipSidebar
from healjournal.tui.widgets.topbar import TopBar

TEXTUAL_BINDINGS = [*TextArea.BINDINGS, *ScrollableContainer.BINDINGS]
WIDE, NARROW = (120, 40), (80, 24)


def notices(app) -> str:
    """The notifications showing, as one string."""
    return " ".join(notice.message for notice in app._notifications)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


class TestWriting:
    async def test_first_keystroke_writes_and_autosaves(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            assert isinstance(app.focused, TextArea)  # writing from the first key
            await type_text(pilot, "Walked by the river.")
            await settle(pilot)
            state = str(app.screen.query_one(SaveIndicator).render())
            assert state == "saved 21:04"
        saved = reopen(journal_path, clock).reflection_for(TODAY)
        assert saved.text == "Walked by the river."

    async def test_text_is_there_after_a_restart(self, welcomed, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await type_text(pilot, "Day one.")
            await pilot.press("ctrl+q")
        again = HealJournalApp(journal_path, clock=clock)
        async with again.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert page(again).text == "Day one."
            await type_text(pilot, " Still here.")
            await pilot.press("ctrl+q")
        assert reopen(journal_path, clock).reflection_for(TODAY).text == (
            "Day one. Still here."
        )

    async def test_typing_before_the_journal_loads_keeps_both(
        self, welcomed, journal_path, clock, monkeypatch
    ):
        welcomed.add_entry("Written this morning.", day=TODAY)
        loaded = held(monkeypatch, overview_module, "gather")  # the disk is slow today
        # Not even a glimpse of today's page (an older file, say).
        monkeypatch.setattr(Journal, "glimpse", lambda *args: None)
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            editor = page(app)
            await type_text(pilot, "typed at once")  # before the load lands
            loaded.set()
            await settle(pilot)
            assert editor.text == "Written this morning.\n\ntyped at once"
            await pilot.press("ctrl+q")
        entries = reopen(journal_path, clock).entries_on(TODAY)
        assert [e.text for e in entries] == ["Written this morning.\n\ntyped at once"]

    async def test_todays_page_opens_before_the_whole_journal_is_read(
        self, welcomed, journal_path, clock, monkeypatch
    ):
        welcomed.add_entry("Written this morning.", day=TODAY, mood=4)
        welcomed.set_setting("theme", "nord")
        loaded = held(
            monkeypatch, overview_module, "gather"
        )  # years of pages take a while to read
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            editor = page(app)
            await until(pilot, lambda: editor.text == "Written this morning.")
            assert app.theme == "nord"
            assert editor.mood == 4
            await type_text(pilot, " And more tonight.")
            await pilot.press("ctrl+s")  # asked to save while the read goes on
            loaded.set()
            await settle(pilot)
            assert editor.text == "Written this morning. And more tonight."
            await pilot.press("ctrl+q")
        entries = reopen(journal_path, clock).entries_on(TODAY)
        assert [e.text for e in entries] == ["Written this morning. And more tonight."]

    async def test_mood_by_key_and_by_click(self, welcomed, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await type_text(pilot, "ok day")
            await pilot.press("tab", "4")
            await settle(pilot)
            assert reopen(journal_path, clock).reflection_for(TODAY).mood == 4
            await pilot.click(MoodPicker, offset=(5 + 3 * 1 + 1, 0))  # the "2"
            await settle(pilot)
            assert app.screen.query_one(MoodPicker).mood == 2
        assert reopen(journal_path, clock).reflection_for(TODAY).mood == 2

    async def test_switching_day_and_back_keeps_each_page(
        self, welcomed, journal_path, clock
    ):
        welcomed.add_entry("Friday's page.", day=date(2026, 11, 20), mood=3)
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await type_text(pilot, "Tuesday, half written")
            await pilot.press("f2")  # the day list, newest first: today, then Friday
            await pilot.press("down", "enter")
            await settle(pilot)
            assert page(app).day == date(2026, 11, 20)
            assert page(app).text == "Friday's page."
            assert app.focused is page(app).text_area
            await type_text(pilot, " Added later.")
            await pilot.press("f2", "home", "enter")
            await settle(pilot)
            assert page(app).day == TODAY
            assert page(app).text == "Tuesday, half written"
        journal = reopen(journal_path, clock)
        assert journal.reflection_for(TODAY).text == "Tuesday, half written"
        friday = journal.reflection_for(date(2026, 11, 20))
        assert friday.text == "Friday's page. Added later."
        assert friday.mood == 3

    async def test_go_to_a_day_by_name(self, welcomed, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("ctrl+g", *"last friday", "enter")
            await settle(pilot)
            assert page(app).day == date(2026, 11, 20)
            await type_text(pilot, "back-dated")
            await pilot.press("ctrl+q")
        assert reopen(journal_path, clock).reflection_for(date(2026, 11, 20)).text == (
            "back-dated"
        )

    async def test_a_prompt_from_the_tips_goes_into_the_page(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("f3")
            theme = app.screen.query_one(TipSidebar).theme
            await pilot.press("down", "enter")
            await settle(pilot)
            assert page(app).text.strip() == theme_tips(theme).prompts[0]
            assert app.focused is page(app).text_area


class TestNeverLoseAWord:
    async def test_disk_full_keeps_the_text_and_says_so(
        self, welcomed, journal_path, clock, monkeypatch
    ):
        monkeypatch.setattr(editor_module, "RETRY_DELAY", 60)
        monkeypatch.setattr(main_saves, "RETRY_SECONDS", 60)
        before = journal_path.read_bytes()
        real_write = atomic.os.write

        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            monkeypatch.setattr(atomic.os, "write", full)
            await type_text(pilot, "Words on a full disk")
            await settle(pilot)
            state = str(app.screen.query_one(SaveIndicator).render())
            assert "not saved" in state
            assert "the disk is full" in state
            assert "your text is kept" in state
            assert page(app).text == "Words on a full disk"
            assert journal_path.read_bytes() == before
            monkeypatch.setattr(atomic.os, "write", real_write)  # room again
            app.screen.retry_saves()  # what the retry timer does when it fires
            await settle(pilot)
            assert str(app.screen.query_one(SaveIndicator).render()).startswith("saved")
        assert reopen(journal_path, clock).reflection_for(TODAY).text == (
            "Words on a full disk"
        )

    async def test_quitting_with_words_that_cannot_be_saved_asks(
        self, welcomed, journal_path, clock, monkeypatch
    ):
        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(editor_module, "AUTOSAVE_DELAY", 60)
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            monkeypatch.setattr(atomic.os, "write", full)
            await type_text(pilot, "please keep me")
            await pilot.press("ctrl+q")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            assert app.is_running
            await pilot.press("escape")  # stay
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert page(app).text == "please keep me"
            monkeypatch.undo()
            await pilot.press("ctrl+q")
        assert (
            reopen(journal_path, clock).reflection_for(TODAY).text == "please keep me"
        )

    async def test_an_entry_added_elsewhere_appears(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await type_text(pilot, "in the app")
            await settle(pilot)
            other = Journal.open(journal_path, clock=clock)
            other.add_entry("from another terminal", day=date(2026, 11, 23))
            app.screen.check_disk()
            await settle(pilot)
            days = app.screen.query_one(DayList)
            prompts = [
                str(days.get_option_at_index(i).prompt)
                for i in range(days.option_count)
            ]
            assert any("from another" in p for p in prompts), prompts
            assert page(app).text == "in the app"
        texts = {e.text for e in reopen(journal_path, clock).entries()}
        assert texts == {"in the app", "from another terminal"}

    async def test_a_journal_that_cannot_be_read_closes_with_one_line(
        self, journal_path, clock
    ):
        journal_path.parent.mkdir(parents=True)
        journal_path.write_bytes(b'{"entries": ')
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: app.return_code is not None)
        assert app.return_code == 2
        assert "cannot read the journal" in app.farewell
        assert "\n" not in app.farewell
        assert journal_path.read_bytes() == b'{"entries": '

    async def test_words_typed_before_a_broken_journal_is_found_stay(
        self, journal_path, clock, monkeypatch
    ):
        journal_path.parent.mkdir(parents=True)
        journal_path.write_bytes(b'{"entries": ')
        gate = held(monkeypatch, Journal, "glimpse")
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await type_text(pilot, "still mine")
            gate.set()
            await until(pilot, lambda: "cannot read the journal" in notices(app))
            assert app.return_code is None  # not closed under the person's words
            assert page(app).text == "still mine"
        assert journal_path.read_bytes() == b'{"entries": '

    async def test_a_damaged_page_of_today_closes_with_one_line(
        self, welcomed, journal_path, clock
    ):
        welcomed.add_entry("Written this morning.", day=TODAY, mood=3)
        raw = journal_path.read_bytes()
        journal_path.write_bytes(raw.replace(b'"mood": 3', b'"mood": 9'))
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: app.return_code is not None)
        assert app.return_code == 2
        assert "is damaged" in app.farewell

    async def test_quitting_with_a_journal_that_never_opened_says_so(
        self, journal_path, clock, monkeypatch
    ):
        journal_path.parent.mkdir(parents=True)
        journal_path.write_bytes(b'{"entries": ')
        gate = held(monkeypatch, Journal, "glimpse")
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await type_text(pilot, "still mine")
            gate.set()
            await until(pilot, lambda: "cannot read the journal" in notices(app))
            await pilot.press("ctrl+q")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.click("#confirm")
        assert app.return_code == 2
        assert "cannot read the journal" in app.farewell

    async def test_a_new_page_asked_for_during_the_first_read_is_saved(
        self, welcomed, journal_path, clock, monkeypatch
    ):
        welcomed.add_entry("Written this morning.", day=TODAY)
        loaded = held(monkeypatch, overview_module, "gather")
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await until(pilot, lambda: page(app).text == "Written this morning.")
            await pilot.press("ctrl+n")
            await type_text(pilot, "a second page")
            loaded.set()
            await settle(pilot)
            assert page(app).text == "a second page"
            await pilot.press("ctrl+q")
        texts = [e.text for e in reopen(journal_path, clock).entries_on(TODAY)]
        assert texts == ["Written this morning.", "a second page"]


class TestGoals:
    async def test_tick_untick_and_it_survives_a_restart(
        self, welcomed, journal_path, clock
    ):
        goal = welcomed.add_goal("Move for 20 minutes", Theme.BODY, GoalKind.DAILY)
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("f4", "space")
            await settle(pilot)
            assert reopen(journal_path, clock).get_goal(goal.id).ticks == (TODAY,)
            await pilot.press("space")
            await settle(pilot)
            assert reopen(journal_path, clock).get_goal(goal.id).ticks == ()
            await pilot.press("space")
            await settle(pilot)
        again = HealJournalApp(journal_path, clock=clock)
        async with again.run_test(size=WIDE) as pilot:
            await settle(pilot)
            checklist = again.screen.query_one(GoalChecklist)
            assert checklist.shown_goal(goal.id).ticked_on(TODAY)
            assert "☑ Move for 20 minutes" in screen_text(again)

    async def test_add_a_goal_due_next_friday(self, welcomed, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("f4", "a")
            await settle(pilot)
            assert isinstance(app.screen, GoalForm)
            await type_text(pilot, "Update my CV")
            form = app.screen
            form.query_one("#due").value = "next friday"
            await pilot.press("ctrl+s")
            await settle(pilot)
        (goal,) = reopen(journal_path, clock).goals()
        assert goal.title == "Update my CV"
        assert goal.due == date(2026, 12, 4)  # the Friday of next week

    async def test_delete_asks_first(self, welcomed, journal_path, clock):
        welcomed.add_goal("Plan a weekend away", Theme.LIFE)
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("f4", "delete")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("enter")  # focus starts on Cancel: nothing deleted
            await settle(pilot)
            assert len(reopen(journal_path, clock).goals()) == 1
            await pilot.press("delete", "y")
            await settle(pilot)
        assert reopen(journal_path, clock).goals() == []

    async def test_a_starter_goal_from_the_tips_becomes_a_goal(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("f3")
            tips = theme_tips(app.screen.query_one(TipSidebar).theme)
            await pilot.press(*["down"] * (len(tips.prompts) + 1), "enter")
            await settle(pilot)
        (goal,) = reopen(journal_path, clock).goals()
        starter = tips.goals[0]
        assert (goal.theme, goal.title, goal.kind) == (
            tips.theme,
            starter.title,
            starter.kind,
        )


class TestNoContact:
    async def test_a_slip_restarts_the_count_and_the_best_stays(
        self, welcomed, journal_path, clock
    ):
        welcomed.start_no_contact(TODAY - timedelta(days=20))
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert "Day 20" in str(app.screen.query_one(TopBar).render())
            await pilot.press("f6")
            await settle(pilot)
            assert isinstance(app.screen, SlipDialog)
            await type_text(pilot, "he texted first")
            await pilot.press("ctrl+s")
            await settle(pilot)
            bar = str(app.screen.query_one(TopBar).render())
            assert "starting again today" in bar
            assert "best 20" in bar
        (slip,) = reopen(journal_path, clock).no_contact().slips
        assert (slip.day, slip.note) == (TODAY, "he texted first")

    async def test_an_unsent_letter_is_saved_as_its_kind(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("f5")
            await settle(pilot)
            assert isinstance(app.screen, LetterScreen)
            await type_text(pilot, "I miss you and I'm not sending this.")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
        (letter,) = reopen(journal_path, clock).entries(kinds=[EntryKind.LETTER])
        assert letter.text == "I miss you and I'm not sending this."
        assert reopen(journal_path, clock).reflection_for(TODAY) is None

    async def test_a_letter_survives_quitting_mid_sentence(
        self, welcomed, journal_path, clock, monkeypatch
    ):
        monkeypatch.setattr(letter_module, "DRAFT_DELAY", 60)  # no draft saved yet
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("f5")
            await settle(pilot)
            await type_text(pilot, "half a sentence")
            await pilot.press("ctrl+q")
        (letter,) = reopen(journal_path, clock).entries(kinds=[EntryKind.LETTER])
        assert letter.text == "half a sentence"

    async def test_a_long_letter_is_one_entry_saved_as_it_grows(
        self, welcomed, journal_path, clock, monkeypatch
    ):
        monkeypatch.setattr(letter_module, "DRAFT_DELAY", 0.001)
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("f5")
            await type_text(pilot, "first")
            app.screen.save_draft()
            await settle(pilot)
            (saved,) = reopen(journal_path, clock).entries(kinds=[EntryKind.LETTER])
            assert saved.text == "first"
            await type_text(pilot, " and more")
            await pilot.press("escape")
            await settle(pilot)
        (letter,) = reopen(journal_path, clock).entries(kinds=[EntryKind.LETTER])
        assert letter.text == "first and more"


class TestFirstRun:
    async def test_welcome_once_then_never_again(self, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, WelcomeScreen)
            await pilot.press("down", "space", "tab", *"last saturday", "ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert app.focused is page(app).text_area
        journal = reopen(journal_path, clock)
        assert len(journal.goals()) == 1
        assert journal.no_contact().started == date(2026, 11, 21)
        again = HealJournalApp(journal_path, clock=clock)
        async with again.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert isinstance(again.screen, MainScreen)

    async def test_typing_at_once_goes_to_the_page_not_the_goals(
        self, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, WelcomeScreen)
            await type_text(pilot, "I am not ok")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert page(app).text == "I am not ok"
        journal = reopen(journal_path, clock)
        assert journal.goals() == []
        assert journal.reflection_for(TODAY).text == "I am not ok"

    async def test_a_burst_of_keys_on_the_welcome_lands_on_the_page(
        self, journal_path, clock
    ):
        # A fast typist, or a terminal that sends several keys at once: every
        # key reaches the welcome before it has gone.
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, WelcomeScreen)
            for character in "I just":
                key = "space" if character == " " else character
                app.post_message(events.Key(key, character))
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert page(app).text == "I just"
        assert reopen(journal_path, clock).reflection_for(TODAY).text == "I just"

    async def test_a_paste_on_the_welcome_lands_on_the_page(self, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, WelcomeScreen)
            app.post_message(events.Paste("Today was hard.\nBut I got up."))
            app.post_message(events.Key("A", "A"))
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert page(app).text == "Today was hard.\nBut I got up.A"
        journal = reopen(journal_path, clock)
        assert journal.reflection_for(TODAY).text == "Today was hard.\nBut I got up.A"
        assert journal.get_setting("welcomed") is True

    async def test_skipping_the_welcome_also_counts(self, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
        assert reopen(journal_path, clock).get_setting("welcomed") is True


class TestNarrow:
    async def test_every_pane_is_reachable_at_80x24(
        self, welcomed, journal_path, clock
    ):
        welcomed.add_goal("Call Maya", Theme.PEOPLE)
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            screen = app.screen
            assert screen.has_class("-narrow")
            assert page(app).region.width >= 76  # the page has the whole width
            for key, widget in (
                ("f2", DayList),
                ("f3", TipSidebar),
                ("f4", GoalChecklist),
            ):
                await pilot.press(key)
                await pilot.pause()
                shown = screen.query_one(widget)
                assert shown.region.width >= 76, key
                assert shown.region.height >= 10, key
                assert not page(app).display or page(app).region.width == 0
                await pilot.press("escape")
                await pilot.pause()
                assert app.focused is page(app).text_area


class TestKeys:
    async def test_help_opens_with_f1_and_closes_with_escape(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)

    async def test_question_mark_writes_in_the_page_but_helps_elsewhere(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("question_mark")
            assert page(app).text == "?"
            await pilot.press("f4", "question_mark")
            assert isinstance(app.screen, HelpScreen)

    async def test_every_binding_has_an_id(self, welcomed, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE):
            nodes = (app, app.screen, *app.screen.walk_children())
            ours = [n for n in nodes if type(n).__module__.startswith("healjournal")]
            assert len(ours) > 5
            for node in ours:
                for binding in type(node).__dict__.get("BINDINGS", []):
                    if binding in TEXTUAL_BINDINGS:
                        continue  # Textual's own, passed on unchanged
                    assert binding.id, f"{type(node).__name__}: {binding.key}"

    async def test_the_theme_is_remembered(self, welcomed, journal_path, clock):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            app.theme = "nord"
            await settle(pilot)
        # This machine's setting: in the config file, not the journal.
        assert load_config(config_path()).theme == "nord"
        assert reopen(journal_path, clock).get_setting("theme") is None
        again = HealJournalApp(journal_path, clock=clock)
        async with again.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert again.theme == "nord"

    async def test_a_key_change_arriving_after_its_screen_closed_is_ignored(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+f")
            footer = app.screen.query_one(KeyFooter)
            await pilot.press("escape")
            await settle(pilot)
            # What a redraw scheduled just before the search closed then does
            # (it once crashed the app: "node has no screen").
            await footer._rebuild()
            assert isinstance(app.screen, MainScreen)


class TestMouse:
    async def test_a_click_on_the_calendar_opens_that_day(
        self, welcomed, journal_path, clock
    ):
        welcomed.add_entry("The 3rd.", day=date(2026, 11, 3))
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            calendar = app.screen.query_one("MonthCalendar")
            # November 2026 starts on a Sunday: the 3rd is Tuesday of week two,
            # on the fourth line (title, weekdays, week one, week two).
            await pilot.click(calendar, offset=(1 + 3 * 1 + 1, 3))
            await settle(pilot)
            assert page(app).day == date(2026, 11, 3)
            assert page(app).text == "The 3rd."


class TestDemo:
    def test_demo_never_touches_the_users_journal(
        self, journal_path, clock, monkeypatch
    ):
        from healjournal import cli
        from healjournal.tui import app as app_module

        opened = []

        def fake_run(path, *, demo=False, setup=None):
            assert demo  # the app is told, so it says it is the demo
            journal = Journal.open(path, clock=clock)
            opened.append(
                (path, len(journal.entries()), journal.get_setting("welcomed"))
            )
            return 0

        monkeypatch.setattr(app_module, "run", fake_run)
        assert cli.main(["--demo"]) == 0
        ((path, entries, welcomed),) = opened
        assert path != journal_path
        assert entries > 60
        assert welcomed is True
        assert not path.exists()  # cleaned up afterwards
        assert not journal_path.exists()


class TestPutAway:
    async def test_an_archived_goal_can_be_seen_and_brought_back(
        self, welcomed, journal_path, clock
    ):
        goal = welcomed.add_goal("Post every day", Theme.SOCIAL, GoalKind.DAILY)
        welcomed.tick_goal(goal.id, TODAY)
        welcomed.archive_goal(goal.id)
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("f4")
            assert "Post every day" not in screen_text(app)
            assert "h shows 1 put away" in screen_text(app)
            await pilot.press("h")
            await pilot.pause()
            assert "Post every day" in screen_text(app)
            await pilot.press("down", "x")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await settle(pilot)
        again = reopen(journal_path, clock).get_goal(goal.id)
        assert not again.archived
        assert again.ticks == (TODAY,)  # its history came back with it


async def test_ctrl_n_starts_a_second_page_for_today(welcomed, journal_path, clock):
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await type_text(pilot, "morning")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert page(app).text == ""
        await type_text(pilot, "evening")
        await pilot.press("ctrl+q")
    assert [e.text for e in reopen(journal_path, clock).entries_on(TODAY)] == [
        "morning",
        "evening",
    ]
