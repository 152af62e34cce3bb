"""What the app tests share: waiting for the app to settle, reading it back."""

from __future__ import annotations

import threading
from datetime import date

from healjournal.storage.journal import Journal
from healjournal.tui.screens.main import MainScreen
from healjournal.tui.widgets.editor import EditorPane

#: The frozen clock's day (see conftest.FROZEN_AT).
TODAY = date(2026, 11, 24)


def _busy(app, timers: bool = True) -> bool:
    main = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
    if main is None:
        return False
    editor = main.query_one(EditorPane)
    # The journal is read just after the first frame; saves follow the timer.
    return main.busy or (timers and editor.autosave_waiting)


async def settle(pilot, rounds: int = 500, *, timers: bool = True) -> None:
    """Wait until autosave timers have fired, saves and workers are done.

    With `timers=False` a pending autosave is not waited for (a test that set
    a long delay on purpose).
    """
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not _busy(app, timers):
            return
    raise AssertionError("the app never settled")


async def until(pilot, condition, limit: int = 1000) -> None:
    """Wait until `condition()` holds, while workers may still be running
    (say, a journal read held back on purpose), a short pause at a time."""
    for _ in range(limit):
        if condition():
            return
        await pilot.pause(0.005)
    raise AssertionError("the app never got there")


def held(monkeypatch, module, name: str) -> threading.Event:
    """Make `module.name` (a read in a worker) wait until the event is set:
    a slow disk, so a test can act while the read is under way."""
    gate = threading.Event()
    real = getattr(module, name)

    def slow(*args):
        gate.wait(10)
        return real(*args)

    monkeypatch.setattr(module, name, slow)
    return gate


def screen_text(app) -> str:
    """What the terminal shows, as plain text."""
    # The compositor is private, but it is what a screenshot is made from.
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def page(app) -> EditorPane:
    return app.screen.query_one(EditorPane)


def reopen(journal_path, clock) -> Journal:
    return Journal.open(journal_path, clock=clock)
