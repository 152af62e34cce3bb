"""An encrypted journal in the app: the lock screen, lock now, the idle lock."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from helpers import TODAY, page, screen_text, settle
from textual.widgets import Input, TextArea

from healjournal.machine.config import config_path, load_config
from healjournal.storage import crypto
from healjournal.storage.crypto import KdfCost
from healjournal.storage.journal import Journal
from healjournal.tui import locking
from healjournal.tui.app import HealJournalApp
from healjournal.tui.screens.help import HelpScreen
from healjournal.tui.screens.lock import LockScreen
from healjournal.tui.screens.main import MainScreen
from healjournal.tui.widgets import editor as editor_module

CHEAP = KdfCost(log2_n=10, r=8, p=1)
PASSPHRASE = "bread and roses"
SECRET = "SECRET-page-words"
WIDE = (120, 40)


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch):
    monkeypatch.setattr(crypto, "DEFAULT_COST", CHEAP)


@pytest.fixture
def encrypted(welcomed, clock) -> Journal:
    """A journal opened before, with today's page written, then encrypted."""
    welcomed.add_entry(f"{SECRET} about the river", day=TODAY)
    welcomed.encrypt(PASSPHRASE)
    return welcomed


def on_disk(journal: Journal, clock) -> str:
    """Today's reflection as saved, read back with the passphrase."""
    again = Journal.open(journal.path, clock=clock, passphrase=PASSPHRASE)
    entry = again.reflection_for(TODAY)
    return entry.text if entry else ""


def readable_files(folder: Path, words: str) -> list[str]:
    return [p.name for p in folder.iterdir() if words.encode() in p.read_bytes()]


async def unlock(pilot, passphrase: str = PASSPHRASE, *, timers: bool = True) -> None:
    await pilot.press(*passphrase, "enter")
    await settle(pilot, timers=timers)


@pytest.fixture
def slow_check(monkeypatch) -> threading.Event:
    """Hold every passphrase check (scrypt on a busy machine) until set."""
    gate = threading.Event()
    real = Journal.unlock

    def slow(journal: Journal, passphrase: str) -> None:
        gate.wait(10)
        real(journal, passphrase)

    monkeypatch.setattr(Journal, "unlock", slow)
    return gate


def notices(app) -> str:
    """The notifications showing, as one string."""
    return " ".join(notice.message for notice in app._notifications)


class TestAtStart:
    async def test_nothing_shows_until_the_passphrase(self, encrypted, clock):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, LockScreen)
            assert isinstance(app.focused, Input) and app.focused.password
            assert SECRET not in screen_text(app)
            assert "Your journal is locked" in screen_text(app)
            await pilot.press(*PASSPHRASE)
            assert PASSPHRASE not in screen_text(app)  # masked
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert page(app).text == f"{SECRET} about the river"
            assert isinstance(app.focused, TextArea)  # writing at once

    async def test_writing_goes_on_as_before_and_stays_encrypted(
        self, encrypted, clock
    ):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot)
            await pilot.press("end", *" and TYPED-IN-THE-APP")
            await settle(pilot)
            await pilot.press("ctrl+q")
        assert on_disk(encrypted, clock).endswith("TYPED-IN-THE-APP")
        assert readable_files(encrypted.path.parent, "TYPED-IN-THE-APP") == []
        assert readable_files(encrypted.path.parent, SECRET) == []

    async def test_a_wrong_passphrase_says_so_and_counts_down(self, encrypted, clock):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot, "bread and circuses")
            text = screen_text(app)
            assert "That passphrase doesn't open this journal (2 tries left)" in text
            assert isinstance(app.screen, LockScreen)
            assert app.screen.query_one(Input).value == ""  # not kept on screen
            await unlock(pilot, "bread & roses")
            assert "(one try left)" in screen_text(app)
            await unlock(pilot)
            assert isinstance(app.screen, MainScreen)

    async def test_three_wrong_tries_close_it(self, encrypted, clock):
        before = encrypted.path.read_bytes()
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            for attempt in ("one", "two", "three"):
                await unlock(pilot, attempt)
        assert app.return_code == 2
        assert app.farewell is not None
        assert app.farewell.startswith("three wrong passphrases")
        assert "\n" not in app.farewell
        assert encrypted.path.read_bytes() == before

    async def test_an_empty_enter_is_not_a_try(self, encrypted, clock):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("enter", "enter", "enter", "enter")
            await settle(pilot)
            assert "Type your passphrase" in screen_text(app)
            assert app.screen.tries_left == 3

    async def test_a_passphrase_typed_while_checking_waits_its_turn(
        self, encrypted, clock, slow_check
    ):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press(*"bread and circuses", "enter")
            await pilot.pause()
            assert "Checking…" in screen_text(app)
            # A typo seen too late: the right one, typed before the check is over.
            await pilot.press(*PASSPHRASE, "enter")
            await pilot.pause()
            assert "checked right after" in screen_text(app)
            slow_check.set()
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert page(app).text == f"{SECRET} about the river"

    async def test_a_wrong_passphrase_that_waited_is_a_try(
        self, encrypted, clock, slow_check
    ):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press(*"one", "enter", *"two", "enter", *"thr")
            await pilot.pause()
            slow_check.set()
            await settle(pilot)
            assert isinstance(app.screen, LockScreen)
            assert app.screen.tries_left == 1
            assert "(one try left)" in screen_text(app)
            field = app.screen.query_one(Input)
            assert field.value == "thr" and app.focused is field  # still typing
            await pilot.press("backspace", "backspace", "backspace")
            await unlock(pilot)
            assert isinstance(app.screen, MainScreen)

    async def test_a_question_mark_is_part_of_the_passphrase(self, journal_path, clock):
        Journal.open(journal_path, clock=clock).encrypt("why me? why now?")
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot, "why me? why now?")
            assert not isinstance(app.screen, HelpScreen | LockScreen)

    async def test_a_damaged_file_closes_with_the_reason(self, encrypted, clock):
        raw = bytearray(encrypted.path.read_bytes())
        raw[-5] ^= 0x01
        encrypted.path.write_bytes(bytes(raw))
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot)
        assert app.return_code == 2
        assert "changed or damaged" in app.farewell
        assert encrypted.path.read_bytes() == bytes(raw)


class TestLockNow:
    async def test_ctrl_l_hides_everything_and_saves_what_was_typed(
        self, encrypted, clock, monkeypatch
    ):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot)
            # Only the lock itself saves now (no autosave for a minute).
            monkeypatch.setattr(editor_module, "AUTOSAVE_DELAY", 60)
            await pilot.press("end", *" LOCKED-MID-SENTENCE")
            await pilot.press("ctrl+l")
            await settle(pilot, timers=False)
            assert isinstance(app.screen, LockScreen)
            text = screen_text(app)
            assert SECRET not in text and "LOCKED-MID-SENTENCE" not in text
            assert "Your journal is hidden" in text
            assert on_disk(encrypted, clock).endswith("LOCKED-MID-SENTENCE")
            await unlock(pilot, timers=False)
            assert isinstance(app.screen, MainScreen)
            assert page(app).text.endswith("LOCKED-MID-SENTENCE")
        assert readable_files(encrypted.path.parent, "LOCKED-MID-SENTENCE") == []

    async def test_the_palette_has_lock_now(self, encrypted, clock):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot)
            await pilot.press("ctrl+p", *"Lock now")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, LockScreen)

    async def test_the_passphrase_is_checked_again(self, encrypted, clock):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot)
            await pilot.press("ctrl+l")
            await unlock(pilot, "bread and butter")
            assert isinstance(app.screen, LockScreen)
            assert "2 tries left" in screen_text(app)
            await unlock(pilot)
            assert isinstance(app.screen, MainScreen)

    async def test_it_covers_a_dialog_too_and_gives_it_back(self, encrypted, clock):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot)
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("ctrl+l")
            await settle(pilot)
            assert isinstance(app.screen, LockScreen)
            await unlock(pilot)
            assert isinstance(app.screen, HelpScreen)

    async def test_three_wrong_tries_close_it_with_everything_saved(
        self, encrypted, clock
    ):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot)
            await pilot.press("end", *" LAST-WORDS", "ctrl+l")
            for attempt in ("one", "two", "three"):
                await unlock(pilot, attempt)
        assert app.return_code == 2
        assert "everything was saved" in app.farewell
        assert on_disk(encrypted, clock).endswith("LAST-WORDS")

    async def test_the_urge_key_waits_for_the_passphrase(self, encrypted, clock):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot)
            await pilot.press("ctrl+l")
            await settle(pilot)
            stack = list(app.screen_stack)
            await pilot.press("f8")
            await settle(pilot)
            assert app.screen_stack == stack  # still locked, nothing opened beneath
            await unlock(pilot)
            await pilot.press("f8")
            await settle(pilot)
            assert not isinstance(app.screen, MainScreen | LockScreen)  # the urge

    async def test_while_locked_only_save_errors_show(self, encrypted, clock):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot)
            app.notify("Day 30 without contact", title="Well done")
            await pilot.press("ctrl+l")
            await settle(pilot)
            assert notices(app) == ""  # what was showing went with the journal
            app.notify("Day 31 without contact")
            app.notify("the disk is full", severity="error")
            await pilot.pause()
            assert notices(app) == "the disk is full"

    async def test_a_plain_journal_says_how_to_get_a_lock(self, welcomed, clock):
        app = HealJournalApp(welcomed.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+l")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert "“Encrypt…” in Ctrl+P" in notices(app)


class TestIdleLock:
    @pytest.fixture
    def now(self, monkeypatch) -> list[float]:
        """The app's idle clock, moved by hand: now[0] seconds."""
        moment = [1000.0]
        monkeypatch.setattr(locking, "monotonic", lambda: moment[0])
        return moment

    async def test_it_locks_after_ten_minutes_untouched(self, encrypted, clock, now):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot)
            assert app.lock_after_minutes == 10
            now[0] += 9 * 60
            app.lock_if_idle()
            assert isinstance(app.screen, MainScreen)
            await pilot.press("a")  # a key starts the ten minutes again
            now[0] += 9 * 60
            app.lock_if_idle()
            assert isinstance(app.screen, MainScreen)
            now[0] += 60
            app.lock_if_idle()
            await settle(pilot)
            assert isinstance(app.screen, LockScreen)
            assert on_disk(encrypted, clock).endswith("a")  # the key was saved

    async def test_the_time_is_a_setting_and_0_is_never(self, encrypted, clock, now):
        encrypted.set_setting("lock_after_minutes", 0)
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot)
            assert app.lock_after_minutes == 0
            now[0] += 24 * 3600
            app.lock_if_idle()
            assert isinstance(app.screen, MainScreen)

    async def test_the_palette_sets_it(self, encrypted, clock, now):
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot)
            await pilot.press("ctrl+p", *"idle: after 5")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert app.lock_after_minutes == 5
            assert "locks itself after 5 minutes" in notices(app)
        # This machine's setting: in the config file, not the journal.
        assert load_config(config_path()).lock_minutes == 5

    async def test_with_a_config_mistake_it_holds_for_now_and_says_not_kept(
        self, encrypted, clock, now
    ):
        path = config_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('colour = "red"\n', encoding="utf-8")
        app = HealJournalApp(encrypted.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await unlock(pilot)
            await pilot.press("ctrl+p", *"idle: after 5")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert app.lock_after_minutes == 5  # for this session
            assert "Not saved" in notices(app)
        assert path.read_text(encoding="utf-8") == 'colour = "red"\n'

    async def test_a_plain_journal_never_locks(self, welcomed, clock, now):
        app = HealJournalApp(welcomed.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            now[0] += 24 * 3600
            app.lock_if_idle()
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
