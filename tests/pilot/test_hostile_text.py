"""Terminal control sequences in stored text never reach the terminal.

Text can arrive from `add`, an import or a paste carrying escapes that clear
the screen, retitle the window or write the clipboard (OSC 52). The journal
keeps it exactly; every place the app shows it shows marks instead.
"""

from __future__ import annotations

from datetime import timedelta

from helpers import TODAY, reopen, screen_text, settle

from healjournal.domain.models import EntryKind, Theme
from healjournal.domain.visible import has_controls
from healjournal.tui.app import HealJournalApp
from healjournal.tui.screens.review import ReviewScreen
from healjournal.tui.screens.search import SearchScreen

HOSTILE = (
    "inject \x1b]0;PWNED\x07 \x1b[2J\x1b[31mRED "
    "\x1b]52;c;cHduZWQ=\x07 \x9b31m c1 \x7f end"
)


def shown(app) -> str:
    text = screen_text(app)
    assert not has_controls(text), repr([c for c in text if has_controls(c)])
    return text


async def test_no_control_sequence_is_shown_anywhere(welcomed, journal_path, clock):
    welcomed.add_entry(HOSTILE, day=TODAY)
    welcomed.add_entry(f"Yesterday: {HOSTILE}", day=TODAY - timedelta(days=1))
    welcomed.add_entry(
        f"A letter {HOSTILE}", day=TODAY - timedelta(days=2), kind=EntryKind.LETTER
    )
    welcomed.add_entry(f"A month ago {HOSTILE}", day=TODAY - timedelta(days=30), mood=3)
    welcomed.add_goal(f"Goal {HOSTILE}", Theme.LIFE)
    welcomed.set_setting("name", "\x1b[2JSam")
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "inject ␛]0;PWNED␇" in shown(app)  # the page, the day list, goals
        await pilot.press("f4")
        await settle(pilot)
        shown(app)
        await pilot.press("escape", "ctrl+f", *"inject")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert "inject" in shown(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert "A month ago" in shown(app)
        await pilot.press("escape")
        await settle(pilot)
        app.screen.ask_delete(1)
        await settle(pilot)
        assert "inject" in shown(app)  # the confirm quotes the page
    # The journal keeps the text exactly.
    assert reopen(journal_path, clock).get_entry(1).text == HOSTILE
