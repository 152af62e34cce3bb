"""Two copies of one journal made one, with nothing lost: the rules, no I/O.

A record is known by its uid wherever it went, so two copies edited apart (a
laptop and a desktop, a synced folder's conflicted copy, two git clones)
merge record by record:

- Pages (entries), slips and urges: the union by uid. A record changed on
  both sides keeps the newer change (its `updated`, else when it was made)
  as the record; when the other side's words differ and are not already in
  it, they are appended to it under a line saying so,
  "— also written on the other copy (YYYY-MM-DD HH:MM) —", with when they
  were written. Appended rather than made a page of their own: the words
  stay on the day and the page they were written for, and one page never
  becomes two that a later merge would have to tell apart. A tie in time is
  broken by the words themselves (the record holding the other's words
  wins, else the one that sorts later), so the result is the same whichever
  copy is merged into which, and merging it again changes nothing.
- Goals: the union by uid; a goal's ticks are the union of both sides'
  ticks; its title, theme, kind, due day and archiving come from the side
  whose goal changed later (`updated`, set when those change, not by a tick;
  else when the goal was made). A tick taken back on one side only comes back.
- No contact: the slips are the union by uid. Of the two starts, the later
  day is kept: starting again is how the app records a new beginning, and
  the slips, kept from both sides, tell every contact there was.
- Settings: a key only one side has is kept; a key both have with different
  values keeps the one set later (`updated`; a setting saved before settings
  kept the time counts as the oldest; a tie goes to the value that sorts
  later as JSON, so either way round gives the same).
- Deletions: a tombstone (the uid and when it was deleted) on one side
  removes the record from the other unless the record was changed after the
  deletion: then the edit wins and the tombstone is dropped. The tombstones
  are the union of both sides'.

merge(a, b) equals merge(b, a) record by record, and merge(a, merge(a, b))
equals merge(a, b).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import orjson

from healjournal.domain.models import find_tags

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    from typing import Any

    Record = dict[str, Any]
    Tables = dict[str, dict[str, Record]]

__all__ = ["KINDS", "Copy", "Report", "copy_of", "merge", "settle_by_base"]

#: The kinds of record merged by uid, as the report names them.
KINDS = ("entries", "goals", "slips", "urges")
_NOUNS = {"entries": "page", "goals": "goal", "slips": "slip", "urges": "urge"}
_EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Copy:
    """One copy of the journal as the merge sees it: its records by uid (a
    record as the journal stores it), the no-contact start, the settings by
    key, and the tombstones (uid: when deleted, as stored)."""

    entries: dict[str, Record] = field(default_factory=dict)
    goals: dict[str, Record] = field(default_factory=dict)
    slips: dict[str, Record] = field(default_factory=dict)
    urges: dict[str, Record] = field(default_factory=dict)
    start: Record | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    #: When each setting was set, as stored ("" for one set before settings
    #: kept the time).
    settings_set: dict[str, str] = field(default_factory=dict)
    deleted: dict[str, str] = field(default_factory=dict)

    def records(self, kind: str) -> dict[str, Record]:
        """The records of `kind` (one of KINDS) by uid."""
        return getattr(self, kind)


@dataclass
class Report:
    """What a merge brings to ours: records added and changed by kind, pages
    whose two texts were both kept, ticks added, deletions honoured (records
    removed here, and records of theirs deleted here that stay deleted), and
    edits kept over a deletion."""

    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    changed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    both_texts: int = 0
    ticks: int = 0
    deletions: int = 0
    stayed_deleted: int = 0
    edits_kept: int = 0
    start: bool = False
    settings: int = 0

    @property
    def nothing(self) -> bool:
        """Whether the merge changes nothing in ours."""
        return not (
            any(self.added.values())
            or any(self.changed.values())
            or self.ticks
            or self.deletions
            or self.edits_kept
            or self.start
            or self.settings
        )

    def words(self) -> str:
        """What was done, in one line: "3 pages added, 1 page written on
        both (kept both texts), 2 ticks, 1 deletion honoured"."""
        parts = [
            _count(n, _NOUNS[kind]) + " added" for kind, n in self.added.items() if n
        ]
        if self.both_texts:
            parts.append(
                _count(self.both_texts, "page") + " written on both (kept both texts)"
            )
        changed = sum(self.changed.values()) - self.both_texts
        if changed:
            parts.append(_count(changed, "record") + " changed to the newer")
        if self.ticks:
            parts.append(_count(self.ticks, "tick"))
        deletions = self.deletions + self.stayed_deleted
        if deletions and not self.nothing:
            parts.append(_count(deletions, "deletion") + " honoured")
        if self.edits_kept:
            parts.append(_count(self.edits_kept, "edit") + " kept over a deletion")
        if self.start:
            parts.append("the no-contact start moved")
        if self.settings:
            parts.append(_count(self.settings, "setting") + " from the other copy")
        if parts:
            return ", ".join(parts)
        if deletions:
            return f"nothing new ({_count(deletions, 'deletion')} honoured)"
        return "nothing new: the copies agree"

    def would_bring(self, name: str) -> str:
        """What merging the copy `name` would do, said before it is done."""
        return f"Merging {name} would bring: {self.words()}"

    def merged(self, name: str) -> str:
        """What merging the copy `name` did, said once it is done."""
        return f"Merged {name}: {self.words()}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def copy_of(tables: Tables) -> Copy:
    """A journal's tables (read and checked, at the current schema) as a Copy."""
    settings = {
        r["key"]: r
        for _, r in sorted(tables.get("settings", {}).items(), key=_by_id)
        if "key" in r
    }
    slips, start = {}, None
    for record in tables.get("nocontact", {}).values():
        if record.get("type") == "slip":
            slips[record["uid"]] = record
        elif record.get("type") == "start":
            start = _later_start(start, record)
    return Copy(
        entries=_by_uid(tables.get("entries", {})),
        goals=_by_uid(tables.get("goals", {})),
        slips=slips,
        urges=_by_uid(tables.get("urges", {})),
        start=start,
        settings={key: r.get("value") for key, r in settings.items()},
        settings_set={key: r.get("updated") or "" for key, r in settings.items()},
        deleted={r["uid"]: r["deleted"] for r in tables.get("deleted", {}).values()},
    )


def _by_id(item: tuple[str, Record]) -> int:
    return int(item[0])


def _by_uid(table: dict[str, Record]) -> dict[str, Record]:
    return {record["uid"]: record for record in table.values()}


def merge(ours: Copy, theirs: Copy) -> tuple[Copy, Report]:
    """The two copies made one, by the rules above, and what that brings to ours."""
    report = Report()
    deleted = dict(ours.deleted)
    for key, when in theirs.deleted.items():
        if key not in deleted or _moment(when) > _moment(deleted[key]):
            deleted[key] = when
    merged: dict[str, dict[str, Record]] = {}
    for kind in KINDS:
        mine, other = ours.records(kind), theirs.records(kind)
        kept: dict[str, Record] = {}
        for key in sorted(mine.keys() | other.keys()):
            a, b = mine.get(key), other.get(key)
            record = _merged(kind, a, b) if a and b else a or b
            assert record is not None
            if key in deleted:
                if _changed(kind, record) <= _moment(deleted[key]):
                    if a is not None:
                        report.deletions += 1
                    else:
                        report.stayed_deleted += key not in theirs.deleted
                    continue
                del deleted[key]
                report.edits_kept += key in ours.deleted
            kept[key] = record
            _tell(report, kind, a, record)
        merged[kind] = kept
    start = _later_start(ours.start, theirs.start)
    report.start = start != ours.start
    settings, settings_set = _merged_settings(ours, theirs)
    report.settings = sum(
        key not in ours.settings or settings[key] != ours.settings[key]
        for key in settings
    )
    return (
        Copy(
            **merged,
            start=start,
            settings=settings,
            settings_set=settings_set,
            deleted=deleted,
        ),
        report,
    )


def _merged_settings(ours: Copy, theirs: Copy) -> tuple[dict[str, Any], dict[str, str]]:
    """Each key from either copy; on both with different values, the one set
    later (a tie, or two set before settings kept the time, goes to the
    value that sorts later as JSON, so either way round gives the same)."""
    settings: dict[str, Any] = {}
    when: dict[str, str] = {}
    for key in sorted(ours.settings.keys() | theirs.settings.keys()):
        sides = [
            (_moment(copy.settings_set.get(key)), _canonical(copy.settings[key]), copy)
            for copy in (ours, theirs)
            if key in copy.settings
        ]
        _, _, newer = max(sides, key=lambda side: side[:2])
        settings[key] = newer.settings[key]
        when[key] = newer.settings_set.get(key, "")
    return settings, when


def _tell(report: Report, kind: str, ours: Record | None, record: Record) -> None:
    if ours is None:
        report.added[kind] += 1
    elif ours != record:
        if kind == "goals":
            report.ticks += len(set(record["ticks"]) - set(ours["ticks"]))
            report.changed[kind] += _fields(ours) != _fields(record)
            return
        report.changed[kind] += 1
        if kind == "entries":
            report.both_texts += record["body"].count(_ALSO) > ours["body"].count(_ALSO)


# -- one record from both sides -------------------------------------------------

_ALSO = "— also written on the other copy ("


def _moment(value: str | None) -> datetime:
    if not value:
        return _EARLIEST
    found = datetime.fromisoformat(value)
    return found if found.tzinfo else found.astimezone()


def _changed(kind: str, record: Record) -> datetime:
    """When `record` was last changed: its `updated`, else when it was made."""
    made = {"urges": "at"}.get(kind, "created")
    return _moment(record.get("updated") or record.get(made))


def _canonical(record: Record) -> bytes:
    return orjson.dumps(record, option=orjson.OPT_SORT_KEYS)


def _merged(kind: str, a: Record, b: Record) -> Record:
    if a == b:
        return a
    if kind == "goals":
        winner = max(a, b, key=lambda r: (_changed(kind, r), _canonical(_fields(r))))
        ticks = sorted(set(a["ticks"]) | set(b["ticks"]))
        return {**winner, "ticks": ticks}
    words = _entry_words if kind == "entries" else _note_words
    holds = _holds_entry if kind == "entries" else _holds_note
    a_first = (_changed(kind, a), holds(a, b), _canonical(a)) > (
        _changed(kind, b),
        holds(b, a),
        _canonical(b),
    )
    winner, loser = (a, b) if a_first else (b, a)
    if holds(winner, loser):
        return winner
    when = _changed(kind, loser).strftime("%Y-%m-%d %H:%M")
    line = f"\n\n{_ALSO}{when}) —\n\n"
    if kind != "entries":
        return {**winner, "note": winner["note"] + line + words(loser)}
    body = winner["body"] + line + words(loser, winner["title"])
    return {**winner, "body": body, "tags": list(find_tags(winner["title"], body))}


def _fields(goal: Record) -> Record:
    return {key: value for key, value in goal.items() if key != "ticks"}


def _holds_entry(winner: Record, other: Record) -> bool:
    """Whether `winner` holds `other`'s words already (its body, and its
    title as the title or in the body)."""
    title, body = other.get("title", ""), other["body"]
    return body in winner["body"] and (
        title == winner.get("title", "") or title in winner["body"]
    )


def _holds_note(winner: Record, other: Record) -> bool:
    return (other.get("note") or "") in (winner.get("note") or "")


def _entry_words(entry: Record, title: str = "") -> str:
    own = entry.get("title", "")
    return entry["body"] if own == title or not own else f"{own}\n\n{entry['body']}"


def _note_words(record: Record, title: str = "") -> str:
    return record.get("note") or ""


# -- no contact -------------------------------------------------------------------


def _later_start(a: Record | None, b: Record | None) -> Record | None:
    """Of two no-contact starts, the later day (the same whichever comes first)."""
    if a is None or b is None:
        return a or b
    return max(a, b, key=lambda r: (r["day"], r["uid"]))


def settle_by_base(
    base: Copy, ours: Copy, theirs: Copy
) -> tuple[Copy, Copy, dict[str, int]]:
    """With the copy both came from (git's merge base): a record changed on
    one side only since `base` becomes that side's on both, so merging keeps
    it as it is (words taken out, a tick taken back, stay so); a record both
    sides changed is left to merge's rules. Returns ours and theirs so
    settled, and how many of ours were taken from theirs, by kind."""
    mine = {kind: dict(ours.records(kind)) for kind in KINDS}
    other = {kind: dict(theirs.records(kind)) for kind in KINDS}
    taken = dict.fromkeys(KINDS, 0)
    for kind in KINDS:
        for key, was in base.records(kind).items():
            a, b = mine[kind].get(key), other[kind].get(key)
            if a is None or b is None or a == b:
                continue  # a deletion is the tombstones' to settle
            if a == was:
                mine[kind][key] = b
                taken[kind] += 1
            elif b == was:
                other[kind][key] = a
    return replace(ours, **mine), replace(theirs, **other), taken
