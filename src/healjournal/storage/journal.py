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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from healjournal.clock import Clock, aware, get_clock
from healjournal.domain.models import (
    Entry,
    EntryKind,
    Goal,
    GoalKind,
    NoContact,
    Slip,
    Theme,
    Urge,
    UrgeOutcome,
    check_mood,
    check_strength,
    check_text,
    find_tags,
)
from healjournal.errors import (
    HealJournalError,
    InputError,
    JournalBusy,
    JournalUnreadable,
    SaveFailed,
)
from healjournal.storage import crypto
from healjournal.storage.atomic import (
    AtomicJSONStorage,
    crypto_error,
    journal_backups,
    temp_files,
    unreadable_error,
    unreadable_message,
)
from healjournal.storage.files import (
    JournalReadOnly,
    keep_private,
    read_only_message,
    read_regular,
)
from healjournal.storage.layout import FILE_MODE, parse_journal, write_atomically
from healjournal.storage.migrations import META, META_ID, migrate, new_meta
from healjournal.storage.records import (
    BadField,
    entry_from_record,
    entry_record,
    goal_from_record,
    goal_record,
    no_contact_from_record,
    no_contact_record,
    setting_from_record,
    setting_record,
    urge_from_record,
    urge_record,
)

if TYPE_CHECKING:
    from filelock import FileLock

ENTRIES, GOALS, NOCONTACT, SETTINGS = "entries", "goals", "nocontact", "settings"
#: Urges logged from the urge screen. A table added within schema 1: a journal
#: from before it simply has none, and an older healjournal keeps it as it is.
URGES = "urges"
MAX_GOAL_TITLE = 200
LOCK_TIMEOUT = 10.0
#: How each table's records become models (records.py).
FROM_RECORD: dict[str, Callable[[int, dict[str, Any]], Any]] = {
    ENTRIES: entry_from_record,
    GOALS: goal_from_record,
    NOCONTACT: no_contact_from_record,
    SETTINGS: setting_from_record,
    URGES: urge_from_record,
}

T = TypeVar("T")


class _Unset:
    """Marks an argument that was not given (None is a real value for mood)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


def split_text(text: str, kind: EntryKind = EntryKind.REFLECTION) -> tuple[str, str]:
    """Split editor text into (title, body); `Entry.text` joins them back exactly.

    A reflection's short first line followed by more text is its title;
    anything else is all body, and so is every letter and urge: their first
    line ("Dear…") is not a title.
    """
    if kind is not EntryKind.REFLECTION:
        return "", text
    first, newline, rest = text.partition("\n")
    if newline and first.strip() and rest and len(first) <= 120:
        return first, rest
    return "", text


@dataclass(frozen=True, slots=True)
class Glimpse:
    """The saved settings and one day's pages, read before the rest is checked."""

    settings: dict[str, Any]
    """Every saved setting, by key."""
    entries: tuple[Entry, ...]
    """The pages of the day, in the order they were written."""


class Journal:
    """A healjournal journal file: entries, goals, no contact and settings."""

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

    def _refuse_if_read_only(self) -> None:
        if self._read_only:
            raise JournalReadOnly(read_only_message(self.path))

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

    # -- encryption ----------------------------------------------------------

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

    def _stored(self, name: str) -> dict[str, dict[str, Any]]:
        """The records of table `name`, by their id as a string (only to read)."""
        return (self._storage.read() or {}).get(name, {})

    def _changing(self) -> dict[str, dict[str, Any]]:
        """This transaction's own copy of the tables, to change in place: the
        records are plain dicts keyed by their id as a string."""
        tables = self._storage.read()
        if tables is None:
            tables = {}
        self._storage.write(tables)  # saved when the transaction ends
        return tables

    def _allocate_id(self, name: str) -> int:
        tables = self._changing()
        meta = tables.get(META, {}).get(META_ID)
        assert meta is not None, "a transaction always has meta"
        counters = dict(meta.get("next_id", {}))
        # Ids are never reused, even if the counters were lost (a file edited
        # by hand): look at the highest id in the table once per transaction.
        used = self._top_ids.get(name)
        if used is None:
            used = max(map(int, tables.get(name, {})), default=0)
        new_id = max(int(counters.get(name, 1)), used + 1)
        counters[name] = new_id + 1
        self._top_ids[name] = new_id
        tables[META][META_ID] = {**meta, "next_id": counters}
        return new_id

    def _put(self, name: str, record: dict[str, Any], doc_id: int | None = None) -> Any:
        """Save `record` as record `doc_id` of table `name` (a new one when
        None) and return its model, read back as the full read will: a field
        it would refuse is refused now (InputError), never saved."""
        new_id = self._allocate_id(name) if doc_id is None else doc_id
        try:
            model = FROM_RECORD[name](new_id, record)
        except BadField as error:  # a value no form or command lets through
            raise InputError(f"a record of {name} cannot be saved: {error}") from None
        # A new record, never a change in place: the records in memory are
        # shared with the last saved state until the save succeeds.
        self._changing().setdefault(name, {})[str(new_id)] = record
        return model

    def _remove(self, name: str, doc_id: int) -> None:
        self._changing().get(name, {}).pop(str(doc_id), None)

    def _require(self, name: str, doc_id: int, what: str) -> Any:
        """The model of record `doc_id` of table `name`, or InputError."""
        record = self._stored(name).get(str(doc_id))
        if record is None:
            raise InputError(
                f"{what} {doc_id} does not exist (it may have been deleted)"
            )
        return FROM_RECORD[name](doc_id, record)  # checked with the tables

    # -- reading, with models cached until the file changes ----------------

    def _convert_all(self, name: str) -> dict[int, Any]:
        convert = FROM_RECORD[name]
        with self._mutex:
            tables = self._storage.read()
            generation = self._storage.generation
            cached = self._models.get(name)
            if cached is not None and cached[0] == generation and not self._depth:
                return cached[1]
            raw = (tables or {}).get(name, {})
            # Records untouched by a save are the very same objects, so their
            # models carry over and only what changed is converted again.
            known = self._records.get(name, {})
            records: dict[int, tuple[dict[str, Any], Any]] = {}
            models = {}
            for doc_id, doc in raw.items():
                key = int(doc_id)
                seen = known.get(key)
                if seen is not None and seen[0] is doc:
                    models[key] = seen[1]
                    records[key] = seen
                    continue
                try:
                    models[key] = convert(key, doc)
                    records[key] = (doc, models[key])
                except (KeyError, ValueError, TypeError, InputError) as error:
                    raise JournalUnreadable(
                        unreadable_message(
                            self.path,
                            f"record {name}/{doc_id} is damaged ({error!s})",
                        )
                    ) from None
            if not self._depth:
                self._models[name] = (generation, models)
                self._records[name] = records
            return models

    def _entries(self) -> dict[int, Entry]:
        return self._convert_all(ENTRIES)

    def _goals(self) -> dict[int, Goal]:
        return self._convert_all(GOALS)

    def _urges(self) -> dict[int, Urge]:
        return self._convert_all(URGES)

    # -- entries -------------------------------------------------------------

    def add_entry(
        self,
        text: str,
        *,
        day: date | None = None,
        kind: EntryKind = EntryKind.REFLECTION,
        mood: int | None = None,
        starred: bool = False,
        title: str | None = None,
    ) -> Entry:
        """Save a new entry and return it; `day` defaults to today."""
        check_text(text)
        if title is None:
            title, body = split_text(text, kind)
        else:
            check_text(title, "the title")
            body = text
        entry = Entry(
            id=0,
            created=self._clock.now(),
            day=day or self._clock.today(),
            kind=EntryKind(kind),
            title=title,
            body=body,
            mood=check_mood(mood),
            starred=bool(starred),
            tags=find_tags(title, body),
        )
        with self.transaction():
            return self._put(ENTRIES, entry_record(entry))

    def update_entry(
        self,
        entry_id: int,
        *,
        text: str = UNSET,
        day: date = UNSET,
        kind: EntryKind = UNSET,
        mood: int | None = UNSET,
        starred: bool = UNSET,
    ) -> Entry:
        """Change the given fields of an entry and return it as saved."""
        changes: dict[str, Any] = {"updated": self._clock.now()}
        if text is not UNSET:
            check_text(text)
        if day is not UNSET:
            changes["day"] = day
        if kind is not UNSET:
            changes["kind"] = EntryKind(kind)
        if mood is not UNSET:
            changes["mood"] = check_mood(mood)
        if starred is not UNSET:
            changes["starred"] = bool(starred)
        with self.transaction():
            entry = replace(self._require(ENTRIES, entry_id, "entry"), **changes)
            if text is not UNSET:  # split by the entry's kind, known only here
                title, body = split_text(text, entry.kind)
                entry = replace(
                    entry, title=title, body=body, tags=find_tags(title, body)
                )
            return self._put(ENTRIES, entry_record(entry), entry_id)

    def delete_entry(self, entry_id: int) -> None:
        """Delete an entry for good."""
        with self.transaction():
            self._require(ENTRIES, entry_id, "entry")
            self._remove(ENTRIES, entry_id)

    def restore_entry(self, entry: Entry) -> Entry:
        """Put back an entry deleted moments ago, with its own id (an undo)."""
        with self.transaction():
            if str(entry.id) in self._stored(ENTRIES):
                raise InputError(f"entry {entry.id} is there already")
            self._put(ENTRIES, entry_record(entry), entry.id)
        return entry

    def get_entry(self, entry_id: int) -> Entry | None:
        """The entry with this id, or None."""
        return self._entries().get(entry_id)

    def entries(
        self,
        start: date | None = None,
        end: date | None = None,
        kinds: Iterable[EntryKind] | None = None,
    ) -> list[Entry]:
        """Entries from `start` to `end` (both included), oldest first."""
        wanted = set(kinds) if kinds is not None else None
        found = [
            e
            for e in self._entries().values()
            if (start is None or e.day >= start)
            and (end is None or e.day <= end)
            and (wanted is None or e.kind in wanted)
        ]
        found.sort(key=lambda e: (e.day, e.created, e.id))
        return found

    def glimpse(self, day: date) -> Glimpse | None:
        """The settings and the pages of `day`, before every record is checked.

        The app shows today's page with them while the rest of the journal
        is checked (`check`), which takes a while for years of pages. The
        same read and the same records as the rest; None when they cannot be
        had, and the full read then says why.
        """
        found = day.isoformat()
        try:
            with self._mutex:
                tables = self._storage.read() or {}
            entries = [
                entry_from_record(int(key), record)
                for key, record in tables.get(ENTRIES, {}).items()
                if record.get("day") == found
            ]
            settings = (
                setting_from_record(int(key), record)
                for key, record in tables.get(SETTINGS, {}).items()
            )
            saved = dict(setting for setting in settings if setting is not None)
        except (HealJournalError, OSError, ValueError, TypeError, KeyError):
            return None
        entries.sort(key=lambda e: (e.created, e.id))
        return Glimpse(saved, tuple(entries))

    def entries_on(self, day: date) -> list[Entry]:
        """The entries of one day, in the order they were written."""
        return self.entries(day, day)

    def reflection_for(self, day: date) -> Entry | None:
        """The day's reflection (the first one, if there are several)."""
        return next(
            (e for e in self.entries_on(day) if e.kind is EntryKind.REFLECTION), None
        )

    def import_entries(
        self, entries: Iterable[Entry], ids: dict[int, int] | None = None
    ) -> int:
        """Add entries not already in the journal; return how many were new.

        An entry counts as already there when its day, its minute and its text
        match one in the journal, so importing the same file twice adds nothing.
        `ids`, if given, gets each entry's id as read and its id here.
        """
        with self.transaction():
            seen = {_entry_key(e): e.id for e in self._entries().values()}
            added = 0
            for entry in entries:
                key = _entry_key(entry)
                if key not in seen:
                    # Its tags are found again in its words, never taken as read.
                    tags = find_tags(entry.title, entry.body)
                    record = entry_record(replace(entry, tags=tags))
                    seen[key] = self._put(ENTRIES, record).id
                    added += 1
                if ids is not None:
                    ids[entry.id] = seen[key]
        return added

    # -- goals -----------------------------------------------------------------

    def add_goal(
        self,
        title: str,
        theme: Theme,
        kind: GoalKind = GoalKind.ONCE,
        due: date | None = None,
    ) -> Goal:
        """Save a new goal and return it."""
        goal = Goal(
            id=0,
            theme=Theme(theme),
            title=_check_goal_title(title),
            kind=GoalKind(kind),
            created=self._clock.now(),
            due=due or None,
        )
        with self.transaction():
            return self._put(GOALS, goal_record(goal))

    def update_goal(
        self,
        goal_id: int,
        *,
        title: str = UNSET,
        theme: Theme = UNSET,
        kind: GoalKind = UNSET,
        due: date | None = UNSET,
        archived: bool = UNSET,
    ) -> Goal:
        """Change the given fields of a goal and return it as saved."""
        changes: dict[str, Any] = {}
        if title is not UNSET:
            changes["title"] = _check_goal_title(title)
        if theme is not UNSET:
            changes["theme"] = Theme(theme)
        if kind is not UNSET:
            changes["kind"] = GoalKind(kind)
        if due is not UNSET:
            changes["due"] = due or None
        if archived is not UNSET:
            changes["archived"] = bool(archived)
        return self._change_goal(goal_id, lambda goal: replace(goal, **changes))

    def archive_goal(self, goal_id: int, archived: bool = True) -> Goal:
        """Put a goal away (or bring it back) without losing its history."""
        return self.update_goal(goal_id, archived=archived)

    def delete_goal(self, goal_id: int) -> None:
        """Delete a goal and its ticks for good."""
        with self.transaction():
            self._require(GOALS, goal_id, "goal")
            self._remove(GOALS, goal_id)

    def tick_goal(self, goal_id: int, day: date | None = None) -> Goal:
        """Mark a goal done for `day` (today by default)."""
        mark = day or self._clock.today()
        return self._change_goal(
            goal_id, lambda goal: replace(goal, ticks=(*goal.ticks, mark))
        )

    def untick_goal(self, goal_id: int, day: date | None = None) -> Goal:
        """Take back the tick of `day` (today by default)."""
        mark = day or self._clock.today()
        return self._change_goal(
            goal_id,
            lambda goal: replace(goal, ticks=tuple(t for t in goal.ticks if t != mark)),
        )

    def _change_goal(self, goal_id: int, change: Callable[[Goal], Goal]) -> Goal:
        with self.transaction():
            goal = change(self._require(GOALS, goal_id, "goal"))
            return self._put(GOALS, goal_record(goal), goal_id)

    def get_goal(self, goal_id: int) -> Goal | None:
        """The goal with this id, or None."""
        return self._goals().get(goal_id)

    def goals(self, *, include_archived: bool = False) -> list[Goal]:
        """Goals in theme order, oldest first within a theme."""
        order = {theme: i for i, theme in enumerate(Theme)}
        found = [
            g for g in self._goals().values() if include_archived or not g.archived
        ]
        found.sort(key=lambda g: (order[g.theme], g.id))
        return found

    def import_goals(self, goals: Iterable[Goal]) -> int:
        """Add goals not already there (same theme, title and creation time)."""
        with self.transaction():
            seen = {_goal_key(g) for g in self._goals().values()}
            added = 0
            for goal in goals:
                goal = replace(goal, title=_check_goal_title(goal.title))
                if _goal_key(goal) not in seen:
                    seen.add(_goal_key(goal))
                    self._put(GOALS, goal_record(goal))
                    added += 1
        return added

    # -- no contact --------------------------------------------------------------

    def no_contact(self) -> NoContact:
        """When no contact started and every slip since."""
        records = self._convert_all(NOCONTACT)
        started = None
        slips = []
        for _, record in sorted(records.items()):
            if isinstance(record, Slip):
                slips.append(record)
            elif record is not None:
                started = record  # the last start recorded wins
        slips.sort(key=lambda s: (s.day, s.id))
        return NoContact(started=started, slips=tuple(slips))

    def start_no_contact(self, last_contact: date) -> NoContact:
        """Record the last day of contact before no contact began."""
        # Imported here: reading days costs every command ~10 ms to import.
        from healjournal.domain.dates import check_not_future

        check_not_future(last_contact, self._clock.today())
        with self.transaction():
            for record_id, item in self._convert_all(NOCONTACT).items():
                if isinstance(item, date):  # the start recorded before
                    self._remove(NOCONTACT, record_id)
            self._put(NOCONTACT, no_contact_record(last_contact))
        return self.no_contact()

    def log_slip(self, day: date | None = None, note: str = "") -> Slip:
        """Record contact on `day` (today by default); the count starts again."""
        from healjournal.domain.dates import check_not_future

        day = check_not_future(day or self._clock.today(), self._clock.today())
        check_text(note, "the note")
        slip = Slip(id=0, day=day, note=note, created=self._clock.now())
        with self.transaction():
            return self._put(NOCONTACT, no_contact_record(slip))

    def delete_slip(self, slip_id: int) -> None:
        """Remove a slip logged by mistake."""
        with self.transaction():
            if not isinstance(self._require(NOCONTACT, slip_id, "slip"), Slip):
                raise InputError(f"record {slip_id} is not a slip")
            self._remove(NOCONTACT, slip_id)

    def import_no_contact(self, record: NoContact) -> int:
        """Merge another journal's no-contact record; return the slips added."""
        with self.transaction():
            here = self.no_contact()
            if record.started and here.started is None:
                self._put(NOCONTACT, no_contact_record(record.started))
            seen = {(slip.day, slip.note) for slip in here.slips}
            added = 0
            for slip in record.slips:
                if (slip.day, slip.note) in seen:
                    continue
                seen.add((slip.day, slip.note))
                self._put(NOCONTACT, no_contact_record(slip))
                added += 1
        return added

    # -- urges ----------------------------------------------------------------------

    def log_urge(
        self,
        at: datetime | None = None,
        *,
        day: date | None = None,
        strength: int | None = None,
        outcome: UrgeOutcome | None = None,
        letter_id: int | None = None,
        note: str | None = None,
    ) -> Urge:
        """Save the urge that began at `at` (now by default) and return it.

        `day` is the journal day it belongs to (by default the date of `at`);
        it only counts when the urge is first saved.

        An urge is known by its moment, to the second: logging one already
        saved for that moment updates it instead of adding another, so the app
        can log an urge when it starts and again when it ends, in any order.
        A strength, letter or note left as None keeps what was saved, and a
        final outcome (it passed, or he was contacted) is never undone by a
        write without one.
        """
        at = aware(at or self._clock.now()).replace(microsecond=0)
        check_strength(strength)
        if outcome is not None:
            outcome = UrgeOutcome(outcome)
        if note is not None:
            check_text(note, "the note")
        with self.transaction():
            found = next((u for u in self._urges().values() if u.at == at), None)
            urge = found or Urge(id=0, at=at, day=day or at.date())
            settled = urge.outcome is not None and urge.outcome.final
            # A write that ends the urge wins; an earlier one arriving late
            # (the app logs the start and the end from separate threads) does not.
            wins = not settled or (outcome is not None and outcome.final)
            changes: dict[str, Any] = {}
            if outcome is not None and wins:
                changes["outcome"] = outcome
            if strength is not None and wins:
                changes["strength"] = strength
            if letter_id is not None:
                changes["letter_id"] = letter_id
            if note is not None:
                changes["note"] = note
            urge = replace(urge, **changes)
            if found is None:
                return self._put(URGES, urge_record(urge, updated=None))
            return self._put(
                URGES, urge_record(urge, updated=self._clock.now()), urge.id
            )

    def update_urge(
        self,
        urge_id: int,
        *,
        strength: int | None = UNSET,
        outcome: UrgeOutcome | None = UNSET,
        letter_id: int | None = UNSET,
        note: str = UNSET,
    ) -> Urge:
        """Change the given fields of an urge and return it as saved."""
        changes: dict[str, Any] = {}
        if strength is not UNSET:
            changes["strength"] = check_strength(strength)
        if outcome is not UNSET:
            changes["outcome"] = UrgeOutcome(outcome) if outcome else None
        if letter_id is not UNSET:
            changes["letter_id"] = letter_id
        if note is not UNSET:
            changes["note"] = check_text(note, "the note")
        with self.transaction():
            urge = replace(self._require(URGES, urge_id, "urge"), **changes)
            return self._put(
                URGES, urge_record(urge, updated=self._clock.now()), urge_id
            )

    def urges(self, start: date | None = None, end: date | None = None) -> list[Urge]:
        """Urges from `start` to `end` (both included), oldest first."""
        found = [
            u
            for u in self._urges().values()
            if (start is None or u.day >= start) and (end is None or u.day <= end)
        ]
        found.sort(key=lambda u: (u.at, u.id))
        return found

    def import_urges(
        self, urges: Iterable[Urge], letters: dict[int, int] | None = None
    ) -> int:
        """Add urges not already there (the same moment); return how many were new.

        An urge's page is linked when `letters` (import_entries' `ids`) has it.
        """
        with self.transaction():
            seen = {u.at for u in self._urges().values()}
            added = 0
            for urge in urges:
                at = urge.at.replace(microsecond=0)
                if at in seen:
                    continue
                seen.add(at)
                # Its page only by the ids of this import: ids differ between journals.
                page = None
                if urge.letter_id is not None and letters:
                    page = letters.get(urge.letter_id)
                new = replace(urge, at=at, letter_id=page)
                self._put(URGES, urge_record(new, updated=None))
                added += 1
        return added

    # -- settings ------------------------------------------------------------------

    def get_setting(self, key: str, default: T | None = None) -> Any:
        """A saved setting, or `default`."""
        return self.settings().get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Save a setting (any JSON value)."""
        with self.transaction():
            found = next(
                (
                    record_id
                    for record_id, setting in self._convert_all(SETTINGS).items()
                    if setting is not None and setting[0] == key
                ),
                None,
            )
            self._put(SETTINGS, setting_record(key, value), found)

    def settings(self) -> dict[str, Any]:
        """Every saved setting."""
        return dict(s for s in self._convert_all(SETTINGS).values() if s is not None)


def _write_over(path: Path, payload: bytes) -> None:
    """Replace `path` atomically, or say in one line why it could not be."""
    try:
        write_atomically(path, payload)
    except OSError as error:
        raise SaveFailed(
            f"could not write {path}: {error.strerror or error}. It is unchanged"
        ) from None


# -- what makes two records the same, on import --------------------------------


def _entry_key(entry: Entry) -> tuple[date, str, str, str]:
    """Its day, its minute as written (YYYY-MM-DDTHH:MM) and its words."""
    minute = entry.created.isoformat()[:16]
    return (entry.day, minute, entry.title.strip(), entry.body.strip())


def _goal_key(goal: Goal) -> tuple[Theme, str, str | None]:
    """Its theme, its title and when it was made, to the second."""
    created = goal.created.isoformat(timespec="seconds") if goal.created else None
    return (goal.theme, goal.title, created)


def _check_goal_title(title: str) -> str:
    title = " ".join(check_text(title, "the goal").split())
    if not title:
        raise InputError("a goal needs a title: say what you want to do")
    if len(title) > MAX_GOAL_TITLE:
        raise InputError(
            f"the goal title is {len(title)} characters; keep it under {MAX_GOAL_TITLE}"
        )
    return title
