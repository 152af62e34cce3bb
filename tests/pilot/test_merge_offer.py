"""The app offers to merge the conflicted copies a sync tool left beside the
journal: it says what each brings, merges on "Merge" with nothing lost, and
changes nothing on "Not now"; a copy it cannot read is left where it is."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from helpers import TODAY, settle

from healjournal.domain.models import Theme
from healjournal.storage import crypto
from healjournal.storage.crypto import KdfCost
from healjournal.storage.journal import Journal
from healjournal.tui.app import HealJournalApp
from healjournal.tui.dialogs.merge_copies import MergeCopiesDialog
from healjournal.tui.screens.main import MainScreen

WIDE = (120, 40)
SYNCTHING = "journal.sync-conflict-20261203-101010-ABCDEFG.json"
DROPBOX = "journal (conflicted copy 2026-12-03).json"
PASSPHRASE = "bread and roses"


def notices(app) -> list[str]:
    return [notice.message for notice in app._notifications]


def dialog_text(dialog: MergeCopiesDialog) -> str:
    return " ".join(str(s.render()) for s in dialog.query(".copy"))


@pytest.fixture
def diverged(welcomed: Journal, clock) -> tuple[Path, Path, Path]:
    """The journal, a Syncthing copy and a Dropbox copy, edited apart: a new
    page on each, the same page written on the journal and the Syncthing
    copy, a tick on the Dropbox copy."""
    path = welcomed.path
    shared = welcomed.add_entry("the first page", day=TODAY - timedelta(days=3))
    goal = welcomed.add_goal("Walk", Theme.BODY)
    syncthing, dropbox = path.with_name(SYNCTHING), path.with_name(DROPBOX)
    shutil.copy(path, syncthing)
    shutil.copy(path, dropbox)
    clock.set(clock.now() + timedelta(hours=1))
    welcomed.add_entry("only here", day=TODAY - timedelta(days=2))
    welcomed.update_entry(shared.id, text="the first page, and more here")
    laptop = Journal.open(syncthing, clock=clock)
    laptop.add_entry("written on the laptop", day=TODAY - timedelta(days=1))
    laptop.add_entry("the laptop again", day=TODAY - timedelta(days=1))
    laptop.update_entry(shared.id, text="the first page, and more there")
    desktop = Journal.open(dropbox, clock=clock)
    desktop.add_entry("written on the desktop", day=TODAY)
    desktop.tick_goal(goal.id)
    return path, syncthing, dropbox


async def offered(pilot) -> MergeCopiesDialog:
    """The offer, as a person finds it: a notification after the first read
    (never a dialog over the page), then the palette's command."""
    await settle(pilot)
    assert not isinstance(pilot.app.screen, MergeCopiesDialog)
    assert any("Merge the copies" in n.message for n in pilot.app._notifications)
    await pilot.press("ctrl+p", *"Merge the copies")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, MergeCopiesDialog)
    return dialog


async def test_the_offer_says_what_each_copy_brings_and_merge_brings_it(
    diverged, clock
):
    path, syncthing, dropbox = diverged
    app = HealJournalApp(path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        dialog = await offered(pilot)
        said = dialog_text(dialog)
        assert (
            f"Syncthing: Merging {SYNCTHING} would bring: 2 pages added, "
            "1 page written on both (kept both texts)." in said
        )
        assert f"Dropbox: Merging {DROPBOX} would bring: 1 page added, 1 tick." in said
        await pilot.press("m")
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        bodies = " | ".join(e.text for e in main.overview.entries)
        for words in (
            "only here",
            "written on the laptop",
            "the laptop again",
            "written on the desktop",
            "and more here",
            "and more there",
        ):
            assert words in bodies
        assert main.overview.ticks_this_week == 1
        (told,) = [n for n in notices(app) if n.startswith("Merged")]
        assert told.splitlines() == [
            f"Merged {DROPBOX}: 1 page added, 1 tick; the copy is kept in merged/.",
            f"Merged {SYNCTHING}: 2 pages added, 1 page written on both "
            "(kept both texts); the copy is kept in merged/.",
        ]
    merged = path.parent / "merged"
    assert (merged / SYNCTHING).is_file() and (merged / DROPBOX).is_file()
    assert not syncthing.exists() and not dropbox.exists()
    journal = Journal.open(path, read_only=True)
    assert len(journal.entries()) == 5


async def test_enter_merges_too(diverged, clock):
    path, syncthing, _ = diverged
    app = HealJournalApp(path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await offered(pilot)
        await pilot.press("enter")
        await settle(pilot)
    assert not syncthing.exists()


async def test_not_now_changes_nothing(diverged, clock):
    files = diverged
    before = [p.read_bytes() for p in files]
    app = HealJournalApp(files[0], clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await offered(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert not [n for n in notices(app) if n.startswith("Merged")]
    assert [p.read_bytes() for p in files] == before
    assert not (files[0].parent / "merged").exists()


async def test_a_copy_that_cannot_be_read_is_left_where_it_is(welcomed, clock):
    path = welcomed.path
    damaged = path.with_name(DROPBOX)
    damaged.write_bytes(b"{ not a journal")
    app = HealJournalApp(path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)  # nothing offered
        (said,) = [n for n in notices(app) if DROPBOX in n]
        assert said.startswith(f"{DROPBOX} (Dropbox) was left where it is, not merged")
        assert "\n" not in said
    assert damaged.read_bytes() == b"{ not a journal"


async def test_an_encrypted_copy_is_merged_with_the_journals_key(
    welcomed, clock, monkeypatch
):
    monkeypatch.setattr(crypto, "DEFAULT_COST", KdfCost(log2_n=10, r=8, p=1))
    path = welcomed.path
    welcomed.encrypt(PASSPHRASE)
    copy = path.with_name(SYNCTHING)
    shutil.copy(path, copy)
    laptop = Journal.open(copy, clock=clock, passphrase=PASSPHRASE)
    laptop.add_entry("SECRET written on the laptop", day=TODAY)
    app = HealJournalApp(path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*PASSPHRASE, "enter")
        dialog = await offered(pilot)
        assert "would bring: 1 page added." in dialog_text(dialog)
        await pilot.press("m")
        await settle(pilot)
    assert (path.parent / "merged" / SYNCTHING).is_file()
    again = Journal.open(path, clock=clock, passphrase=PASSPHRASE, read_only=True)
    assert [e.text for e in again.entries()] == ["SECRET written on the laptop"]
    assert b"SECRET" not in path.read_bytes()


async def test_a_copy_under_another_passphrase_is_left_with_the_command(
    welcomed, clock, monkeypatch
):
    monkeypatch.setattr(crypto, "DEFAULT_COST", KdfCost(log2_n=10, r=8, p=1))
    path = welcomed.path
    copy = path.with_name(DROPBOX)
    shutil.copy(path, copy)
    Journal.open(copy, clock=clock).encrypt("another passphrase")
    before = copy.read_bytes()
    app = HealJournalApp(path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        (said,) = [n for n in notices(app) if DROPBOX in n]
        assert said.startswith(f"{DROPBOX} (Dropbox) was left where it is")
        assert f"`healjournal --db '{path}' merge '{copy}'` asks for it" in said
    assert copy.read_bytes() == before


async def test_keys_typed_at_once_go_to_the_page_not_to_an_offer(diverged, clock):
    path, syncthing, _ = diverged
    before = syncthing.read_bytes()
    app = HealJournalApp(path, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"morning walk")  # "m" would have merged, once
        await settle(pilot)
        assert not isinstance(app.screen, MergeCopiesDialog)
        assert app.screen.query_one("#page-text").text.endswith("morning walk")
    assert syncthing.read_bytes() == before  # not merged, still beside
