"""The Journal's merge: another copy of the journal brought into this one.

The rules are merging.py's (no I/O); here the merged copy is saved as one
transaction, under the lock: a record kept keeps its id here, one coming
from the other copy gets a new id from this journal's counters (ids are
never reused) and keeps its uid.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from healjournal.errors import JournalLocked
from healjournal.storage.crypto import file_header
from healjournal.storage.merging import Copy, Report, copy_of, merge, settle_by_base
from healjournal.storage.records import setting_record
from healjournal.storage.tables import (
    DELETED,
    ENTRIES,
    GOALS,
    NOCONTACT,
    SETTINGS,
    URGES,
    TableStore,
)

if TYPE_CHECKING:
    Record = dict[str, Any]

#: The table each kind of merged record lives in.
_TABLES = {"entries": ENTRIES, "goals": GOALS, "slips": NOCONTACT, "urges": URGES}


class MergeMixin(TableStore):
    """Merging another copy of the journal into this one."""

    def as_copy(self) -> Copy:
        """This journal's records, as a merge sees them (merging.py)."""
        self._check_tables()
        with self._mutex:
            return copy_of(self._storage.read() or {})

    def read_copy(self, path: Path) -> Copy:
        """Another copy of this journal at `path` (a conflicted copy a sync
        tool left, say), read as a merge sees it; encrypted, it is read with
        this journal's key. Writes nothing. Raises JournalLocked when that key
        does not open it (another passphrase, or this journal is plain), and
        JournalUnreadable for a damaged file or one that is no journal."""
        header = file_header(path)
        key = self._storage.key
        if header is not None and (key is None or not key.fits(header)):
            from healjournal.storage.conflicts import merge_command

            raise JournalLocked(
                f"{path.name} is locked with another passphrase than this "
                f"journal's: {merge_command(self.path, path)} asks for it"
            )
        # Read only: never a write to the copy, nor its lock.
        other = type(self)(  # type: ignore[call-arg]
            path, clock=self._clock, key=key if header else None, read_only=True
        )
        other.check()
        return other.as_copy()

    def merge_copy(
        self, theirs: Copy, *, dry_run: bool = False, base: Copy | None = None
    ) -> Report:
        """Merge `theirs` into this journal, saved at once; `dry_run`: only
        say what it would do; `base`: the copy both came from, if known (a
        record changed on one side only is then that side's: see
        merging.settle_by_base). Returns what was (or would be) done."""
        if dry_run:
            return self._merged(self.as_copy(), theirs, base)[1]
        with self.transaction():
            tables = self._storage.read() or {}
            merged, report = self._merged(copy_of(tables), theirs, base)
            if not report.nothing:
                self._save_merged(tables, merged)
        return report

    @staticmethod
    def _merged(ours: Copy, theirs: Copy, base: Copy | None) -> tuple[Copy, Report]:
        if base is None:
            return merge(ours, theirs)
        ours, theirs, taken = settle_by_base(base, ours, theirs)
        merged, report = merge(ours, theirs)
        for kind, n in taken.items():
            report.changed[kind] += n
        return merged, report

    def _save_merged(self, tables: dict[str, dict[str, Record]], merged: Copy) -> None:
        for kind, name in _TABLES.items():
            ids: dict[str, int] = {}
            for doc_id, record in tables.get(name, {}).items():
                if name != NOCONTACT or record.get("type") == "slip":
                    ids[record["uid"]] = int(doc_id)
            wanted = merged.records(kind)
            for key, doc_id in ids.items():
                if key not in wanted:
                    self._remove(name, doc_id)
            for key, record in wanted.items():
                doc_id = ids.get(key)
                if doc_id is None:
                    self._put(name, record)
                elif tables[name][str(doc_id)] != record:
                    self._put(name, record, doc_id)
        self._save_start(tables, merged.start)
        known = {
            r["key"]: int(i) for i, r in tables.get(SETTINGS, {}).items() if "key" in r
        }
        for key, value in merged.settings.items():
            record = setting_record(key, value)
            if merged.settings_set.get(key):  # the time as stored, kept as it is
                record["updated"] = merged.settings_set[key]
            doc_id = known.get(key)
            if doc_id is None:
                self._put(SETTINGS, record)
            elif tables[SETTINGS][str(doc_id)] != record:
                self._put(SETTINGS, record, doc_id)
        stones = {r["uid"]: int(i) for i, r in tables.get(DELETED, {}).items()}
        for key, doc_id in stones.items():
            if key not in merged.deleted:
                self._remove(DELETED, doc_id)
        for key, when in merged.deleted.items():
            record = {"uid": key, "deleted": when}
            if key not in stones:
                self._put(DELETED, record)
            elif tables[DELETED][str(stones[key])] != record:
                self._put(DELETED, record, stones[key])

    def _save_start(
        self, tables: dict[str, dict[str, Record]], start: Record | None
    ) -> None:
        if start is None:
            return
        for doc_id, record in list(tables.get(NOCONTACT, {}).items()):
            if record.get("type") == "start":
                if record == start:
                    return
                self._remove(NOCONTACT, int(doc_id))
        self._put(NOCONTACT, start)
