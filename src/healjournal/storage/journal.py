"""The Journal: the one class that reads and writes the journal file.

Everything the app and the command line do to a journal goes through here.
Each change is one transaction: take the lock file beside the journal, pick up
whatever another process saved meanwhile, apply the change, and save the whole
journal atomically once. Reads come from memory and are refreshed only when
the file changed on disk. Records become models and back in records.py.

The file is a plain TinyDB database (`TinyDB(path, access_mode="r")` reads
it), but its tables are used here as the dicts they are, not through TinyDB's
Table: that rewrites a whole table through the storage on every insert or
remove (an import of n records is O(n²)) and gives a new record the highest
id plus one (an id could come back after a delete). The journal instead saves
each change as one atomic file under its lock, with ids from the counters in
its meta record, never reused.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from healjournal.clock import Clock, get_clock
from healjournal.errors import JournalBusy, SaveFailed
from healjournal.storage import crypto
from healjournal.storage.atomic import AtomicJSONStorage, temp_files
from healjournal.storage.encryption import EncryptionMixin
from healjournal.storage.entries import EntriesMixin, Glimpse, split_text
from healjournal.storage.files import keep_private, read_regular
from healjournal.storage.goals import GoalsMixin
from healjournal.storage.layout import FILE_MODE, write_atomically
from healjournal.storage.merges import MergeMixin
from healjournal.storage.migrations import META, META_ID, migrate, new_meta
from healjournal.storage.no_contact import NoContactMixin
from healjournal.storage.settings import SettingsMixin
from healjournal.storage.tables import (
    FROM_RECORD,
    UNSET,
)
from healjournal.storage.urges import UrgesMixin

if TYPE_CHECKING:
    from filelock import FileLock

# What the app, the command line and the tests import from here.
__all__ = ["LOCK_TIMEOUT", "UNSET", "Glimpse", "Journal", "split_text"]

LOCK_TIMEOUT = 10.0


class Journal(
    EntriesMixin,
    GoalsMixin,
    NoContactMixin,
    UrgesMixin,
    SettingsMixin,
    EncryptionMixin,
    MergeMixin,
):
    """A healjournal journal file: entries, goals, no contact and settings.

    Opening, checking, the lock and transactions are here; each table's
    operations are in a module of their own (entries.py, goals.py,
    no_contact.py, urges.py, settings.py), encryption in encryption.py, and
    the records read and saved in tables.py.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        clock: Clock | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
        key: crypto.FileKey | None = None,
        read_only: bool = False,
    ) -> None:
        self._clock = clock or get_clock()
        self._storage = AtomicJSONStorage(
            Path(path).expanduser(),
            today=lambda: self._clock.today(),
            key=key,
            upgrade=lambda tables: migrate(tables, self.path),
        )
        self.path = self._storage.file
        self._read_only = read_only
        self._lock: FileLock | None = None  # made on the first change
        self._lock_timeout = lock_timeout
        self._mutex = threading.RLock()
        self._depth = 0
        self._models: dict[str, tuple[int, dict[int, Any]]] = {}
        self._records: dict[str, dict[int, tuple[dict[str, Any], Any]]] = {}
        #: Whether every record was read and checked.
        self._checked = False
        #: The storage's generation when every table was last checked.
        self._checked_at = -1

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        clock: Clock | None = None,
        passphrase: str | None = None,
        read_only: bool = False,
    ) -> Journal:
        """Open the journal at `path`, reading and checking every record.

        Opening writes nothing. A journal that does not exist yet is fine: it
        is created on the first save. An older one is read as this healjournal
        has it and upgraded on disk by the first change (keeping a copy of
        it). One that cannot be read, or is no healjournal journal, raises
        JournalUnreadable. An encrypted one needs its `passphrase`
        (JournalLocked without it, WrongPassphrase with another); a plain one
        ignores it. `read_only`: never write, nor take the lock (a journal on
        a read-only disk, or for a command that only reads); every change
        then raises JournalReadOnly.
        """
        journal = cls(path, clock=clock, read_only=read_only)
        if passphrase is None:
            journal.check()
        else:
            journal.unlock(passphrase)
        return journal

    def check(self) -> None:
        """Read and check every record, once; writes nothing.

        What `open` does; the app calls it in a worker, after its first frame.
        Raises JournalUnreadable for a damaged journal.
        """
        if self._checked:
            return
        with self._mutex:  # another thread may have checked it meanwhile
            if not self._checked:
                self._check_all()

    @property
    def read_only(self) -> bool:
        """Whether this journal was opened only to read: no change is saved."""
        return self._read_only

    @property
    def clock(self) -> Clock:
        """The clock that says what "today" is for this journal."""
        return self._clock

    def changed_on_disk(self) -> bool:
        """Whether another process saved since this one last read or wrote."""
        return self._storage.changed_on_disk()

    def close(self) -> None:
        """Release the journal (nothing stays open between operations)."""
        self._storage.close()

    @property
    def generation(self) -> int:
        """Goes up whenever the journal in memory changes (a save or a re-read)."""
        return self._storage.generation

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Hold off other threads so several reads see the same journal."""
        with self._mutex:
            yield

    # -- transactions ------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group changes into one locked, atomic save (nesting joins the outer one)."""
        with self._mutex:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._refuse_if_read_only()
            # Every record is read and checked before anything is written: a
            # journal that cannot be read is left with nothing beside it (no
            # lock file, no backup, no upgrade), and so are the temp files of
            # a killed save, which may help to mend it by hand.
            self.check()
            self._storage.ensure_folder()
            with self._locked():
                # Another process may have saved since the last read: what it
                # wrote is checked as the full read checks it (only what
                # changed is converted again), so no change meets a damaged
                # field (an id counter that is not a number) half-way.
                self._check_tables()
                checked = self._storage.generation
                self._depth = 1
                self._top_ids: dict[str, int] = {}
                try:
                    with self._storage.batch():
                        self._ensure_current_schema()
                        yield
                    if self._storage.generation == checked + 1:
                        # Only this save since the check: nothing to check again.
                        self._checked_at = self._storage.generation
                finally:
                    self._depth = 0
                    self._top_ids = {}

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the lock file beside the journal, or say why it cannot be had."""
        from filelock import FileLock, Timeout  # on the first change, not at start

        if self._lock is None:
            self._lock = FileLock(
                f"{self.path}.lock",
                timeout=self._lock_timeout,
                mode=FILE_MODE,
                thread_local=False,
                poll_interval=0.01,  # a waiting writer gets its turn quickly
            )
        try:
            self._lock.acquire(timeout=self._lock_timeout)
        except Timeout:
            raise JournalBusy(
                f"another healjournal has been saving to {self.path} for "
                f"{self._lock_timeout:g} s; try again in a moment"
            ) from None
        except OSError as error:
            raise SaveFailed(
                f"cannot lock {self.path}: {error.strerror or error}. "
                "The journal on disk is unchanged"
            ) from None
        # The lock file only gets our mode when it is made: one made by
        # another program, or by hand, keeps its own (0666) until tightened.
        keep_private(Path(self._lock.lock_file))
        try:
            yield
        finally:
            self._lock.release()

    def _check_all(self) -> None:
        """The full read: every record read (an older file upgraded in
        memory, see AtomicJSONStorage's `upgrade`) and checked. Then, unless
        read-only, the temp files a killed save left are removed (under the
        lock); nothing else is written."""
        self._check_tables()
        if not self._read_only and temp_files(self.path):
            with self._locked():
                self._storage.remove_stale_temp_files()
        self._checked = True

    def _check_tables(self) -> None:
        """Check every table, unless nothing but this journal's own saves
        changed them since the last check."""
        self._storage.read()  # re-read, if another process saved
        if self._storage.generation == self._checked_at:
            return
        for name in FROM_RECORD:
            self._convert_all(name)
        self._checked_at = self._storage.generation

    def _keep_pre_upgrade_copy(self, version: int) -> None:
        copy = self.path.with_name(f"{self.path.name}.schema{version}.bak")
        if not copy.exists():
            write_atomically(copy, read_regular(self.path))

    def _ensure_current_schema(self) -> None:
        tables = self._storage.read()
        if tables is None:
            self._storage.write({META: {META_ID: new_meta({})}})
            return
        older = self._storage.older_schema
        if older is not None:
            # The first change to an older journal saves its upgrade (read in
            # memory) with it, keeping the file as it was beside it. Under the
            # lock, so no other healjournal takes the copy's temp file for a
            # stale one.
            self._keep_pre_upgrade_copy(older)
            self._storage.write(tables)
