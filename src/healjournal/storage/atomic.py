"""A TinyDB storage that never leaves a half-written journal behind.

Every save writes a temporary file in the journal's folder, flushes and fsyncs
it, renames it over the journal and fsyncs the folder, so after a crash, a
killed process or a full disk the journal is either the old file or the new
one, never a mix. The parsed data stays in memory between operations and is
only replaced once the disk has the new version, so memory is never ahead of
the disk. An encrypted journal is encrypted in memory before it is written and
decrypted after it is read (see crypto.py), so its plaintext never reaches the
disk, and the backups, byte copies of the file, are encrypted too.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tinydb.storages import Storage

from healjournal.errors import (
    JournalError,
    JournalLocked,
    JournalUnreadable,
    SaveFailed,
    WrongPassphrase,
)
from healjournal.storage import crypto
from healjournal.storage.files import (
    SpecialFile,
    keep_private,
    make_private_folder,
    read_regular,
)
from healjournal.storage.layout import (
    FILE_MODE,
    dump_journal,
    parse_journal,
    write_atomically,
)
from healjournal.storage.paths import JOURNAL_FILE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from healjournal.storage.layout import Tables

BACKUPS_KEPT = 7


@dataclass(frozen=True, slots=True)
class _Stamp:
    """What a file looked like on disk when it was last read or written."""

    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> _Stamp | None:
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        return cls(st.st_ino, st.st_size, st.st_mtime_ns)


def temp_files(path: Path) -> list[Path]:
    """Temporary files a save to `path` may have left behind."""
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def backup_files(path: Path) -> list[Path]:
    """The daily backups of `path`, oldest first."""
    return sorted(path.parent.glob(f"{path.name}.????-??-??.bak"))


def journal_backups(path: Path) -> list[Path]:
    """Every backup of `path`: the daily ones and the copies kept before upgrades."""
    upgrades = sorted(path.parent.glob(f"{path.name}.schema*.bak"))
    return backup_files(path) + upgrades


def _describe_os_error(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno == errno.EDQUOT:
        return "the disk quota is used up"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "the disk is read-only"
    return error.strerror or str(error)


def unreadable_message(path: Path, problem: str) -> str:
    """One line naming the file, what is wrong and the newest backup."""
    backups = backup_files(path)
    if backups:
        advice = (
            f"the newest backup is {backups[-1]}; copy it over the journal to go "
            "back to that day, or fix the file by hand"
        )
    else:
        advice = "there is no backup yet; fix the file by hand or move it away"
    return f"cannot read the journal {path}: {problem}. It was left untouched; {advice}"


def unreadable_error(
    path: Path, error: OSError, given: Path | None = None
) -> JournalUnreadable:
    """The error for a journal the system would not read: a folder given where
    a file belongs is said so, with the path to give instead; so is a pipe or
    a device (`given`: the link that led to `path`, if one did)."""
    if isinstance(error, IsADirectoryError):
        return JournalUnreadable(
            f"{path} is a folder, not a journal file: name a file inside it "
            f"instead, e.g. {path / JOURNAL_FILE}"
        )
    if isinstance(error, SpecialFile):
        return JournalUnreadable(error.refusal(path, given))
    if isinstance(error, NotADirectoryError):
        above = next((p for p in path.parents if _is_file(p)), path.parent)
        return JournalUnreadable(
            f"cannot use {path} as the journal: {above} is a file, not a "
            "folder; name a journal file inside a folder instead"
        )
    return JournalUnreadable(unreadable_message(path, _describe_os_error(error)))


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


_FORMAT_1_DOUBT = (
    " (or its header is damaged: its older format cannot tell; if you are sure "
    "of the passphrase, go back to a backup)"
)


def crypto_error(path: Path, error: crypto.CryptoError) -> JournalError:
    """The error to report for an encrypted journal that cannot be opened."""
    if isinstance(error, crypto.PassphraseRejected):
        older = _FORMAT_1_DOUBT if error.version < 2 else ""
        return WrongPassphrase(
            f"that passphrase does not open the journal {path}{older} (passphrases "
            "are case-sensitive); nothing was changed"
        )
    if isinstance(error, crypto.OtherKey):
        return JournalLocked(
            f"the journal {path} was encrypted again with another passphrase "
            "since healjournal opened it: quit and open it again"
        )
    if isinstance(error, crypto.NewerFormat):
        return JournalUnreadable(
            f"the journal {path} was encrypted by a newer healjournal (encryption "
            f"format {error.version}; this one knows up to "
            f"{crypto.FORMAT_VERSION}). It was left untouched: upgrade "
            "healjournal to open it"
        )
    return JournalUnreadable(unreadable_message(path, str(error)))


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic saves, 0600 files, daily backups, in-memory cache.

    Writes are only accepted inside `batch()`, which the Journal opens while it
    holds the journal's lock, so a save is always one whole transaction.
    With a `key`, an encrypted journal can be read, and is saved encrypted.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        today: Callable[[], date] = date.today,
        backups_kept: int = BACKUPS_KEPT,
        key: crypto.FileKey | None = None,
        upgrade: Callable[[Tables], tuple[Tables, int]] | None = None,
    ) -> None:
        self.path = Path(path).expanduser()
        # Save through a symlinked journal to its target, so the link survives.
        self.file = Path(os.path.realpath(self.path))
        self._today = today
        self._backups_kept = backups_kept
        self._data: Tables | None = None
        self._stamp: _Stamp | None = None
        self._pending: Tables | None = None
        self._batch_depth = 0
        #: The key of an encrypted journal, once its passphrase was given.
        self.key = key
        #: Whether saves are encrypted: the file was, when last read.
        self.encrypted = key is not None
        #: Goes up each time the tables in memory are replaced (a load or a save).
        self.generation = 0
        #: Checks the tables read, upgraded in memory only (migrations.migrate).
        self._upgrade = upgrade
        #: The schema version on disk when older than the tables in memory
        #: (upgraded as read), else None: the next save writes the upgrade.
        self.older_schema: int | None = None

    # -- TinyDB's interface -------------------------------------------------

    def read(self) -> Tables | None:
        """The journal's tables; re-read from disk only when the file changed.

        Inside a batch, TinyDB works on its own copy of the tables, made once
        per batch; the records in it stay shared with the saved state, and the
        Journal replaces records rather than changing them in place.
        Outside a batch TinyDB only reads, so the cached tables are shared.
        """
        if self._batch_depth:
            if self._pending is None:
                loaded = self._load()
                if loaded is None:
                    return None
                self._pending = _copy_tables(loaded)
            return self._pending
        return self._load()

    def write(self, data: Tables) -> None:
        """Queue `data` as the new journal; `batch()` saves it when it ends."""
        if not self._batch_depth:
            raise RuntimeError("journal writes must happen inside Storage.batch()")
        self._pending = data

    def close(self) -> None:
        """Nothing to release: files are only open while reading or saving."""

    # -- Ours ---------------------------------------------------------------

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Collect writes and save them as one atomic file replacement.

        If the block or the save fails, nothing is kept in memory either.
        """
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            if self._batch_depth == 1:
                self._pending = None
            raise
        finally:
            self._batch_depth -= 1
        if self._batch_depth == 0 and self._pending is not None:
            pending, self._pending = self._pending, None
            self.save(pending)

    def changed_on_disk(self) -> bool:
        """Whether the file differs from what this process last read or wrote."""
        try:
            return _Stamp.of(self.file) != self._stamp
        except OSError:
            return True  # let the next read report what is wrong

    def ensure_folder(self) -> None:
        """Create the journal's folder, private to its owner."""
        folder = self.file.parent
        if not folder.exists():
            try:
                make_private_folder(folder)
            except OSError as error:
                raise JournalError(
                    f"cannot create the journal folder {folder}: "
                    f"{_describe_os_error(error)}; choose another place with --db"
                ) from None

    def remove_stale_temp_files(self) -> list[Path]:
        """Delete temp files a killed save left; call only while holding the lock."""
        removed = []
        for temp in temp_files(self.file):
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
                removed.append(temp)
        return removed

    def save(self, data: Tables) -> None:
        """Write `data` to disk atomically; raise SaveFailed and keep the old file."""
        self.ensure_folder()
        try:
            payload = dump_journal(data)
        except TypeError as error:  # a bug, not a user's mistake: say so plainly
            raise SaveFailed(f"could not save the journal: {error}") from None
        if self.encrypted:
            assert self.key is not None, "an encrypted journal is read with its key"
            payload = self.key.encrypt(payload)
        try:
            self._backup_before_first_save_of_the_day()
            write_atomically(self.file, payload)
        except OSError as error:
            try:
                stamp = _Stamp.of(self.file)
            except OSError:
                stamp = None
            if (
                stamp is not None
                and stamp != self._stamp
                and stamp.size == len(payload)
            ):
                # The rename happened and only the folder fsync failed: the new
                # journal is in place, so memory follows it and the save counts
                # (saying otherwise would make the caller add it a second time).
                self._data, self._stamp = data, stamp
                self.older_schema = None
                self.generation += 1
                return
            raise SaveFailed(
                f"could not save to {self.file}: {_describe_os_error(error)}. "
                "The journal on disk is unchanged"
            ) from None
        self._data, self._stamp = data, _Stamp.of(self.file)
        self.older_schema = None
        self.generation += 1

    def _load(self) -> Tables | None:
        try:
            stamp = _Stamp.of(self.file)
        except OSError as error:
            raise unreadable_error(self.file, error) from None
        if stamp is None:
            if self._data is not None:
                self.generation += 1
            self._data, self._stamp = None, None
            self.encrypted = self.key is not None
            self.older_schema = None
            return None
        if stamp == self._stamp and self._data is not None:
            return self._data
        try:
            raw = read_regular(self.file)
        except OSError as error:
            raise unreadable_error(self.file, error, self.path) from None
        encrypted = crypto.is_encrypted(raw)
        try:
            plain = self._decrypt(raw) if encrypted else raw
            data = parse_journal(plain)
        except crypto.CryptoError as error:
            raise crypto_error(self.file, error) from None
        except ValueError as error:
            raise JournalUnreadable(unreadable_message(self.file, str(error))) from None
        upgraded, found = self._upgrade(data) if self._upgrade else (data, None)
        self.older_schema = found if upgraded is not data else None
        data = upgraded
        self.encrypted = encrypted  # a journal decrypted elsewhere is saved plain
        # The stamp taken before reading: if the file changed meanwhile, the
        # next read sees a new stamp and reads again.
        self._data, self._stamp = data, stamp
        self.generation += 1
        return data

    def _decrypt(self, raw: bytes) -> bytes:
        if self.key is None:
            crypto.read_header(raw)  # a newer format or a damaged header says so
            if self._data is not None and not self.encrypted:
                raise JournalLocked(
                    f"the journal {self.file} was encrypted since healjournal "
                    "opened it: quit and open it again with its passphrase"
                )
            raise JournalLocked(
                f"the journal {self.file} is encrypted: it opens with its passphrase"
            )
        return self.key.decrypt(raw)

    def _backup_before_first_save_of_the_day(self) -> None:
        if not self.file.exists():
            return
        target = self.file.with_name(f"{self.file.name}.{self._today():%Y-%m-%d}.bak")
        if target.exists():
            return
        temp = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
        try:
            with temp.open("xb") as out, self.file.open("rb") as source:
                os.fchmod(out.fileno(), FILE_MODE)
                shutil.copyfileobj(source, out)
                out.flush()
                os.fsync(out.fileno())
            temp.replace(target)
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
        for old in backup_files(self.file)[: -self._backups_kept]:
            with contextlib.suppress(OSError):
                old.unlink()
        # Once a day, with the folder listed anyway: the backups kept, too.
        keep_private(*journal_backups(self.file))


def _copy_tables(tables: Tables) -> Tables:
    """Tables TinyDB can add to and remove from without touching the cache."""
    return {name: dict(table) for name, table in tables.items()}
