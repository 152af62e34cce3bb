"""The journal's pages: add, change, delete, read and import entries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from healjournal.domain.models import (
    Entry,
    EntryKind,
    check_mood,
    check_text,
    find_tags,
)
from healjournal.errors import HealJournalError, InputError
from healjournal.storage.records import (
    entry_from_record,
    entry_record,
    setting_from_record,
)
from healjournal.storage.tables import ENTRIES, SETTINGS, UNSET, TableStore


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


class EntriesMixin(TableStore):
    """The Journal's operations on its entries."""

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
            entry = self._require(ENTRIES, entry_id, "entry")
            self._remove(ENTRIES, entry_id)
            self._bury(entry.uid)

    def restore_entry(self, entry: Entry) -> Entry:
        """Put back an entry deleted moments ago, with its own id (an undo)."""
        with self.transaction():
            if str(entry.id) in self._stored(ENTRIES):
                raise InputError(f"entry {entry.id} is there already")
            self._put(ENTRIES, entry_record(entry), entry.id)
            self._unbury(entry.uid)
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

        An entry counts as already there when one in the journal has its uid
        (even if either was edited since), or its day, its minute and its text
        (an export made before uids, or another journal's copy of it); so
        importing the same file twice adds nothing. `ids`, if given, gets each
        entry's id as read and its id here.
        """
        with self.transaction():
            here = self._entries().values()
            uids = {e.uid: e.id for e in here}
            seen = {_entry_key(e): e.id for e in here}
            added = 0
            for entry in entries:
                key = _entry_key(entry)
                if entry.uid in uids:
                    seen[key] = uids[entry.uid]
                elif key not in seen:
                    # Its tags are found again in its words, never taken as read.
                    tags = find_tags(entry.title, entry.body)
                    record = entry_record(replace(entry, tags=tags))
                    seen[key] = uids[entry.uid] = self._put(ENTRIES, record).id
                    added += 1
                if ids is not None:
                    ids[entry.id] = seen[key]
        return added


def _entry_key(entry: Entry) -> tuple[date, str, str, str]:
    """Its day, its minute as written (YYYY-MM-DDTHH:MM) and its words."""
    minute = entry.created.isoformat()[:16]
    return (entry.day, minute, entry.title.strip(), entry.body.strip())
