"""The main screen deleting a page, after asking, and Ctrl+Z bringing it back."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from healjournal.domain.dates import describe_day
from healjournal.domain.models import Entry
from healjournal.errors import InputError
from healjournal.tui.widgets.editor import EditorPane

if TYPE_CHECKING:
    from healjournal.insight.overview import Overview
    from healjournal.storage.journal import Journal
    from healjournal.tui.widgets.day_list import DayList

#: How long a deleted page can be brought back with Ctrl+Z.
UNDO_SECONDS = 10.0


class PageDeletion:
    """Mixed into MainScreen: deleting pages, and undoing it for a while."""

    today: date
    overview: Overview | None
    _deleted: Entry | None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+Z undoes a delete only while one can be undone."""
        if action == "undo_delete":
            return self._deleted is not None
        return True

    async def action_delete_page(self) -> None:
        """Delete the open page, after asking (its words are saved first)."""
        await self.flush()
        editor = self.query_one(EditorPane)
        entry_id = self.saves.entry_id(editor.page, editor.entry_id)
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
        if self.saves.entry_id(editor.page, editor.entry_id) == entry.id:
            self.saves.forget(editor.page)
            editor.entry_id = None
            if editor.dirty:  # typed just now: those words become a new page
                self.queue_save(editor.draft())
            else:  # a blank page, unless the day has another to show
                self.open_day(entry.day, None, blank=True)
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
                then=lambda back: self.open_day(back.day, back.id),
            )
