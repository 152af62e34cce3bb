"""The seven themes' advice, actions, prompts and starter goals, and the tip of the day.

The copy lives in `tips.toml` next to this module and is read once, through
`importlib.resources`, so it works from a wheel or a zip as well as a checkout.
Pure Python: no Textual, no TinyDB.

Copy that speaks of the ex is a template ("If {they} {writes|write}, you don't
owe {them} a quick reply": see healjournal.domain.person), checked when it is
read. It is spoken in one place, `spoken(person)` on a ThemeTips, DailyTip or
StarterGoal: `load_tips`, `theme_tips` and `tip_for` return the copy spoken
for the person they are given (the default, "him", when none is), and
`tip_templates` the templates as written. Starter goals become the person's
own goals, so their titles are spoken in the writer's voice ("A day without
contacting my ex"); everything else in the reader's ("your ex's chat").
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

from healjournal.domain.models import Entry, Goal, GoalKind, Theme
from healjournal.domain.person import Person, TemplateError, check_template
from healjournal.tips.tone import BANNED_PHRASES, banned_phrases, banned_phrases_in

__all__ = [
    "BANNED_PHRASES",
    "DailyTip",
    "StarterGoal",
    "ThemeTips",
    "TipsError",
    "all_copy",
    "banned_phrases",
    "banned_phrases_in",
    "journal_start",
    "load_tips",
    "parse_tips",
    "theme_tips",
    "tip_for",
    "tip_templates",
]

#: Who the copy speaks of when a caller names nobody: the brief's "him".
_DEFAULT = Person()

_SOURCE = "tips.toml"

#: The fields a theme table may have, and how many items each list needs.
_TEXT_FIELDS = ("name", "summary")
_LIST_COUNTS: dict[str, tuple[int, int | None]] = {
    "advice": (1, None),
    "actions": (3, 5),
    "prompts": (2, 3),
}
_MIN_GOALS = 3
#: Lists a theme may leave out (the no-contact theme has them).
_OPTIONAL_LISTS = ("urge_lines", "instead")
_KNOWN_FIELDS = frozenset(
    {"id", *_TEXT_FIELDS, *_LIST_COUNTS, "goals", "note", *_OPTIONAL_LISTS},
)


class TipsError(ValueError):
    """The tips copy is malformed; the message names the theme and the field."""


@dataclass(frozen=True, slots=True)
class StarterGoal:
    """A goal the app suggests for a theme, ready to add in one keystroke."""

    title: str
    kind: GoalKind

    def spoken(self, person: Person) -> StarterGoal:
        """This goal as the person's own: its title in the writer's voice."""
        return StarterGoal(person.say(self.title, mine=True), self.kind)


@dataclass(frozen=True, slots=True)
class ThemeTips:
    """Everything the app says about one theme."""

    theme: Theme
    name: str
    summary: str
    advice: tuple[str, ...]
    actions: tuple[str, ...]
    prompts: tuple[str, ...]
    goals: tuple[StarterGoal, ...]
    note: str = ""
    #: Lines for the moment the urge hits, one per urge on the urge screen.
    urge_lines: tuple[str, ...] = ()
    #: Things to do instead of texting the ex, offered on the urge screen.
    instead: tuple[str, ...] = ()

    def spoken(self, person: Person) -> ThemeTips:
        """This theme's copy spoken for `person`; the goals in the writer's voice."""

        def say(texts: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(person.say(text) for text in texts)

        return ThemeTips(
            theme=self.theme,
            name=person.say(self.name),
            summary=person.say(self.summary),
            advice=say(self.advice),
            actions=say(self.actions),
            prompts=say(self.prompts),
            goals=tuple(goal.spoken(person) for goal in self.goals),
            note=person.say(self.note),
            urge_lines=say(self.urge_lines),
            instead=say(self.instead),
        )


@dataclass(frozen=True, slots=True)
class DailyTip:
    """The theme, action and reflection prompt shown for one day."""

    day: date
    theme: ThemeTips
    action: str
    prompt: str

    def spoken(self, person: Person) -> DailyTip:
        """This day's tip spoken for `person` (see ThemeTips.spoken)."""
        return DailyTip(
            day=self.day,
            theme=self.theme.spoken(person),
            action=person.say(self.action),
            prompt=person.say(self.prompt),
        )


def parse_tips(text: str) -> tuple[ThemeTips, ...]:
    """Parse and check tips copy in TOML; return the seven themes in Theme order,
    as templates.

    Raises TipsError, naming the theme and field, if anything is missing,
    duplicated, empty, out of range or of the wrong type, or has a placeholder
    nobody can speak.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TipsError(f"{_SOURCE}: not valid TOML: {error}") from None
    tables = data.get("theme")
    if not isinstance(tables, list) or not tables:
        raise TipsError(f"{_SOURCE}: no [[theme]] tables found")

    known = {theme.value: theme for theme in Theme}
    found: dict[Theme, ThemeTips] = {}
    for position, table in enumerate(tables, start=1):
        if not isinstance(table, dict):
            raise TipsError(f"{_SOURCE}: theme #{position} is not a table")
        theme_id = table.get("id")
        if not isinstance(theme_id, str) or not theme_id.strip():
            raise TipsError(f"{_SOURCE}: theme #{position} has no id")
        if theme_id not in known:
            raise TipsError(
                f"{_SOURCE}: theme {theme_id!r} has an unknown id; "
                f"use one of {', '.join(known)}"
            )
        theme = known[theme_id]
        if theme in found:
            raise TipsError(f"{_SOURCE}: theme {theme_id!r} appears more than once")
        found[theme] = _parse_theme(theme, table)

    missing = [theme.value for theme in Theme if theme not in found]
    if missing:
        names = ", ".join(repr(m) for m in missing)
        verb = "themes {} are" if len(missing) > 1 else "theme {} is"
        raise TipsError(f"{_SOURCE}: {verb.format(names)} missing")
    return tuple(found[theme] for theme in Theme)


@cache
def tip_templates() -> tuple[ThemeTips, ...]:
    """The packaged tips as written, templates and all, read and checked once,
    in Theme order."""
    text = files(__name__).joinpath(_SOURCE).read_text(encoding="utf-8")
    return parse_tips(text)


@cache
def load_tips(person: Person = _DEFAULT) -> tuple[ThemeTips, ...]:
    """The packaged tips spoken for `person`, in Theme order."""
    return tuple(tips.spoken(person) for tips in tip_templates())


def theme_tips(theme: Theme, person: Person = _DEFAULT) -> ThemeTips:
    """The tips for one theme, spoken for `person`."""
    return _by_theme(person)[Theme(theme)]


def tip_for(
    day: date, start: date | None = None, person: Person = _DEFAULT
) -> DailyTip:
    """The tip shown on `day`: the same every time, a new theme each day.

    `start` is the journal's first day (see journal_start): it shows the
    first theme, a life of your own, and the others follow in order, so a new
    user never meets the optional social theme first. Without a start the
    themes follow the calendar. Seven consecutive days cover the seven themes;
    each week moves every theme on to its next action and prompt, so all of
    them come round in time. The tip is spoken for `person`.
    """
    themes = load_tips(person)
    ordinal = (day - start).days if start is not None else day.toordinal()
    tips = themes[ordinal % len(themes)]
    week = ordinal // len(themes)
    return DailyTip(
        day=day,
        theme=tips,
        action=tips.actions[week % len(tips.actions)],
        prompt=tips.prompts[week % len(tips.prompts)],
    )


def journal_start(entries: Iterable[Entry], goals: Iterable[Goal], today: date) -> date:
    """The day the themes start from: when the first page or goal was written.

    When, not the day a page is for: a page written today for last week still
    makes today the first day. A journal with neither starts today.
    """
    written = [e.created for e in entries]
    written += [g.created for g in goals if g.created is not None]
    return min(min(written).date(), today) if written else today


def all_copy() -> list[str]:
    """Every user-facing string in the tips as written (templates and all),
    for checking the tone."""
    copy: list[str] = []
    for tips in tip_templates():
        copy += [tips.name, tips.summary, *tips.advice, *tips.actions, *tips.prompts]
        copy += [goal.title for goal in tips.goals]
        if tips.note:
            copy.append(tips.note)
        copy += [*tips.urge_lines, *tips.instead]
    return copy


@cache
def _by_theme(person: Person) -> dict[Theme, ThemeTips]:
    return {tips.theme: tips for tips in load_tips(person)}


def _parse_theme(theme: Theme, table: dict[str, Any]) -> ThemeTips:
    where = f"{_SOURCE}: theme {theme.value!r}"
    unknown = sorted(set(table) - _KNOWN_FIELDS)
    if unknown:
        raise TipsError(f"{where} has an unknown field {unknown[0]!r}")

    texts = {name: _text(table, name, where) for name in _TEXT_FIELDS}
    lists: dict[str, tuple[str, ...]] = {}
    for name, (low, high) in _LIST_COUNTS.items():
        items = _texts(table, name, where)
        if len(items) < low or (high is not None and len(items) > high):
            needs = f"{low} to {high}" if high is not None else f"at least {low}"
            raise TipsError(f"{where} has {len(items)} {name}; needs {needs}")
        lists[name] = items

    note = table.get("note", "")
    if not isinstance(note, str):
        raise TipsError(f"{where} field 'note' must be text")
    _template(note, f"{where} field 'note'")
    optional = {
        name: _texts(table, name, where) if name in table else ()
        for name in _OPTIONAL_LISTS
    }

    return ThemeTips(
        theme=theme,
        name=texts["name"],
        summary=texts["summary"],
        advice=lists["advice"],
        actions=lists["actions"],
        prompts=lists["prompts"],
        goals=_goals(table, where),
        note=note.strip(),
        urge_lines=optional["urge_lines"],
        instead=optional["instead"],
    )


def _text(table: dict[str, Any], name: str, where: str) -> str:
    if name not in table:
        raise TipsError(f"{where} has no {name}")
    value = table[name]
    if not isinstance(value, str):
        raise TipsError(f"{where} field {name!r} must be text")
    if not value.strip():
        raise TipsError(f"{where} has an empty {name}")
    return _template(value.strip(), f"{where} field {name!r}")


def _texts(table: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    if name not in table:
        raise TipsError(f"{where} has no {name}")
    value = table[name]
    if not isinstance(value, list):
        raise TipsError(f"{where} field {name!r} must be a list of text")
    items: list[str] = []
    for index, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip():
            raise TipsError(f"{where} {name} #{index} is empty or not text")
        items.append(_template(item.strip(), f"{where} {name} #{index}"))
    return tuple(items)


def _goals(table: dict[str, Any], where: str) -> tuple[StarterGoal, ...]:
    if "goals" not in table:
        raise TipsError(f"{where} has no goals")
    value = table["goals"]
    if not isinstance(value, list):
        raise TipsError(f"{where} field 'goals' must be a list of tables")
    if len(value) < _MIN_GOALS:
        raise TipsError(f"{where} has {len(value)} goals; needs at least {_MIN_GOALS}")
    kinds = {kind.value: kind for kind in GoalKind}
    goals: list[StarterGoal] = []
    for index, goal in enumerate(value, start=1):
        if not isinstance(goal, dict):
            raise TipsError(f"{where} goals #{index} must be a table")
        title = goal.get("title")
        if not isinstance(title, str) or not title.strip():
            raise TipsError(f"{where} goals #{index} has no title")
        kind = goal.get("kind")
        if not isinstance(kind, str) or kind not in kinds:
            raise TipsError(
                f"{where} goals #{index} has kind {kind!r}; "
                f"use one of {', '.join(kinds)}"
            )
        title = _template(title.strip(), f"{where} goals #{index}")
        goals.append(StarterGoal(title=title, kind=kinds[kind]))
    return tuple(goals)


def _template(text: str, where: str) -> str:
    """`text` if every placeholder in it can be spoken; else TipsError saying
    where it is."""
    try:
        check_template(text)
    except TemplateError as error:
        raise TipsError(f"{where}: {error}") from None
    return text
