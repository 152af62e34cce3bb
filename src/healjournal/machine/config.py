"""The config file: where it is, what it may hold, and reading it.

`~/.config/healjournal/config.toml` (platformdirs' user config folder), or
$HEALJOURNAL_CONFIG, or `--config PATH`. A missing file is the defaults. A
file with a mistake raises ConfigError, one line naming the file, the line
and what is wrong; nothing here ever writes it (writing.py does).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from healjournal.errors import HealJournalError
from healjournal.machine.keys import (
    BINDING_KEYS,
    EVERYWHERE,
    PLACES,
    clash,
    family,
    key_list,
    normal,
    typing_use,
)

__all__ = [
    "CONFIG_ENV",
    "DEFAULT_LOCK_MINUTES",
    "DEFAULT_THEME",
    "JOURNAL_KEYS",
    "KNOWN_KEYS",
    "THEMES",
    "Config",
    "ConfigError",
    "Setup",
    "config_path",
    "load_config",
    "load_setup",
    "parse_config",
    "problem_with",
]

CONFIG_ENV = "HEALJOURNAL_CONFIG"
CONFIG_FILE = "config.toml"

#: Textual's colour themes, the app's choices (a pilot test checks they are
#: exactly `App.available_themes`), the default first.
THEMES = (
    "textual-dark",
    "textual-light",
    "nord",
    "gruvbox",
    "catppuccin-mocha",
    "dracula",
    "tokyo-night",
    "monokai",
    "flexoki",
    "catppuccin-latte",
    "catppuccin-frappe",
    "catppuccin-macchiato",
    "solarized-light",
    "solarized-dark",
    "rose-pine",
    "rose-pine-moon",
    "rose-pine-dawn",
    "atom-one-dark",
    "atom-one-light",
    "ansi-dark",
    "ansi-light",
)
DEFAULT_THEME = THEMES[0]
#: Minutes untouched before an encrypted journal locks itself (0: never).
DEFAULT_LOCK_MINUTES = 10
#: The keys a config file may hold, in the order they are shown.
KNOWN_KEYS = ("theme", "editor", "lock_minutes", "keys")
#: The journal's settings `healjournal config` sets too: they travel with
#: the journal, and are never in this file.
JOURNAL_KEYS = ("person", "person_name", "name", "urge_minutes")


class ConfigError(HealJournalError):
    """The config file cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Config:
    """This machine's setup, as the config file gives it (None: not set)."""

    theme: str | None = None
    """A Textual theme's name."""
    editor: str | None = None
    """A command line: "vim", "code --wait"."""
    lock_minutes: int | None = None
    """Minutes untouched before an encrypted journal locks (0: never)."""
    keys: Mapping[str, str] = field(default_factory=dict)
    """Binding id → key string, as App.set_keymap takes it: "f9", "ctrl+u,f9"
    (written "F9" or "Ctrl+U, F9" in the file: see keys.normal)."""


@dataclass(frozen=True, slots=True)
class Setup:
    """The config the app starts with: where it is, what it says, and what
    is wrong with it (the defaults are used then, and the file left alone)."""

    path: Path
    config: Config = field(default_factory=Config)
    problem: str | None = None


def config_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The config file: `--config`, then $HEALJOURNAL_CONFIG, then the user
    config folder's (on Linux ~/.config/healjournal/config.toml)."""
    chosen = override or os.environ.get(CONFIG_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_path

    return user_config_path("healjournal", appauthor=False) / CONFIG_FILE


def load_config(path: Path) -> Config:
    """The config at `path`; the defaults if there is none. Raises ConfigError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as error:
        raise ConfigError(
            f"cannot read the config file {path}: {error.strerror or error}"
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ConfigError(f"{path}, line {line}: not UTF-8 text") from None
    return parse_config(text, path)


def load_setup(path: Path) -> Setup:
    """The config at `path` for the app: the defaults and the problem, if
    the file has a mistake."""
    try:
        return Setup(path, load_config(path))
    except ConfigError as error:
        return Setup(path, Config(), str(error))


def parse_config(text: str, path: Path) -> Config:
    """The config written in `text` (the file `path`'s). Raises ConfigError."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        if found is None:
            raise ConfigError(f"{path}: not valid TOML: {message}") from None
        what = message[: found.start()]
        raise ConfigError(
            f"{path}, line {found[1]}: not valid TOML: "
            f"{what[:1].lower()}{what[1:]} (column {found[2]})"
        ) from None
    for key, value in data.items():
        if key != "keys" and (problem := problem_with(key, value)):
            _fail(text, path, (key,), problem)
    table = data.get("keys", {})
    if not isinstance(table, dict):
        _fail(text, path, ("keys",), _KEYS_TABLE)
    keys: dict[str, object] = {}
    owners: dict[str, str] = {}
    for binding, value in _flat(table):
        if binding in keys:
            _fail(text, path, ("keys", binding), f"keys.{binding} is given twice")
        keys[binding] = value
        if problem := problem_with(f"keys.{binding}", value):
            _fail(text, path, ("keys", binding), problem)
        keys[binding] = value = normal(value)  # type: ignore[arg-type]  # a str
        for key in key_list(value):
            if key in owners and family(owners[key]) != family(binding):
                _fail(
                    text,
                    path,
                    ("keys", binding),
                    f"the key {key!r} is given to both keys.{owners[key]} and "
                    f"keys.{binding}; give each its own",
                )
            owners[key] = binding
    if found := clash(keys):  # type: ignore[arg-type]  # each checked to be a str
        binding, key, other = found
        if binding not in keys:  # it follows another: urge.main follows urge
            binding = family(binding)
        _fail(
            text,
            path,
            ("keys", binding),
            f"keys.{binding} takes {key!r}, the key of {other} already; "
            "give each its own",
        )
    return Config(
        theme=data.get("theme"),
        editor=data.get("editor"),
        lock_minutes=data.get("lock_minutes"),
        keys=keys,  # type: ignore[arg-type]  # each checked to be a str
    )


def _flat(table: Mapping[str, object], prefix: str = "") -> list[tuple[str, object]]:
    """The [keys] table's ids and values: an id with a dot in it (urge.ask)
    written without quotes reads as a table in TOML, and is taken as meant."""
    found: list[tuple[str, object]] = []
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            found.extend(_flat(value, f"{name}."))
        else:
            found.append((name, value))
    return found


_KEYS_TABLE = 'keys must be a table: [keys], then lines like urge = "f9"'
#: What a key may look like: "f9", "ctrl+u", "question_mark", "ctrl+shift+up".
_KEY = re.compile(r"[a-z0-9_]+(\+[a-z0-9_]+)*|[A-Z]|[^\sa-zA-Z0-9,+]")


def problem_with(key: str, value: object) -> str | None:
    """What is wrong with `value` for the config's `key` ("theme",
    "keys.urge"...), in words; None if it is fine."""
    if key == "theme":
        if not isinstance(value, str):
            return 'theme must be a colour theme\'s name in quotes, as "nord"'
        if value not in THEMES:
            return f"theme {value!r} is not one of the themes: {', '.join(THEMES)}"
    elif key == "editor":
        if not isinstance(value, str) or not value.strip():
            return 'editor must be a command in quotes, as "vim" or "code --wait"'
        import shlex

        try:
            shlex.split(value)
        except ValueError as error:
            return f"editor {value!r} is not a command line: {str(error).lower()}"
    elif key == "lock_minutes":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return (
                "lock_minutes must be a whole number of minutes, 0 for never, "
                f"not {_shown(value)}"
            )
    elif key.startswith("keys."):
        binding = key.removeprefix("keys.")
        if binding not in BINDING_KEYS:
            return f"{key} is not one of the app's keys ({_ids_like(binding)})"
        keys = key_list(normal(value)) if isinstance(value, str) else []
        if not keys or not all(_KEY.fullmatch(k) for k in keys):
            return (
                f'{key} must be a key in quotes, as "f9", "ctrl+u" or "ctrl+u,f9", '
                f"not {_shown(value)}"
            )
        if binding in EVERYWHERE:
            return _typing_taken(key, value, keys)  # type: ignore[arg-type]  # a str
    elif key == "keys":
        return _KEYS_TABLE
    elif key in JOURNAL_KEYS:
        return (
            f"{key} is kept in the journal, not here: run "
            f"`healjournal config {key} {_argument(value)}`"
        )
    else:
        return f"unknown key {key!r}; known: {', '.join(KNOWN_KEYS)}"
    return None


def _typing_taken(key: str, value: str, keys: list[str]) -> str | None:
    """Why `keys` cannot be given to `key`, a binding heard while the person
    types (keys.EVERYWHERE), if one of them is a key typing uses; its own
    default (help.key's ?) is fine."""
    binding = key.removeprefix("keys.")
    its_own = {typing_use(one) for one in key_list(BINDING_KEYS[binding])}
    for one in keys:
        what = typing_use(one)
        if what is not None and what not in its_own:
            return (
                f"{key} = {value!r} would take {what} from everything you type; "
                "use a function key or a ctrl+ key"
            )
    return None


def _argument(value: object) -> str:
    """`value` as `healjournal config` takes it on a shell's command line."""
    import shlex

    if isinstance(value, str | int) and not isinstance(value, bool):
        return shlex.quote(str(value))
    return "VALUE"


#: The ids offered when a mistyped one is like none of them: the app's own
#: keys and the main screen's.
_MAIN_IDS = (*PLACES["HealJournalApp"], *PLACES["MainScreen"])


def _ids_like(mistyped: str) -> str:
    import difflib

    like = difflib.get_close_matches(mistyped, BINDING_KEYS, n=3, cutoff=0.55)
    if like:
        return "did you mean " + " or ".join(f"keys.{id_}" for id_ in like) + "?"
    return "the main ones: " + ", ".join(_MAIN_IDS)


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value).lower()


def _fail(text: str, path: Path, where: tuple[str, ...], problem: str) -> None:
    raise ConfigError(f"{path}, line {_line_of(text, where)}: {problem}")


_PART = r'(?:"[^"]*"|\'[^\']*\'|[A-Za-z0-9_-]+)'
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_HEADER = re.compile(rf"\s*\[\s*({_DOTTED})\s*\]")
_ASSIGNMENT = re.compile(rf"\s*({_DOTTED})\s*=")


def _line_of(text: str, where: tuple[str, ...]) -> int:
    """The line that sets `where` (("keys", "urge") for keys.urge), or a table
    it is in: tomllib gives no positions for what it read without a fault."""
    # "urge.ask" quoted, or urge.ask as a dotted key: the same parts.
    where = tuple(part for name in where for part in name.split("."))
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        if header := _HEADER.match(line):
            table = _parts(header[1])
            if table[: len(where)] == where:  # [colour], or [keys] for keys
                return number
        elif assignment := _ASSIGNMENT.match(line):
            found = table + _parts(assignment[1])
            # keys.urge = ..., or keys = { urge = ... } for keys.urge
            shorter = min(len(found), len(where))
            if found[:shorter] == where[:shorter]:
                return number
    return 1


def _parts(dotted: str) -> tuple[str, ...]:
    names = (
        part[1:-1] if part[:1] in "\"'" else part for part in re.findall(_PART, dotted)
    )
    return tuple(part for name in names for part in name.split("."))
