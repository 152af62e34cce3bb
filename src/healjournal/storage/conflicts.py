"""Conflicted copies that a sync tool left beside the journal.

When two machines saved one journal while they were apart, the tool that
keeps their folders in step keeps both sides: the other one under a new name,
beside the journal.

    Syncthing   journal.sync-conflict-20261203-101010-ABCDEFG.json
    Dropbox     journal (conflicted copy 2026-12-03).json
                journal (Sam's conflicted copy 2026-12-03).json
    Nextcloud   journal (conflicted copy 2026-12-03 101010).json
    ownCloud    journal_conflict-20261203-101010.json

Nothing here reads them: it finds them, so the person can be told, and
nothing either side wrote is forgotten in a file they never see; a merge
(`healjournal merge`, or the app's offer) brings them in, and then puts the
copy away in `merged/` beside the journal, never deleted (put_away).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from healjournal.storage.files import make_private_folder

__all__ = [
    "MERGED_FOLDER",
    "ConflictedCopy",
    "conflicted_copies",
    "copies_line",
    "left_line",
    "merge_command",
    "put_away",
]

#: Beside the journal: the conflicted copies already merged.
MERGED_FOLDER = "merged"


@dataclass(frozen=True, slots=True)
class ConflictedCopy:
    """A copy of the journal a sync tool kept, and which tool named it so."""

    path: Path
    tool: str


def _patterns(stem: str, suffix: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """How each tool names a conflicted copy of `stem` + `suffix`."""
    s, x = re.escape(stem), re.escape(suffix)
    dropbox_like = rf"{s} \((?:.+'s )?conflicted copy \d{{4}}-\d{{2}}-\d{{2}}"
    return (
        ("Syncthing", re.compile(rf"{s}\.sync-conflict-\d{{8}}-\d{{6}}-\w{{7}}{x}")),
        ("Nextcloud", re.compile(rf"{dropbox_like} \d{{6}}\){x}")),
        ("Dropbox", re.compile(rf"{dropbox_like}(?: \(\d+\))?\){x}")),
        ("ownCloud", re.compile(rf"{s}_conflict-\d{{8}}-\d{{6}}{x}")),
    )


def conflicted_copies(journal: Path) -> list[ConflictedCopy]:
    """The conflicted copies of `journal` in its folder, by name.

    Only files: a folder or anything else of that name is not a journal. A
    folder that cannot be listed has none to offer.
    """
    patterns = _patterns(journal.stem, journal.suffix)
    try:
        names = sorted(entry.name for entry in journal.parent.iterdir())
    except OSError:
        return []
    found = []
    for name in names:
        tool = next((t for t, p in patterns if p.fullmatch(name)), None)
        if tool is not None and (journal.parent / name).is_file():
            found.append(ConflictedCopy(journal.parent / name, tool))
    return found


def copies_line(journal: Path, copies: list[ConflictedCopy]) -> str:
    """One line saying what was found and how to bring its pages over."""
    first = copies[0]
    what = (
        f"a conflicted copy of the journal ({first.tool}): {first.path.name}"
        if len(copies) == 1
        else f"{len(copies)} conflicted copies of the journal "
        f"({', '.join(sorted({c.tool for c in copies}))}), e.g. {first.path.name}"
    )
    each = " (each in turn)" if len(copies) > 1 else ""
    return (
        f"found {what}, beside {journal.name}: pages written there may be "
        f"missing here. Merge it{each} with {merge_command(journal, first.path)} "
        "(nothing either side wrote is lost; --dry-run shows what it brings), "
        "and the copy is then kept in merged/"
    )


def put_away(other: Path, journal: Path) -> Path | None:
    """Move `other`, a conflicted copy of `journal` now merged, into `merged/`
    beside it (made private); where it went, or None for any other file,
    which stays where it is."""
    if other.resolve() not in {c.path.resolve() for c in conflicted_copies(journal)}:
        return None
    folder = journal.parent / MERGED_FOLDER
    make_private_folder(folder)
    target, n = folder / other.name, 1
    while target.exists():  # never over an earlier one of the same name
        n += 1
        target = folder / f"{other.stem}.{n}{other.suffix}"
    other.rename(target)
    return target


def left_line(copy: ConflictedCopy, why: str) -> str:
    """One line for a conflicted copy that could not be read, so not merged:
    which it is, that it was left where it is, and `why`."""
    return f"{copy.path.name} ({copy.tool}) was left where it is, not merged: {why}"


def merge_command(journal: Path, other: Path) -> str:
    """The `healjournal merge` command that brings `other` into `journal`,
    as it can be typed: it names the journal (--db) unless it is the one
    found by default."""
    from healjournal.storage.paths import default_journal_path

    db = "" if journal == default_journal_path() else f" --db '{journal}'"
    return f"`healjournal{db} merge '{other}'`"
