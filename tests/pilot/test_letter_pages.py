"""F5's letter and F8's page: what is kept, and what is said after (issue 14).

A letter with no words is not a page (item 8); only an urge is called one
(item 15).
"""

from __future__ import annotations

import pytest
from helpers import reopen, settle
from textual.widgets import TextArea

from healjournal.domain.models import EntryKind, UrgeOutcome
from healjournal.insight.encouragement import URGE_PASSED
from healjournal.tui.app import HealJournalApp
from healjournal.tui.dialogs.letter import LetterScreen
from healjournal.tui.screens.main import MainScreen
from healjournal.tui.screens.urge import UrgeScreen

SIZE = (120, 40)
URGE_KEPT = "Kept here, sent nowhere. That's an urge you didn't act on."


def notices(app) -> str:
    return " ".join(n.message for n in app._notifications)


async def open_letter(pilot, key: str) -> LetterScreen | UrgeScreen:
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, (LetterScreen, UrgeScreen))
    return pilot.app.screen


async def hand_over(pilot, screen: LetterScreen | UrgeScreen) -> None:
    """The words go to be saved now, as a second of quiet would do."""
    screen.save_draft()
    await settle(pilot)


async def clear(pilot) -> None:
    pilot.app.screen.query_one(TextArea).clear()
    await pilot.pause()


@pytest.mark.parametrize(
    ("key", "kind"), [("f5", EntryKind.LETTER), ("f8", EntryKind.URGE)]
)
class TestNoWordsNoPage:
    async def test_a_letter_emptied_after_a_save_is_removed(
        self, welcomed, journal_path, clock, key, kind
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_letter(pilot, key)
            await pilot.press(*"hey")
            await hand_over(pilot, screen)
            (saved,) = reopen(journal_path, clock).entries()
            assert (saved.kind, saved.text) == (kind, "hey")
            await clear(pilot)
            await hand_over(pilot, screen)
            assert reopen(journal_path, clock).entries() == []
            await pilot.press("escape", *(["c"] if key == "f8" else []))
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
        journal = reopen(journal_path, clock)
        assert journal.entries() == []
        assert all(u.letter_id is None for u in journal.urges())

    async def test_words_written_again_are_kept(
        self, welcomed, journal_path, clock, key, kind
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_letter(pilot, key)
            await pilot.press(*"hey")
            await hand_over(pilot, screen)
            await clear(pilot)
            screen.save_draft()  # emptied, and at once written again
            await pilot.press(*"still here")
            await hand_over(pilot, screen)
        (kept,) = reopen(journal_path, clock).entries()
        assert (kept.kind, kept.text) == (kind, "still here")

    async def test_only_spaces_is_no_page(
        self, welcomed, journal_path, clock, key, kind
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_letter(pilot, key)
            await pilot.press("space", "enter", "space")
            await hand_over(pilot, screen)
            await pilot.press("escape", *(["c"] if key == "f8" else []))
            await settle(pilot)
        assert reopen(journal_path, clock).entries() == []


class TestWhatIsSaidAfter:
    async def test_an_f5_letter_does_not_claim_an_urge(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await open_letter(pilot, "f5")
            await pilot.press(*"I still think of you", "escape")
            await settle(pilot)
            said = notices(app)
            assert "Kept here, sent nowhere." in said
            assert "urge" not in said
        (letter,) = reopen(journal_path, clock).entries(kinds=[EntryKind.LETTER])
        assert letter.text == "I still think of you"

    async def test_an_urge_that_passed_with_a_page_says_so(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await open_letter(pilot, "f8")
            await pilot.press(*"I still think of you", "escape", "p")
            await settle(pilot)
            assert URGE_KEPT in notices(app)
        (urge,) = reopen(journal_path, clock).urges()
        assert urge.outcome is UrgeOutcome.RESISTED

    async def test_an_urge_that_passed_without_words(
        self, welcomed, journal_path, clock
    ):
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await open_letter(pilot, "f8")
            await pilot.press("escape", "p")
            await settle(pilot)
            assert URGE_PASSED in notices(app)
            assert URGE_KEPT not in notices(app)
