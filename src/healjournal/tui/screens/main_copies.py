"""The main screen's offer to merge the conflicted copies a sync tool left.

After the first read, a thread worker finds the copies beside the journal
and dry-runs each merge; a notification says so, and "Merge the copies of
your journal…" in Ctrl+P opens the dialog that says what each would bring.
It never opens by itself: the person may be typing, and a key meant for the
page must not land in a dialog (nor be lost). Merging
waits for the pages on their way to the disk, then runs in a worker through
the Journal's own merge (what `healjournal merge` uses), puts each copy away
in merged/, and the screen shows the journal as it now is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from healjournal.errors import HealJournalError
from healjournal.tui.widgets.editor import EditorPane

if TYPE_CHECKING:
    from healjournal.storage.conflicts import ConflictedCopy
    from healjournal.storage.journal import Journal

#: How often a merge that waits for a save looks again (a timer, not a sleep).
WAIT_FOR_SAVES = 0.1

_TITLE = "A copy of your journal from a sync tool"


class CopiesOffer:
    """Mixed into MainScreen: finding conflicted copies and merging them."""

    journal: Journal
    #: The copies that can be merged, each with what it would bring.
    copy_offers: tuple[tuple[ConflictedCopy, str], ...] = ()

    @dataclass
    class CopiesFound(Message):
        """Conflicted copies that can be merged, each with what it would
        bring, and a line for each one that could not be read."""

        offers: list[tuple[ConflictedCopy, str]]
        left: list[str]

    @work(thread=True, group="conflicts", description="look for conflicted copies")
    def look_for_conflicted_copies(self) -> None:
        """A sync tool's conflicted copies beside the journal: what merging
        each would bring (a dry run), or, for a journal opened to read, how
        to bring their pages over."""
        from healjournal.storage.conflicts import (
            conflicted_copies,
            copies_line,
            left_line,
        )

        path = self.journal.path
        copies = conflicted_copies(path)
        if not copies:
            return
        if self.journal.read_only:
            self.app.call_from_thread(self._say, copies_line(path, copies), 30)
            return
        offers, left = [], []
        for copy in copies:
            try:
                theirs = self.journal.read_copy(copy.path)
                report = self.journal.merge_copy(theirs, dry_run=True)
            except (HealJournalError, OSError) as error:
                left.append(left_line(copy, str(error)))
                continue
            offers.append((copy, report.would_bring(copy.path.name)))
        self.post_message(self.CopiesFound(offers, left))

    def on_copies_offer_copies_found(self, message: CopiesFound) -> None:
        """Say which copies were left, and offer to merge the others."""
        for line in message.left:
            self._say(line, 15)
        self.copy_offers = tuple(message.offers)
        if not message.offers:
            return
        tools = sorted({copy.tool for copy, _ in message.offers})
        what = (
            "a copy of your journal"
            if len(message.offers) == 1
            else f"{len(message.offers)} copies of your journal"
        )
        self._say(
            f"{' and '.join(tools)} kept {what} beside it, with pages that may "
            'be missing here. Ctrl+P, "Merge the copies": every word from both '
            "sides is kept.",
            30,
        )

    def action_merge_copies(self) -> None:
        """Offer to merge the copies found: what each brings, Merge or not."""
        from healjournal.tui.dialogs.merge_copies import MergeCopiesDialog

        if not self.copy_offers:
            self.notify("No copy of your journal is waiting to be merged.")
            return
        copies = [copy for copy, _ in self.copy_offers]

        def answered(merge: bool | None) -> None:
            if merge:
                self.copy_offers = ()
                self.query_one(EditorPane).save_now()
                self._merge_when_saved(copies)

        offers = [(copy.tool, brings) for copy, brings in self.copy_offers]
        self.app.push_screen(MergeCopiesDialog(offers), answered)

    def _merge_when_saved(self, copies: list[ConflictedCopy]) -> None:
        """Merge once no page is on its way to the disk, so none is lost."""
        if self.busy or self.query_one(EditorPane).autosave_waiting:
            self.set_timer(WAIT_FOR_SAVES, lambda: self._merge_when_saved(copies))
            return
        self.change(lambda journal: _merge_all(journal, copies), _said)

    def _say(self, line: str, timeout: float) -> None:
        self.notify(
            line, title=_TITLE, severity="warning", timeout=timeout, markup=False
        )


def _merge_all(journal: Journal, copies: list[ConflictedCopy]) -> list[str]:
    """Merge each copy in turn and put it away in merged/; a line for each
    (a copy that cannot be read now is left where it is)."""
    from healjournal.storage.conflicts import left_line, put_away

    said = []
    for copy in copies:
        try:
            report = journal.merge_copy(journal.read_copy(copy.path))
            moved = put_away(copy.path, journal.path)
        except (HealJournalError, OSError) as error:
            said.append(left_line(copy, str(error)))
            continue
        kept = f"; the copy is kept in {moved.parent.name}/" if moved else ""
        said.append(report.merged(copy.path.name) + kept)
    return said


def _said(lines: list[str]) -> str:
    """What the merge brought, a line a copy."""
    return "\n".join(f"{line}." for line in lines)
