"""Export to Markdown, JSON, plain text and jrnl; import jrnl's and our own JSON."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

import orjson

from healjournal import __version__
from healjournal.domain.models import (
    Entry,
    EntryKind,
    Goal,
    GoalKind,
    NoContact,
    Slip,
    Theme,
    Urge,
    UrgeOutcome,
    check_mood,
    check_strength,
    check_text,
    find_tags,
)
from healjournal.errors import InputError
from healjournal.storage.jrnl import jrnl_entry
from healjournal.storage.migrations import SCHEMA_VERSION, letter_record, urge_pages

TYPE_CHECKING = False  # typing is for the type checker only (see cli.py)
if TYPE_CHECKING:
    from typing import Any

KIND_LABELS = {
    EntryKind.REFLECTION: "Reflection",
    EntryKind.LETTER: "Unsent letter",
    EntryKind.URGE: "Urge",
}


class ExportFormat(StrEnum):
    """The formats `healjournal export` writes."""

    MARKDOWN = "markdown"
    JSON = "json"
    TEXT = "text"
    JRNL = "jrnl"


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import file holds, read and checked before anything is saved."""

    source: str
    entries: tuple[Entry, ...]
    goals: tuple[Goal, ...] = ()
    no_contact: NoContact | None = None
    urges: tuple[Urge, ...] = ()


# -- export -----------------------------------------------------------------


def export(
    fmt: ExportFormat,
    entries: list[Entry],
    *,
    goals: list[Goal] | None = None,
    no_contact: NoContact | None = None,
    slips: Iterable[Slip] = (),
    urges: Iterable[Urge] | None = None,
    exported_at: datetime | None = None,
) -> str:
    """The entries (oldest first) in the chosen format, as one text.

    Markdown and text also carry the `slips` of those days with their notes;
    JSON carries the whole `no_contact` record and the `urges`.
    """
    if fmt is ExportFormat.MARKDOWN:
        return to_markdown(entries, slips)
    if fmt is ExportFormat.TEXT:
        return to_text(entries, slips)
    if fmt is ExportFormat.JRNL:
        return to_jrnl(entries)
    return to_json(
        entries,
        goals=goals,
        no_contact=no_contact,
        urges=urges,
        exported_at=exported_at,
    )


def _clock_time(entry: Entry) -> str:
    return f"{entry.created:%H:%M}"


def _by_day(
    entries: list[Entry], slips: Iterable[Slip]
) -> list[tuple[date, list[Entry], list[Slip]]]:
    days: dict[date, tuple[list[Entry], list[Slip]]] = {}
    for entry in entries:
        days.setdefault(entry.day, ([], []))[0].append(entry)
    for slip in slips:
        days.setdefault(slip.day, ([], []))[1].append(slip)
    return [(day, *days[day]) for day in sorted(days)]


def _slip_line(slip: Slip) -> str:
    return f"Contacted him. {slip.note}" if slip.note else "Contacted him."


def to_markdown(entries: list[Entry], slips: Iterable[Slip] = ()) -> str:
    """A Markdown document: one heading per day, one section per entry."""
    out: list[str] = ["# healjournal", ""]
    days = _by_day(entries, slips)
    if not days:
        out += ["_No entries in this range yet._", ""]
    for day, day_entries, day_slips in days:
        out += [f"## {day:%A} {day.day} {day:%B %Y}", ""]
        for entry in day_entries:
            heading = entry.title or KIND_LABELS[entry.kind]
            if entry.title and entry.kind is not EntryKind.REFLECTION:
                heading = f"{KIND_LABELS[entry.kind]}: {entry.title}"
            star = " ★" if entry.starred else ""
            out += [f"### {_clock_time(entry)} · {heading}{star}", ""]
            if entry.mood is not None:
                out += [f"*Mood: {entry.mood}/5*", ""]
            if entry.body:
                out += [entry.body.rstrip("\n"), ""]
        for slip in day_slips:
            out += [f"> {_slip_line(slip)}", ""]
    return "\n".join(out)


def to_text(entries: list[Entry], slips: Iterable[Slip] = ()) -> str:
    """Plain text: a dated line per entry, then its words."""
    blocks = []
    for day, day_entries, day_slips in _by_day(entries, slips):
        for entry in day_entries:
            meta = [KIND_LABELS[entry.kind].lower()]
            if entry.mood is not None:
                meta.append(f"mood {entry.mood}/5")
            if entry.starred:
                meta.append("starred")
            head = f"{day.isoformat()} {_clock_time(entry)}  ({', '.join(meta)})"
            blocks.append(f"{head}\n{entry.text.rstrip()}\n")
        for slip in day_slips:
            blocks.append(f"{day.isoformat()}  (no contact)\n{_slip_line(slip)}\n")
    return "\n".join(blocks)


def to_jrnl(entries: Sequence[Entry]) -> str:
    """jrnl's own journal file format, which `jrnl --import` reads."""
    blocks = [jrnl_entry(e.day, e.created, e.title, e.body, e.starred) for e in entries]
    return b"".join(blocks)[:-1].decode()  # no blank line after the last


def _entry_record(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "created": entry.created.isoformat(timespec="seconds"),
        "updated": entry.updated.isoformat(timespec="seconds")
        if entry.updated
        else None,
        "day": entry.day.isoformat(),
        "kind": entry.kind.value,
        "title": entry.title,
        "body": entry.body,
        "mood": entry.mood,
        "starred": entry.starred,
        "tags": list(entry.tags),
    }


def _goal_record(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.id,
        "theme": goal.theme.value,
        "title": goal.title,
        "kind": goal.kind.value,
        "created": goal.created.isoformat(timespec="seconds") if goal.created else None,
        "due": goal.due.isoformat() if goal.due else None,
        "ticks": [t.isoformat() for t in goal.ticks],
        "archived": goal.archived,
    }


def to_json(
    entries: list[Entry],
    *,
    goals: Iterable[Goal] | None = None,
    no_contact: NoContact | None = None,
    urges: Iterable[Urge] | None = None,
    exported_at: datetime | None = None,
) -> str:
    """healjournal's own JSON export, which `healjournal import` reads back.

    An urge's letter is written as the letter entry's id in this export.
    """
    document: dict[str, Any] = {
        "healjournal": __version__,
        "schema_version": SCHEMA_VERSION,
        "exported": exported_at.isoformat(timespec="seconds") if exported_at else None,
        "entries": [_entry_record(e) for e in entries],
    }
    if goals is not None:
        document["goals"] = [_goal_record(g) for g in goals]
    if no_contact is not None:
        document["no_contact"] = {
            "started": no_contact.started.isoformat() if no_contact.started else None,
            "slips": [
                {
                    "day": s.day.isoformat(),
                    "note": s.note,
                    "created": s.created.isoformat(timespec="seconds")
                    if s.created
                    else None,
                }
                for s in no_contact.slips
            ],
        }
    if urges is not None:
        document["urges"] = [_urge_record(u) for u in urges]
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def _urge_record(urge: Urge) -> dict[str, Any]:
    return {
        "at": urge.at.isoformat(timespec="seconds"),
        "day": urge.day.isoformat(),
        "strength": urge.strength,
        "outcome": urge.outcome.value if urge.outcome else None,
        "letter_id": urge.letter_id,
        "note": urge.note,
    }


# -- import -----------------------------------------------------------------


def read_import(raw: bytes, name: str) -> Imported:
    """Read a jrnl or healjournal JSON export, checking every record first.

    Raises InputError naming the file and the first problem; nothing is saved
    until the whole file has been read.
    """
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise InputError(
            f"{name} is not JSON ({error.msg} at line {error.lineno}, column "
            f"{error.colno}): import takes a jrnl or healjournal JSON export"
        ) from None
    if isinstance(data, dict) and "healjournal" in data:
        return _read_ours(data, name)
    if isinstance(data, dict) and isinstance(data.get("entries"), list):
        _records(data, "entries", name)
        return _read_jrnl(data, name)
    raise InputError(
        f"{name} is neither a jrnl JSON export (jrnl --format json) nor a "
        "healjournal one (healjournal export --format json)"
    )


def _problem(name: str, index: int, error: Exception) -> InputError:
    return InputError(f"{name}: entry {index + 1} cannot be imported: {error}")


def _read_jrnl(data: dict[str, Any], name: str) -> Imported:
    entries = []
    for index, record in enumerate(data["entries"]):
        try:
            if not isinstance(record, dict):
                raise ValueError("it is not an object")
            day = date.fromisoformat(str(record["date"]))
            at = time.fromisoformat(str(record.get("time") or "00:00"))
            title = check_text(str(record.get("title") or ""), "the title")
            body = check_text(str(record.get("body") or ""), "the text").strip("\n")
            created = datetime.combine(day, at).astimezone()
            entries.append(
                Entry(
                    id=0,
                    created=created,
                    day=day,
                    title=title.strip(),
                    body=body,
                    starred=bool(record.get("starred", False)),
                    tags=find_tags(title, body),
                )
            )
        except (KeyError, ValueError, TypeError, InputError) as error:
            raise _problem(name, index, error) from None
    return Imported(source="jrnl", entries=tuple(entries))


_SINGULAR = {"entries": "entry", "goals": "goal", "urges": "urge"}


def _records(data: dict[str, Any], key: str, name: str) -> list[dict[str, Any]]:
    records = data.get(key) or []
    if not isinstance(records, list):
        raise InputError(f"{name}: {key!r} should be a list of records")
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            raise InputError(f"{name}: {_SINGULAR[key]} {index + 1} is not a record")
    return records


def _an_id(value: object) -> int | None:
    """An id as the export wrote it: a whole number from 1, or None."""
    return value if type(value) is int and value > 0 else None


def _read_ours(data: dict[str, Any], name: str) -> Imported:
    """Our JSON export; one made before schema 2 is read as schema 2 has it.

    Each entry keeps its id in the export, and each urge the id of its page
    there, so the journal can link them again (Journal.import_urges).
    """
    records = _records(data, "entries", name)
    version = data.get("schema_version")
    if not isinstance(version, int) or version < 2:
        pages = urge_pages(_records(data, "urges", name))
        records = [
            letter_record(record, urge_page=_an_id(record.get("id")) in pages)
            for record in records
        ]
    entries = []
    for index, record in enumerate(records):
        if record is None:
            continue  # an empty letter: no page
        try:
            created = datetime.fromisoformat(record["created"])
            updated = record.get("updated")
            entries.append(
                Entry(
                    id=_an_id(record.get("id")) or 0,
                    created=created if created.tzinfo else created.astimezone(),
                    day=date.fromisoformat(record["day"]),
                    kind=EntryKind(record.get("kind", "reflection")),
                    title=check_text(str(record.get("title") or ""), "the title"),
                    body=check_text(str(record["body"]), "the text"),
                    mood=check_mood(record.get("mood")),
                    starred=bool(record.get("starred", False)),
                    updated=datetime.fromisoformat(updated) if updated else None,
                )
            )
        except (KeyError, ValueError, TypeError, InputError) as error:
            raise _problem(name, index, error) from None
    goals = []
    for index, record in enumerate(_records(data, "goals", name)):
        try:
            created = record.get("created")
            due = record.get("due")
            goals.append(
                Goal(
                    id=0,
                    theme=Theme(record["theme"]),
                    title=str(record["title"]),
                    kind=GoalKind(record.get("kind", "once")),
                    created=datetime.fromisoformat(created) if created else None,
                    due=date.fromisoformat(due) if due else None,
                    ticks=tuple(date.fromisoformat(t) for t in record.get("ticks", [])),
                    archived=bool(record.get("archived", False)),
                )
            )
        except (KeyError, ValueError, TypeError) as error:
            raise InputError(
                f"{name}: goal {index + 1} cannot be imported: {error}"
            ) from None
    no_contact = None
    record = data.get("no_contact")
    if record:
        try:
            started = record.get("started")
            no_contact = NoContact(
                started=date.fromisoformat(started) if started else None,
                slips=tuple(
                    Slip(
                        id=0,
                        day=date.fromisoformat(s["day"]),
                        note=str(s.get("note", "")),
                        created=datetime.fromisoformat(s["created"])
                        if s.get("created")
                        else None,
                    )
                    for s in record.get("slips", [])
                ),
            )
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            raise InputError(
                f"{name}: the no-contact record cannot be imported: {error}"
            ) from None
    urges = []
    for index, record in enumerate(_records(data, "urges", name)):
        try:
            at = datetime.fromisoformat(record["at"])
            outcome = record.get("outcome")
            urges.append(
                Urge(
                    id=0,
                    at=at if at.tzinfo else at.astimezone(),
                    day=date.fromisoformat(record["day"]),
                    strength=check_strength(record.get("strength")),
                    outcome=UrgeOutcome(outcome) if outcome else None,
                    letter_id=_an_id(record.get("letter_id")),
                    note=check_text(str(record.get("note") or ""), "the note"),
                )
            )
        except (KeyError, ValueError, TypeError, InputError) as error:
            raise InputError(
                f"{name}: urge {index + 1} cannot be imported: {error}"
            ) from None
    return Imported(
        source="healjournal",
        entries=tuple(entries),
        goals=tuple(goals),
        no_contact=no_contact,
        urges=tuple(urges),
    )
