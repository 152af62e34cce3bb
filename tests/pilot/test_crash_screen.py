"""Should the app ever crash, its traceback shows no journal words."""

from __future__ import annotations

import pytest
from helpers import settle

from healjournal.tui.app import HealJournalApp


async def test_a_traceback_shows_no_local_variables(welcomed, journal_path, clock):
    app = HealJournalApp(journal_path, clock=clock)
    printed: list = []  # what would be printed to the terminal on leaving
    app._print_error_renderables = lambda: printed.extend(app._exit_renderables)

    def fails() -> None:
        # Made here, so only the variable (not this source line) holds them.
        words = "daer dluohs esle ydobon egap a".upper()[::-1]
        raise RuntimeError(f"a bug ({len(words)})")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.call_later(fails)
            await pilot.pause()
    shown = "".join(
        segment.text for renderable in printed for segment in renderable.segments
    )
    assert "a bug (30)" in shown  # the traceback is there
    assert "NOBODY ELSE SHOULD READ" not in shown
