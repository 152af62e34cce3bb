"""A journal written by the app stays a plain TinyDB database a script can query."""

from __future__ import annotations

from helpers import TODAY, settle
from tinydb import Query, TinyDB

from healjournal.tui.app import HealJournalApp


async def test_plain_tinydb_reads_the_pages_written_in_the_app(
    welcomed, journal_path, clock
):
    app = HealJournalApp(journal_path, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"Walked by the river. #walk")
        await settle(pilot)
        await pilot.press("ctrl+q")
    with TinyDB(journal_path, access_mode="r") as tinydb:
        (page,) = tinydb.table("entries").search(Query().day == TODAY.isoformat())
        assert page["body"] == "Walked by the river. #walk"
        assert page["tags"] == ["#walk"]
        assert tinydb.table("settings").search(Query().key == "welcomed")
