"""Export to Markdown, JSON, plain text and jrnl; import jrnl's and our own JSON.

The import is read in importing.py (every field checked); `read_import` and
`Imported` are here too, as they always were.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import StrEnum

import orjson

from healjournal import __version__
from healjournal.domain.models import (
    Entry,
    EntryKind,
    Goal,
    NoContact,
    Slip,
    Urge,
)
from healjournal.domain.person import Person
from healjournal.storage.importing import Imported, read_import
from healjournal.storage.migrations import SCHEMA_VERSION
from healjournal.storage.records import (
    entry_record,
    goal_record,
    slip_record,
    urge_record,
)

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "KIND_LABELS",
    "ExportFormat",
    "Imported",
    "export",
    "read_import",
    "to_jrnl",
    "to_json",
    "to_markdown",
    "to_text",
]

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
    person: Person | None = None,
) -> str:
    """The entries (oldest first) in the chosen format, as one text.

    Markdown and text also carry the `slips` of those days with their notes,
    each saying who was contacted as the journal's `person` chose (the
    default, "him", without one); JSON carries the whole `no_contact` record
    and the `urges`.
    """
    if fmt is ExportFormat.MARKDOWN:
        return to_markdown(entries, slips, person)
    if fmt is ExportFormat.TEXT:
        return to_text(entries, slips, person)
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


#: A slip, as the journal's writer would say it.
SLIP_LINE = "Contacted {them}."


def _slip_line(slip: Slip, person: Person | None) -> str:
    said = (person or Person()).say(SLIP_LINE, mine=True)
    return f"{said} {slip.note}" if slip.note else said


def to_markdown(
    entries: list[Entry], slips: Iterable[Slip] = (), person: Person | None = None
) -> str:
    """A Markdown document: one heading per day, one section per entry; a slip
    says who was contacted as `person` (the journal's choice) has it."""
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
            out += [f"> {_slip_line(slip, person)}", ""]
    return "\n".join(out)


def to_text(
    entries: list[Entry], slips: Iterable[Slip] = (), person: Person | None = None
) -> str:
    """Plain text: a dated line per entry, then its words; slips as in
    to_markdown."""
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
            blocks.append(
                f"{day.isoformat()}  (no contact)\n{_slip_line(slip, person)}\n"
            )
    return "\n".join(blocks)


def to_jrnl(entries: Sequence[Entry]) -> str:
    """jrnl's own journal file format, which `jrnl --import` reads: each entry
    a "[time] title" line and its words, a blank line between entries."""
    return "\n".join(_jrnl_entry(entry) for entry in entries)


#: A time of day as "%I:%M:%S %p" gives it in the C locale, by hour and minute.
_HOURS = [f"{hour % 12 or 12:02d}" for hour in range(24)]
_SIXTY = [f"{n:02d}" for n in range(60)]
_NOON = ["AM"] * 12 + ["PM"] * 12


def _jrnl_entry(entry: Entry) -> str:
    # Not strftime: 10,000 of those were a tenth of an export's time.
    created, hour = entry.created, entry.created.hour
    stamp = (
        f"[{entry.day.isoformat()} {_HOURS[hour]}:{_SIXTY[created.minute]}:"
        f"{_SIXTY[created.second]} {_NOON[hour]}]"
    )
    head, words = entry.title.rstrip("\n "), entry.body.rstrip("\n ")
    if not head:  # no title: the first line of the words is one
        head, _, words = words.partition("\n")
    star = " *" if entry.starred else ""
    return f"{stamp} {head}{star}\n{words}\n" if words else f"{stamp} {head}{star}\n"


def to_json(
    entries: list[Entry],
    *,
    goals: Iterable[Goal] | None = None,
    no_contact: NoContact | None = None,
    urges: Iterable[Urge] | None = None,
    exported_at: datetime | None = None,
) -> str:
    """healjournal's own JSON export, which `healjournal import` reads back.

    Its records are the journal's own (records.py), an entry's and a goal's
    with its id first; an urge's letter is the letter entry's id in this
    export.
    """
    document: dict[str, Any] = {
        "healjournal": __version__,
        "schema_version": SCHEMA_VERSION,
        "exported": exported_at.isoformat(timespec="seconds") if exported_at else None,
        "entries": [{"id": e.id, **entry_record(e)} for e in entries],
    }
    if goals is not None:
        document["goals"] = [{"id": g.id, **goal_record(g)} for g in goals]
    if no_contact is not None:
        document["no_contact"] = {
            "started": no_contact.started.isoformat() if no_contact.started else None,
            "slips": [slip_record(s) for s in no_contact.slips],
        }
    if urges is not None:
        document["urges"] = [urge_record(u) for u in urges]
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
