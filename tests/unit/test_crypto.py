"""The encrypted file format: what goes in comes out, and nothing else gets through."""

from __future__ import annotations

import struct
import time
import unicodedata

import pytest

from healjournal.storage import crypto
from healjournal.storage.crypto import (
    DEFAULT_COST,
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


class TestTheHeader:
    """Format 1's layout, byte by byte, and what other versions get."""

    def test_layout(self, sealed):
        magic, version, log2_n, r, p = struct.unpack_from(">8sBBBB", sealed)
        assert (magic, version) == (MAGIC, 1)
        assert (log2_n, r, p) == (10, 8, 1)
        assert HEADER_SIZE == 56
        # The ciphertext is as long as the plaintext, plus the 16-byte tag.
        assert len(sealed) == HEADER_SIZE + len(PLAINTEXT) + 16

    def test_a_newer_format_is_named(self, sealed):
        newer = sealed[:8] + bytes([2]) + sealed[9:]
        with pytest.raises(NewerFormat) as raised:
            open_with(newer)
        assert raised.value.version == 2

    def test_an_unknown_older_format_is_damage(self, sealed):
        with pytest.raises(DamagedFile, match="format 0"):
            open_with(sealed[:8] + bytes([0]) + sealed[9:])

    @pytest.mark.parametrize(
        "cost",
        [(40, 8, 1), (9, 8, 1), (17, 0, 1), (17, 8, 0), (24, 32, 1), (17, 8, 200)],
    )
    def test_absurd_key_settings_are_refused_before_any_work(self, sealed, cost):
        blob = sealed[:9] + bytes(cost) + sealed[12:]
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
