"""The demo's plan: what happens on each day, before a word is written.

Which days are written, when each goal is set, ticked, done or put away, and
which of the story's moments (`story.toml`) fall on which day.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from healjournal.demo.story import RUN, Story
from healjournal.domain.models import EntryKind, GoalKind, Theme
from healjournal.domain.person import Person
from healjournal.tips import load_tips

__all__ = [
    "Day",
    "Deck",
    "GoalPlan",
    "InOrder",
    "plan_goals",
    "plan_story",
    "plan_ticks",
]


@dataclass
class Day:
    """What happens on one day of the demo."""

    day: date
    index: int
    written: bool = True
    mood_shift: float = 0.0
    script: str | None = None  # the whole reflection, written by hand
    headline: str | None = None  # what the reflection leads with
    details: list[str] = field(default_factory=list)
    extras: list[tuple[EntryKind, str]] = field(default_factory=list)


@dataclass
class GoalPlan:
    """A goal the demo sets, and what happens to it."""

    theme: Theme
    title: str
    kind: GoalKind
    created: int  # day index
    due: date | None = None
    done: int | None = None  # day index of a one-off's tick
    beat: str | None = None  # what that day's reflection leads with
    lift: float = 0.0  # how much the day's mood goes up
    archived: int | None = None  # day index it was put away
    ticks: list[date] = field(default_factory=list)


class Deck:
    """Hands out items in shuffled order, reshuffling only when all are used."""

    def __init__(self, rng: random.Random, items: Sequence[str]) -> None:
        self._rng = rng
        self._items = list(items)
        self._left: list[str] = []

    def draw(self) -> str:
        """The next item."""
        if not self._left:
            self._left = self._items[:]
            self._rng.shuffle(self._left)
        return self._left.pop()


class InOrder:
    """Hands out items in order, each once; then draws from `after`, if any."""

    def __init__(self, items: Sequence[str], after: Deck | None = None) -> None:
        self._left = list(reversed(items))
        self._after = after

    def draw(self) -> str | None:
        """The next item; None when all are used and there is no `after`."""
        if self._left:
            return self._left.pop()
        return self._after.draw() if self._after else None


def _starter(theme: Theme, kind: GoalKind, title: str, person: Person) -> str:
    """A starter goal's title from the tips, spoken for `person`: `title` if it
    is listed, else the first of its kind in the theme, else `title` itself."""
    goals = next((t.goals for t in load_tips(person) if t.theme is theme), ())
    if any(g.title == title for g in goals):
        return title
    return next((g.title for g in goals if g.kind is kind), title)


def plan_goals(
    story: Story,
    plan: list[Day],
    at: Callable[[float], int],
    free: Callable[[int], int],
    person: Person | None = None,
) -> list[GoalPlan]:
    """The goals, when each is set, and when the one-offs are done; the
    starter goals' titles spoken for `person` (the default one without)."""
    titles, beats = story.goals, story.beats
    starter = partial(_starter, person=person or Person())
    last = len(plan) - 1
    cv_created = at(0.45)
    cv_due = min(cv_created + 14, last - 2)
    # The weekend away is written up on a Sunday evening, if there is one free.
    weekend = at(0.7)
    sunday = weekend - (plan[weekend].day.weekday() + 1) % 7
    while sunday > at(0.5) and free(sunday) != sunday:
        sunday -= 7
    weekend = sunday if sunday > at(0.5) else free(weekend)
    return [
        GoalPlan(
            Theme.NO_CONTACT,
            starter(Theme.NO_CONTACT, GoalKind.DAILY, titles["no_contact"]),
            GoalKind.DAILY,
            created=0,
        ),
        GoalPlan(
            Theme.LIFE,
            starter(Theme.LIFE, GoalKind.DAILY, titles["outside"]),
            GoalKind.DAILY,
            created=at(0.04),
        ),
        GoalPlan(
            Theme.BODY,
            starter(Theme.BODY, GoalKind.WEEKLY, titles["workouts"]),
            GoalKind.WEEKLY,
            created=at(0.1),
        ),
        GoalPlan(
            Theme.SOCIAL,
            titles["posting"],
            GoalKind.DAILY,
            created=at(0.13),
            beat=beats["stopped_posting"],
            lift=0.3,
            archived=free(at(0.3)),
        ),
        GoalPlan(
            Theme.PEOPLE,
            starter(Theme.PEOPLE, GoalKind.WEEKLY, titles["new_person"]),
            GoalKind.WEEKLY,
            created=at(0.22),
        ),
        GoalPlan(
            Theme.GOAL,
            starter(Theme.GOAL, GoalKind.ONCE, titles["cook"]),
            GoalKind.ONCE,
            created=at(0.33),
            done=free(at(0.56)),
            beat=beats["cooked"],
            lift=0.6,
        ),
        GoalPlan(
            Theme.CAREER,
            starter(Theme.CAREER, GoalKind.ONCE, titles["cv"]),
            GoalKind.ONCE,
            created=cv_created,
            due=plan[cv_due].day,
        ),
        GoalPlan(
            Theme.LIFE,
            starter(Theme.LIFE, GoalKind.ONCE, titles["weekend"]),
            GoalKind.ONCE,
            created=at(0.5),
            done=weekend,
            beat=beats["weekend"],
            lift=0.8,
        ),
        GoalPlan(
            Theme.BODY,
            titles["five_k"],
            GoalKind.ONCE,
            created=at(0.4),
            done=free(at(0.86)),
            beat=beats["five_k"],
            lift=1.0,
        ),
    ]


def plan_ticks(
    rng: random.Random, goals: list[GoalPlan], plan: list[Day], slip: int
) -> None:
    """Daily habits ticked on about 60% of days (more as time goes on), weekly
    ones once or twice most weeks, one-offs on the day they were done."""
    last = len(plan) - 1
    for goal in goals:
        end = goal.archived if goal.archived is not None else last - 1
        if goal.kind is GoalKind.ONCE:
            if goal.done is not None:
                goal.ticks.append(plan[goal.done].day)
        elif goal.kind is GoalKind.DAILY:
            for i in range(goal.created, end + 1):
                if goal.theme is Theme.NO_CONTACT and i == slip:
                    continue
                chance = 0.5 if goal.theme is Theme.SOCIAL else 0.45 + 0.3 * i / last
                if rng.random() < chance:
                    goal.ticks.append(plan[i].day)
        else:
            weeks: dict[tuple[int, int], list[int]] = {}
            for i in range(goal.created, end + 1):
                weeks.setdefault(plan[i].day.isocalendar()[:2], []).append(i)
            counts = (0, 1, 1, 2, 2) if goal.theme is Theme.BODY else (0, 1, 1, 1, 2)
            for indexes in weeks.values():
                wanted = min(rng.choice(counts), len(indexes))
                goal.ticks += [plan[i].day for i in sorted(rng.sample(indexes, wanted))]


def plan_story(
    story: Story,
    rng: random.Random,
    plan: list[Day],
    goals: list[GoalPlan],
    at: Callable[[float], int],
    free: Callable[[int], int],
    slip: int,
) -> None:
    """Put the story's days, beats, habits, letters and urges on their days."""
    beats, everyday = story.beats, story.everyday
    plan[0].script = story.days["first"]
    plan[0].mood_shift = -5
    run = (plan[slip].day - plan[0].day).days - 1
    plan[slip].script = story.days["slip"].replace(RUN, str(run))
    plan[slip].mood_shift -= 1.3
    plan[slip + 1].script = story.days["after_slip"]
    plan[slip + 1].mood_shift -= 0.6

    _lead(plan[free(at(story.moments["archived_chat"]))], beats["archived_chat"])
    plan[free(at(story.moments["cooking_practice"]))].details.append(
        beats["cooking_practice"]
    )
    for goal in goals:
        moment = goal.done if goal.done is not None else goal.archived
        if goal.beat is not None and moment is not None:
            _lead(plan[moment], goal.beat)
            plan[moment].mood_shift += goal.lift
        if goal.due is not None and not goal.ticks:
            due = plan[(goal.due - plan[0].day).days]
            due.details.append(beats["cv_day"])

    # What the habits looked like on the days they were ticked.
    by_day = {d.day: d for d in plan}
    body, outside = Deck(rng, everyday["body"]), Deck(rng, everyday["outside"])
    people = InOrder(everyday["new_people"], Deck(rng, everyday["people_again"]))
    for goal in goals:
        for tick in goal.ticks:
            day = by_day[tick]
            if goal.theme is Theme.BODY and goal.kind is GoalKind.WEEKLY:
                if day.headline != beats["five_k"]:
                    day.details.append(body.draw())
                day.mood_shift += 0.3
            elif goal.theme is Theme.PEOPLE:
                day.details.append(people.draw() or "")
                day.mood_shift += 0.2
            elif (
                goal.theme is Theme.LIFE
                and goal.kind is GoalKind.DAILY
                and rng.random() < 0.2  # now and then a walk worth mentioning
            ):
                day.details.append(outside.draw())

    # Unsent letters and urges: more of them early, fewer as things settle.
    for fraction, letter in story.letters:
        plan[at(fraction)].extras.append((EntryKind.LETTER, letter))
    for fraction, urge in story.urges:
        plan[at(fraction)].extras.append((EntryKind.URGE, urge))
    plan[slip].extras.insert(0, (EntryKind.URGE, story.days["slip_urge"]))
    for day in plan:
        if not day.written:
            day.headline = None
            day.details.clear()
            day.extras.clear()


def _lead(day: Day, text: str) -> None:
    """Make `text` what the day's reflection opens with (or next, if taken)."""
    if day.headline is None:
        day.headline = text
    else:
        day.details.insert(0, text)
