"""The journal's tables in memory: read, turned into models, and changed.

TableStore is the part of the Journal the per-table operations build on (the
entries, goals, no contact, urges and settings modules): a record is read
through here, checked and cached as a model until the file changes, and
saved within a transaction with an id that is never reused.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from healjournal.clock import Clock
from healjournal.domain.models import Entry, Goal, Urge
from healjournal.errors import InputError, JournalUnreadable
from healjournal.storage.atomic import AtomicJSONStorage, unreadable_message
from healjournal.storage.files import JournalReadOnly, read_only_message
from healjournal.storage.migrations import META, META_ID
from healjournal.storage.records import (
    BadField,
    entry_from_record,
    goal_from_record,
    no_contact_from_record,
    setting_from_record,
    tombstone_from_record,
    tombstone_record,
    urge_from_record,
)

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

ENTRIES, GOALS, NOCONTACT, SETTINGS = "entries", "goals", "nocontact", "settings"
#: Urges logged from the urge screen. A table added within schema 1: a journal
#: from before it simply has none, and an older healjournal keeps it as it is.
URGES = "urges"
#: Tombstones: the uid of each entry, goal or slip deleted, and when, so a
#: merge with another copy of the journal does not bring it back. A table
#: added within schema 3: a journal without one has deleted nothing since.
DELETED = "deleted"
#: How long a tombstone is kept: a copy apart for longer brings a page back.
TOMBSTONE_DAYS = 366
#: How each table's records become models (records.py).
FROM_RECORD: dict[str, Callable[[int, dict[str, Any]], Any]] = {
    ENTRIES: entry_from_record,
    GOALS: goal_from_record,
    NOCONTACT: no_contact_from_record,
    SETTINGS: setting_from_record,
    URGES: urge_from_record,
    DELETED: tombstone_from_record,
}


class _Unset:
    """Marks an argument that was not given (None is a real value for mood)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


class TableStore:
    """The tables of one journal file, as records and as models.

    The state is made by Journal.__init__; the transaction, the lock and the
    full check are the Journal's (journal.py).
    """

    path: Path
    _clock: Clock
    _storage: AtomicJSONStorage
    _read_only: bool
    _mutex: threading.RLock
    _depth: int
    _models: dict[str, tuple[int, dict[int, Any]]]
    _records: dict[str, dict[int, tuple[dict[str, Any], Any]]]
    _top_ids: dict[str, int]

    if TYPE_CHECKING:

        def transaction(self) -> AbstractContextManager[None]: ...

        def _locked(self) -> AbstractContextManager[None]: ...

        def _check_all(self) -> None: ...

    def _refuse_if_read_only(self) -> None:
        if self._read_only:
            raise JournalReadOnly(read_only_message(self.path))

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

    def _bury(self, record_uid: str) -> None:
        """Within a transaction: keep a tombstone for the record `record_uid`
        just deleted, dropping those kept longer than TOMBSTONE_DAYS."""
        now = self._clock.now()
        for doc_id, (_, deleted) in list(self._convert_all(DELETED).items()):
            if (now - deleted).days > TOMBSTONE_DAYS:
                self._remove(DELETED, doc_id)
        self._put(DELETED, tombstone_record(record_uid, now))

    def _unbury(self, record_uid: str) -> None:
        """Within a transaction: forget the tombstone of `record_uid` (its
        record is back)."""
        for doc_id, (found, _) in list(self._convert_all(DELETED).items()):
            if found == record_uid:
                self._remove(DELETED, doc_id)

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
