"""Each record's shape, in one place: a stored record into a model, and back.

The journal stores these records; our JSON export writes the same ones (an
entry's and a goal's with its "id" first), and its import reads them back
with the same functions. So the full read's "record entries/12 is damaged
(...)" and the import's "entry 3 cannot be imported (...): its "title" is 5,
not text" come from the same checks, the field readers of fields.py.
"""

from __future__ import annotations

from datetime import date, datetime

from healjournal.domain.models import (
    Entry,
    EntryKind,
    Goal,
    GoalKind,
    Slip,
    Theme,
    Urge,
    UrgeOutcome,
    find_tags,
    new_uid,
)
from healjournal.storage.fields import (
    MISSING,
    BadField,
    an_id,
    bad,
    choice,
    day,
    days,
    flag,
    moment,
    number,
    stamp,
    tag_list,
    text,
    uid,
)

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    from typing import Any

    Record = dict[str, Any]

__all__ = [
    "BadField",
    "entry_from_record",
    "entry_record",
    "goal_from_record",
    "goal_record",
    "no_contact_from_record",
    "no_contact_record",
    "setting_from_record",
    "setting_record",
    "slip_from_record",
    "slip_record",
    "tombstone_from_record",
    "tombstone_record",
    "urge_from_record",
    "urge_record",
]

_ENTRY_KINDS = {member.value: member for member in EntryKind}
_GOAL_KINDS = {member.value: member for member in GoalKind}
_THEMES = {member.value: member for member in Theme}
_OUTCOMES = {member.value: member for member in UrgeOutcome}


# -- entries ------------------------------------------------------------------


def entry_from_record(entry_id: int, record: Record) -> Entry:
    """The Entry a record holds; its tags, when left out, found in its words."""
    title, body, tags = (
        text(record, "title"),
        text(record, "body", True),
        tag_list(record),
    )
    return Entry(
        id=entry_id,
        created=moment(record, "created", True),
        day=day(record, "day"),
        kind=choice(record, "kind", _ENTRY_KINDS, EntryKind.REFLECTION),
        title=title,
        body=body,
        mood=number(record, "mood"),
        starred=flag(record, "starred"),
        updated=moment(record, "updated"),
        tags=find_tags(title, body) if tags is None else tags,
        uid=uid(record),
    )


def entry_record(entry: Entry) -> Record:
    """The record an entry is saved as (the export adds its "id")."""
    return {
        "uid": entry.uid,
        "created": stamp(entry.created),
        "updated": stamp(entry.updated),
        "day": entry.day.isoformat(),
        "kind": entry.kind.value,
        "title": entry.title,
        "body": entry.body,
        "mood": entry.mood,
        "starred": entry.starred,
        "tags": list(entry.tags),
    }


# -- goals --------------------------------------------------------------------


def goal_from_record(goal_id: int, record: Record) -> Goal:
    """The Goal a record holds; its ticks in order. When its own fields (not
    its ticks) were last changed ("updated") is checked but not kept."""
    moment(record, "updated")
    return Goal(
        id=goal_id,
        theme=choice(record, "theme", _THEMES, None),
        title=text(record, "title", True),
        kind=choice(record, "kind", _GOAL_KINDS, GoalKind.ONCE),
        created=moment(record, "created"),
        due=day(record, "due", False, True),
        ticks=days(record, "ticks"),
        archived=flag(record, "archived"),
        uid=uid(record),
    )


def goal_record(goal: Goal, *, updated: Any = MISSING) -> Record:
    """The record a goal is saved as (the export adds its "id"), with when its
    title, theme, kind, due day or archiving last changed (`updated`: a merge
    keeps the newer); left out when not given, as the export does."""
    record = {
        "uid": goal.uid,
        "theme": goal.theme.value,
        "title": goal.title,
        "kind": goal.kind.value,
        "created": stamp(goal.created),
        "due": goal.due.isoformat() if goal.due else None,
        "ticks": sorted({tick.isoformat() for tick in goal.ticks}),
        "archived": goal.archived,
    }
    if updated is not MISSING:
        record["updated"] = stamp(updated)
    return record


# -- no contact: its start and the slips ----------------------------------------


def slip_from_record(slip_id: int, record: Record) -> Slip:
    """The Slip a record holds (in the journal or the export's "slips")."""
    return Slip(
        id=slip_id,
        day=day(record, "day"),
        note=text(record, "note"),
        created=moment(record, "created"),
        uid=uid(record),
    )


def slip_record(slip: Slip) -> Record:
    """A slip as the export writes it; the journal marks it as one."""
    return {
        "uid": slip.uid,
        "day": slip.day.isoformat(),
        "note": slip.note,
        "created": stamp(slip.created),
    }


def no_contact_from_record(record_id: int, record: Record) -> Slip | date | None:
    """A record of the journal's nocontact table: a slip, the day no contact
    started, or None for a record of another type (its day checked all the
    same). A start's uid is checked but not kept: the no-contact record has
    one start, and a new start is a new record."""
    if record.get("type") == "slip":
        return slip_from_record(record_id, record)
    uid(record)
    started = day(record, "day")
    return started if record.get("type") == "start" else None


def no_contact_record(item: Slip | date) -> Record:
    """The nocontact table's record of a slip, or of the day no contact
    started (a new record, with a new uid)."""
    if isinstance(item, Slip):
        return {"type": "slip", **slip_record(item)}
    return {"type": "start", "uid": new_uid(), "day": item.isoformat()}


# -- urges --------------------------------------------------------------------


def urge_from_record(urge_id: int, record: Record) -> Urge:
    """The Urge a record holds; when it was last changed ("updated") is checked
    but not kept."""
    moment(record, "updated")
    return Urge(
        id=urge_id,
        at=moment(record, "at", True),
        day=day(record, "day"),
        strength=number(record, "strength"),
        outcome=choice(record, "outcome", _OUTCOMES, None, True),
        letter_id=an_id(record, "letter_id"),
        note=text(record, "note"),
        uid=uid(record),
    )


def urge_record(urge: Urge, *, updated: Any = MISSING) -> Record:
    """The record an urge is saved as, with when it was last changed
    (`updated`; None: never). The model does not keep that, so the export,
    which gives none, leaves the key out."""
    record = {
        "uid": urge.uid,
        "at": stamp(urge.at),
        "day": urge.day.isoformat(),
        "strength": urge.strength,
        "outcome": urge.outcome.value if urge.outcome else None,
        "letter_id": urge.letter_id,
        "note": urge.note,
    }
    if updated is not MISSING:
        record["updated"] = stamp(updated)
    return record


# -- tombstones: what was deleted, and when ---------------------------------------


def tombstone_from_record(record_id: int, record: Record) -> tuple[str, datetime]:
    """A tombstone's uid (of the entry, goal or slip deleted) and when it was
    deleted: a merge (merging.py) honours the deletion with it."""
    deleted = moment(record, "deleted", True)
    assert deleted is not None  # needed: moment() raised otherwise
    return uid(record), deleted


def tombstone_record(record_uid: str, deleted: datetime) -> Record:
    """The record that says the record `record_uid` was deleted at `deleted`."""
    return {"uid": record_uid, "deleted": stamp(deleted)}


# -- settings -------------------------------------------------------------------


def setting_from_record(record_id: int, record: Record) -> tuple[str, Any] | None:
    """A setting's key and value; None for a record without a key."""
    key = record.get("key", MISSING)
    if type(key) is str:
        return key, record.get("value")
    if key is MISSING:
        return None
    raise bad(record, "key", "text")


def setting_record(key: str, value: Any, updated: Any = MISSING) -> Record:
    """The record a setting is saved as (any JSON value), with when it was
    set (`updated`: a merge keeps the newer change of a key)."""
    record: Record = {"key": key, "value": value}
    if updated is not MISSING:
        record["updated"] = stamp(updated)
    return record
