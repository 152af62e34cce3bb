"""Races a fast typist or a slow disk can cause, each of which once lost words.

Found by a code review that reproduced them; each test failed before its fix.
"""

from __future__ import annotations

import errno
import inspect
import threading
from datetime import date
from pathlib import Path

from helpers import TODAY, page, reopen, settle

from healjournal.insight import overview as overview_module
from healjournal.storage import atomic, layout
from healjournal.tui.app import HealJournalApp
from healjournal.tui.screens import main_saves
from healjournal.tui.widgets import editor as editor_module

WIDE = (120, 40)
FRIDAY = date(2026, 11, 20)


def hold(monkeypatch, function_name: str) -> threading.Event:
    """Make the journal read inside `function_name` wait until the event is set."""
    gate = threading.Event()
    real = overview_module.gather

    def gather(*args):
        if any(frame.function == function_name for frame in inspect.stack()):
            gate.wait(10)
        return real(*args)

    monkeypatch.setattr(overview_module, "gather", gather)
    return gate


def texts_on(journal_path, clock, day=TODAY) -> list[str]:
    return [e.text for e in reopen(journal_path, clock).entries_on(day)]


async def test_typing_while_another_day_loads_is_saved(
    welcomed, journal_path, clock, monkeypatch
):
    welcomed.add_entry("Friday's page.", day=FRIDAY)
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press(*"first")
        await settle(pilot)
        monkeypatch.setattr(editor_module, "AUTOSAVE_DELAY", 60)
        gate = hold(monkeypatch, "load")
        app.screen.open_day(FRIDAY, None)  # Enter on Friday; the disk is slow
        await pilot.press(*" second")  # still on today's page
        gate.set()
        await settle(pilot)
        assert page(app).day == FRIDAY
        await pilot.press("ctrl+q")
    assert texts_on(journal_path, clock) == ["first second"]


async def test_reopening_the_page_being_saved_keeps_the_newest_words(
    welcomed, journal_path, clock, monkeypatch
):
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press(*"one")
        await settle(pilot)
        monkeypatch.setattr(editor_module, "AUTOSAVE_DELAY", 60)
        await pilot.press(*" two")
        app.screen.open_day(TODAY, page(app).entry_id)  # Enter on today in the list
        await settle(pilot, timers=False)
        assert page(app).text == "one two"
        await pilot.press("end", *" three")
        await pilot.press("ctrl+q")
    assert texts_on(journal_path, clock) == ["one two three"]


async def test_reopening_a_new_page_does_not_start_a_second_one(
    welcomed, journal_path, clock, monkeypatch
):
    monkeypatch.setattr(editor_module, "AUTOSAVE_DELAY", 60)
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press(*"hello")
        app.screen.open_day(TODAY, None)  # a click on today in the calendar
        await settle(pilot, timers=False)
        assert page(app).text == "hello"
        await pilot.press(*" again")
        await pilot.press("ctrl+q")
    assert texts_on(journal_path, clock) == ["hello again"]


async def test_a_late_picture_of_the_journal_does_not_undo_a_save(
    welcomed, journal_path, clock, monkeypatch
):
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press(*"one")
        await settle(pilot)
        gate = hold(monkeypatch, "change")
        app.screen.change(lambda j: j.set_setting("x", 1))  # a goal tick, say
        await pilot.press(*" two")
        await settle(pilot)  # the page is saved while the tick's read waits
        gate.set()  # ...and its older picture arrives after
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert page(app).text == "one two"
        await pilot.press("end", *" three")
        await pilot.press("ctrl+q")
    assert texts_on(journal_path, clock) == ["one two three"]


async def test_a_failed_folder_fsync_after_the_rename_is_not_saved_twice(
    welcomed, journal_path, clock, monkeypatch
):
    real = layout._fsync_folder
    failures = [OSError(errno.EIO, "Input/output error")]

    def fsync(folder):
        if failures:
            raise failures.pop()
        real(folder)

    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(layout, "_fsync_folder", fsync)
        await pilot.press(*"hello", "ctrl+s")
        await settle(pilot)
    assert texts_on(journal_path, clock) == ["hello"]


async def test_a_lock_that_cannot_be_taken_keeps_the_app_and_the_words(
    welcomed, journal_path, clock, monkeypatch
):
    monkeypatch.setattr(main_saves, "RETRY_SECONDS", 60)
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        lock = Path(f"{journal_path}.lock")
        lock.unlink(missing_ok=True)
        lock.mkdir()  # stands in for a read-only or foreign lock file
        await pilot.press(*"precious words")
        await settle(pilot)
        assert app.is_running
        assert "not saved" in str(app.screen.query_one("#save-state").render())
        assert page(app).text == "precious words"
        lock.rmdir()
        app.screen.retry_saves()
        await settle(pilot)
    assert app._exception is None
    assert texts_on(journal_path, clock) == ["precious words"]


async def test_an_unreadable_stat_while_checking_keeps_the_app(
    welcomed, journal_path, clock, monkeypatch
):
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press(*"precious words")
        await settle(pilot)

        def stale(cls, path):
            raise OSError(errno.ESTALE, "Stale file handle")

        monkeypatch.setattr(atomic._Stamp, "of", classmethod(stale))
        app.screen.check_disk()
        await settle(pilot)
        assert app.is_running
        monkeypatch.undo()
    assert app._exception is None


async def test_words_waiting_on_a_full_disk_come_back_with_their_page(
    welcomed, journal_path, clock, monkeypatch
):
    monkeypatch.setattr(main_saves, "RETRY_SECONDS", 60)
    monkeypatch.setattr(editor_module, "RETRY_DELAY", 60)
    welcomed.add_entry("Friday.", day=FRIDAY)
    welcomed.add_entry("Morning.", day=TODAY)
    real = atomic.write_atomically
    full = {"on": False}

    def write(path, payload):
        if full["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, payload)

    monkeypatch.setattr(atomic, "write_atomically", write)
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        full["on"] = True
        await pilot.press("end", *" Evening.")
        await settle(pilot)
        app.screen.open_day(FRIDAY, None)
        await settle(pilot)
        app.screen.open_day(TODAY, None)
        await settle(pilot)
        assert page(app).text == "Morning. Evening."  # not the older text on disk
        await pilot.press("end", *" PS.")
        full["on"] = False  # room again
        app.screen.retry_saves()
        await settle(pilot)
    assert texts_on(journal_path, clock) == ["Morning. Evening. PS."]
