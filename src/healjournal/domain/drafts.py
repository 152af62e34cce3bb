"""A page as it is being written, and the rule for saving it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from healjournal.domain.models import Entry, EntryKind
from healjournal.errors import InputError


@dataclass(frozen=True, slots=True)
class Draft:
    """What a page holds at the moment it asks to be saved.

    `page` identifies the open page across saves, so a page that has not got
    an entry id yet is never added twice.
    """

    page: int
    day: date
    entry_id: int | None
    kind: EntryKind
    text: str
    mood: int | None


class PageStore(Protocol):
    """What saving a page needs of the journal (storage's Journal is one)."""

    def update_entry(self, entry_id: int, *, text: str, mood: int | None) -> Entry:
        """Change an entry's words and mood; InputError when it is gone."""
        ...

    def add_entry(
        self, text: str, *, day: date, kind: EntryKind, mood: int | None
    ) -> Entry:
        """Save a new entry and return it."""
        ...


def write_draft(journal: PageStore, draft: Draft) -> Entry | None:
    """Save a page: update its entry, or add one (None for an empty new page)."""
    if draft.entry_id is not None:
        try:
            return journal.update_entry(
                draft.entry_id, text=draft.text, mood=draft.mood
            )
        except InputError:
            pass  # deleted elsewhere meanwhile: save it anew
    if draft.text.strip() or draft.mood is not None:
        return journal.add_entry(
            draft.text, day=draft.day, kind=draft.kind, mood=draft.mood
        )
    return None
