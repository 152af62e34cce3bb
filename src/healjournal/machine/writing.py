"""Changing the config file: its comments and order kept, written atomically.

A change is checked before anything is written: the file after it must read
as a good config, and a file that has a mistake already is never written
(the person's own words in it are theirs to mend). The file is replaced as
the journal is (storage/layout.py's write_atomically): mode 0600, in a
folder made 0700 if it is new. A config that is a symbolic link (into a
dotfiles repository, say) keeps its link: the file it points to is replaced.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from healjournal.machine.config import (
    DEFAULT_THEME,
    ConfigError,
    parse_config,
    problem_with,
)
from healjournal.machine.keys import clash, family, key_list, normal

__all__ = ["ConfigSaveFailed", "save_settings"]

#: A good value for each key, to check the name of one to remove.
_ANY_VALUE: dict[str, object] = {
    "theme": DEFAULT_THEME,
    "editor": "vi",
    "lock_minutes": 0,
}

#: One change at a time: the theme and the lock minutes may be saved by two
#: workers at once, and each reads the file before writing it back.
_writing = threading.Lock()


class ConfigSaveFailed(ConfigError):
    """The config file could not be written; it is unchanged."""


def save_settings(path: Path, changes: Mapping[str, object]) -> None:
    """Set each of `changes` in the config at `path` ("theme", "lock_minutes",
    "keys.urge"...); None or "" removes one. Raises ConfigError (the file has
    a mistake, or a value is wrong: nothing written) or ConfigSaveFailed.

    A key is written as Textual names it: "F9" as "f9" (keys.normal)."""
    changes = {
        key: normal(value)
        if key.startswith("keys.") and isinstance(value, str)
        else value
        for key, value in changes.items()
    }
    for key, value in changes.items():
        if value in (None, ""):  # removed: only its name is checked
            value = "f1" if key.startswith("keys.") else _ANY_VALUE.get(key, key)
        if problem := problem_with(key, value):
            raise ConfigError(f"{problem}; {path} is unchanged")
    import tomlkit

    with _writing:
        target = Path(os.path.realpath(path))
        text = _read(target, path)
        # A mistake already there: never written over.
        keys = parse_config(text, path).keys
        taken = _keys_taken(keys)
        for key, value in changes.items():
            if key.startswith("keys.") and isinstance(value, str):
                for one in key_list(value):
                    owner = "keys." + taken.get(one, key.removeprefix("keys."))
                    if owner != key and owner not in changes:
                        raise ConfigError(
                            f"the key {one!r} is {owner}'s already: give each "
                            f"its own; {path} is unchanged"
                        )
        _refuse_a_clash(path, keys, changes)
        document = tomlkit.parse(text)
        for key, value in changes.items():
            _change(document, key, value, path)
        new = tomlkit.dumps(document)
        try:
            parse_config(new, path)
        except ConfigError as error:
            raise ConfigError(f"{error}; {path} is unchanged") from None
        if new == text:
            return
        _write(target, path, new)


def _keys_taken(keys: Mapping[str, str]) -> dict[str, str]:
    """Each key the config's [keys] gives, and the id it is given to."""
    return {one: id_ for id_, value in keys.items() for one in key_list(value)}


def _refuse_a_clash(
    path: Path, keys: Mapping[str, str], changes: Mapping[str, object]
) -> None:
    """Say so if the keys changed take another binding's key where it works."""
    merged = dict(keys)
    for key, value in changes.items():
        if key.startswith("keys."):
            merged.pop(key.removeprefix("keys."), None)
            if isinstance(value, str) and value:
                merged[key.removeprefix("keys.")] = value
    if found := clash(merged):
        binding, key, other = found
        binding = binding if binding in merged else family(binding)
        raise ConfigError(
            f"keys.{binding} takes {key!r}, the key of {other} already: give "
            f"each its own; {path} is unchanged"
        )


def _read(target: Path, path: Path) -> str:
    try:
        return target.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text; it is unchanged") from None
    except OSError as error:
        raise ConfigError(
            f"cannot read the config file {path}: {error.strerror or error}"
        ) from None


def _change(document: Any, key: str, value: object, path: Path) -> None:
    """Set (or, for None or "", remove) `key` in the tomlkit `document`."""
    import tomlkit

    clear = value in (None, "")
    if not key.startswith("keys."):
        if clear:
            document.pop(key, None)
        else:
            document[key] = value
        return
    # "keys.urge.ask": the id urge.ask in [keys], written "urge.ask" = ... (as
    # it is written new), or urge.ask = ... without quotes, a table in TOML.
    binding = key.removeprefix("keys.")
    table = document.get("keys")
    if table is None:
        if clear:
            return
        table = tomlkit.table()
        document["keys"] = table
    place, name, within = _written(table, binding)
    if isinstance(place.get(name), dict):  # urge, with urge.ask unquoted
        if clear:
            return  # it has no key to clear: its ids under it have theirs
        inner = binding + "." + next(iter(place[name]))
        raise ConfigError(
            f"{key} cannot be written while [keys] holds {inner} without "
            f'quotes: write it "{inner}" = ..., in quotes, and try again; '
            f"{path} is unchanged"
        )
    if not clear:
        place[name] = value
        return
    place.pop(name, None)
    for parent, part in reversed(within):  # urge.ask gone: urge too, if empty
        if parent[part]:
            break
        parent.pop(part)


def _written(table: Any, binding: str) -> tuple[Any, str, list[tuple[Any, str]]]:
    """Where [keys] `table` holds `binding`: the table it is in, its name
    there, and the tables on the way ((table, name) each) if it is written
    without quotes (urge.ask: "ask" in the table "urge"); a new one is quoted."""
    if binding in table:
        return table, binding, []
    *outer, last = binding.split(".")
    place, within = table, []
    for part in outer:
        inner = place.get(part)
        if not isinstance(inner, dict):
            return table, binding, []
        within.append((place, part))
        place = inner
    if last in place:
        return place, last, within
    return table, binding, []


def _write(target: Path, path: Path, text: str) -> None:
    from healjournal.storage.files import make_private_folder
    from healjournal.storage.layout import write_atomically

    folder = target.parent
    try:
        if not folder.exists():
            make_private_folder(folder)
        write_atomically(target, text.encode("utf-8"))
    except OSError as error:
        raise ConfigSaveFailed(
            f"could not save the config file {path}: {error.strerror or error}; "
            "it is unchanged"
        ) from None
