"""The encrypted file format: what goes in comes out, and nothing else gets through."""

from __future__ import annotations

import hashlib
import shutil
import struct
import time
import unicodedata
from pathlib import Path

import pytest

from healjournal.errors import JournalUnreadable, WrongPassphrase
from healjournal.storage import crypto
from healjournal.storage.crypto import (
    DEFAULT_COST,
    FORMAT_VERSION,
    HEADER_SIZE,
    MAGIC,
    CryptoError,
    DamagedFile,
    FileKey,
    KdfCost,
    NewerFormat,
    OtherKey,
    PassphraseRejected,
)
from healjournal.storage.journal import Journal

FIXTURES = Path(__file__).parent.parent / "fixtures"
#: The journal in tests/fixtures, encrypted in format 1 with this passphrase.
V1_PASSPHRASE = "correct horse battery staple"

#: Cheap enough that a test can derive a key hundreds of times.
CHEAP = KdfCost(log2_n=10, r=8, p=1)
PASSPHRASE = "walk by the river, not past his house"
PLAINTEXT = b'{"entries": {"1": {"body": "I did not text him today."}}}\n'


@pytest.fixture(scope="module")
def sealed() -> bytes:
    return FileKey.create(PASSPHRASE, CHEAP).encrypt(PLAINTEXT)


def open_with(blob: bytes, passphrase: str = PASSPHRASE) -> bytes:
    return FileKey.unlock(blob, passphrase).decrypt(blob)


def test_round_trip(sealed):
    assert open_with(sealed) == PLAINTEXT


def test_nothing_of_the_plaintext_shows(sealed):
    assert b"text him" not in sealed
    assert b"entries" not in sealed


def test_empty_and_large_plaintexts_round_trip():
    key = FileKey.create(PASSPHRASE, CHEAP)
    large = ("é" * 1_000_000).encode()
    for plaintext in (b"", large):
        assert key.decrypt(key.encrypt(plaintext)) == plaintext


def test_every_save_has_a_fresh_nonce_and_the_files_salt():
    key = FileKey.create(PASSPHRASE, CHEAP)
    first, second = key.encrypt(PLAINTEXT), key.encrypt(PLAINTEXT)
    assert first != second
    assert crypto.read_header(first).salt == crypto.read_header(second).salt
    assert crypto.read_header(first).nonce != crypto.read_header(second).nonce


def test_each_file_has_its_own_random_salt():
    salts = {FileKey.create(PASSPHRASE, CHEAP).salt for _ in range(5)}
    assert len(salts) == 5


def test_a_wrong_passphrase_is_told_apart_from_damage(sealed):
    with pytest.raises(PassphraseRejected):
        open_with(sealed, "walk by the river, not past his house ")
    with pytest.raises(PassphraseRejected):
        open_with(sealed, PASSPHRASE.upper())


def test_the_same_passphrase_typed_with_decomposed_accents_opens():
    composed = "café au lait, seul"
    blob = FileKey.create(composed, CHEAP).encrypt(PLAINTEXT)
    assert open_with(blob, unicodedata.normalize("NFD", composed)) == PLAINTEXT


def test_a_changed_byte_anywhere_is_caught(sealed):
    held = FileKey.unlock(sealed, PASSPHRASE)
    for at in range(len(sealed)):
        for flip in (0x01, 0x80):
            tampered = bytearray(sealed)
            tampered[at] ^= flip
            tampered = bytes(tampered)
            with pytest.raises(CryptoError):
                open_with(tampered)
            with pytest.raises(CryptoError):
                held.decrypt(tampered)


def test_a_file_cut_short_or_lengthened_is_caught(sealed):
    for length in range(len(sealed)):
        with pytest.raises(CryptoError):
            open_with(sealed[:length])
    with pytest.raises(DamagedFile):
        open_with(sealed + b"\0")


def test_damage_after_the_header_says_damaged_not_wrong_passphrase(sealed):
    tampered = bytearray(sealed)
    tampered[-1] ^= 1
    with pytest.raises(DamagedFile, match="changed or damaged"):
        open_with(bytes(tampered))


def with_header_check(blob: bytes) -> bytes:
    """`blob` with its header check made anew, as if the header were written so."""
    return blob[:56] + hashlib.sha256(blob[:56]).digest()[:8] + blob[64:]


class TestTheHeader:
    """Format 2's layout, byte by byte, and what other versions get."""

    def test_layout(self, sealed):
        magic, version, log2_n, r, p = struct.unpack_from(">8sBBBB", sealed)
        assert (magic, version) == (MAGIC, 2) and FORMAT_VERSION == 2
        assert (log2_n, r, p) == (10, 8, 1)
        assert HEADER_SIZE == 64
        assert sealed[56:64] == hashlib.sha256(sealed[:56]).digest()[:8]
        # The ciphertext is as long as the plaintext, plus the 16-byte tag.
        assert len(sealed) == HEADER_SIZE + len(PLAINTEXT) + 16

    def test_a_newer_format_is_named(self, sealed):
        newer = sealed[:8] + bytes([3]) + sealed[9:]
        with pytest.raises(NewerFormat) as raised:
            open_with(newer)
        assert raised.value.version == 3

    @pytest.mark.parametrize(
        "at",
        [9, 10, 11, 12, 20, 27, 28, 43, 56, 63],
        ids=lambda at: {9: "cost", 10: "r", 11: "p", 56: "check", 63: "check end"}.get(
            at, f"byte {at}"
        ),
    )
    def test_a_damaged_header_is_named_not_a_wrong_passphrase(self, sealed, at):
        for flip in (0x01, 0x02, 0x80):
            tampered = bytearray(sealed)
            tampered[at] ^= flip
            with pytest.raises(DamagedFile, match="header is damaged"):
                open_with(bytes(tampered))

    def test_an_unknown_older_format_is_damage(self, sealed):
        with pytest.raises(DamagedFile, match="format 0"):
            open_with(sealed[:8] + bytes([0]) + sealed[9:])

    @pytest.mark.parametrize(
        "cost",
        [(40, 8, 1), (9, 8, 1), (17, 0, 1), (17, 8, 0), (24, 32, 1), (17, 8, 200)],
    )
    def test_absurd_key_settings_are_refused_before_any_work(self, sealed, cost):
        blob = with_header_check(sealed[:9] + bytes(cost) + sealed[12:])
        started = time.perf_counter()
        with pytest.raises(DamagedFile, match="key settings"):
            open_with(blob)
        assert time.perf_counter() - started < 1  # no 1 TiB scrypt attempted

    def test_a_key_is_only_for_its_own_file(self, sealed):
        other = FileKey.create(PASSPHRASE, CHEAP)
        assert not other.fits(sealed)
        with pytest.raises(OtherKey):
            other.decrypt(sealed)


def test_the_default_cost_is_the_real_one():
    assert (DEFAULT_COST.log2_n, DEFAULT_COST.r, DEFAULT_COST.p) == (17, 8, 1)
    assert DEFAULT_COST.memory == 128 * 1024 * 1024
    assert DEFAULT_COST.problem() is None
    blob = FileKey.create(PASSPHRASE).encrypt(PLAINTEXT)  # about a third of a second
    assert crypto.read_header(blob).cost == DEFAULT_COST
    assert open_with(blob) == PLAINTEXT


def test_the_key_does_not_print_its_secrets():
    key = FileKey.create(PASSPHRASE, CHEAP)
    assert key.check.hex() not in repr(key)
    assert PASSPHRASE not in repr(key)


class TestFormat1:
    """Files from before the header check: still read, written anew as format 2."""

    def test_it_opens_and_the_next_save_writes_format_2(self, tmp_path, clock):
        path = tmp_path / "journal.json"
        shutil.copy(FIXTURES / "journal-encrypted-v1.bin", path)
        assert crypto.read_header(path.read_bytes()).version == 1
        journal = Journal.open(path, clock=clock, passphrase=V1_PASSPHRASE)
        journal.add_entry("written in format 2")
        assert crypto.read_header(path.read_bytes()).version == 2
        again = Journal.open(path, clock=clock, passphrase=V1_PASSPHRASE)
        assert len(again.entries()) == 2

    def test_a_wrong_passphrase_says_a_damaged_header_would_look_the_same(
        self, tmp_path, clock
    ):
        path = tmp_path / "journal.json"
        shutil.copy(FIXTURES / "journal-encrypted-v1.bin", path)
        with pytest.raises(WrongPassphrase, match="older format cannot tell"):
            Journal.open(path, clock=clock, passphrase="another one entirely")


def test_a_journal_whose_header_is_damaged_says_so(tmp_path, clock):
    path = tmp_path / "journal.json"
    path.write_bytes(FileKey.create(PASSPHRASE, CHEAP).encrypt(b"{}"))
    raw = bytearray(path.read_bytes())
    raw[20] ^= 0x04  # a byte of the salt
    path.write_bytes(bytes(raw))
    with pytest.raises(JournalUnreadable) as refused:
        Journal.open(path, clock=clock, passphrase=PASSPHRASE)
    message = str(refused.value)
    assert "header is damaged" in message and "passphrase does not" not in message
    assert path.read_bytes() == bytes(raw)
