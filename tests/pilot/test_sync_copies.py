"""The app tells of a conflicted copy a sync tool left beside a journal it
cannot merge into (opened to read): the offer to merge is test_merge_offer.py."""

from __future__ import annotations

from helpers import settle

from healjournal.tui import app as app_module
from healjournal.tui.app import HealJournalApp
from healjournal.tui.screens.main import MainScreen

WIDE = (120, 40)


def notices(app) -> list[str]:
    return [notice.message for notice in app._notifications]


async def test_beside_a_read_only_journal_a_copy_is_told_with_the_merge_command(
    welcomed, clock, monkeypatch
):
    path = welcomed.path
    copy = path.with_name("journal (conflicted copy 2026-12-03).json")
    copy.write_bytes(path.read_bytes())
    monkeypatch.setattr(app_module, "write_problem", lambda path: "read-only")
    app = HealJournalApp(path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)  # no offer: it cannot merge
        (said,) = [n for n in notices(app) if "conflicted copy" in n]
        assert said.startswith("found a conflicted copy of the journal (Dropbox)")
        assert f"healjournal --db '{path}' merge '{copy}'" in said


async def test_no_copy_no_word(welcomed, clock):
    app = HealJournalApp(welcomed.path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert not [n for n in notices(app) if "conflicted" in n]
