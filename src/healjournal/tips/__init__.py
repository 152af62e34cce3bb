"""The seven themes' advice, actions, prompts and starter goals, and the tip of the day.

The copy lives in `tips.toml` next to this module and is read once, through
`importlib.resources`, so it works from a wheel or a zip as well as a checkout.
Pure Python: no Textual, no TinyDB.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

from healjournal.domain.models import Entry, Goal, GoalKind, Theme

__all__ = [
    "BANNED_PHRASES",
    "DailyTip",
    "StarterGoal",
    "ThemeTips",
    "TipsError",
    "all_copy",
    "banned_phrases_in",
    "journal_start",
    "load_tips",
    "parse_tips",
    "theme_tips",
    "tip_for",
]

#: Lower-case phrases that must never appear in the app's copy: healjournal is
#: about living for yourself, never about winning anyone back or shaming anyone.
#: tests/unit/test_copy.py checks every string in the app and the tips.
BANNED_PHRASES: tuple[str, ...] = (
    "make him miss you",
    "win him back",
    "get him back",
    "make him jealous",
    "revenge body",
    "show him what he's missing",
    "show him what he is missing",
    "ex back",
    "win back",
    "make him regret",
    "he'll regret",
    "he will regret",
    "he'll come running",
    "come crawling back",
    "loser",
    "pathetic",
    "desperate",
    "needy",
    "clingy",
    "get over yourself",
    # Shame: a slip is a Tuesday, not a verdict.
    "you failed",
    "failed again",
    "a failure",
    "weak",
    "weakness",
    "ashamed",
    "shameful",
    "shame on you",
    "your fault",
    "stupid",
    "idiot",
    "crazy",
    "psycho",
    "obsessed",
    "relapse",
    "no excuses",
    "get over it",
    "move on already",
    "should have known better",
    "hopeless",
)

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
    #: Things to do instead of texting him, offered on the urge screen.
    instead: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DailyTip:
    """The theme, action and reflection prompt shown for one day."""

    day: date
    theme: ThemeTips
    action: str
    prompt: str


def parse_tips(text: str) -> tuple[ThemeTips, ...]:
    """Parse and check tips copy in TOML; return the seven themes in Theme order.

    Raises TipsError, naming the theme and field, if anything is missing,
    duplicated, empty, out of range or of the wrong type.
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
def load_tips() -> tuple[ThemeTips, ...]:
    """The packaged tips, read and checked once, in Theme order."""
    text = files(__name__).joinpath(_SOURCE).read_text(encoding="utf-8")
    return parse_tips(text)


def theme_tips(theme: Theme) -> ThemeTips:
    """The tips for one theme."""
    return _by_theme()[Theme(theme)]


def tip_for(day: date, start: date | None = None) -> DailyTip:
    """The tip shown on `day`: the same every time, a new theme each day.

    `start` is the journal's first day (see journal_start): it shows the
    first theme, a life of your own, and the others follow in order, so a new
    user never meets the optional social theme first. Without a start the
    themes follow the calendar. Seven consecutive days cover the seven themes;
    each week moves every theme on to its next action and prompt, so all of
    them come round in time.
    """
    themes = load_tips()
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
    """Every user-facing string in the tips, for checking the tone."""
    copy: list[str] = []
    for tips in load_tips():
        copy += [tips.name, tips.summary, *tips.advice, *tips.actions, *tips.prompts]
        copy += [goal.title for goal in tips.goals]
        if tips.note:
            copy.append(tips.note)
        copy += [*tips.urge_lines, *tips.instead]
    return copy


def banned_phrases_in(text: str) -> list[str]:
    """The BANNED_PHRASES found in `text`, as whole words, ignoring case."""
    folded = text.casefold().replace("\u2019", "'")
    return [
        phrase for phrase in BANNED_PHRASES if _phrase_pattern(phrase).search(folded)
    ]


@cache
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    # Whole words only, so "closer" does not count as "loser".
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


@cache
def _by_theme() -> dict[Theme, ThemeTips]:
    return {tips.theme: tips for tips in load_tips()}


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
    return value.strip()


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
        items.append(item.strip())
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
        goals.append(StarterGoal(title=title.strip(), kind=kinds[kind]))
    return tuple(goals)
