"""Deleting a page, a goal or a slip leaves a tombstone (its uid and when), so
a merge with another copy of the journal does not bring it back; putting the
page back (the app's undo) takes its tombstone away."""

from __future__ import annotations

from datetime import timedelta

import orjson

from healjournal.clock import FrozenClock
from healjournal.domain.models import Theme
from healjournal.storage.journal import Journal


def tombstones(journal: Journal) -> dict[str, str]:
    """The deleted table as saved on disk: uid -> when."""
    tables = orjson.loads(journal.path.read_bytes())
    return {r["uid"]: r["deleted"] for r in tables.get("deleted", {}).values()}


def test_deleting_a_page_a_goal_and_a_slip_leaves_their_tombstones(
    journal: Journal, clock: FrozenClock
) -> None:
    page = journal.add_entry("A page I regret")
    goal = journal.add_goal("Walk", Theme.BODY)
    slip = journal.log_slip(note="texted")
    journal.delete_entry(page.id)
    journal.delete_goal(goal.id)
    journal.delete_slip(slip.id)

    when = clock.now().isoformat(timespec="seconds")
    assert tombstones(journal) == {page.uid: when, goal.uid: when, slip.uid: when}
    again = Journal.open(journal.path, clock=clock)  # read back and checked
    assert again.get_entry(page.id) is None


def test_a_page_put_back_loses_its_tombstone(journal: Journal) -> None:
    page = journal.add_entry("Undo me")
    journal.delete_entry(page.id)
    journal.restore_entry(page)
    assert tombstones(journal) == {}
    assert journal.get_entry(page.id) == page


def test_a_journal_with_no_tombstones_table_opens_and_deletes(
    journal: Journal, clock: FrozenClock
) -> None:
    page = journal.add_entry("Before tombstones")
    assert "deleted" not in orjson.loads(journal.path.read_bytes())
    journal.delete_entry(page.id)
    assert list(tombstones(journal)) == [page.uid]


def test_tombstones_older_than_a_year_are_dropped_on_the_next_delete(
    journal: Journal, clock: FrozenClock
) -> None:
    old = journal.add_entry("Long ago")
    journal.delete_entry(old.id)
    clock.set(clock.now() + timedelta(days=400))
    recent = journal.add_entry("Just now")
    journal.delete_entry(recent.id)
    assert list(tombstones(journal)) == [recent.uid]
