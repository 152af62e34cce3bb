"""The merge's rules (storage/merging.py), one by one, and over random
diverging edits from a common base: the same result whichever copy is merged
into which, a second merge changing nothing, and no word lost."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from hypothesis import given, settings
from hypothesis import strategies as st

from healjournal.domain.models import Entry, Goal, GoalKind, Slip, Theme
from healjournal.storage.merging import Copy, merge
from healjournal.storage.records import entry_record, goal_record, slip_record

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LINE = "— also written on the other copy ("


def uid(n: int) -> str:
    return str(UUID(int=n))


def page(n: int, body: str, at: datetime = T0, title: str = "") -> dict:
    entry = Entry(
        id=n, created=T0, day=date(2026, 12, 1), title=title, body=body, uid=uid(n)
    )
    return {**entry_record(entry), "updated": at.isoformat()}


def goal(n: int, ticks: tuple[date, ...] = (), at: datetime | None = None, **kw):
    made = Goal(
        id=n, theme=Theme.BODY, title="Walk", kind=GoalKind.DAILY, created=T0,
        ticks=ticks, uid=uid(n), **kw,
    )  # fmt: skip
    return goal_record(made, updated=at) if at else goal_record(made)


def copy(*pages: dict, **parts) -> Copy:
    return Copy(entries={p["uid"]: p for p in pages}, **parts)


def test_pages_from_either_side_are_all_kept() -> None:
    merged, report = merge(copy(page(1, "mine")), copy(page(2, "theirs")))
    assert {p["body"] for p in merged.entries.values()} == {"mine", "theirs"}
    assert report.words() == "1 page added"


def test_a_page_written_on_both_keeps_the_newer_and_the_other_words_under_a_line():
    older = page(1, "the morning version", T0)
    newer = page(1, "the evening version", T0 + timedelta(hours=8))
    merged, report = merge(copy(older), copy(newer))
    assert merged.entries[uid(1)]["body"] == (
        "the evening version\n\n— also written on the other copy "
        "(2026-12-01 09:00) —\n\nthe morning version"
    )
    assert merged.entries[uid(1)]["updated"] == newer["updated"]
    assert report.words() == "1 page written on both (kept both texts)"


def test_words_already_in_the_newer_page_are_not_written_twice() -> None:
    older = page(1, "I went for a walk.")
    newer = page(1, "I went for a walk. It helped.", T0 + timedelta(minutes=5))
    merged, _ = merge(copy(newer), copy(older))
    assert merged.entries[uid(1)] == newer


def test_a_tie_in_time_gives_the_same_page_both_ways() -> None:
    a, b = page(1, "words on a"), page(1, "words on b")
    assert merge(copy(a), copy(b))[0] == merge(copy(b), copy(a))[0]
    body = merge(copy(a), copy(b))[0].entries[uid(1)]["body"]
    assert "words on a" in body and "words on b" in body


def test_a_different_title_comes_along_with_the_other_words() -> None:
    mine = page(1, "same body", T0, title="Monday")
    theirs = page(1, "same body", T0 + timedelta(hours=1), title="A hard Monday")
    body = merge(copy(mine), copy(theirs))[0].entries[uid(1)]["body"]
    assert body.endswith("—\n\nMonday\n\nsame body")


def test_a_goals_ticks_are_the_union_and_its_fields_come_from_the_later_change():
    mine = goal(1, (date(2026, 12, 1),), at=T0 + timedelta(days=1), archived=True)
    theirs = goal(1, (date(2026, 12, 2),))
    merged, report = merge(Copy(goals={uid(1): mine}), Copy(goals={uid(1): theirs}))
    assert merged.goals[uid(1)]["ticks"] == ["2026-12-01", "2026-12-02"]
    assert merged.goals[uid(1)]["archived"] is True
    assert report.words() == "1 tick"


def test_the_later_no_contact_start_is_kept() -> None:
    early = {"type": "start", "uid": uid(1), "day": "2026-10-01"}
    late = {"type": "start", "uid": uid(2), "day": "2026-11-15"}
    assert merge(Copy(start=early), Copy(start=late))[0].start == late
    assert merge(Copy(start=late), Copy(start=early))[0].start == late


def test_settings_are_the_union_and_a_clash_goes_to_the_later_change() -> None:
    laptop = Copy(
        settings={"person": "they", "urge_minutes": 5},
        settings_set={"person": "2026-11-20T10:00:00+00:00", "urge_minutes": ""},
    )
    desktop = Copy(
        settings={"person": "she", "person_name": "Sam"},
        settings_set={"person": "2026-11-22T09:00:00+00:00", "person_name": ""},
    )
    for ours, theirs in ((laptop, desktop), (desktop, laptop)):
        merged, _ = merge(ours, theirs)
        assert merged.settings == {
            "person": "she",  # set later, on the desktop
            "person_name": "Sam",
            "urge_minutes": 5,
        }
        assert merged.settings_set["person"] == "2026-11-22T09:00:00+00:00"
    assert merge(laptop, desktop)[1].settings == 2  # person changed, name added


def test_two_settings_without_a_time_agree_either_way_round() -> None:
    a, b = Copy(settings={"person": "she"}), Copy(settings={"person": "he"})
    assert merge(a, b)[0].settings == merge(b, a)[0].settings


def test_a_page_deleted_on_one_side_and_untouched_on_the_other_stays_deleted():
    stone = {uid(1): (T0 + timedelta(hours=1)).isoformat()}
    merged, report = merge(copy(page(1, "old")), Copy(deleted=stone))
    assert merged.entries == {} and merged.deleted == stone
    assert report.words() == "1 deletion honoured"


def test_a_page_edited_after_it_was_deleted_elsewhere_comes_back() -> None:
    stone = {uid(1): (T0 + timedelta(hours=1)).isoformat()}
    edited = page(1, "still matters", T0 + timedelta(hours=2))
    merged, report = merge(Copy(deleted=stone), copy(edited))
    assert merged.entries == {uid(1): edited} and merged.deleted == {}
    assert report.words() == "1 page added, 1 edit kept over a deletion"


# -- random diverging edits from one base ------------------------------------------

WORDS = st.text(alphabet="ab —\n", max_size=6)
MINUTES = st.integers(min_value=0, max_value=3)  # few moments: ties happen
EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), WORDS, MINUTES),
        st.tuples(st.just("edit"), st.integers(0, 3), WORDS, MINUTES),
        st.tuples(st.just("tick"), st.integers(0, 1), st.integers(1, 9)),
        st.tuples(st.just("slip"), WORDS, MINUTES),
        st.tuples(st.just("delete"), st.integers(0, 3), MINUTES),
    ),
    max_size=6,
)


def base() -> Copy:
    pages = [page(n, f"page {n}") for n in range(4)]
    goals = {uid(10 + n): goal(10 + n) for n in range(2)}
    return Copy(entries={p["uid"]: p for p in pages}, goals=goals)


def edited(side: int, edits: list[tuple]) -> Copy:
    """The base with `edits` made on copy `side` (new records' uids differ)."""
    entries, goals = dict(base().entries), dict(base().goals)
    slips, deleted = {}, {}
    for n, (what, *args) in enumerate(edits):
        new = 1000 * (side + 1) + n
        if what == "add":
            words, minute = args
            entries[uid(new)] = page(new, words, T0 + timedelta(minutes=minute))
        elif what == "edit" and uid(args[0]) in entries:
            at = T0 + timedelta(hours=1, minutes=args[2])
            entries[uid(args[0])] = {
                **entries[uid(args[0])], "body": args[1], "updated": at.isoformat()
            }  # fmt: skip
        elif what == "tick":
            was = goals[uid(10 + args[0])]
            day = date(2026, 12, args[1]).isoformat()
            goals[uid(10 + args[0])] = {
                **was, "ticks": sorted({*was["ticks"], day})
            }  # fmt: skip
        elif what == "slip":
            at = T0 + timedelta(minutes=args[1])
            slip = Slip(id=new, day=at.date(), note=args[0], created=at, uid=uid(new))
            slips[uid(new)] = {"type": "slip", **slip_record(slip)}
        elif what == "delete" and uid(args[0]) in entries:
            del entries[uid(args[0])]
            at = T0 + timedelta(hours=1, minutes=args[1])
            deleted[uid(args[0])] = at.isoformat()
    return Copy(entries=entries, goals=goals, slips=slips, deleted=deleted)


@settings(max_examples=300, deadline=None)
@given(EDITS, EDITS)
def test_merging_is_commutative_and_idempotent(mine: list, theirs: list) -> None:
    a, b = edited(0, mine), edited(1, theirs)
    ab = merge(a, b)[0]
    assert ab == merge(b, a)[0]
    assert merge(a, ab)[0] == ab
    assert merge(ab, b)[0] == ab
    assert merge(ab, ab)[1].nothing


@settings(max_examples=300, deadline=None)
@given(EDITS, EDITS)
def test_no_word_kept_on_either_side_is_lost(mine: list, theirs: list) -> None:
    a, b = edited(0, mine), edited(1, theirs)
    ab = merge(a, b)[0]
    for side in (a, b):
        for key, record in side.entries.items():
            if key in ab.entries:
                assert record["body"] in ab.entries[key]["body"]
            else:  # deleted on the other side, and not changed after
                assert key in ab.deleted
        for key, record in side.goals.items():
            assert set(record["ticks"]) <= set(ab.goals[key]["ticks"])
        assert side.slips.items() <= ab.slips.items()
