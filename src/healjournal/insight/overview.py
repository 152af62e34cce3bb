"""Everything the main screen shows, gathered in one read (no Textual here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from healjournal.domain.models import Entry, Goal, NoContact
from healjournal.domain.moods import daily_moods, mood_level
from healjournal.domain.stats import (
    Streak,
    no_contact_streak,
    ticks_this_week,
    writing_streak,
)
from healjournal.storage.journal import Journal
from healjournal.tips import journal_start


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
    #: The journal's first day, which shows the first theme (journal_start).
    start: date | None = None

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
            start=journal_start(entries, goals, today),
        )
