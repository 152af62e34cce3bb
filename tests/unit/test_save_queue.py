"""The save queue's rules: no word lost, the newest words saved, each page once.

Saves are played by hand: `start_next` is what the screen hands a worker,
`saved` and `failed` are what the worker reports back.
"""

from __future__ import annotations

from datetime import date

from healjournal.domain.drafts import Draft, write_draft
from healjournal.domain.models import EntryKind
from healjournal.tui.save_queue import SaveQueue

TODAY = date(2026, 11, 24)
FRIDAY = date(2026, 11, 20)


def words(page: int, text: str, day: date = TODAY, entry_id: int | None = None):
    return Draft(page, day, entry_id, EntryKind.REFLECTION, text, None)


def save_all(queue: SaveQueue, journal) -> None:
    """Save what waits, one save at a time, as the screen's workers would."""
    while (draft := queue.start_next()) is not None:
        queue.saved(draft, write_draft(journal, draft))


class TestNewestWordsWin:
    def test_only_the_newest_draft_of_a_page_is_saved(self):
        queue = SaveQueue()
        queue.add(words(1, "first"))
        queue.add(words(1, "first and second"))
        assert queue.start_next().text == "first and second"
        queue.saved(words(1, "first and second"), None)
        assert queue.start_next() is None

    def test_every_page_is_saved(self):
        queue = SaveQueue()
        queue.add(words(1, "today"))
        queue.add(words(2, "a letter"))
        saved = []
        while (draft := queue.start_next()) is not None:
            saved.append(draft.text)
            queue.saved(draft, None)
        assert saved == ["today", "a letter"]


class TestOneSaveAtATime:
    def test_nothing_else_starts_while_a_save_is_under_way(self):
        queue = SaveQueue()
        queue.add(words(1, "one"))
        first = queue.start_next()
        queue.add(words(1, "one two"))
        queue.add(words(2, "other page"))
        assert queue.start_next() is None
        assert queue.busy and queue.pending
        queue.saved(first, None)
        assert queue.start_next().text == "one two"

    def test_a_queue_with_nothing_to_save_is_settled(self):
        queue = SaveQueue()
        assert not queue.busy and not queue.pending
        assert queue.start_next() is None


class TestANewPageIsAddedOnce:
    def test_the_second_save_updates_the_entry_the_first_added(self, journal):
        queue = SaveQueue()
        queue.add(words(1, "hello"))
        save_all(queue, journal)
        queue.add(words(1, "hello again"))  # the page itself has no entry id yet
        save_all(queue, journal)
        assert [e.text for e in journal.entries()] == ["hello again"]

    def test_a_page_forgotten_after_a_delete_is_added_anew(self, journal):
        queue = SaveQueue()
        queue.add(words(1, "kept"))
        save_all(queue, journal)
        entry_id = queue.entry_id(1)
        assert queue.forget(1) == entry_id
        journal.delete_entry(entry_id)
        queue.add(words(1, "written after the delete"))
        save_all(queue, journal)
        assert [e.text for e in journal.entries()] == ["written after the delete"]


class TestAFailedSave:
    def test_its_words_wait_until_saving_resumes(self, journal):
        queue = SaveQueue()
        queue.add(words(1, "on a full disk"))
        queue.failed(queue.start_next())
        assert queue.paused and queue.pending and not queue.busy
        assert queue.start_next() is None  # held back until the retry
        queue.resume()
        save_all(queue, journal)
        assert [e.text for e in journal.entries()] == ["on a full disk"]

    def test_words_typed_meanwhile_win_over_the_failed_ones(self, journal):
        queue = SaveQueue()
        queue.add(words(1, "old"))
        draft = queue.start_next()
        queue.add(words(1, "old and new"))
        queue.failed(draft)
        queue.resume()
        save_all(queue, journal)
        assert [e.text for e in journal.entries()] == ["old and new"]


class TestWhatIsStillUnsaved:
    def test_the_newest_unsaved_words_of_a_page_are_found(self):
        queue = SaveQueue()
        queue.add(words(1, "friday", day=FRIDAY, entry_id=7))
        queue.failed(queue.start_next())
        queue.add(words(2, "today"))
        assert queue.unsaved(FRIDAY, 7).text == "friday"
        assert queue.unsaved(TODAY, None).text == "today"
        assert queue.unsaved(FRIDAY, None) is None

    def test_a_dropped_page_is_not_saved(self):
        queue = SaveQueue()
        queue.add(words(1, " "))
        queue.drop(1)
        assert not queue.pending

    def test_all_can_be_taken_at_once_newest_per_page(self, journal):
        queue = SaveQueue()
        queue.add(words(1, "hello"))
        save_all(queue, journal)
        queue.add(words(1, "hello, and"))
        queue.add(words(2, "a letter"))
        drafts = queue.take_all(also=words(1, "hello, and goodbye"))
        for draft in drafts:
            queue.remember(draft, write_draft(journal, draft))
        assert sorted(e.text for e in journal.entries()) == [
            "a letter",
            "hello, and goodbye",
        ]
        assert not queue.pending


class TestWriteDraft:
    def test_an_empty_new_page_is_not_kept(self, journal):
        assert write_draft(journal, words(1, "   ")) is None
        assert journal.entries() == []

    def test_a_page_deleted_elsewhere_is_saved_anew(self, journal):
        gone = journal.add_entry("before", day=TODAY)
        journal.delete_entry(gone.id)
        entry = write_draft(journal, words(1, "after", entry_id=gone.id))
        assert [e.text for e in journal.entries()] == ["after"]
        assert entry is not None and entry.text == "after"
