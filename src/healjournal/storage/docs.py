"""Reading records back into models, with the checks every reader shares.

The journal, the glimpse of today's page and the quick export all read
records the same way, through these: a damaged record raises KeyError,
ValueError or TypeError (or InputError from the models' own checks).
"""

from __future__ import annotations

from datetime import date, datetime

from healjournal.clock import aware
from healjournal.domain.models import (
    Entry,
    EntryKind,
    Goal,
    GoalKind,
    Slip,
    Theme,
    Urge,
    UrgeOutcome,
    check_mood,
    check_strength,
    find_tags,
)

TYPE_CHECKING = False  # typing is for the type checker only (see cli.py)
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "entry_from_doc",
    "goal_from_doc",
    "no_contact_from_doc",
    "setting_from_doc",
    "urge_from_doc",
]


def entry_from_doc(doc_id: int, doc: dict[str, Any]) -> Entry:
    """The Entry a record holds; raises KeyError, ValueError or TypeError if damaged."""
    title = doc.get("title", "")
    body = doc["body"]
    if not isinstance(title, str) or not isinstance(body, str):
        raise TypeError("title and body must be text")
    updated = doc.get("updated")
    tags = doc.get("tags")
    if type(tags) is list:
        for tag in tags:  # search folds each one: text only
            if type(tag) is not str:
                raise TypeError("tags must be a list of text")
    return Entry(
        id=doc_id,
        created=aware(datetime.fromisoformat(doc["created"])),
        day=date.fromisoformat(doc["day"]),
        kind=EntryKind(doc.get("kind", EntryKind.REFLECTION.value)),
        title=title,
        body=body,
        mood=check_mood(doc.get("mood")),
        starred=bool(doc.get("starred", False)),
        updated=aware(datetime.fromisoformat(updated)) if updated else None,
        tags=tuple(tags) if isinstance(tags, list) else find_tags(title, body),
    )


def goal_from_doc(doc_id: int, doc: dict[str, Any]) -> Goal:
    """The Goal a record holds."""
    created = doc.get("created")
    due = doc.get("due")
    title = doc["title"]
    ticks = doc.get("ticks", [])
    if type(title) is not str:
        raise TypeError("a goal's title must be text")
    if type(ticks) is not list:
        raise TypeError("a goal's ticks must be a list of days")
    return Goal(
        id=doc_id,
        theme=Theme(doc["theme"]),
        title=title,
        kind=GoalKind(doc.get("kind", GoalKind.ONCE.value)),
        created=aware(datetime.fromisoformat(created)) if created else None,
        due=date.fromisoformat(due) if due else None,
        ticks=tuple(sorted(date.fromisoformat(t) for t in ticks)),
        archived=bool(doc.get("archived", False)),
    )


def no_contact_from_doc(doc_id: int, doc: dict[str, Any]) -> Slip | date | None:
    """A slip, the start day (a date), or None for a record of another kind."""
    day = date.fromisoformat(doc["day"])
    if doc.get("type") == "start":
        return day
    if doc.get("type") == "slip":
        created = doc.get("created")
        note = doc.get("note", "")
        if type(note) is not str:
            raise TypeError("a slip's note must be text")
        return Slip(
            id=doc_id,
            day=day,
            note=note,
            created=datetime.fromisoformat(created) if created else None,
        )
    return None


def setting_from_doc(doc_id: int, doc: dict[str, Any]) -> dict[str, Any]:
    """A setting's record as it is, once its key is known to be text."""
    if "key" in doc and type(doc["key"]) is not str:
        raise TypeError("a setting's key must be text")
    return doc


def urge_from_doc(doc_id: int, doc: dict[str, Any]) -> Urge:
    """The Urge a record holds."""
    outcome = doc.get("outcome")
    letter_id = doc.get("letter_id")
    note = doc.get("note", "")
    if letter_id is not None and (
        isinstance(letter_id, bool) or not isinstance(letter_id, int)
    ):
        raise TypeError("letter_id must be an entry id")
    if not isinstance(note, str):
        raise TypeError("the note must be text")
    return Urge(
        id=doc_id,
        at=aware(datetime.fromisoformat(doc["at"])),
        day=date.fromisoformat(doc["day"]),
        strength=check_strength(doc.get("strength")),
        outcome=UrgeOutcome(outcome) if outcome is not None else None,
        letter_id=letter_id,
        note=note,
    )
