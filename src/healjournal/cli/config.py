"""`healjournal config`: every setting and where it comes from, or one changed.

This machine's settings (theme, editor, lock_minutes, keys.ID) are in the
config file; the journal's (person, person_name, name, urge_minutes) travel
with the journal. A config file with a mistake is one line on stderr and exit
code 2, whatever was asked; a bad value changes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

from healjournal.cli import opening
from healjournal.cli.parser import EXIT_OK
from healjournal.errors import InputError
from healjournal.machine.config import (
    DEFAULT_LOCK_MINUTES,
    DEFAULT_THEME,
    JOURNAL_KEYS,
    KNOWN_KEYS,
    Config,
    config_path,
    load_config,
)
from healjournal.machine.editor import SET_AN_EDITOR, editor_choice

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping

#: The config file's settings, and the journal's, in the order shown.
MACHINE = tuple(key for key in KNOWN_KEYS if key != "keys")  # keys.ID apart
JOURNAL = JOURNAL_KEYS

#: A setting's value, and where it comes from: "default", "config file"...
Row = tuple[str, str, str]


def run(args: argparse.Namespace) -> int:
    """Print every setting, print one, or change one."""
    path = config_path(getattr(args, "config", None))
    config = load_config(path)  # a mistake: one line, exit 2
    key, value = args.key, args.value
    if key is not None and not _known(key):
        raise InputError(
            f"unknown setting {key!r}; the settings: {', '.join(MACHINE)}, "
            f"keys.ID (a key's id, as keys.urge), {', '.join(JOURNAL)}"
        )
    if key is None:
        _show_all(args, path, config)
    elif value is None:
        print(_value_of(args, config, key))
    elif key in JOURNAL:
        _set_in_journal(args, key, value)
    else:
        _set_in_config(path, key, value)
    return EXIT_OK


def _known(key: str) -> bool:
    if key.startswith("keys."):
        from healjournal.machine.keys import BINDING_KEYS

        if key.removeprefix("keys.") not in BINDING_KEYS:
            from healjournal.machine.config import problem_with

            raise InputError(str(problem_with(key, "f1")))
        return True
    return key in MACHINE or key in JOURNAL


# -- showing ------------------------------------------------------------------


def _show_all(args: argparse.Namespace, path: Path, config: Config) -> None:
    journal = opening.journal_file(args)
    settings, hidden = _journal_settings(args, journal)
    rows = _machine_rows(config, settings or {})
    rows += [(key, key_, "config file") for key, key_ in _keys_rows(config)]
    if settings is not None:
        rows += _journal_rows(settings)
    width = max(len(key) for key, _, _ in rows)
    values = max(len(value or "(none)") for _, value, _ in rows)
    made = "" if path.exists() else " (not made yet)"
    lines = [
        f"{'config file':<{width}}  {path}{made}",
        f"{'journal':<{width}}  {journal}"
        + ("" if journal.exists() else " (not made yet)"),
        "",
    ]
    lines += [
        f"{key:<{width}}  {value or '(none)':<{values}}  {source}"
        for key, value, source in rows
    ]
    if hidden:
        lines.append(f"{', '.join(JOURNAL)}: {hidden}")
    from healjournal.domain.visible import visible

    # A name or an editor's command line may hold anything: marks, not escapes.
    print(visible("\n".join(lines)))


def _value_of(args: argparse.Namespace, config: Config, key: str) -> str:
    if key.startswith("keys."):
        from healjournal.machine.keys import BINDING_KEYS

        binding = key.removeprefix("keys.")
        return config.keys.get(binding, BINDING_KEYS[binding])
    if key in JOURNAL:
        journal = opening.open_journal(args, read_only=True)
        try:
            settings = journal.settings()
        finally:
            journal.close()
        rows = _journal_rows(settings)
    else:
        rows = _machine_rows(config, _plain_settings(args))
    return next(value for name, value, _ in rows if name == key)


def _plain_settings(args: argparse.Namespace) -> Mapping[str, object]:
    """The journal's settings, if they can be read without a passphrase."""
    settings, _ = _journal_settings(args, opening.journal_file(args), ask=False)
    return settings or {}


def _journal_settings(
    args: argparse.Namespace, path: Path, *, ask: bool = True
) -> tuple[Mapping[str, object] | None, str | None]:
    """The journal's settings, or None and why they cannot be shown."""
    if not path.exists():
        return {}, None
    if opening.encrypted(path):
        from healjournal.cli.prompts import PASSPHRASE_FILE_ENV, has_terminal

        if not ask:
            return None, "behind the journal's passphrase"
        if not os.environ.get(PASSPHRASE_FILE_ENV) and not has_terminal():
            return None, (
                "behind the journal's passphrase, and there is no terminal to ask "
                f"for it (set {PASSPHRASE_FILE_ENV} to a file holding it)"
            )
    journal = opening.open_journal(args, read_only=True)
    try:
        return journal.settings(), None
    finally:
        journal.close()


def _machine_rows(config: Config, settings: Mapping[str, object]) -> list[Row]:
    """theme, editor and lock_minutes: the config's, else the journal's from
    before the config file (moved on the next change), else the defaults."""
    from healjournal.machine.moving import moved_values

    old = moved_values(settings)
    moving = "journal (moves to the config file when healjournal next saves)"
    if config.theme is not None:
        theme = (config.theme, "config file")
    elif "theme" in old:
        theme = (str(old["theme"]), moving)
    else:
        theme = (DEFAULT_THEME, "default")
    if config.lock_minutes is not None:
        lock = (str(config.lock_minutes), "config file")
    elif "lock_minutes" in old:
        lock = (str(old["lock_minutes"]), moving)
    else:
        lock = (str(DEFAULT_LOCK_MINUTES), "default")
    editor = editor_choice(config.editor) or ("not set", SET_AN_EDITOR)
    if editor[1] == "the config's editor":
        editor = (editor[0], "config file")
    return [("theme", *theme), ("editor", *editor), ("lock_minutes", *lock)]


def _keys_rows(config: Config) -> list[tuple[str, str]]:
    return [(f"keys.{binding}", key) for binding, key in config.keys.items()]


def _journal_rows(settings: Mapping[str, object]) -> list[Row]:
    from healjournal.domain.person import (
        PERSON_NAME_SETTING,
        PERSON_SETTING,
        Person,
    )
    from healjournal.insight.figures import NAME_SETTING
    from healjournal.insight.urge import URGE_MINUTES_SETTING, urge_minutes

    person = Person.from_settings(settings)
    name = settings.get(NAME_SETTING)
    name = " ".join(name.split()) if isinstance(name, str) else ""
    minutes = urge_minutes(settings)

    def source(key: str, value: object) -> str:
        return "journal" if settings.get(key) == value and value != "" else "default"

    person_name = (person.name, source(PERSON_NAME_SETTING, person.name))
    if person.who == "ex" and (kept := _kept_name(settings)):
        person_name = (kept, "journal, not used with “your ex”")
    return [
        ("person", person.who, source(PERSON_SETTING, person.who)),
        ("person_name", *person_name),
        ("name", name, source(NAME_SETTING, settings.get(NAME_SETTING) or "")),
        ("urge_minutes", str(minutes), source(URGE_MINUTES_SETTING, minutes)),
    ]


def _kept_name(settings: Mapping[str, object]) -> str:
    """The person's name the journal keeps, used or not ("" if none)."""
    from healjournal.domain.person import PERSON_NAME_SETTING, check_name

    name = settings.get(PERSON_NAME_SETTING)
    try:
        return check_name(name) if isinstance(name, str) else ""
    except ValueError:
        return ""


# -- changing -----------------------------------------------------------------


def _set_in_config(path: Path, key: str, value: str) -> None:
    from healjournal.machine.writing import save_settings

    new: object = value
    if key.startswith("keys."):
        from healjournal.machine.keys import normal

        value = new = normal(value)  # "F9": f9, as the file will have it
    if key == "lock_minutes" and value != "":
        try:
            new = int(value)
        except ValueError:
            new = value  # save_settings says what is wrong with it
    save_settings(path, {key: new})
    print(f"{key}: {value}, in {path}" if value else f"{key}: cleared, in {path}")


def _set_in_journal(args: argparse.Namespace, key: str, value: str) -> None:
    from healjournal.domain.person import (
        PERSON_NAME_SETTING,
        PERSON_SETTING,
        WHO,
        check_name,
        check_who,
    )
    from healjournal.insight.figures import COUNTED_NAME_LIMIT, NAME_SETTING
    from healjournal.insight.urge import MAX_MINUTES, URGE_MINUTES_SETTING

    new: object = value
    try:
        if not value.strip():
            new = ""  # cleared: the default again
        elif key == "person":
            new = check_who(value)
        elif key == "person_name":
            new = check_name(value)
        elif key == "name":
            new = " ".join(value.split())
            if len(new) > COUNTED_NAME_LIMIT:
                raise ValueError(
                    f"a name of at most {COUNTED_NAME_LIMIT} characters, please"
                )
        else:
            new = int(value) if value.strip().isdigit() else 0
            if not 1 <= new <= MAX_MINUTES:
                raise ValueError(
                    f"urge_minutes must be a whole number of minutes from 1 to "
                    f"{MAX_MINUTES}, not {value!r}"
                )
    except ValueError as error:
        raise InputError(f"{error}; nothing was changed") from None
    setting = {
        "person": PERSON_SETTING,
        "person_name": PERSON_NAME_SETTING,
        "name": NAME_SETTING,
        "urge_minutes": URGE_MINUTES_SETTING,
    }[key]
    journal = opening.open_journal(args)
    try:
        if new == "":
            journal.delete_setting(setting)
        else:
            journal.set_setting(setting, new)
        settings = journal.settings()
    finally:
        journal.close()
    shown = f"{key}: {new}" if new != "" else f"{key}: cleared"
    print(f"{shown}, in the journal {journal.path}")
    # A name with ex is kept, so the two may be set in either order, and
    # said to be unused: the app says "your ex".
    ex = settings.get(PERSON_SETTING) == "ex" and key in ("person", "person_name")
    if ex and (kept := _kept_name(settings)):
        *some, last = (who for who in WHO if who != "ex")  # he, she or they
        print(
            f"The name {kept} is kept but not used: with ex the app says "
            f"“your ex”. Choose {', '.join(some)} or {last} to have it used, as "
            f"`healjournal config person {last}`."
        )
