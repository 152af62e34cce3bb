"""Letters and urges: one shape, whichever screen wrote them (issue 14 item 10)."""

from __future__ import annotations

import pytest

from healjournal.domain.models import EntryKind
from healjournal.storage.interchange import ExportFormat, export
from healjournal.storage.journal import Journal, split_text

LETTER = "I still don't understand why you left.\nYou never said.\n"


@pytest.mark.parametrize("kind", [EntryKind.LETTER, EntryKind.URGE])
class TestAllBody:
    def test_a_new_one_keeps_its_first_line_in_its_words(self, journal, kind):
        entry = journal.add_entry(LETTER, kind=kind)
        assert (entry.title, entry.body) == ("", LETTER)
        assert journal.get_entry(entry.id).text == LETTER

    def test_an_edited_one_too(self, journal, kind):
        entry = journal.add_entry("Dear you", kind=kind)
        edited = journal.update_entry(entry.id, text=LETTER)
        assert (edited.title, edited.body) == ("", LETTER)
        again = Journal.open(journal.path, clock=journal.clock).get_entry(entry.id)
        assert (again.title, again.body) == ("", LETTER)

    def test_a_title_given_on_purpose_is_kept(self, journal, kind):
        entry = journal.add_entry("words", kind=kind, title="Chosen")
        assert (entry.title, entry.body) == ("Chosen", "words")


def test_a_reflection_s_first_line_is_still_its_title(journal):
    entry = journal.add_entry("A quiet Monday\nWalked by the river.")
    assert (entry.title, entry.body) == ("A quiet Monday", "Walked by the river.")
    edited = journal.update_entry(entry.id, text="Tuesday\nRain.")
    assert (edited.title, edited.body) == ("Tuesday", "Rain.")
    assert split_text("Tuesday\nRain.", EntryKind.LETTER) == ("", "Tuesday\nRain.")


def test_the_markdown_heads_a_letter_with_its_kind_not_its_first_line(journal):
    journal.add_entry(LETTER, kind=EntryKind.LETTER)
    text = export(ExportFormat.MARKDOWN, journal.entries())
    assert "### 21:04 · Unsent letter\n\n" + LETTER in text
    assert "Unsent letter:" not in text
