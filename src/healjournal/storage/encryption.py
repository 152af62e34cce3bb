"""Encrypting the journal and its backups with a passphrase, and back.

Each file is replaced atomically under the journal's lock; the slow part
(deriving a key from the passphrase) is done before the lock is taken.
"""

from __future__ import annotations

from pathlib import Path

from healjournal.errors import InputError, JournalUnreadable, SaveFailed
from healjournal.storage import crypto
from healjournal.storage.atomic import (
    crypto_error,
    journal_backups,
    unreadable_error,
    unreadable_message,
)
from healjournal.storage.files import read_regular
from healjournal.storage.layout import parse_journal, write_atomically
from healjournal.storage.migrations import migrate
from healjournal.storage.tables import TableStore


class EncryptionMixin(TableStore):
    """Unlock, encrypt and decrypt: the Journal's passphrase operations."""

    def unlock(self, passphrase: str) -> None:
        """Check `passphrase` against the encrypted journal on disk and keep its key.

        Slow on purpose (scrypt): call it off the UI thread. Raises
        WrongPassphrase and changes nothing when it does not fit; then reads
        and checks the whole journal, like `open`. A plain journal needs no
        passphrase: it is only checked.
        """
        header = self._read_header()
        if header is not None:
            key = self._file_key(header, passphrase)
            with self._mutex:
                self._storage.key = key
        with self._mutex:
            self._check_all()

    def encrypt(
        self, passphrase: str, *, cost: crypto.KdfCost | None = None
    ) -> list[Path]:
        """Encrypt the journal with `passphrase`, then its backups; return those.

        Each file is replaced atomically, under the journal's lock; a journal
        that does not exist yet is created encrypted. Raises InputError for a
        journal already encrypted.
        """
        self._refuse_if_read_only()
        key = crypto.FileKey.create(passphrase, cost)  # slow: before the lock
        with self._mutex:
            self._storage.ensure_folder()
            with self._locked():
                raw = self._read_raw()
                if raw is not None and crypto.is_encrypted(raw):
                    raise InputError(
                        f"the journal {self.path} is already encrypted "
                        "(healjournal decrypt turns it back into plain text)"
                    )
                if raw is not None:
                    self._parse(raw)  # never encrypt a journal that cannot be read
                    _write_over(self.path, key.encrypt(raw))
                self._storage.key = key
                self._storage.encrypted = True
                if raw is None:
                    with self.transaction():
                        pass  # a new journal, encrypted from its first save
                return self.encrypt_backups()

    def encrypt_backups(self) -> list[Path]:
        """Encrypt the backups still in plain text with the journal's key."""
        self._refuse_if_read_only()
        key = self._storage.key
        if key is None:
            raise InputError(f"the journal {self.path} is not encrypted")
        done = []
        with self._mutex, self._locked():
            for backup in journal_backups(self.path):
                raw = self._read_raw(backup)
                if raw is not None and not crypto.is_encrypted(raw):
                    _write_over(backup, key.encrypt(raw))
                    done.append(backup)
        return done

    def decrypt(self, passphrase: str) -> tuple[list[Path], list[Path]]:
        """Turn the journal and its backups back into plain text.

        Returns the backups decrypted and those kept encrypted (made with
        another passphrase, or damaged). Raises WrongPassphrase, and
        JournalUnreadable for a damaged journal, with nothing written.
        """
        self._refuse_if_read_only()
        header = self._read_header()
        if header is None:
            raise InputError(f"the journal {self.path} is not encrypted")
        key = self._file_key(header, passphrase)
        # Backups from an earlier encryption have their own salt: their keys
        # are derived before taking the lock, which is held as briefly as can be.
        keys: dict[tuple[bytes, crypto.KdfCost], crypto.FileKey | None] = {
            (key.salt, key.cost): key
        }
        for backup in journal_backups(self.path):
            start = self._read_header(backup)
            if start is None:
                continue
            try:
                found = crypto.read_header(start)
            except crypto.CryptoError:
                continue
            if (found.salt, found.cost) not in keys:
                try:
                    keys[found.salt, found.cost] = crypto.FileKey.unlock(
                        start, passphrase
                    )
                except crypto.CryptoError:
                    keys[found.salt, found.cost] = None
        decrypted, kept = [], []
        with self._mutex, self._locked():
            raw = self._read_raw()
            if raw is None or not crypto.is_encrypted(raw):
                raise InputError(f"the journal {self.path} is not encrypted")
            try:
                plain = key.decrypt(raw)
            except crypto.CryptoError as error:
                raise crypto_error(self.path, error) from None
            self._parse(plain)
            _write_over(self.path, plain)
            self._storage.key = None
            self._storage.encrypted = False
            for backup in journal_backups(self.path):
                raw = self._read_raw(backup)
                if raw is None or not crypto.is_encrypted(raw):
                    continue
                backup_key = next(
                    (k for k in keys.values() if k is not None and k.fits(raw)), None
                )
                try:
                    if backup_key is None:
                        raise crypto.OtherKey("another passphrase")
                    _write_over(backup, backup_key.decrypt(raw))
                    decrypted.append(backup)
                except crypto.CryptoError:
                    kept.append(backup)
        return decrypted, kept

    def _read_header(self, path: Path | None = None) -> bytes | None:
        path = path or self.path
        try:
            return crypto.file_header(path)
        except OSError as error:
            raise unreadable_error(path, error) from None

    def _read_raw(self, path: Path | None = None) -> bytes | None:
        path = path or self.path
        try:
            return read_regular(path)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise unreadable_error(path, error) from None

    def _file_key(self, header: bytes, passphrase: str) -> crypto.FileKey:
        try:
            return crypto.FileKey.unlock(header, passphrase)
        except crypto.CryptoError as error:
            raise crypto_error(self.path, error) from None

    def _parse(self, raw: bytes) -> None:
        try:
            migrate(parse_journal(raw), self.path)
        except ValueError as error:
            raise JournalUnreadable(unreadable_message(self.path, str(error))) from None


def _write_over(path: Path, payload: bytes) -> None:
    """Replace `path` atomically, or say in one line why it could not be."""
    try:
        write_atomically(path, payload)
    except OSError as error:
        raise SaveFailed(
            f"could not write {path}: {error.strerror or error}. It is unchanged"
        ) from None
