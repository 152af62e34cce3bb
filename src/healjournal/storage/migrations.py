"""Schema versions of the journal file and the steps that upgrade them.

Version 0 is a TinyDB file without a `meta` table (a journal written by hand
or by an early tool); version 1 adds `meta` with the schema version and the
id counters that keep ids from ever being reused; version 2 gives letters and
urges one shape (see `letter_record`); version 3 gives every record but a
setting its identity, a "uid" (see `_v2_to_v3`). Each step takes the raw tables of one
version and returns those of the next, and never changes them in place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from healjournal.domain.models import find_tags
from healjournal.errors import JournalUnreadable
from healjournal.storage.atomic import unreadable_message

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    from typing import Any

    from healjournal.storage.layout import Tables


SCHEMA_VERSION = 3
META = "meta"
META_ID = "1"
DATA_TABLES = ("entries", "goals", "nocontact", "settings")
#: The tables healjournal writes: a file with none of them is not a journal.
OUR_TABLES = (META, *DATA_TABLES, "urges")


def schema_version(tables: Tables | None) -> int:
    """The schema version recorded in `tables` (0 when there is no meta).

    Raises ValueError if the meta record is damaged (see `meta_problem`).
    """
    if not tables or META not in tables:
        return 0
    meta = tables[META].get(META_ID, {})
    problem = meta_problem(meta)
    if problem:
        raise ValueError(problem)
    return meta["schema_version"]


def meta_problem(meta: dict[str, Any]) -> str | None:
    """What is wrong with the meta record, or None: its schema_version is a
    whole number from 1 and its id counters (next_id, which every change that
    adds a record reads) whole numbers from 1, by table."""
    version = meta.get("schema_version")
    if type(version) is not int or version < 1:
        return f"its schema_version is {version!r}, not a positive number"
    counters = meta.get("next_id", {})
    if type(counters) is not dict:
        return f"its id counters (meta next_id) are {counters!r}, not an object"
    for name, counter in counters.items():
        if type(counter) is not int or counter < 1:
            return (
                f"the id counter of {name!r} (meta next_id) is {counter!r}, "
                "not a positive number"
            )
    return None


def check_ours(tables: Tables, path: object) -> None:
    """Raise JournalUnreadable for a file with none of healjournal's tables
    (`{}`, another program's TinyDB file): it is never adopted as a journal."""
    if not any(name in tables for name in OUR_TABLES):
        raise JournalUnreadable(
            f"this is not a healjournal journal: {path} has none of its tables "
            f"({', '.join(OUR_TABLES)}). It was left untouched; name a "
            "healjournal journal, or a file not made yet to start one"
        )


def new_meta(tables: Tables) -> dict[str, Any]:
    """A meta record whose counters start past every id already used."""
    return {
        "schema_version": SCHEMA_VERSION,
        "next_id": {
            name: max((int(i) for i in tables.get(name, {})), default=0) + 1
            for name in DATA_TABLES
        },
    }


def _v0_to_v1(tables: Tables) -> Tables:
    upgraded = {name: dict(table) for name, table in tables.items()}
    if not upgraded.get("_default"):
        upgraded.pop("_default", None)  # TinyDB's empty default table: noise
    upgraded[META] = {META_ID: new_meta(upgraded) | {"schema_version": 1}}
    return upgraded


_WRITTEN = ("letter", "urge")


def letter_record(doc: dict[str, Any], *, urge_page: bool) -> dict[str, Any] | None:
    """An entry record as schema 2 has it; None for a letter with no words.

    - The page written on the urge screen (`urge_page`: an urge points to
      it), saved as a letter before, is an urge: `kind:urge` finds it.
    - A letter's or an urge's first line is not a title: all its words are
      its body, as the editor shows them (title, a line break, body).
    - A letter or an urge with no words, mood or star is not a page.

    Any other record (a reflection, or one too damaged to tell) is returned
    as it is, for the full read to judge. Shared by the migration and the
    import of exports made before schema 2.
    """
    kind = doc.get("kind")
    title, body = doc.get("title", ""), doc.get("body")
    if kind not in _WRITTEN or not isinstance(title, str) or not isinstance(body, str):
        return doc
    text = f"{title}\n{body}" if title and body else title or body
    if not text.strip() and doc.get("mood") is None and not doc.get("starred"):
        return None
    changed = dict(doc, title="", body=text)
    if kind == "letter" and urge_page:
        changed["kind"] = "urge"
    if title:
        changed["tags"] = list(find_tags(text))
    return changed


def urge_pages(urges: object) -> set[int]:
    """The ids of the entries that urge records point to as their page."""
    found = set()
    for urge in urges if isinstance(urges, list) else []:
        letter_id = urge.get("letter_id") if isinstance(urge, dict) else None
        if type(letter_id) is int:
            found.add(letter_id)
    return found


def _v1_to_v2(tables: Tables) -> Tables:
    upgraded = {name: dict(table) for name, table in tables.items()}
    entries = upgraded.get("entries", {})
    urges = upgraded.get("urges", {})
    pages = urge_pages(list(urges.values()))
    for key, doc in tables.get("entries", {}).items():
        if not isinstance(doc, dict):
            continue  # damaged: the full read says so
        record = letter_record(doc, urge_page=key.isdigit() and int(key) in pages)
        if record is None:
            del entries[key]
        elif record is not doc:
            entries[key] = record
    for key, urge in urges.items():
        letter_id = urge.get("letter_id") if isinstance(urge, dict) else None
        if type(letter_id) is int and str(letter_id) not in entries:
            urges[key] = dict(urge, letter_id=None)  # its empty page is gone
    meta = upgraded.get(META, {}).get(META_ID)
    if isinstance(meta, dict):
        upgraded[META] = {**upgraded[META], META_ID: {**meta, "schema_version": 2}}
    return upgraded


#: The tables whose records have a uid: a setting's identity is its key.
UID_TABLES = ("entries", "goals", "nocontact", "urges")
#: The namespace of the uids the upgrade to schema 3 gives (uuid5).
_UPGRADE_UIDS = "8d3c2f4e-7a51-4b9e-9c0d-2e6f1a7b5c93"


def _v2_to_v3(tables: Tables) -> Tables:
    """Every record of UID_TABLES without a uid gets one, first in the record.

    Not a random one: a UUID made from the table, the record's id and when it
    was made, so two copies of one journal upgraded apart (on two machines)
    give each record the same uid and a merge knows them for the same record;
    and a journal read twice without being saved (read-only) reads the same.
    Records made after the copies diverged differ in when they were made.
    """
    from uuid import UUID, uuid5  # only to upgrade: importing uuid costs ~5 ms

    namespace = UUID(_UPGRADE_UIDS)
    upgraded = {name: dict(table) for name, table in tables.items()}
    for name in UID_TABLES:
        table = upgraded.get(name, {})
        for key, doc in tables.get(name, {}).items():
            if isinstance(doc, dict) and "uid" not in doc:
                made = doc.get("created") or doc.get("at") or doc.get("day")
                table[key] = {
                    "uid": str(uuid5(namespace, f"{name}/{key}/{made}")),
                    **doc,
                }
    meta = upgraded.get(META, {}).get(META_ID)
    if isinstance(meta, dict):
        upgraded[META] = {**upgraded[META], META_ID: {**meta, "schema_version": 3}}
    return upgraded


#: MIGRATIONS[n] turns version n into version n + 1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
    2: _v2_to_v3,
}


def migrate(tables: Tables, path: object) -> tuple[Tables, int]:
    """Upgrade `tables` to SCHEMA_VERSION; return them and the version found.

    A newer version than this program knows is refused: guessing would risk
    the user's words; so is a file with none of our tables (`check_ours`).
    """
    try:
        found = schema_version(tables)
    except ValueError as error:
        message = unreadable_message(Path(str(path)), str(error))
        raise JournalUnreadable(message) from None
    if not found:
        check_ours(tables, path)
    if found > SCHEMA_VERSION:
        raise JournalUnreadable(
            f"the journal {path} was written by a newer healjournal (schema "
            f"{found}; this one knows up to {SCHEMA_VERSION}). It was left "
            "untouched: upgrade healjournal to open it"
        )
    version = found
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
    return tables, found
