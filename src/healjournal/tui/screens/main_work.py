"""The main screen's disk work: thread workers that touch no widget.

Each worker's result comes back as one of the messages below, handled on
the UI thread by the main screen (see main_loading.py and main_saves.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message

from healjournal.domain.drafts import Draft, write_draft
from healjournal.domain.models import Entry, EntryKind
from healjournal.errors import HealJournalError

if TYPE_CHECKING:
    from healjournal.domain.search import SearchIndex
    from healjournal.insight.overview import Overview
    from healjournal.storage.journal import Glimpse, Journal


class JournalWork:
    """Mixed into MainScreen: reading, saving and changing the journal."""

    journal: Journal
    today: date

    @dataclass
    class Refreshed(Message):
        """A fresh picture of the journal, with a word for the person if any."""

        overview: Overview
        notice: str | None = None
        #: What the change returned, and what to do with it once it is shown.
        result: Any = None
        then: Callable[[Any], None] | None = None

    @dataclass
    class Glimpsed(Message):
        """The settings and today's pages, found before the whole journal is read."""

        glimpse: Glimpse | None
        token: int

    @dataclass
    class FirstLoadFailed(Message):
        """The journal could not be read when the app opened."""

        error: str

    @dataclass
    class PageLoaded(Message):
        """The entry (or None) to show for a page that was asked for."""

        day: date
        entry: Entry | None
        overview: Overview
        token: int = 0

    @dataclass
    class DraftSaved(Message):
        """A page reached the disk."""

        draft: Draft
        entry: Entry | None
        at: datetime
        overview: Overview | None

    @dataclass
    class DraftFailed(Message):
        """A page could not be saved; the words stay on screen."""

        draft: Draft
        error: str

    @dataclass
    class ChangeFailed(Message):
        """A goal, slip or setting change was refused."""

        error: str

    @work(thread=True, exclusive=True, group="load")
    def load(self, day: date, entry_id: int | None, token: int = 0) -> None:
        """Read the journal and the page for `day` (first reflection by default).

        The first time, today's page and the settings are glimpsed first, so
        they are on screen while the rest is read and checked.
        """
        from healjournal.insight.overview import gather
        from healjournal.tui.collector import quiet_collector

        first = not self._ready
        try:
            if first and day == self.today and entry_id is None:
                found = self.journal.glimpse(day)
                self.post_message(self.Glimpsed(found, token))
            # The first read is the big one (later ones reuse what it made).
            with quiet_collector() if first else contextlib.nullcontext():
                if first:
                    self.journal.check()
                overview = gather(self.journal, self.today)
        except (HealJournalError, OSError) as error:
            failed = self.FirstLoadFailed if first else self.ChangeFailed
            self.post_message(failed(str(error)))
            return
        entry = overview.entry(entry_id) if entry_id is not None else None
        if entry_id is None:
            entry = next(
                (
                    e
                    for e in overview.entries
                    if e.day == day and e.kind is EntryKind.REFLECTION
                ),
                None,
            )
        self.post_message(self.PageLoaded(day, entry, overview, token))

    @work(thread=True, group="save", description="save a page")
    def _write(self, draft: Draft) -> None:
        """Save one page; add it when it has no entry yet."""
        from healjournal.insight.overview import gather

        journal = self.journal
        try:
            entry = write_draft(journal, draft)
        except (HealJournalError, OSError) as error:
            self.post_message(self.DraftFailed(draft, str(error)))
            return
        # Saved: from here on a problem must not look like a failed save, or
        # the retry would add the page a second time.
        try:
            overview: Overview | None = gather(journal, self.today)
        except (HealJournalError, OSError):
            overview = None
        self.post_message(self.DraftSaved(draft, entry, self.app_now(), overview))

    @work(thread=True, group="change", description="change the journal")
    def change(
        self,
        operation: Callable[[Journal], Any],
        notice: Callable[[Any], str | None] | None = None,
        then: Callable[[Any], None] | None = None,
    ) -> None:
        """Run a journal change (a goal, a slip...) and send back the new picture;
        `then` gets the operation's result on the UI thread, once it is shown."""
        from healjournal.insight.overview import gather

        try:
            self.journal.check()  # never a change to a journal not checked yet
            result = operation(self.journal)
            overview = gather(self.journal, self.today)
        except (HealJournalError, OSError) as error:
            self.post_message(self.ChangeFailed(str(error)))
            return
        word = notice(result) if notice else None
        self.post_message(self.Refreshed(overview, word, result, then))

    @work(thread=True, exclusive=True, group="disk-check")
    def check_disk(self) -> None:
        """Pick up what another healjournal saved (say, `healjournal add`)."""
        from healjournal.insight.overview import gather

        if not self._first_read_over:
            return  # the first read is under way
        try:
            if not self.journal.changed_on_disk():
                return
            overview = gather(self.journal, self.today)
        except (HealJournalError, OSError) as error:
            if str(error) != self._last_error:  # said once, not every 2 s
                self.post_message(self.ChangeFailed(str(error)))
            return
        self.post_message(self.Refreshed(overview))

    # Every worker taking data is named: unless told, Textual describes a
    # worker by the repr() of its arguments, on the UI thread, which for
    # 100,000 entries took 1.6 s.
    @work(thread=True, group="warm-search", description="warm search")
    def warm_search(self, index: SearchIndex, entries: tuple[Entry, ...]) -> None:
        """Fold every page for search now, so the first Ctrl+F is quick too.

        What it made lives as long as the app: see collector.py.
        """
        from healjournal.domain.stats import words_written
        from healjournal.tui.collector import quiet_collector

        with quiet_collector():
            index.warm(entries)
            words_written(entries)  # counted once now, so the first review is quick

    @property
    def search_index(self) -> SearchIndex:
        """The folded words of every page, made on first use (on this thread)."""
        if self._search_index is None:
            from healjournal.domain.search import SearchIndex

            self._search_index = SearchIndex()
        return self._search_index

    def app_now(self) -> datetime:
        """The current moment on the journal's clock."""
        return self.journal.clock.now()
