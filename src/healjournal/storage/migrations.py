"""Schema versions of the journal file and the steps that upgrade them.

Version 0 is a TinyDB file without a `meta` table (a journal written by hand
or by an early tool); version 1 adds `meta` with the schema version and the
id counters that keep ids from ever being reused. Each step takes the raw
tables of one version and returns those of the next.
"""

from __future__ import annotations

from collections.abc import Callable

from healjournal.errors import JournalUnreadable

TYPE_CHECKING = False  # typing is for the type checker only (see cli.py)
if TYPE_CHECKING:
    from typing import Any

    from healjournal.storage.layout import Tables


SCHEMA_VERSION = 1
META = "meta"
META_ID = "1"
DATA_TABLES = ("entries", "goals", "nocontact", "settings")


def schema_version(tables: Tables | None) -> int:
    """The schema version recorded in `tables` (0 when there is no meta)."""
    if not tables or META not in tables:
        return 0
    meta = tables[META].get(META_ID, {})
    version = meta.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(f"its schema_version is {version!r}, not a positive number")
    return version


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


#: MIGRATIONS[n] turns version n into version n + 1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {0: _v0_to_v1}


def migrate(tables: Tables, path: object) -> tuple[Tables, int]:
    """Upgrade `tables` to SCHEMA_VERSION; return them and the version found.

    A newer version than this program knows is refused: guessing would risk
    the user's words.
    """
    try:
        found = schema_version(tables)
    except ValueError as error:
        raise JournalUnreadable(
            f"cannot read the journal {path}: {error}. It was left untouched"
        ) from None
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
