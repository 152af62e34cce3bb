"""The pages waiting to be saved, and the one being saved (no Textual).

The main screen hands every draft here and saves what `start_next` gives
it, one at a time, in a worker; the rules of what waits live here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from healjournal.domain.drafts import Draft
from healjournal.domain.models import Entry


class SaveQueue:
    """The newest words of each page, saved one page at a time.

    A page keeps the entry its first save made, so it is never added twice;
    a save that failed waits again, behind nothing newer, until `resume`.
    """

    def __init__(self) -> None:
        self._waiting: dict[int, Draft] = {}
        self._entry_ids: dict[int, int] = {}
        #: The draft on its way to the disk, if one is.
        self.saving: Draft | None = None
        #: Whether saves are held back (after a failure, or as the app stops).
        self.paused = False

    @property
    def waiting(self) -> bool:
        """Whether words wait for a save (besides any under way)."""
        return bool(self._waiting)

    @property
    def pending(self) -> bool:
        """Whether any words have not reached the disk yet."""
        return self.saving is not None or bool(self._waiting)

    @property
    def busy(self) -> bool:
        """Whether a save is under way or due now (a paused queue is not)."""
        return self.saving is not None or (bool(self._waiting) and not self.paused)

    def add(self, draft: Draft) -> None:
        """Keep `draft` as its page's newest words, in place of any waiting."""
        self._waiting[draft.page] = draft

    def drop(self, page: int) -> None:
        """Forget the words of `page` still waiting (not one being saved)."""
        self._waiting.pop(page, None)

    def start_next(self) -> Draft | None:
        """The draft to save now, with its page's entry id, or None: one is
        being saved, saves are paused, or nothing waits."""
        if self.saving is not None or self.paused or not self._waiting:
            return None
        page = next(iter(self._waiting))
        draft = self._waiting.pop(page)
        self.saving = replace(draft, entry_id=self.entry_id(page, draft.entry_id))
        return self.saving

    def saved(self, draft: Draft, entry: Entry | None) -> None:
        """The save under way landed, as `entry` (None: an empty page)."""
        self.saving = None
        self.remember(draft, entry)

    def remember(self, draft: Draft, entry: Entry | None) -> None:
        """`draft`'s page is `entry` from now on (None changes nothing)."""
        if entry is not None:
            self._entry_ids[draft.page] = entry.id

    def failed(self, draft: Draft) -> None:
        """The save under way failed: its words wait again unless newer ones
        do, and nothing more is saved until `resume`."""
        self.saving = None
        self._waiting.setdefault(draft.page, draft)
        self.paused = True

    def pause(self) -> None:
        """Start no more saves until `resume`."""
        self.paused = True

    def resume(self) -> None:
        """Let saves start again."""
        self.paused = False

    def entry_id(self, page: int, known: int | None = None) -> int | None:
        """The entry `page` was saved as, else `known` (what the page says)."""
        return self._entry_ids.get(page, known)

    def forget(self, page: int) -> int | None:
        """Let `page` be saved as a new entry next time; return its old one."""
        return self._entry_ids.pop(page, None)

    def unsaved(self, day: date, entry_id: int | None) -> Draft | None:
        """The newest words not yet on disk for the page of `day` that is
        entry `entry_id` (None: a page not saved yet), if any wait."""
        drafts = list(self._waiting.values())
        if self.saving is not None:
            drafts.append(self.saving)
        for draft in reversed(drafts):
            if draft.day == day and self.entry_id(draft.page, draft.entry_id) == (
                entry_id
            ):
                return draft
        return None

    def take_all(self, also: Draft | None = None) -> list[Draft]:
        """Every waiting draft and `also`, the newest of each page, with its
        entry id; nothing waits afterwards (the one being saved is left be)."""
        drafts = list(self._waiting.values())
        if also is not None:
            drafts.append(also)
        self._waiting.clear()
        latest = {draft.page: draft for draft in drafts}
        return [
            replace(draft, entry_id=self.entry_id(draft.page, draft.entry_id))
            for draft in latest.values()
        ]
