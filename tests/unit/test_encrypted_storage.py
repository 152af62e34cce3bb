"""An encrypted journal works like a plain one, and nothing on disk reads as text."""

from __future__ import annotations

import errno
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from healjournal.errors import (
    HealJournalError,
    InputError,
    JournalLocked,
    JournalUnreadable,
    SaveFailed,
    WrongPassphrase,
)
from healjournal.storage import atomic, crypto
from healjournal.storage.atomic import backup_files, temp_files
from healjournal.storage.crypto import MAGIC, KdfCost
from healjournal.storage.journal import Journal

CHEAP = KdfCost(log2_n=10, r=8, p=1)
PASSPHRASE = "the sea at Brighton in March"
#: Words that must never be found on disk once the journal is encrypted.
MARKER = "MARKER-not-a-word-of-this-on-disk"
FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch):
    """Derive keys in a millisecond, not a third of a second."""
    monkeypatch.setattr(crypto, "DEFAULT_COST", CHEAP)


def files_with(folder: Path, marker: str = MARKER) -> list[str]:
    """The files in `folder` whose bytes contain `marker` (UTF-8 or JSON-escaped)."""
    needles = (marker.encode(), marker.encode("unicode_escape"))
    return sorted(
        path.name
        for path in folder.iterdir()
        if path.is_file() and any(n in path.read_bytes() for n in needles)
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture
def encrypted(journal_path, clock) -> Journal:
    """A journal with one private entry, then encrypted."""
    journal = Journal.open(journal_path, clock=clock)
    journal.add_entry(f"first page {MARKER}")
    journal.encrypt(PASSPHRASE)
    return journal


class TestEncrypting:
    def test_the_journal_reopens_with_its_passphrase(self, encrypted, clock):
        reopened = Journal.open(encrypted.path, clock=clock, passphrase=PASSPHRASE)
        assert [e.text for e in reopened.entries()] == [f"first page {MARKER}"]
        assert encrypted.path.read_bytes().startswith(MAGIC)
        assert files_with(encrypted.path.parent) == []

    def test_it_keeps_working_after_encrypting(self, encrypted, clock):
        encrypted.add_entry(f"second page {MARKER}")
        reopened = Journal.open(encrypted.path, clock=clock, passphrase=PASSPHRASE)
        assert len(reopened.entries()) == 2
        assert files_with(encrypted.path.parent) == []

    def test_the_plaintext_backups_are_encrypted_too(self, journal, clock):
        journal.add_entry(f"monday {MARKER}")
        clock.set(clock.now() + timedelta(days=1))
        journal.add_entry(f"tuesday {MARKER}")  # yesterday's file becomes a backup
        assert files_with(journal.path.parent) != []
        done = journal.encrypt(PASSPHRASE)
        assert done == backup_files(journal.path)
        assert files_with(journal.path.parent) == []
        # A backup still opens, like the journal, by being copied over it.
        shutil.copy(done[0], journal.path)
        old = Journal.open(journal.path, clock=clock, passphrase=PASSPHRASE)
        assert [e.text for e in old.entries()] == [f"monday {MARKER}"]

    def test_the_copy_kept_before_an_upgrade_is_encrypted_too(
        self, journal_path, clock
    ):
        journal_path.parent.mkdir(parents=True)
        raw = (FIXTURES / "journal-schema0.json").read_bytes()
        journal_path.write_bytes(raw)
        journal = Journal.open(journal_path, clock=clock)
        journal.set_setting("theme", "nord")  # the upgrade keeps a schema0 copy
        copy = journal_path.with_name("journal.json.schema0.bak")
        assert copy.read_bytes() == raw
        assert copy in journal.encrypt(PASSPHRASE)
        assert copy.read_bytes().startswith(MAGIC)

    def test_a_journal_not_made_yet_is_made_encrypted(self, journal_path, clock):
        Journal.open(journal_path, clock=clock).encrypt(PASSPHRASE)
        assert journal_path.read_bytes().startswith(MAGIC)
        reopened = Journal.open(journal_path, clock=clock, passphrase=PASSPHRASE)
        assert reopened.entries() == []
        reopened.add_entry(MARKER)
        assert files_with(journal_path.parent) == []

    def test_encrypting_twice_is_refused(self, encrypted):
        before = snapshot(encrypted.path.parent)
        with pytest.raises(InputError, match="already encrypted"):
            encrypted.encrypt("another passphrase")
        assert snapshot(encrypted.path.parent) == before

    def test_a_broken_journal_is_not_encrypted(self, journal_path, clock):
        journal_path.parent.mkdir(parents=True)
        journal_path.write_bytes(b'{"entries": {"1": {"bo')
        with pytest.raises(JournalUnreadable):
            Journal(journal_path, clock=clock).encrypt(PASSPHRASE)
        assert journal_path.read_bytes() == b'{"entries": {"1": {"bo'

    def test_files_stay_private(self, encrypted):
        for path in encrypted.path.parent.iterdir():
            assert path.stat().st_mode & 0o777 == 0o600, path


class TestOpening:
    """Without the passphrase, with a wrong one, with a file that was changed."""

    def test_without_a_passphrase_it_is_locked(self, encrypted, clock):
        with pytest.raises(JournalLocked, match="is encrypted") as raised:
            Journal.open(encrypted.path, clock=clock)
        assert str(encrypted.path) in str(raised.value)

    def test_a_wrong_passphrase_changes_nothing(self, encrypted, clock):
        before = snapshot(encrypted.path.parent)
        with pytest.raises(WrongPassphrase, match="does not open") as raised:
            Journal.open(encrypted.path, clock=clock, passphrase="the sea at Hove")
        assert "\n" not in str(raised.value)
        assert snapshot(encrypted.path.parent) == before

    def test_a_passphrase_is_ignored_for_a_plain_journal(self, journal, clock):
        journal.add_entry("plain")
        reopened = Journal.open(journal.path, clock=clock, passphrase="whatever")
        assert [e.text for e in reopened.entries()] == ["plain"]

    def test_a_changed_byte_anywhere_is_refused_and_left_as_it_is(
        self, encrypted, clock
    ):
        good = encrypted.path.read_bytes()
        for at in range(len(good)):
            tampered = bytearray(good)
            tampered[at] ^= 0x04
            encrypted.path.write_bytes(bytes(tampered))
            with pytest.raises(HealJournalError) as raised:
                Journal.open(encrypted.path, clock=clock, passphrase=PASSPHRASE)
            assert isinstance(raised.value, JournalUnreadable | WrongPassphrase), at
            assert encrypted.path.read_bytes() == bytes(tampered)

    def test_damage_is_named_with_the_backup_to_go_back_to(self, encrypted, clock):
        clock.set(clock.now() + timedelta(days=1))
        encrypted.add_entry("tomorrow")  # makes a backup
        raw = bytearray(encrypted.path.read_bytes())
        raw[-3] ^= 0xFF
        encrypted.path.write_bytes(bytes(raw))
        with pytest.raises(JournalUnreadable) as raised:
            Journal.open(encrypted.path, clock=clock, passphrase=PASSPHRASE)
        message = str(raised.value)
        assert "changed or damaged" in message
        assert "journal.json.2026-11-25.bak" in message

    def test_a_newer_format_says_so(self, encrypted, clock):
        raw = encrypted.path.read_bytes()
        newer = raw[:8] + bytes([7]) + raw[9:]
        encrypted.path.write_bytes(newer)
        for passphrase in (None, PASSPHRASE):
            with pytest.raises(JournalUnreadable, match="newer healjournal"):
                Journal.open(encrypted.path, clock=clock, passphrase=passphrase)
        assert encrypted.path.read_bytes() == newer

    def test_a_file_from_format_1_still_opens(self, journal_path, clock):
        journal_path.parent.mkdir(parents=True)
        shutil.copy(FIXTURES / "journal-encrypted-v1.bin", journal_path)
        journal = Journal.open(
            journal_path, clock=clock, passphrase="correct horse battery staple"
        )
        (entry,) = journal.entries()
        assert entry.text == "Written in encryption format 1, and still readable."
        assert entry.mood == 4


class TestNoPlaintextOnDisk:
    """The words are never on disk as text: not in a temp file, not in a backup."""

    def test_not_during_saves(self, encrypted, clock, monkeypatch):
        folder = encrypted.path.parent
        seen: list[list[str]] = []
        real_fsync = os.fsync

        def fsync_and_look(fd):
            real_fsync(fd)
            # The temp file is complete here, just before it is renamed.
            seen.append(files_with(folder))

        monkeypatch.setattr(atomic.os, "fsync", fsync_and_look)
        for day in range(3):
            encrypted.add_entry(f"day {day}: {MARKER}")
            clock.set(clock.now() + timedelta(days=1))  # a new backup each day
        entry = encrypted.entries()[0]
        encrypted.update_entry(entry.id, text=f"edited {MARKER}")
        monkeypatch.undo()
        assert len(seen) >= 8
        assert all(found == [] for found in seen), seen
        assert len(backup_files(encrypted.path)) == 4  # one a day, all copies
        assert files_with(folder) == []

    def test_not_in_a_temp_file_a_killed_save_left(self, encrypted, monkeypatch):
        monkeypatch.setattr(atomic.Path, "replace", _fail)
        with pytest.raises(OSError):
            atomic.write_atomically(
                encrypted.path, encrypted._storage.key.encrypt(MARKER.encode())
            )
        monkeypatch.undo()
        assert files_with(encrypted.path.parent) == []


def _fail(*args, **kwargs):
    raise OSError(errno.EIO, "Input/output error")


class TestDecrypting:
    def test_it_turns_back_into_plain_text(self, encrypted, clock):
        clock.set(clock.now() + timedelta(days=1))
        encrypted.add_entry(f"later {MARKER}")  # an encrypted backup
        opened = Journal.open(encrypted.path, clock=clock, passphrase=PASSPHRASE)
        decrypted, kept = opened.decrypt(PASSPHRASE)
        assert decrypted == backup_files(encrypted.path) and kept == []
        assert files_with(encrypted.path.parent) == [
            "journal.json",
            "journal.json.2026-11-25.bak",
        ]
        assert [e.text for e in Journal.open(encrypted.path).entries()] == [
            f"first page {MARKER}",
            f"later {MARKER}",
        ]
        opened.add_entry("saved plain from now on")
        assert b"saved plain from now on" in encrypted.path.read_bytes()

    def test_a_wrong_passphrase_changes_nothing(self, encrypted, clock):
        before = snapshot(encrypted.path.parent)
        with pytest.raises(WrongPassphrase):
            encrypted.decrypt("not it at all")
        assert snapshot(encrypted.path.parent) == before

    def test_backups_with_another_passphrase_stay_encrypted(self, encrypted, clock):
        stranger = encrypted.path.with_name("journal.json.2026-11-01.bak")
        stranger.write_bytes(
            crypto.FileKey.create("someone else's").encrypt(b'{"x": {}}')
        )
        opened = Journal.open(encrypted.path, clock=clock, passphrase=PASSPHRASE)
        _, kept = opened.decrypt(PASSPHRASE)
        assert kept == [stranger]
        assert stranger.read_bytes().startswith(MAGIC)

    def test_a_plain_journal_cannot_be_decrypted(self, journal):
        journal.add_entry("plain")
        with pytest.raises(InputError, match="not encrypted"):
            journal.decrypt(PASSPHRASE)


class TestWhileOpen:
    def test_a_failed_save_keeps_the_old_file(self, encrypted, monkeypatch):
        before = encrypted.path.read_bytes()

        def full(*args):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic.os, "write", full)
        with pytest.raises(SaveFailed, match="the disk is full"):
            encrypted.add_entry("cannot be saved")
        monkeypatch.undo()
        assert encrypted.path.read_bytes() == before
        assert temp_files(encrypted.path) == []

    def test_a_journal_encrypted_elsewhere_asks_to_reopen(self, journal, clock):
        journal.add_entry("open here")
        Journal.open(journal.path, clock=clock).encrypt(PASSPHRASE)  # elsewhere
        with pytest.raises(JournalLocked, match="quit and open it again"):
            journal.add_entry("and here")

    def test_another_process_sees_what_this_one_saves(self, encrypted, clock):
        other = Journal.open(encrypted.path, clock=clock, passphrase=PASSPHRASE)
        encrypted.add_entry("from the first")
        assert other.changed_on_disk()
        assert [e.text for e in other.entries()][-1] == "from the first"
