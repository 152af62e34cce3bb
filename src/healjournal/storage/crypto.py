"""Encrypted journal files: a small versioned header, scrypt and AES-GCM.

An encrypted journal is the journal's JSON, encrypted whole on every save.
Format 2, byte by byte:

    offset  size  what
    0       8     magic, b"HEALJRNL": how healjournal tells it from plain JSON
    8       1     format version, 2
    9       1     scrypt cost: log2(N)
    10      1     scrypt r
    11      1     scrypt p
    12      16    salt, random, made once per file and kept for its life
    28      16    passphrase check (see below)
    44      12    nonce, random, new on every save
    56      8     header check: the first 8 bytes of SHA-256 of bytes 0 to 55
    64      ...   the journal's JSON encrypted with AES-256-GCM, then its 16-byte tag

scrypt turns the passphrase (NFC-normalised, UTF-8) and the salt into a
master key; HKDF-SHA256 splits it into the AES key and the passphrase check.
The check tells a wrong passphrase from a damaged file, and costs an attacker
one scrypt per guess like the cipher does. The whole header is the cipher's
associated data, so a change to any byte of the file is caught.

The header check tells a damaged header from a wrong passphrase: with a
byte of the salt, the key settings or the passphrase check changed, every
passphrase derives another check, and format 1 (the same without the header
check, its ciphertext at offset 56) could only say the passphrase does not
fit. It guards against damage, not an attacker, who could compute it anew:
the cipher's tag does that. Format 1 files are still read; the next save
writes format 2, with the same salt and key.

Every primitive comes from the `cryptography` package; nothing here is
home-made but the layout. The package is imported only when a journal is
encrypted, so plain journals open as fast as before.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import struct
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAGIC = b"HEALJRNL"
FORMAT_VERSION = 2
SALT_SIZE = 16
CHECK_SIZE = 16
NONCE_SIZE = 12
TAG_SIZE = 16
HEADER_CHECK_SIZE = 8
#: The fields of formats 1 and 2, up to the nonce.
_LAYOUT = struct.Struct(f">{len(MAGIC)}sBBBB{SALT_SIZE}s{CHECK_SIZE}s{NONCE_SIZE}s")
#: Each format's header size: format 2 adds the header check.
_HEADER_SIZES = {1: _LAYOUT.size, 2: _LAYOUT.size + HEADER_CHECK_SIZE}
#: The longest header: what a reader takes from a file's start to parse it.
HEADER_SIZE = max(_HEADER_SIZES.values())

_KEY_INFO = b"healjournal format 1: file key"
_CHECK_INFO = b"healjournal format 1: passphrase check"
#: The most memory a file's scrypt settings may ask for; anything above is a
#: damaged header, not a reason to exhaust the machine.
_MAX_MEMORY = 1 << 30


class CryptoError(ValueError):
    """An encrypted journal that cannot be opened; the message says why."""


class DamagedFile(CryptoError):
    """The file was changed or damaged after healjournal saved it."""


class NewerFormat(CryptoError):
    """The file was written by a newer healjournal."""

    def __init__(self, version: int) -> None:
        super().__init__(f"encryption format {version}")
        self.version = version


class PassphraseRejected(CryptoError):
    """The passphrase does not open this file."""

    def __init__(self, message: str, *, version: int = FORMAT_VERSION) -> None:
        super().__init__(message)
        #: The file's format: before 2, a damaged header would look the same.
        self.version = version


class OtherKey(CryptoError):
    """The file is encrypted with another salt or passphrase than the key held."""


@dataclass(frozen=True, slots=True)
class KdfCost:
    """scrypt's settings: N = 2**log2_n, memory 128 * r * N bytes."""

    log2_n: int
    r: int
    p: int

    @property
    def memory(self) -> int:
        """Bytes scrypt needs with these settings."""
        return 128 * self.r * (1 << self.log2_n)

    def problem(self) -> str | None:
        """Why these settings cannot be from a healjournal file, or None."""
        if not (10 <= self.log2_n <= 24 and 1 <= self.r <= 32 and 1 <= self.p <= 4):
            return "its key settings are out of range"
        if self.memory > _MAX_MEMORY:
            return "its key settings ask for too much memory"
        return None


#: About 0.33 s and 128 MiB on the project's 2-core machine: slow enough to
#: make guessing expensive, quick enough to open the journal without a wait.
DEFAULT_COST = KdfCost(log2_n=17, r=8, p=1)


@dataclass(frozen=True, slots=True)
class Header:
    """The parsed header of an encrypted journal file."""

    version: int
    cost: KdfCost
    salt: bytes
    check: bytes
    nonce: bytes
    size: int
    """How many bytes of the file the header takes (the cipher's associated data)."""


def is_encrypted(data: bytes) -> bool:
    """Whether these bytes (a whole file, or its start) are an encrypted journal."""
    return data.startswith(MAGIC)


def file_header(path: Path) -> bytes | None:
    """The header bytes of the encrypted journal at `path`; None for a plain or
    missing file. Raises OSError when the file cannot be read, and SpecialFile
    (an OSError) for a pipe or a device, without reading from it."""
    from healjournal.storage.files import open_regular

    try:
        fd = open_regular(path)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as file:
        start = file.read(HEADER_SIZE)
    return start if is_encrypted(start) else None


def read_header(data: bytes) -> Header:
    """Parse the header at the start of `data`, or raise a CryptoError."""
    if not is_encrypted(data):
        raise DamagedFile("it does not start like an encrypted journal")
    if len(data) <= len(MAGIC):
        raise DamagedFile("it is encrypted but cut short")
    version = data[len(MAGIC)]
    if version > FORMAT_VERSION:
        raise NewerFormat(version)
    size = _HEADER_SIZES.get(version)
    if size is None:
        raise DamagedFile(
            f"its encryption format {version} is not one healjournal wrote"
        )
    if len(data) < size:
        raise DamagedFile("it is encrypted but cut short")
    if version >= 2 and data[_LAYOUT.size : size] != _header_check(data):
        raise DamagedFile(
            "its encryption header is damaged (a byte of its key settings, salt "
            "or passphrase check changed), so no passphrase can open it"
        )
    _, version, log2_n, r, p, salt, check, nonce = _LAYOUT.unpack_from(data)
    cost = KdfCost(log2_n, r, p)
    problem = cost.problem()
    if problem:
        raise DamagedFile(f"it is encrypted but damaged: {problem}")
    return Header(version, cost, salt, check, nonce, size)


def _header_check(data: bytes) -> bytes:
    """Format 2's header check of the header at the start of `data`."""
    return hashlib.sha256(data[: _LAYOUT.size]).digest()[:HEADER_CHECK_SIZE]


def _normalised(passphrase: str) -> bytes:
    # The same passphrase typed on another keyboard or system may arrive with
    # accents composed differently; NFC makes them the same bytes.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(passphrase: str, salt: bytes, cost: KdfCost) -> tuple[Any, bytes]:
    """The AES-GCM cipher and the passphrase check for this passphrase and salt."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    master = Scrypt(salt=salt, length=32, n=1 << cost.log2_n, r=cost.r, p=cost.p)
    secret = master.derive(_normalised(passphrase))
    key = HKDF(hashes.SHA256(), 32, salt=None, info=_KEY_INFO).derive(secret)
    check = HKDF(hashes.SHA256(), CHECK_SIZE, salt=None, info=_CHECK_INFO).derive(
        secret
    )
    return AESGCM(key), check


@dataclass(frozen=True, slots=True)
class FileKey:
    """A passphrase turned into the key of one journal file (and its backups).

    Deriving it is slow on purpose, so it is done once per session and kept;
    the passphrase itself is not.
    """

    cost: KdfCost
    salt: bytes
    check: bytes = field(repr=False)
    _cipher: Any = field(repr=False, compare=False)

    @classmethod
    def create(cls, passphrase: str, cost: KdfCost | None = None) -> FileKey:
        """A key for a journal about to be encrypted, with a new random salt."""
        cost = cost or DEFAULT_COST
        problem = cost.problem()
        if problem:
            raise ValueError(f"scrypt settings {cost}: {problem}")
        salt = secrets.token_bytes(SALT_SIZE)
        cipher, check = _derive(passphrase, salt, cost)
        return cls(cost, salt, check, cipher)

    @classmethod
    def unlock(cls, data: bytes, passphrase: str) -> FileKey:
        """The key of the file whose header starts `data`, if `passphrase` opens it.

        Raises PassphraseRejected, NewerFormat or DamagedFile.
        """
        header = read_header(data)
        cipher, check = _derive(passphrase, header.salt, header.cost)
        if not hmac.compare_digest(check, header.check):
            raise PassphraseRejected(
                "the passphrase does not open it", version=header.version
            )
        return cls(header.cost, header.salt, check, cipher)

    def fits(self, data: bytes) -> bool:
        """Whether the file starting with `data` was encrypted with this key."""
        try:
            header = read_header(data)
        except CryptoError:
            return False
        return header.salt == self.salt and header.cost == self.cost

    def encrypt(self, plaintext: bytes) -> bytes:
        """The whole encrypted file for `plaintext` in the newest format, with a
        fresh random nonce."""
        nonce = os.urandom(NONCE_SIZE)
        fields = _LAYOUT.pack(
            MAGIC,
            FORMAT_VERSION,
            self.cost.log2_n,
            self.cost.r,
            self.cost.p,
            self.salt,
            self.check,
            nonce,
        )
        header = fields + _header_check(fields)
        return header + self._cipher.encrypt(nonce, plaintext, header)

    def decrypt(self, data: bytes) -> bytes:
        """The plaintext of a whole encrypted file, or a CryptoError."""
        from cryptography.exceptions import InvalidTag

        header = read_header(data)
        if header.salt != self.salt or header.cost != self.cost:
            raise OtherKey("it was encrypted with another passphrase")
        if len(data) < header.size + TAG_SIZE:
            raise DamagedFile("it is encrypted but cut short")
        damaged = DamagedFile(
            "it is encrypted, but it was changed or damaged after healjournal "
            "saved it (the integrity check failed)"
        )
        if not hmac.compare_digest(header.check, self.check):
            raise damaged
        try:
            return self._cipher.decrypt(
                header.nonce, data[header.size :], data[: header.size]
            )
        except InvalidTag:
            raise damaged from None
