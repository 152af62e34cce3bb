"""Encrypting the open journal from the app: "Encrypt…" in the palette."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from helpers import TODAY, page, screen_text, settle
from textual.widgets import Input

from healjournal.errors import SaveFailed
from healjournal.storage import crypto
from healjournal.storage.crypto import KdfCost
from healjournal.storage.journal import Journal
from healjournal.tui import locking
from healjournal.tui.app import HealJournalApp
from healjournal.tui.dialogs.encrypt import EncryptDialog
from healjournal.tui.screens.help import HelpScreen
from healjournal.tui.screens.lock import LockScreen
from healjournal.tui.screens.main import MainScreen

CHEAP = KdfCost(log2_n=10, r=8, p=1)
PASSPHRASE = "bread and roses"
SECRET = "SECRET-page-words"
WIDE = (120, 40)


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch):
    monkeypatch.setattr(crypto, "DEFAULT_COST", CHEAP)


@pytest.fixture
def plain(welcomed, clock) -> Journal:
    """A plain journal with today's page, and a backup from yesterday holding it."""
    welcomed.add_entry(f"{SECRET} about the river", day=TODAY)
    backup = welcomed.path.with_name(f"{welcomed.path.name}.2026-11-23.bak")
    backup.write_bytes(welcomed.path.read_bytes())
    backup.chmod(0o600)
    return welcomed


def readable_files(folder: Path, words: str) -> list[str]:
    return [p.name for p in folder.iterdir() if words.encode() in p.read_bytes()]


def titles(app) -> list[str]:
    """The titles the command palette offers on the screen showing."""
    return [command.title for command in app.get_system_commands(app.screen)]


def advice(app) -> str:
    return str(app.screen.query_one("#advice").render())


async def open_dialog(pilot) -> None:
    await pilot.press("ctrl+p", *"Encrypt")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, EncryptDialog)


async def give(pilot, first: str, again: str | None = None) -> None:
    """Type a passphrase, Enter, the second one, Enter."""
    app = pilot.app
    app.screen.query_one("#passphrase", Input).value = ""
    app.screen.query_one("#again", Input).value = ""
    app.screen.query_one("#passphrase", Input).focus()
    await pilot.press(*first, "enter", *(first if again is None else again), "enter")
    await settle(pilot)


class TestThePalette:
    async def test_a_plain_journal_is_offered_encrypt_not_a_lock(self, plain, clock):
        app = HealJournalApp(plain.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            offered = titles(app)
            assert "Encrypt…" in offered
            assert "Lock now" not in offered
            assert not any(title.startswith("Lock when idle") for title in offered)

    async def test_an_encrypted_journal_is_offered_its_lock(self, plain, clock):
        plain.encrypt(PASSPHRASE)
        app = HealJournalApp(plain.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press(*PASSPHRASE, "enter")
            await settle(pilot)
            offered = titles(app)
            assert "Lock now" in offered
            assert "Lock when idle: after 10 minutes" in offered
            assert "Encrypt…" not in offered

    async def test_the_demo_has_nothing_to_encrypt(self, plain, clock):
        app = HealJournalApp(plain.path, clock=clock, demo=True)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            offered = titles(app)
            assert "Encrypt…" not in offered and "Lock now" not in offered
            app.action_encrypt()
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)


class TestEncryptInTheApp:
    async def test_it_encrypts_the_open_journal_and_its_backups(self, plain, clock):
        app = HealJournalApp(plain.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await open_dialog(pilot)
            await give(pilot, PASSPHRASE)
            assert isinstance(app.screen, MainScreen)
            assert app.encrypted
            assert crypto.is_encrypted(plain.path.read_bytes())
            assert readable_files(plain.path.parent, SECRET) == []
            # Writing goes on, encrypted; the lock works as for any encrypted one.
            await pilot.press("end", *" WRITTEN-AFTER")
            await settle(pilot)
            assert readable_files(plain.path.parent, "WRITTEN-AFTER") == []
            await pilot.press("ctrl+l")
            await settle(pilot)
            assert isinstance(app.screen, LockScreen)
            assert SECRET not in screen_text(app)
            await pilot.press(*PASSPHRASE, "enter")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert page(app).text.endswith("WRITTEN-AFTER")
            await pilot.press("ctrl+q")
        again = Journal.open(plain.path, clock=clock, passphrase=PASSPHRASE)
        assert again.reflection_for(TODAY).text.endswith("WRITTEN-AFTER")

    async def test_it_then_locks_when_idle(self, plain, clock, monkeypatch):
        moment = [1000.0]
        monkeypatch.setattr(locking, "monotonic", lambda: moment[0])
        app = HealJournalApp(plain.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            moment[0] += 3600
            app.lock_if_idle()  # a plain journal: nothing to lock
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            await open_dialog(pilot)
            await give(pilot, PASSPHRASE)
            assert "Lock when idle: after 10 minutes" in titles(app)
            moment[0] += 10 * 60
            app.lock_if_idle()
            await settle(pilot)
            assert isinstance(app.screen, LockScreen)

    async def test_short_different_and_easy_passphrases(self, plain, clock):
        app = HealJournalApp(plain.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await open_dialog(pilot)
            await give(pilot, "roses")
            assert "at least 8 characters" in advice(app)
            await give(pilot, PASSPHRASE, "bread and butter")
            assert "not the same" in advice(app)
            assert app.screen.query_one("#again", Input).value == ""
            # One word: a word of advice as it is typed, and a second Enter.
            await give(pilot, "sunflowers")
            assert "One word is easy to guess" in advice(app)
            assert "Enter again to use it anyway" in advice(app)
            assert isinstance(app.screen, EncryptDialog)
            assert not crypto.is_encrypted(plain.path.read_bytes())
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
        assert Journal.open(plain.path, clock=clock, passphrase="sunflowers")

    async def test_the_advice_comes_as_it_is_typed(self, plain, clock):
        app = HealJournalApp(plain.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await open_dialog(pilot)
            await pilot.press(*"sunflowers")
            assert "One word is easy to guess" in advice(app)
            await pilot.press(*" by the sea")
            assert "easy to guess" not in advice(app)

    async def test_esc_leaves_it_plain(self, plain, clock):
        before = plain.path.read_bytes()
        app = HealJournalApp(plain.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await open_dialog(pilot)
            await pilot.press(*PASSPHRASE, "escape")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert not app.encrypted
        assert plain.path.read_bytes() == before

    async def test_a_failure_says_why_and_changes_nothing(
        self, plain, clock, monkeypatch
    ):
        def full_disk(journal, passphrase):
            raise SaveFailed("could not write the journal: no space left on device")

        monkeypatch.setattr(Journal, "encrypt", full_disk)
        app = HealJournalApp(plain.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await open_dialog(pilot)
            await give(pilot, PASSPHRASE)
            assert isinstance(app.screen, EncryptDialog)
            assert "Couldn't encrypt the journal: " in advice(app)
            assert "no space left" in advice(app)
            assert not app.encrypted
            assert app.screen.query_one("#passphrase", Input).disabled is False

    async def test_help_opened_meanwhile_stays_on_top(self, plain, clock, monkeypatch):
        gate = threading.Event()
        real = Journal.encrypt

        def slow(journal, passphrase):
            gate.wait(10)
            return real(journal, passphrase)

        monkeypatch.setattr(Journal, "encrypt", slow)
        app = HealJournalApp(plain.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await open_dialog(pilot)
            await pilot.press(*PASSPHRASE, "enter", *PASSPHRASE, "enter")
            await pilot.pause()
            assert "Encrypting…" in advice(app)
            await pilot.press("escape")  # no way out while the file is written
            await pilot.press("f1")
            await pilot.pause()
            gate.set()
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)  # not closed by the dialog
            assert app.encrypted
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert page(app).text == f"{SECRET} about the river"
