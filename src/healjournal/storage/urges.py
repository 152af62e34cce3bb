"""Urges logged from the urge screen: log, change, list and import them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from healjournal.clock import aware
from healjournal.domain.models import Urge, UrgeOutcome, check_strength, check_text
from healjournal.storage.records import urge_record
from healjournal.storage.tables import UNSET, URGES, TableStore


class UrgesMixin(TableStore):
    """The Journal's operations on its urges."""

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
        final outcome (it passed, or the ex was contacted) is never undone by a
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
        """Add urges not already there (the same uid, or the same moment);
        return how many were new.

        An urge's page is linked when `letters` (import_entries' `ids`) has it.
        """
        with self.transaction():
            here = self._urges().values()
            seen: set[object] = {u.at for u in here} | {u.uid for u in here}
            added = 0
            for urge in urges:
                at = urge.at.replace(microsecond=0)
                if at in seen or urge.uid in seen:
                    continue
                seen.update((at, urge.uid))
                # Its page only by the ids of this import: ids differ between journals.
                page = None
                if urge.letter_id is not None and letters:
                    page = letters.get(urge.letter_id)
                new = replace(urge, at=at, letter_id=page)
                self._put(URGES, urge_record(new, updated=None))
                added += 1
        return added
