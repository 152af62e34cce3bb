"""Everything the main screen shows, gathered in one read (no Textual here)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from healjournal.domain.models import Entry, Goal, NoContact
from healjournal.domain.stats import (
    Streak,
    daily_moods,
    mood_level,
    no_contact_streak,
    ticks_this_week,
    writing_streak,
)
from healjournal.storage.journal import Journal


@dataclass(frozen=True, slots=True)
class Overview:
    """A consistent picture of the journal at one moment, for the screen."""

    today: date
    generation: int
    entries: tuple[Entry, ...]
    goals: tuple[Goal, ...]
    no_contact: NoContact
    no_contact_streak: Streak | None
    writing_streak: Streak
    ticks_this_week: int
    settings: dict[str, object]
    #: Each day written, with the mean of its moods as a whole 1 to 5: the
    #: same daily mean the review uses (daily_moods), rounded half up by
    #: mood_level so the calendar and mood line can colour it (None when no
    #: entry of the day has a mood). Computed with the rest, off the UI thread.
    moods: dict[date, int | None] = field(default_factory=dict)
    #: The entries by id.
    by_id: dict[int, Entry] = field(default_factory=dict)

    def entry(self, entry_id: int | None) -> Entry | None:
        """The entry with this id, if it is in the picture."""
        return self.by_id.get(entry_id) if entry_id is not None else None


def gather(journal: Journal, today: date) -> Overview:
    """Read the whole picture; call it off the UI thread."""
    with journal.reading():
        entries = journal.entries()
        goals = journal.goals(include_archived=True)
        record = journal.no_contact()
        return Overview(
            today=today,
            generation=journal.generation,
            entries=tuple(entries),
            goals=tuple(goals),
            no_contact=record,
            no_contact_streak=no_contact_streak(record, today),
            writing_streak=writing_streak((e.day for e in entries), today),
            ticks_this_week=ticks_this_week(goals, today),
            settings=journal.settings(),
            moods={day: mood_level(m) for day, m in daily_moods(entries).items()},
            by_id={e.id: e for e in entries},
        )


@contextlib.contextmanager
def quiet_collector() -> Iterator[None]:
    """Read a whole journal without the garbage collector walking it, then
    set what was read aside from it.

    Reading years of pages makes millions of objects, and Python's full
    collections walk them all, holding the interpreter (and so the screen)
    for 0.1 s at 10,000 entries and a second at 100,000, several times per
    read. What is read lives as long as the app, so collection waits, and
    what survives is frozen out of the collector's sight (gc.freeze) so later
    collections stay short too. The pause is process-wide: a cycle the screen
    drops meanwhile is frozen with the rest and never freed, a small cost
    paid once, on the first read.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
