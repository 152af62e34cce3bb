"""The app opens on today's reflection, saves what is typed, and keeps it."""

from __future__ import annotations

from textual.widgets import TextArea

from healjournal.app import HealJournalApp
from healjournal.storage.journal import Journal


async def test_type_autosave_restart_text_is_there(journal_path, clock):
    app = HealJournalApp(journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.app.workers.wait_for_complete()
        editor = app.query_one("#editor", TextArea)
        assert app.focused is editor  # the first keystroke writes
        await pilot.press(*"Hello")
        app.action_save()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    assert (
        Journal.open(journal_path, clock=clock).reflection_for(clock.today()).text
        == "Hello"
    )

    again = HealJournalApp(journal_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        editor = again.query_one("#editor", TextArea)
        assert editor.text == "Hello"
        await pilot.press(*" again")
        await pilot.press("ctrl+q")
    assert Journal.open(journal_path, clock=clock).reflection_for(
        clock.today()
    ).text == ("Hello again")
