"""The main screen showing what the workers read: the page asked for, and
the journal's picture in the top bar and the side panes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from healjournal.domain.models import Entry, EntryKind
from healjournal.insight.encouragement import milestone_due, milestone_notice
from healjournal.tui.screens.main_work import JournalWork
from healjournal.tui.widgets.editor import EditorPane
from healjournal.tui.widgets.topbar import TopBar

if TYPE_CHECKING:
    from healjournal.insight.overview import Overview

#: How long after today's page is shown the side panes are built: time for
#: the page's own frame first.
PANES_AFTER_SECONDS = 0.04
#: How long after the first full read is drawn the work that can wait
#: starts: warming search, saving that a milestone was seen. At 100,000
#: pages either takes half the interpreter, and drawing the journal
#: alongside them took twice as long (stalls of 100 ms).
BACKGROUND_AFTER_SECONDS = 0.3


class PageLoading:
    """Mixed into MainScreen: opening pages as they are read, showing the rest."""

    today: date
    overview: Overview | None

    async def on_journal_work_glimpsed(self, message: JournalWork.Glimpsed) -> None:
        """Today's page from a glimpse of the file, before the full read."""
        found = message.glimpse
        if found is not None:
            self.app.use_journal_settings(found.settings)
            self.app.use_saved_person(found.settings)
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
                and not self.saves.waiting
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

    def on_journal_work_first_load_failed(
        self, message: JournalWork.FirstLoadFailed
    ) -> None:
        """The journal cannot be read: close, unless words were typed."""
        if self._ready:
            return  # an earlier read (another page asked for) opened it already
        self._first_read_over = True
        self.app._hand_over_letters()
        editor = self.query_one(EditorPane)
        if not editor.dirty and not self.saves.pending:
            # Nothing typed yet: close with the one line the command line
            # gives for a journal it cannot read, and exit code 2.
            self.app.farewell = message.error
            self.app.exit(return_code=2)
            return
        # Words were typed: they stay on screen; quitting asks first.
        self.on_journal_work_change_failed(JournalWork.ChangeFailed(message.error))

    async def on_journal_work_refreshed(self, message: JournalWork.Refreshed) -> None:
        """A change landed (here or elsewhere): show it, with its word."""
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
                self.saves.saving is None
                and entry is not None
                and entry.text != editor.saved_text
            ):
                editor.reload(entry)
        if message.then is not None:
            message.then(message.result)
        if shown and message.notice:
            self.notify(message.notice)

    async def on_journal_work_page_loaded(
        self, message: JournalWork.PageLoaded
    ) -> None:
        """Open the page read, keeping whatever was typed meanwhile."""
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
            self.app.use_journal_settings(message.overview.settings, read=True)
            self.app.use_saved_person(message.overview.settings)
        self._show(message.overview)
        self._ready = True
        glimpsed, self._glimpsed_page = self._glimpsed_page, None
        if stale:
            self._pump()
            self._first_read_done(message.overview)
            return
        placeholder = tip_for(
            message.day, message.overview.start, self.app.person
        ).prompt
        entry = message.entry
        waiting = self.saves.unsaved(message.day, entry.id if entry else None)
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
            self.saves.drop(editor.page)
            if editor.dirty:
                self.queue_save(editor.draft())
        elif not first_load and self._is_open(editor, message.day, entry):
            pass  # already on screen, with whatever was typed meanwhile
        else:
            if editor.dirty:
                # Typed while the other page was loading: save it first.
                self.queue_save(editor.draft())
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
        if not self.app.demo:
            self.look_for_conflicted_copies()
        entries = overview.entries
        self.set_timer(
            BACKGROUND_AFTER_SECONDS,
            lambda: self.warm_search(self.search_index, entries),
        )

    def _is_open(self, editor: EditorPane, day: date, entry: Entry | None) -> bool:
        if editor.day != day:
            return False
        current = self.saves.entry_id(editor.page, editor.entry_id)
        if entry is None:
            return current is None and editor.kind is EntryKind.REFLECTION
        return current == entry.id

    def on_journal_work_change_failed(self, message: JournalWork.ChangeFailed) -> None:
        """A change was refused: say why."""
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
            (editor.day, self.saves.entry_id(editor.page, editor.entry_id)),
        )
        if previous is None or overview.goals != previous.goals:
            self._goals.show(list(overview.goals), self.today)
        if overview.start is not None:
            assert self._tips is not None
            self._tips.count_from(overview.start)
        self._celebrate(overview)
        return True

    def _celebrate(self, overview: Overview) -> None:
        reached = milestone_due(overview.no_contact_streak)
        if reached is None:
            return
        since = overview.no_contact.last_contact
        key = f"{since}:{reached}"
        if key in (overview.settings.get("milestone_seen"), self._milestone_seen):
            return
        self._milestone_seen = key
        self.notify(milestone_notice(reached), title="A milestone", timeout=10)
        self.set_timer(
            BACKGROUND_AFTER_SECONDS,
            lambda: self.change(lambda j: j.set_setting("milestone_seen", key)),
        )
