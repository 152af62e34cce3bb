"""The main screen: the days, today's page, the tips and the goals.

Disk work runs in thread workers that touch no widget; their results come
back as messages, handled here on the UI thread.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen

from healjournal.domain.dates import describe_day
from healjournal.domain.models import Entry, EntryKind, Theme, UrgeOutcome
from healjournal.errors import HealJournalError, InputError
from healjournal.tui.widgets.editor import Draft, EditorPane, new_page_id
from healjournal.tui.widgets.footer import NARROW_WIDTH, KeyFooter
from healjournal.tui.widgets.topbar import TopBar, plural

# The screens and dialogs behind a key are imported when first used, so they
# cost nothing before today's page is on screen. So are the side panes, the
# tips, the search index and the code that reads the whole journal: the first
# frame is the top bar, the page and the keys, and the rest follows a moment
# later (see _after_first_frame).
if TYPE_CHECKING:
    from healjournal.domain.search import SearchIndex
    from healjournal.domain.stats import Streak
    from healjournal.insight.overview import Overview
    from healjournal.storage.journal import Glimpse, Journal
    from healjournal.tui.dialogs.demo_quit import DemoWords
    from healjournal.tui.dialogs.goal_form import GoalDraft
    from healjournal.tui.dialogs.slip import SlipReport
    from healjournal.tui.screens.review import ReviewScreen
    from healjournal.tui.screens.search import SearchChoice
    from healjournal.tui.screens.urge import UrgeAnswer
    from healjournal.tui.screens.welcome import WelcomeResult
    from healjournal.tui.widgets.calendar import MonthCalendar
    from healjournal.tui.widgets.day_list import DayList
    from healjournal.tui.widgets.goals import GoalChecklist
    from healjournal.tui.widgets.mood_line import MoodLine
    from healjournal.tui.widgets.tips import TipSidebar

#: Key hints left out of the footer below NARROW_WIDTH, so the ones that
#: matter most on a bad evening fit in 80 columns (all are in F1's help).
NARROW_HIDDEN_HINTS = frozenset({"search", "review", "quit"})
#: How often the journal file is checked for changes made elsewhere.
DISK_CHECK_SECONDS = 2.0
#: How long a deleted page can be brought back with Ctrl+Z.
UNDO_SECONDS = 10.0
#: How long to wait before trying a failed save again.
RETRY_SECONDS = 5.0

PANES = ("days", "tips", "goals")
#: How long after today's page is shown the side panes are built: time for
#: the page's own frame first.
PANES_AFTER_SECONDS = 0.04
#: How long after the first full read is drawn the work that can wait
#: starts: warming search, saving that a milestone was seen. At 100,000
#: pages either takes half the interpreter, and drawing the journal
#: alongside them took twice as long (stalls of 100 ms).
BACKGROUND_AFTER_SECONDS = 0.3


class MainScreen(Screen[None]):
    """The journal: pages on the left, the page in the middle, help on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # First, so the way to help is the one hint never cut off in 80 columns.
        Binding("f1", "app.help", "Help", id="help.main"),
        Binding("ctrl+s", "save", "Save", show=False, id="save"),
        Binding("f2", "pane('days')", "Days", id="pane.days"),
        Binding("f3", "pane('tips')", "Tips", id="pane.tips"),
        Binding("f4", "pane('goals')", "Goals", id="pane.goals"),
        # The app's F8 works everywhere; this one puts it here in the footer,
        # where F5's hint was: the urge screen is a letter, with support.
        Binding("f8", "app.urge", "I want to text him", id="urge.main"),
        Binding("f5", "letter", "Letter", show=False, id="letter"),
        Binding("f6", "slip", "I contacted him", id="slip"),
        Binding("ctrl+n", "new_page", "New page", show=False, id="new_page"),
        # Priority, so it is heard over the page's own undo; only while a
        # deleted page can still come back (check_action), else the page has it.
        Binding(
            "ctrl+z", "undo_delete", "Undo delete", priority=True, id="undo.delete"
        ),
        Binding("ctrl+g", "jump", "Go to day", show=False, id="jump"),
        Binding("ctrl+f", "search", "Find", id="search"),
        Binding("f7", "review", "Review", id="review"),
        Binding(
            "escape", "pane('editor')", "Back to writing", show=False, id="pane.editor"
        ),
    ]

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

    def __init__(self, journal: Journal, today: date, *, demo: bool = False) -> None:
        super().__init__()
        self.journal = journal
        self.today = today
        self.demo = demo
        #: In the demo, what the person typed, to offer it back on quitting.
        self.demo_words: DemoWords | None = None
        if demo:
            from healjournal.tui.dialogs.demo_quit import DemoWords

            self.demo_words = DemoWords()
        self.overview: Overview | None = None
        self._queue: dict[int, Draft] = {}
        self._saving: Draft | None = None
        self._page_ids: dict[int, int] = {}
        self._paused = False
        self._idle = asyncio.Event()
        self._idle.set()
        self._last_error: str | None = None
        # Nothing is saved until the journal has been read, so words typed in
        # the first instant join the day's page instead of starting another.
        self._ready = False
        self._load_token = 0
        self._load_started = False
        # The page opened from the glimpse, while it is still on screen.
        self._glimpsed_page: int | None = None
        # Whether the first read of the journal has ended, well or not.
        self._first_read_over = False
        self._search_index: SearchIndex | None = None
        # The milestone toasted this session, while saying so is on its way.
        self._milestone_seen: str | None = None
        # The page deleted last, while Ctrl+Z can still bring it back.
        self._deleted: Entry | None = None
        # The side panes, mounted just after the first frame.
        self._panes_lock = asyncio.Lock()
        self._days: DayList | None = None
        self._calendar: MonthCalendar | None = None
        self._mood_line: MoodLine | None = None
        self._tips: TipSidebar | None = None
        self._goals: GoalChecklist | None = None
        self._last_query = ""
        # A search result asks for the cursor at its match: (entry id, offset).
        self._cursor_at: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        """Top bar; the page between the side panes (filled after the first
        frame); the footer."""
        badge = None
        if self.demo:
            badge = ("DEMO: nothing is kept", "DEMO")
        elif self.journal.read_only:
            badge = ("READ-ONLY: nothing can be saved here", "READ-ONLY")
        yield TopBar(id="topbar", badge=badge)
        with Horizontal(id="columns"):
            yield Vertical(id="days-pane", classes="side")
            yield EditorPane(self.today, id="editor")
            yield Vertical(id="side-pane", classes="side")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Focus the page at once; the rest comes after the first frame."""
        self.query_one(EditorPane).text_area.focus()
        # The terminal's width: the screen's own is a default until laid out.
        self._apply_width(self.app.size.width)
        self.call_after_refresh(self._after_first_frame)
        self.set_interval(DISK_CHECK_SECONDS, self.check_disk, name="disk-check")

    def _after_first_frame(self) -> None:
        """Read the journal, today's page first (the side panes follow it)."""
        from healjournal.tips import tip_for

        if self._load_started:
            return
        self._load_started = True
        self._load(self.today, None)
        self.query_one(EditorPane).text_area.placeholder = tip_for(self.today).prompt

    def on_screen_suspend(self) -> None:
        """Covered before its first frame (F5 at once, say): read all the same."""
        self._after_first_frame()

    async def _mount_panes(self) -> None:
        """Mount the days, calendar, mood line, tips and goals, once."""
        async with self._panes_lock:
            if self._days is not None:
                return
            from healjournal.tui.widgets.calendar import MonthCalendar
            from healjournal.tui.widgets.day_list import DayList
            from healjournal.tui.widgets.goals import GoalChecklist
            from healjournal.tui.widgets.mood_line import MoodLine
            from healjournal.tui.widgets.tips import TipSidebar

            days = DayList(id="days")
            calendar = MonthCalendar(self.today, id="calendar")
            mood_line = MoodLine(self.today, id="mood-line")
            tips = TipSidebar(self.today, id="tips")
            goals = GoalChecklist(id="goals")
            await self.query_one("#days-pane").mount_all([days, calendar, mood_line])
            await self.query_one("#side-pane").mount_all([tips, goals])
            self._days, self._calendar, self._mood_line = days, calendar, mood_line
            self._tips, self._goals = tips, goals

    def on_resize(self) -> None:
        """Fold the side panes away on a narrow terminal."""
        self._apply_width(self.size.width)

    def _apply_width(self, width: int) -> None:
        narrow = 0 < width < NARROW_WIDTH
        self.set_class(narrow, "-narrow")
        # Tighter key hints, so every key still fits in 80 columns (Ctrl+P is
        # in the help).
        self.query_one(KeyFooter).fit(width)
        self.refresh_bindings()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys in force; on a narrow terminal, fewer of them in the footer.

        Only what the footer shows changes: every key still works.
        """
        bindings = super().active_bindings
        if not self.has_class("-narrow"):
            return bindings
        return {
            key: active
            for key, active in bindings.items()
            if active.binding.id not in NARROW_HIDDEN_HINTS
        }

    # -- workers: disk work off the UI thread ----------------------------------

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

    def _load(self, day: date, entry_id: int | None) -> None:
        self._load_token += 1
        self.load(day, entry_id, self._load_token)

    def app_now(self) -> datetime:
        """The current moment on the journal's clock."""
        return self.journal.clock.now()

    # -- the save queue: one save at a time, the newest draft of each page -----

    @on(EditorPane.SaveRequested)
    def queue_save(self, message: EditorPane.SaveRequested) -> None:
        """Queue the newest draft of a page and start saving if idle."""
        self._queue[message.draft.page] = message.draft
        if self.demo_words is not None:
            draft = message.draft
            entry = self.overview.entry(draft.entry_id) if self.overview else None
            self.demo_words.saw(draft, entry.text if entry else "")
        self._idle.clear()
        self._pump()

    def _pump(self) -> None:
        if self._saving is not None or self._paused or not self._ready:
            return
        if not self._queue:
            self._idle.set()
            return
        page = next(iter(self._queue))
        draft = self._queue.pop(page)
        draft = replace(draft, entry_id=self._page_ids.get(page, draft.entry_id))
        self._saving = draft
        editor = self.query_one(EditorPane)
        if editor.page == page:
            editor.mark_saving()
        self._write(draft)

    @on(DraftSaved)
    def _saved(self, message: DraftSaved) -> None:
        self._saving = None
        self._last_error = None
        draft = message.draft
        if message.entry is not None:
            self._page_ids[draft.page] = message.entry.id
        editor = self.query_one(EditorPane)
        if editor.page == draft.page:
            editor.mark_saved(draft, message.entry, message.at)
        if message.overview is not None:
            self._show(message.overview)
        self._pump()

    @on(DraftFailed)
    def _failed(self, message: DraftFailed) -> None:
        self._saving = None
        draft = message.draft
        self._queue.setdefault(draft.page, draft)  # a newer draft wins
        editor = self.query_one(EditorPane)
        if editor.page == draft.page:
            editor.mark_failed(message.error)
        if message.error != self._last_error:
            self.notify(
                f"{message.error}. Your words are still on screen; "
                "healjournal keeps trying.",
                title="Not saved yet",
                severity="error",
                timeout=8,
            )
        self._last_error = message.error
        self._paused = True
        self.set_timer(RETRY_SECONDS, self._resume)

    def _resume(self) -> None:
        self._paused = False
        self._pump()

    def hold_saves(self) -> None:
        """Start no more saves in workers (the app is about to stop)."""
        self._paused = True

    def save_everything_now(self) -> None:
        """Write every unsaved page at once, on this thread (the terminal is going).

        Only for a hang-up or a kill signal, when there is no time for workers;
        errors are swallowed because there is nobody left to tell.
        """
        editor = self.query_one(EditorPane)
        drafts = list(self._queue.values())
        if editor.dirty:
            drafts.append(editor.draft())
        latest = {draft.page: draft for draft in drafts}
        try:
            self.journal.check()  # the journal may not have been read yet
        except (HealJournalError, OSError):
            return  # nothing can be saved to a journal that cannot be read
        for draft in latest.values():
            draft = replace(
                draft, entry_id=self._page_ids.get(draft.page, draft.entry_id)
            )
            try:
                entry = write_draft(self.journal, draft)
            except (HealJournalError, OSError):
                continue
            if entry is not None:
                self._page_ids[draft.page] = entry.id
        self._queue.clear()

    async def flush(self) -> str | None:
        """Save everything now; return why not when something could not be saved."""
        editor = self.query_one(EditorPane)
        if editor.dirty:
            self.queue_save(EditorPane.SaveRequested(editor.draft()))
        self._paused = False
        self._pump()
        self._after_first_frame()
        while self._queue or self._saving is not None:
            if not self._ready and self._first_read_over:
                return self._last_error or "the journal could not be read"
            if self._paused:
                return self._last_error or "the journal could not be saved"
            self._idle.clear()
            try:
                await asyncio.wait_for(self._idle.wait(), timeout=0.5)
            except TimeoutError:
                continue
        return None if not editor.dirty else (self._last_error or "unsaved text")

    # -- showing the picture ---------------------------------------------------

    @on(Glimpsed)
    async def _glimpsed(self, message: Glimpsed) -> None:
        found = message.glimpse
        if found is not None:
            self.app.use_saved_theme(found.settings.get("theme"))  # type: ignore[attr-defined]
            editor = self.query_one(EditorPane)
            page = next(
                (e for e in found.entries if e.kind is EntryKind.REFLECTION), None
            )
            # Only onto today's first page, untouched: anything the person
            # did meanwhile wins, and the full read sorts it out as before.
            untouched = (
                message.token == self._load_token
                and not self._ready
                and editor.day == self.today
                and editor.entry_id is None
                and editor.kind is EntryKind.REFLECTION
                and not editor.dirty
                and not self._queue
            )
            if page is not None and untouched:
                editor.open_page(self.today, page, editor.text_area.placeholder)
                self._glimpsed_page = editor.page
        # The page is drawn first (a frame is at most 1/60 s away); the panes
        # take a few frames to build, and must not hold it back.
        self.set_timer(
            PANES_AFTER_SECONDS,
            lambda: self.run_worker(self._mount_panes(), group="panes"),
            name="mount-panes",
        )

    @property
    def read_failed(self) -> str | None:
        """Why the journal could not be read when the app opened, if it could not."""
        return self._last_error if self._first_read_over and not self._ready else None

    @on(FirstLoadFailed)
    def _first_load_failed(self, message: FirstLoadFailed) -> None:
        if self._ready:
            return  # an earlier read (another page asked for) opened it already
        self._first_read_over = True
        self.app._hand_over_letters()  # type: ignore[attr-defined]
        editor = self.query_one(EditorPane)
        if not editor.dirty and not self._queue and self._saving is None:
            # Nothing typed yet: close with the one line the command line
            # gives for a journal it cannot read, and exit code 2.
            self.app.farewell = message.error  # type: ignore[attr-defined]
            self.app.exit(return_code=2)
            return
        # Words were typed: they stay on screen; quitting asks first.
        self._change_failed(self.ChangeFailed(message.error))

    @on(Refreshed)
    async def _refreshed(self, message: Refreshed) -> None:
        await self._mount_panes()
        if not self._ready:
            # The first read failed; the file changed since, so try again.
            editor = self.query_one(EditorPane)
            self._load(editor.day, editor.entry_id)
        # An older picture than the one shown must not undo a newer save.
        shown = self._show(message.overview)
        editor = self.query_one(EditorPane)
        if shown and editor.entry_id is not None and not editor.dirty:
            entry = message.overview.entry(editor.entry_id)
            if (
                self._saving is None
                and entry is not None
                and entry.text != editor.saved_text
            ):
                editor.reload(entry)
        if message.then is not None:
            message.then(message.result)
        if shown and message.notice:
            self.notify(message.notice)

    @on(PageLoaded)
    async def _page_loaded(self, message: PageLoaded) -> None:
        from healjournal.tips import tip_for

        await self._mount_panes()
        first_load = not self._ready
        # A newer page was asked for since (Ctrl+N, say): this one is not
        # opened, but the first read still readies the journal.
        stale = message.token != self._load_token
        if stale and not first_load:
            return
        editor = self.query_one(EditorPane)
        if first_load:
            self._first_read_over = True
            self.app.use_saved_theme(message.overview.settings.get("theme"))  # type: ignore[attr-defined]
        self._show(message.overview)
        self._ready = True
        glimpsed, self._glimpsed_page = self._glimpsed_page, None
        if stale:
            self._pump()
            self._first_read_done(message.overview)
            return
        placeholder = tip_for(message.day, message.overview.start).prompt
        entry = message.entry
        waiting = self._waiting_draft(message.day, entry)
        if first_load and glimpsed is not None and editor.page == glimpsed:
            # Opened from the glimpse, with whatever was typed since (its
            # draft names the entry). Should the full read find another page
            # (changed elsewhere meanwhile), an untouched page shows that one.
            if entry is not None and entry.id == editor.entry_id:
                if not editor.dirty and entry.text != editor.saved_text:
                    editor.reload(entry)
            elif not editor.dirty:
                editor.open_page(message.day, entry, placeholder)
        elif first_load and editor.day == message.day and editor.text:
            # The person typed before the journal finished loading: keep it.
            if entry is not None:
                editor.merge_loaded(entry)
            # Replace the draft queued before the load (it had no entry id).
            self._queue.pop(editor.page, None)
            if editor.dirty:
                self.queue_save(EditorPane.SaveRequested(editor.draft()))
        elif not first_load and self._is_open(editor, message.day, entry):
            pass  # already on screen, with whatever was typed meanwhile
        else:
            if editor.dirty:
                # Typed while the other page was loading: save it first.
                self.queue_save(EditorPane.SaveRequested(editor.draft()))
            if waiting is not None:
                # This page has words still waiting to be saved (the disk was
                # full, say): show those, not the older text on disk.
                editor.open_draft(waiting, entry, placeholder)
            else:
                editor.open_page(message.day, entry, placeholder)
        if self._cursor_at is not None:
            entry_id, at = self._cursor_at
            self._cursor_at = None
            if entry is not None and entry.id == entry_id and not editor.dirty:
                editor.show_found(at)
        assert self._days is not None and self._calendar is not None
        self._days.highlight_page(message.day, editor.entry_id)
        self._calendar.show(message.overview.moods, message.day)
        self._pump()
        if first_load:
            self._first_read_done(message.overview)

    def _first_read_done(self, overview: Overview) -> None:
        self._maybe_welcome(overview)
        entries = overview.entries
        self.set_timer(
            BACKGROUND_AFTER_SECONDS,
            lambda: self.warm_search(self.search_index, entries),
        )

    def _entry_of(self, draft: Draft) -> int | None:
        return self._page_ids.get(draft.page, draft.entry_id)

    def _is_open(self, editor: EditorPane, day: date, entry: Entry | None) -> bool:
        if editor.day != day:
            return False
        current = self._page_ids.get(editor.page, editor.entry_id)
        if entry is None:
            return current is None and editor.kind is EntryKind.REFLECTION
        return current == entry.id

    def _waiting_draft(self, day: date, entry: Entry | None) -> Draft | None:
        drafts = list(self._queue.values())
        if self._saving is not None:
            drafts.append(self._saving)
        for draft in reversed(drafts):
            if draft.day != day:
                continue
            if entry is not None and self._entry_of(draft) == entry.id:
                return draft
            if entry is None and self._entry_of(draft) is None:
                return draft
        return None

    @on(ChangeFailed)
    def _change_failed(self, message: ChangeFailed) -> None:
        self._last_error = message.error
        self.notify(
            message.error, title="That didn't work", severity="error", timeout=8
        )

    def _show(self, overview: Overview) -> bool:
        """Show `overview` unless a newer one is already shown; say which."""
        if self.overview is not None and overview.generation < self.overview.generation:
            return False  # an older picture that arrived late
        previous = self.overview
        self.overview = overview
        editor = self.query_one(EditorPane)
        # What did not change is not drawn again: a page saved every second
        # must not redraw the goals, the calendar and the mood line each time.
        top = (
            overview.no_contact_streak,
            overview.writing_streak,
            overview.ticks_this_week,
        )
        if previous is None or top != (
            previous.no_contact_streak,
            previous.writing_streak,
            previous.ticks_this_week,
        ):
            self.query_one(TopBar).show(self.today, *top)
        # Every caller runs after the first read, so the panes are mounted.
        assert self._days is not None and self._calendar is not None
        assert self._mood_line is not None and self._goals is not None
        if previous is None or overview.moods != previous.moods:
            self._mood_line.show(overview.moods)
            self._calendar.show(overview.moods)
        self._days.show(
            overview.entries,
            self.today,
            (editor.day, self._page_ids.get(editor.page, editor.entry_id)),
        )
        if previous is None or overview.goals != previous.goals:
            self._goals.show(list(overview.goals), self.today)
        if overview.start is not None:
            assert self._tips is not None
            self._tips.count_from(overview.start)
        self._celebrate(previous, overview)
        return True

    def _celebrate(self, previous: Overview | None, overview: Overview) -> None:
        from healjournal.domain.stats import milestones_reached

        streak = overview.no_contact_streak
        if streak is None or not milestones_reached(streak.current):
            return
        reached = milestones_reached(streak.current)[-1]
        if streak.current - reached > 2:
            return  # long past: a toast about day 30 on day 40 would only confuse
        since = overview.no_contact.last_contact
        key = f"{since}:{reached}"
        if key in (overview.settings.get("milestone_seen"), self._milestone_seen):
            return
        self._milestone_seen = key
        self.notify(
            MILESTONE_WORDS.get(reached, "Look at you go.")
            + f" {reached} days of no contact.",
            title="A milestone",
            timeout=10,
        )
        self.set_timer(
            BACKGROUND_AFTER_SECONDS,
            lambda: self.change(lambda j: j.set_setting("milestone_seen", key)),
        )

    # -- welcome -----------------------------------------------------------------

    def _maybe_welcome(self, overview: Overview) -> None:
        if overview.settings.get("welcomed") or overview.entries or overview.goals:
            return
        from healjournal.tui.screens.welcome import WelcomeScreen

        self.app.push_screen(WelcomeScreen(self.today), self._welcomed)

    def _welcomed(self, result: WelcomeResult | None) -> None:
        goals = result.goals if result else ()
        last_contact = result.last_contact if result else None

        def apply(journal: Journal) -> int:
            with journal.transaction():
                for theme, title, kind in goals:
                    journal.add_goal(title, theme, kind)
                if last_contact is not None:
                    journal.start_no_contact(last_contact)
                journal.set_setting("welcomed", True)
            return len(goals)

        def word(count: int) -> str | None:
            return (
                f"{plural(count, 'goal')} added. Now, today's page is yours."
                if count
                else None
            )

        self.change(apply, word)
        # Keys typed to close the welcome follow through the app to the page.
        self.query_one(EditorPane).text_area.focus()

    # -- actions -------------------------------------------------------------------

    def action_save(self) -> None:
        """Save the page now."""
        self.query_one(EditorPane).save_now()

    async def action_pane(self, pane: str) -> None:
        """Go to a pane (on a narrow terminal, show it in place of the page)."""
        if pane != "editor":
            await self._mount_panes()  # a key pressed in the very first instant
        self.show_pane(pane)

    def show_pane(self, pane: str) -> None:
        """Show and focus a pane; the side panes must be mounted."""
        for name in PANES:
            self.set_class(pane == name, f"-show-{name}")
        if pane == "editor":
            self.query_one(EditorPane).text_area.focus()
            return
        widget = {"days": self._days, "tips": self._tips, "goals": self._goals}[pane]
        assert widget is not None, "the side panes are mounted"
        focus_target = widget.query("OptionList").first() if pane == "goals" else widget
        focus_target.focus()

    def action_new_page(self) -> None:
        """Start another page for today."""
        self._open(self.today, None, blank=True)

    def action_jump(self) -> None:
        """Ask for a day and open it."""
        from healjournal.tui.dialogs.jump import JumpToDate

        self.app.push_screen(JumpToDate(self.today), self._jump_to)

    def action_search(self) -> None:
        """Find a page by its words, tags, mood or day."""
        from healjournal.tui.screens.search import SearchScreen

        if self.overview is None:
            self.notify("The journal is still opening: try again in a moment.")
            return
        editor = self.query_one(EditorPane)
        if editor.dirty:
            # Saved now, not awaited: the screen must open at once, or the
            # query typed straight after Ctrl+F would land on the page. The
            # save takes milliseconds, so the query finds these words too.
            self.queue_save(EditorPane.SaveRequested(editor.draft()))

        def entries() -> tuple[Entry, ...]:
            return self.overview.entries if self.overview else ()

        screen = SearchScreen(entries, self.today, self.search_index, self._last_query)

        def found(choice: SearchChoice | None) -> None:
            self._last_query = screen.query_text  # there again on the next Ctrl+F
            if choice is not None:
                if choice.at is not None:
                    self._cursor_at = (choice.entry_id, choice.at)
                self._open(choice.day, choice.entry_id)

        self.app.push_screen(screen, found)

    async def action_review(self) -> None:
        """How it's going: streaks, mood, no contact, the seven themes."""
        from healjournal.tui.screens.review import ReviewScreen

        await self.flush()  # so the words just typed count too
        if self.app.screen is self:
            review = ReviewScreen(self.journal, self.today)
            self.app.push_screen(review, partial(self._reviewed, review))

    def _reviewed(self, review: ReviewScreen, choice: SearchChoice | None) -> None:
        if review.slip_taken_back:  # the count is back: show it
            self.change(lambda journal: None)
        if choice is not None:
            self._open(choice.day, choice.entry_id)

    def _jump_to(self, day: date | None) -> None:
        if day is not None:
            self._open(day, None)

    def _open(self, day: date, entry_id: int | None, *, blank: bool = False) -> None:
        editor = self.query_one(EditorPane)
        if editor.dirty:
            self.queue_save(EditorPane.SaveRequested(editor.draft()))
        self.show_pane("editor")
        if blank:
            from healjournal.tips import tip_for

            self._load_token += 1  # a page still loading must not replace this one
            start = self.overview.start if self.overview else None
            editor.open_page(day, None, tip_for(day, start).prompt)
            if self.overview:
                self._show(self.overview)
            return
        self._load(day, entry_id)

    # The side panes' messages are handled by name (on_<widget>_<message>), so
    # their classes need not be imported before the panes are mounted.

    def on_day_list_page_chosen(self, message: DayList.PageChosen) -> None:
        """Open the page picked in the day list."""
        self._open(message.day, message.entry_id)

    def on_month_calendar_day_clicked(self, message: MonthCalendar.DayClicked) -> None:
        """Open the day clicked in the calendar."""
        if message.day > self.today:
            self.notify("That day hasn't happened yet. Today's page is waiting.")
            return
        self._open(message.day, None)

    def on_tip_sidebar_prompt_chosen(self, message: TipSidebar.PromptChosen) -> None:
        """Put the prompt on the page, ready to answer."""
        self.show_pane("editor")
        self.query_one(EditorPane).insert_prompt(message.prompt)

    def on_tip_sidebar_starter_goal_chosen(
        self, message: TipSidebar.StarterGoalChosen
    ) -> None:
        """Make a starter goal from the tips one of yours."""
        self._starter_goal(message)

    def on_goal_checklist_starter_chosen(
        self, message: GoalChecklist.StarterChosen
    ) -> None:
        """Make a starter goal offered by an empty goal list one of yours."""
        self._starter_goal(message)

    def _starter_goal(
        self, message: TipSidebar.StarterGoalChosen | GoalChecklist.StarterChosen
    ) -> None:
        goals = self.overview.goals if self.overview else ()
        if any(
            g.title.casefold() == message.title.casefold() and not g.archived
            for g in goals
        ):
            self.notify(f"Already on your list: {message.title}")
            return
        if self._goals is not None:
            self._goals.expect_new_goal()
        self.change(
            lambda j: j.add_goal(message.title, message.theme, message.kind),
            lambda goal: f"Added to your goals: {goal.title}",
        )

    def on_goal_checklist_toggled(self, message: GoalChecklist.Toggled) -> None:
        """Tick or untick a goal for today."""
        goal_id = message.goal_id
        if message.ticked:
            self.change(lambda j: j.tick_goal(goal_id, self.today))
        else:
            self.change(lambda j: j.untick_goal(goal_id, self.today))

    def on_goal_checklist_add_requested(self) -> None:
        """`a` in the goal list: add a goal."""
        self.action_add_goal()

    def action_add_goal(self) -> None:
        """Add a goal of your own."""
        from healjournal.tui.dialogs.goal_form import GoalForm

        self.app.push_screen(GoalForm(self.today), self._goal_added)

    def _goal_added(self, draft: GoalDraft | None) -> None:
        if draft is not None:
            if self._goals is not None:
                self._goals.expect_new_goal()  # so Space ticks the new one
            self.change(
                lambda j: j.add_goal(draft.title, draft.theme, draft.kind, draft.due),
                lambda goal: f"New goal: {goal.title}",
            )

    def on_goal_checklist_edit_requested(
        self, message: GoalChecklist.EditRequested
    ) -> None:
        """Edit a goal in the goal form."""
        from healjournal.tui.dialogs.goal_form import GoalForm

        goal = self._goal(message.goal_id)
        if goal is None:
            return

        def edited(draft: GoalDraft | None) -> None:
            if draft is not None:
                self.change(
                    lambda j: j.update_goal(
                        goal.id,
                        title=draft.title,
                        theme=draft.theme,
                        kind=draft.kind,
                        due=draft.due,
                    )
                )

        self.app.push_screen(GoalForm(self.today, goal), edited)

    def on_goal_checklist_archive_requested(
        self, message: GoalChecklist.ArchiveRequested
    ) -> None:
        """Put a goal away (or bring it back), after asking."""
        from healjournal.tui.dialogs.confirm import ConfirmDialog

        goal = self._goal(message.goal_id)
        if goal is None:
            return
        if goal.archived:

            def restore(yes: bool | None) -> None:
                if yes:
                    self.change(
                        lambda j: j.archive_goal(goal.id, archived=False),
                        lambda _: f"Back on your list: {goal.title}",
                    )

            self.app.push_screen(
                ConfirmDialog(
                    "Bring this goal back?",
                    f"“{goal.title}” goes back on your list, with its ticks.",
                    confirm="Bring it back",
                ),
                restore,
            )
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(
                    lambda j: j.archive_goal(goal.id),
                    lambda _: f"Put away: {goal.title}. Its ticks are kept.",
                )

        self.app.push_screen(
            ConfirmDialog(
                "Put this goal away?",
                f"“{goal.title}” leaves your list; everything you ticked is kept.",
                confirm="Put away",
            ),
            answered,
        )

    def on_goal_checklist_delete_requested(
        self, message: GoalChecklist.DeleteRequested
    ) -> None:
        """Delete a goal for good, after asking."""
        from healjournal.tui.dialogs.confirm import ConfirmDialog

        goal = self._goal(message.goal_id)
        if goal is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(lambda j: j.delete_goal(goal.id), lambda _: "Goal deleted.")

        self.app.push_screen(
            ConfirmDialog(
                "Delete this goal?",
                f"“{goal.title}” and all its ticks will be gone for good. "
                "Putting it away (x) keeps them instead.",
                confirm="Delete",
                danger=True,
            ),
            answered,
        )

    def _goal(self, goal_id: int):
        if self.overview is None:
            return None
        return next((g for g in self.overview.goals if g.id == goal_id), None)

    # -- deleting a page, and bringing it back -----------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+Z undoes a delete only while one can be undone."""
        if action == "undo_delete":
            return self._deleted is not None
        return True

    async def action_delete_page(self) -> None:
        """Delete the open page, after asking (its words are saved first)."""
        await self.flush()
        editor = self.query_one(EditorPane)
        entry_id = self._page_ids.get(editor.page, editor.entry_id)
        if entry_id is None:
            self.notify("This page is blank: there is nothing to delete.")
            return
        self.ask_delete(entry_id)

    def on_day_list_delete_requested(self, message: DayList.DeleteRequested) -> None:
        """Delete the page highlighted in the day list, after asking."""
        self.ask_delete(message.entry_id)

    def ask_delete(self, entry_id: int) -> None:
        """Ask, quoting the page's first words; delete it on yes."""
        from healjournal.tui.dialogs.confirm import ConfirmDialog

        entry = self.overview.entry(entry_id) if self.overview else None
        if entry is None:
            return
        first = entry.preview(50) or "(no words)"
        when = describe_day(entry.day, self.today)
        seconds = f"{UNDO_SECONDS:g} seconds"

        def delete(journal: Journal) -> Entry:
            deleted = journal.get_entry(entry_id)
            if deleted is None:
                raise InputError("that page was deleted already")
            journal.delete_entry(entry_id)
            return deleted  # kept in memory, for an undo

        async def answered(yes: bool | None) -> None:
            if yes:
                await self.flush()  # so what comes back is the newest text
                self.change(delete, then=self._page_deleted)

        self.app.push_screen(
            ConfirmDialog(
                "Delete this page?",
                f"“{first}”\n{when.capitalize()}, {entry.words} words. It leaves "
                f"your journal; Ctrl+Z brings it back for {seconds}.",
                confirm="Delete",
                danger=True,
            ),
            answered,
        )

    def _page_deleted(self, entry: Entry) -> None:
        """A page is gone: Ctrl+Z can bring it back for UNDO_SECONDS."""
        self._deleted = entry
        self.set_timer(UNDO_SECONDS, partial(self._forget_deleted, entry))
        self.refresh_bindings()
        editor = self.query_one(EditorPane)
        if self._page_ids.get(editor.page, editor.entry_id) == entry.id:
            self._page_ids.pop(editor.page, None)
            editor.entry_id = None
            if editor.dirty:  # typed just now: those words become a new page
                self.queue_save(EditorPane.SaveRequested(editor.draft()))
            else:  # a blank page, unless the day has another to show
                self._open(entry.day, None, blank=True)
                self._load(entry.day, None)
        self.notify(
            f"Page deleted. Ctrl+Z brings it back for {UNDO_SECONDS:g} seconds.",
            timeout=UNDO_SECONDS,
        )

    def _forget_deleted(self, entry: Entry) -> None:
        if self._deleted is entry:
            self._deleted = None
            self.refresh_bindings()

    def action_undo_delete(self) -> None:
        """Bring back the page deleted a moment ago."""
        entry, self._deleted = self._deleted, None
        self.refresh_bindings()
        if entry is not None:  # back with its id, words, mood and star
            self.change(
                lambda journal: journal.restore_entry(entry),
                lambda _: "The page is back, as it was.",
                then=lambda back: self._open(back.day, back.id),
            )

    def action_letter(self) -> None:
        """Write to him, here, where nothing is ever sent."""
        from healjournal.tui.dialogs.letter import LetterScreen

        page = new_page_id()

        def written(text: str | None) -> None:
            if text:  # not every letter comes from an urge: F8's word says so
                self.notify("Kept here, sent nowhere. It's said, and it stays yours.")

        draft = self._letter_drafts(page, EntryKind.LETTER)
        self.app.push_screen(LetterScreen(on_draft=draft), written)

    def _letter_drafts(self, page: int, kind: EntryKind) -> Callable[[str], None]:
        """Where the words of a letter (F5) or an urge page (F8) go as written.

        Into the page save queue, like a page: a quit or a closed terminal
        never takes them. A letter with no words is not a page: never saved,
        and removed once every save of it has landed, unless words came back.
        """
        latest = [""]

        async def forget() -> None:
            await self.flush()
            if latest[0].strip():
                return  # written again meanwhile: a page after all
            self._queue.pop(page, None)  # a failed save puts its words back
            entry_id = self._page_ids.pop(page, None)  # new words: a new page
            if entry_id is None:
                return

            def remove(journal: Journal) -> None:
                with journal.transaction():
                    if journal.get_entry(entry_id) is not None:
                        journal.delete_entry(entry_id)

            self.change(remove)

        def draft(text: str) -> None:
            latest[0] = text
            if text.strip():
                letter = Draft(page, self.today, None, kind, text, None)
                self.queue_save(EditorPane.SaveRequested(letter))
            else:
                self._queue.pop(page, None)  # its words not saved yet need not be
                self.run_worker(forget(), group="letter")

        return draft

    def action_slip(self) -> None:
        """Log contact, kindly: the count starts again, the best stays."""
        from healjournal.tui.dialogs.slip import SlipDialog

        streak = self.overview.no_contact_streak if self.overview else None
        self.app.push_screen(
            SlipDialog(
                self.today,
                streak.current if streak else None,
                streak.best if streak else None,
            ),
            self._slipped,
        )

    def _slipped(self, report: SlipReport | None) -> None:
        if report is None:
            return

        def log(journal: Journal) -> Streak | None:
            from healjournal.domain.stats import no_contact_streak

            journal.log_slip(report.day, report.note)
            return no_contact_streak(journal.no_contact(), self.today)

        self.change(log, slip_notice)

    def action_urge(self) -> None:
        """I want to text him: a calm wait, a page for him, something else to do."""
        from healjournal.tui.screens.urge import UrgeScreen, urge_minutes, urge_support

        if any(isinstance(s, UrgeScreen) for s in self.app.screen_stack):
            return
        at = self.app_now()
        page = new_page_id()
        overview = self.overview
        support = urge_support(
            at,
            self.today,
            overview.no_contact_streak if overview else None,
            overview.goals if overview else (),
        )

        # An urge page, so kind:urge, the review and the export call it one thing.
        draft = self._letter_drafts(page, EntryKind.URGE)

        def answered(answer: UrgeAnswer) -> None:
            self.record_urge(at, page, answer)

        # Logged the moment it starts; the answer completes the same record.
        self.change(lambda j: j.log_urge(at, day=self.today))
        self.app.push_screen(
            UrgeScreen(
                support,
                clock=self.journal.clock,
                started=at,
                minutes=urge_minutes(overview.settings if overview else {}),
                on_draft=draft,
                on_answer=answered,
                on_minutes=self._set_urge_minutes,
            )
        )

    @work(group="urge")
    async def record_urge(self, at: datetime, page: int, answer: UrgeAnswer) -> None:
        """Log how an urge went, after its letter is saved (the urge points to it)."""
        await self.flush()
        written = bool(answer.letter.strip())  # an emptied page is no page
        letter_id = self._page_ids.get(page) if written else None
        contacted = answer.outcome is UrgeOutcome.CONTACTED

        def log(journal: Journal) -> Streak | None:
            from healjournal.domain.stats import no_contact_streak

            with journal.transaction():
                urge = journal.log_urge(
                    at,
                    day=self.today,
                    strength=answer.strength,
                    outcome=answer.outcome,
                    letter_id=letter_id,
                )
                if not written and urge.letter_id is not None:
                    journal.update_urge(urge.id, letter_id=None)
                if contacted:
                    journal.log_slip(self.today)
            return no_contact_streak(journal.no_contact(), self.today)

        def word(streak: Streak | None) -> str | None:
            if contacted:
                return slip_notice(streak)
            if answer.outcome is UrgeOutcome.RESISTED and written:
                return "Kept here, sent nowhere. That's an urge you didn't act on."
            if answer.outcome is UrgeOutcome.RESISTED:
                return URGE_PASSED
            return None

        self.change(log, word)

    def action_urge_minutes(self) -> None:
        """Choose how long the urge screen waits before it asks."""
        from healjournal.tui.screens.urge import MinutesDialog, urge_minutes

        settings = self.overview.settings if self.overview else {}
        self.app.push_screen(MinutesDialog(urge_minutes(settings)), self._urge_minutes)

    def _urge_minutes(self, minutes: int | None) -> None:
        if minutes is not None:
            self._set_urge_minutes(minutes)

    def _set_urge_minutes(self, minutes: int) -> None:
        from healjournal.tui.screens.urge import URGE_MINUTES_SETTING

        unit = "minute" if minutes == 1 else "minutes"
        self.change(
            lambda j: j.set_setting(URGE_MINUTES_SETTING, minutes),
            lambda _: f"The urge screen waits {minutes} {unit} now.",
        )

    def action_start_no_contact(self) -> None:
        """Ask when the last contact was and start the count from it."""
        from healjournal.tui.dialogs.jump import JumpToDate

        self.app.push_screen(JumpToDate(self.today), self._started)

    def _started(self, day: date | None) -> None:
        if day is not None:
            self.change(
                lambda j: j.start_no_contact(day),
                lambda _: (
                    f"Counting from {describe_day(day, self.today)}. One day at a time."
                ),
            )

    async def action_theme_tips(self, theme: str) -> None:
        """Show one theme's tips."""
        from healjournal.tips import theme_tips

        await self.action_pane("tips")
        assert self._tips is not None
        self._tips.show_theme(Theme(theme))
        self.notify(
            theme_tips(Theme(theme)).summary, title=theme_tips(Theme(theme)).name
        )


def write_draft(journal: Journal, draft: Draft) -> Entry | None:
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


def slip_notice(streak: Streak | None) -> str:
    """What a logged slip is met with: the count restarts, the best stays."""
    best = streak.best if streak else 0
    if best:
        return (
            f"The count starts again. Your best stays {plural(best, 'day')}, "
            "and you are still doing this."
        )
    return "Logged. The count starts from here, and so do you."


#: What an urge that passed is met with.
URGE_PASSED = (
    "It passed. The urge left and you're still here: that one goes in your review."
)


MILESTONE_WORDS = {
    7: "A whole week. That's not nothing, that's a start.",
    14: "Two weeks. The quiet is getting easier to hear.",
    30: "A month. Look how far you've walked.",
    60: "Two months. This is your life now, and it's yours.",
    90: "Ninety days. A whole season of choosing yourself.",
    180: "Half a year. Remember the first night? Look at you.",
    365: "A year. Whatever comes next, you did this.",
}
