"""The demo's words, read from `story.toml` next to this module.

The file is read once, through `importlib.resources` (as the tips are), so it
works from a wheel or a zip as well as a checkout. A missing or misspelt
field, or a placeholder nobody can speak, fails on load, naming it, rather
than halfway through building a demo.

The texts are templates that speak of the ex (see healjournal.domain.person);
they are the demo person's own words, so `spoken_story` speaks them in the
writer's voice ("I didn't text my ex") for the person chosen.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from importlib.resources import files
from typing import Any

from healjournal.domain.person import Person, TemplateError, check_template

__all__ = ["RUN", "Phase", "Story", "load_story", "spoken_story"]

#: In the slip day's text, where the days without contact before it go.
RUN = "{run}"

_SOURCE = "story.toml"
_GOALS = frozenset(
    {"no_contact", "outside", "workouts", "posting", "new_person"}
    | {"cook", "cv", "weekend", "five_k"}
)
_DAYS = frozenset({"first", "slip", "after_slip", "slip_urge", "slip_note"})
_BEATS = frozenset(
    {"archived_chat", "cooking_practice", "stopped_posting", "cooked"}
    | {"weekend", "five_k", "cv_day"}
)
_MOMENTS = frozenset({"archived_chat", "cooking_practice"})
_EVERYDAY = frozenset(
    {"friends", "body", "outside", "new_people", "people_again", "closers"}
)
_PHASE = frozenset({"titles", "feelings", "about_them", "one_liners", "mornings"})
_PHASES = 3


@dataclass(frozen=True, slots=True)
class Phase:
    """The pools a reflection draws from in one third of the story."""

    titles: tuple[str, ...]
    """A reflection's first line, now and then."""
    feelings: tuple[str, ...]
    """How the day felt: every longer reflection has one."""
    about_them: tuple[str, ...]
    """A thought about the ex, added to a feeling."""
    one_liners: tuple[str, ...]
    """A short reflection on a day with nothing else to tell."""
    mornings: tuple[str, ...]
    """A reflection written first thing."""


@dataclass(frozen=True, slots=True)
class Story:
    """Every word the demo writes, and when the story's moments happen."""

    goals: Mapping[str, str]
    """The goals' titles, by the builder's name for each."""
    days: Mapping[str, str]
    """The days written by hand, whole; "slip" has a RUN to fill in."""
    beats: Mapping[str, str]
    """What a day's reflection leads with when something happened."""
    moments: Mapping[str, float]
    """When the beats no goal decides happen (0 is the first day, 1 today)."""
    everyday: Mapping[str, tuple[str, ...]]
    """The pools of friends, habits and closing lines."""
    phases: tuple[Phase, ...]
    """The three thirds of the story: raw, wobbly, steadier."""
    work: tuple[tuple[float, str], ...]
    """Work news, in order, each from its moment on."""
    letters: tuple[tuple[float, str], ...]
    """Unsent letters and their moments."""
    urges: tuple[tuple[float, str], ...]
    """Urges written down and their moments."""


@cache
def load_story() -> Story:
    """The story in `story.toml` as written (templates), read once; raises
    ValueError if it is malformed."""
    text = files("healjournal.demo").joinpath(_SOURCE).read_text(encoding="utf-8")
    return parse_story(text)


@cache
def spoken_story(person: Person) -> Story:
    """The story in the demo person's own words, about `person`."""
    return _spoken(load_story(), lambda text: _say(person, text))


def _say(person: Person, text: str) -> str:
    # RUN is filled in later, by the plan: each side of it is spoken alone.
    return RUN.join(person.say(part, mine=True) for part in text.split(RUN))


def _spoken(value: Any, say: Callable[[str], str]) -> Any:
    """`value` (a Story, a Phase or any of their fields) with every text said."""
    if isinstance(value, str):
        return say(value)
    if isinstance(value, Story | Phase):
        return replace(
            value,
            **{f.name: _spoken(getattr(value, f.name), say) for f in fields(value)},
        )
    if isinstance(value, Mapping):
        return {key: _spoken(item, say) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(_spoken(item, say) for item in value)
    return value  # a moment's number


def parse_story(text: str) -> Story:
    """Read a story from TOML text; raises ValueError naming what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{_SOURCE}: {error}") from None
    phases = data.get("phases")
    if not isinstance(phases, list) or len(phases) != _PHASES:
        raise ValueError(f"{_SOURCE}: [[phases]] must be there {_PHASES} times")
    story = Story(
        goals=_table(data, "goals", _GOALS, str),
        days=_table(data, "days", _DAYS, str),
        beats=_table(data, "beats", _BEATS, str),
        moments=_table(data, "moments", _MOMENTS, float),
        everyday=_table(data, "everyday", _EVERYDAY, tuple),
        phases=tuple(
            Phase(**_table({"phases": p}, "phases", _PHASE, tuple)) for p in phases
        ),
        work=_moments(data, "work"),
        letters=_moments(data, "letters"),
        urges=_moments(data, "urges"),
    )
    _spoken(story, _checked)
    return story


def _checked(text: str) -> str:
    """`text`, or ValueError if it has a placeholder nobody can speak."""
    try:
        check_template(text.replace(RUN, ""))
    except TemplateError as error:
        raise ValueError(f"{_SOURCE}: {error}") from None
    return text


def _table(data: dict[str, Any], name: str, keys: frozenset[str], kind: type) -> Any:
    table = data.get(name)
    if not isinstance(table, dict) or table.keys() != keys:
        raise ValueError(f"{_SOURCE}: [{name}] needs exactly {', '.join(sorted(keys))}")
    if kind is tuple:
        return {key: _texts(value, f"{name}.{key}") for key, value in table.items()}
    for key, value in table.items():
        if not isinstance(value, kind):
            raise ValueError(f"{_SOURCE}: {name}.{key} must be a {kind.__name__}")
    return dict(table)


def _texts(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ValueError(f"{_SOURCE}: {where} must be a list of texts")
    if not all(isinstance(item, str) and item for item in value):
        raise ValueError(f"{_SOURCE}: {where} must hold only texts")
    return tuple(value)


def _moments(data: dict[str, Any], name: str) -> tuple[tuple[float, str], ...]:
    items = data.get(name)
    if not isinstance(items, list) or not items:
        raise ValueError(f"{_SOURCE}: [[{name}]] is missing")
    found = []
    for item in items:
        at, text = item.get("at"), item.get("text")
        if not isinstance(at, float) or not 0 <= at <= 1 or not isinstance(text, str):
            raise ValueError(f"{_SOURCE}: each [[{name}]] needs at (0 to 1) and text")
        found.append((at, text))
    return tuple(found)
