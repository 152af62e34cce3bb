"""The first look at a journal: the day's pages and the settings, or nothing.

A glimpse is shown before the whole journal is read, so it must never show
something the full read would not: when in doubt it gives up (None).
"""

from __future__ import annotations

from datetime import date, timedelta

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healjournal.domain.models import EntryKind
from healjournal.storage.crypto import KdfCost
from healjournal.storage.glimpse import Glimpse, glimpse
from healjournal.storage.journal import Journal

TODAY = date(2026, 11, 24)


def test_the_days_pages_and_the_settings(journal):
    journal.add_entry("Yesterday's page.", day=TODAY - timedelta(days=1))
    first = journal.add_entry("Morning page.\nCoffee, then the bus.", mood=3)
    letter = journal.add_entry("Dear you, nothing.", kind=EntryKind.LETTER)
    journal.set_setting("theme", "nord")
    found = glimpse(journal.path, TODAY)
    assert found == Glimpse(
        settings={"theme": "nord"},
        entries=(journal.get_entry(first.id), journal.get_entry(letter.id)),
    )


def test_a_journal_not_made_yet_is_an_empty_glimpse(tmp_path):
    assert glimpse(tmp_path / "none.json", TODAY) == Glimpse({}, ())


def test_a_day_with_nothing_written(journal):
    journal.add_entry("Another day.", day=TODAY - timedelta(days=3))
    assert glimpse(journal.path, TODAY) == Glimpse({}, ())


def test_slips_and_urges_of_the_day_are_not_pages(journal, clock):
    journal.log_slip(TODAY, note="texted him")
    journal.log_urge(clock.now(), day=TODAY, strength=4)
    journal.add_entry("The page.", day=TODAY)
    (page,) = glimpse(journal.path, TODAY).entries
    assert page.text == "The page."


def test_words_that_look_like_the_day_inside_a_page_do_not_count(journal):
    tricky = 'I wrote "day":"2026-11-24" in my notes,\n    "9": {"day":"2026-11-24"}'
    journal.add_entry(tricky, day=TODAY - timedelta(days=1))
    journal.add_entry("The real one.", day=TODAY)
    (page,) = glimpse(journal.path, TODAY).entries
    assert page.text == "The real one."


def test_an_encrypted_journal_is_not_glimpsed(journal):
    journal.add_entry("secret")
    journal.encrypt("correct horse battery", cost=KdfCost(log2_n=10, r=8, p=1))
    assert glimpse(journal.path, TODAY) is None


def test_a_file_in_another_layout_is_left_to_the_full_read(journal):
    entry = journal.add_entry("written by hand")
    data = orjson.loads(journal.path.read_bytes())
    journal.path.write_bytes(orjson.dumps(data))  # all on one line
    assert glimpse(journal.path, TODAY) is None
    assert Journal.open(journal.path).get_entry(entry.id).text == "written by hand"


def test_a_damaged_line_gives_up(journal):
    journal.add_entry("fine")
    raw = journal.path.read_bytes()
    journal.path.write_bytes(raw.replace(b'"body":"fine"', b'"body":"fine'))
    assert glimpse(journal.path, TODAY) is None


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    pages=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=3),
            st.text(min_size=1, max_size=40),
            st.sampled_from(list(EntryKind)),
        ),
        max_size=12,
    ),
    day_back=st.integers(min_value=0, max_value=3),
)
def test_it_finds_exactly_what_the_full_read_finds(tmp_path_factory, pages, day_back):
    path = tmp_path_factory.mktemp("glimpse") / "journal.json"
    journal = Journal.open(path)
    with journal.transaction():
        for back, text, kind in pages:
            if text.strip():
                journal.add_entry(text, day=TODAY - timedelta(days=back), kind=kind)
    day = TODAY - timedelta(days=day_back)
    found = glimpse(path, day)
    assert found is not None
    assert list(found.entries) == Journal.open(path).entries_on(day)
