"""The main screen's saving: every page's words to the disk, one save at a time.

The rules of what waits are the SaveQueue's; this is where its saves are
started in workers, their results shown, and a failed one tried again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from healjournal.domain.drafts import Draft, write_draft
from healjournal.domain.models import EntryKind
from healjournal.errors import HealJournalError
from healjournal.tui.screens.main_work import JournalWork
from healjournal.tui.widgets.editor import EditorPane

if TYPE_CHECKING:
    from healjournal.storage.journal import Journal

#: How long to wait before trying a failed save again.
RETRY_SECONDS = 5.0


class PageSaves:
    """Mixed into MainScreen: queueing, saving, retrying and flushing pages."""

    journal: Journal

    def on_editor_pane_save_requested(self, message: EditorPane.SaveRequested) -> None:
        """The page asks to be saved (a pause in typing, Ctrl+S)."""
        self.queue_save(message.draft)

    def queue_save(self, draft: Draft) -> None:
        """Queue the newest draft of a page and start saving if idle."""
        self.saves.add(draft)
        if self.demo_words is not None:
            entry = self.overview.entry(draft.entry_id) if self.overview else None
            self.demo_words.saw(draft, entry.text if entry else "")
        self._idle.clear()
        self._pump()

    def _pump(self) -> None:
        if not self._ready:
            return
        draft = self.saves.start_next()
        if draft is None:
            if not self.saves.pending and not self.saves.paused:
                self._idle.set()
            return
        editor = self.query_one(EditorPane)
        if editor.page == draft.page:
            editor.mark_saving()
        self._write(draft)

    def on_journal_work_draft_saved(self, message: JournalWork.DraftSaved) -> None:
        """A page reached the disk: say so on it, and show the new picture."""
        self.saves.saved(message.draft, message.entry)
        self._last_error = None
        draft = message.draft
        editor = self.query_one(EditorPane)
        if editor.page == draft.page:
            editor.mark_saved(draft, message.entry, message.at)
        if message.overview is not None:
            self._show(message.overview)
        self._pump()

    def on_journal_work_draft_failed(self, message: JournalWork.DraftFailed) -> None:
        """A page could not be saved: say so once, and try again in a while."""
        self.saves.failed(message.draft)
        editor = self.query_one(EditorPane)
        if editor.page == message.draft.page:
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
        self.set_timer(RETRY_SECONDS, self.retry_saves)

    def retry_saves(self) -> None:
        """Try the saves held back by a failure again (the retry timer's job)."""
        self.saves.resume()
        self._pump()

    def hold_saves(self) -> None:
        """Start no more saves in workers (the app is about to stop)."""
        self.saves.pause()

    def save_everything_now(self) -> None:
        """Write every unsaved page at once, on this thread (the terminal is going).

        Only for a hang-up or a kill signal, when there is no time for workers;
        errors are swallowed because there is nobody left to tell.
        """
        editor = self.query_one(EditorPane)
        try:
            self.journal.check()  # the journal may not have been read yet
        except (HealJournalError, OSError):
            return  # nothing can be saved to a journal that cannot be read
        for draft in self.saves.take_all(editor.draft() if editor.dirty else None):
            try:
                entry = write_draft(self.journal, draft)
            except (HealJournalError, OSError):
                continue
            self.saves.remember(draft, entry)

    async def flush(self) -> str | None:
        """Save everything now; return why not when something could not be saved."""
        editor = self.query_one(EditorPane)
        if editor.dirty:
            self.queue_save(editor.draft())
        self.saves.resume()
        self._pump()
        self._after_first_frame()
        while self.saves.pending:
            if not self._ready and self._first_read_over:
                return self._last_error or "the journal could not be read"
            if self.saves.paused:
                return self._last_error or "the journal could not be saved"
            self._idle.clear()
            try:
                await asyncio.wait_for(self._idle.wait(), timeout=0.5)
            except TimeoutError:
                continue
        return None if not editor.dirty else (self._last_error or "unsaved text")

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
            self.saves.drop(page)  # a failed save puts its words back
            entry_id = self.saves.forget(page)  # new words: a new page
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
                self.queue_save(Draft(page, self.today, None, kind, text, None))
            else:
                self.saves.drop(page)  # its words not saved yet need not be
                self.run_worker(forget(), group="letter")

        return draft
