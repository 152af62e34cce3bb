"""The demo's words: each planned day turned into text, written to the journal.

Every entry, goal, tick and slip is added with the clock set to its moment,
so the `created` stamps fall on the right day and in time order.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, tzinfo
from functools import partial

from healjournal.clock import FrozenClock
from healjournal.demo.plan import Day, Deck, GoalPlan
from healjournal.demo.story import Story
from healjournal.domain.models import EntryKind, find_tags
from healjournal.storage.journal import Journal

__all__ = ["moment", "write_journal"]


def moment(
    day: date, hour: int, minute: int, second: int, tz: tzinfo | None
) -> datetime:
    """That time of `day` in `tz`."""
    naive = datetime.combine(day, time(hour, minute, second))
    # Without a zone, the local one *for that date*, so summer time stays summer.
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()


class _Writer:
    """Turns a planned day into the text of its reflection."""

    def __init__(
        self,
        story: Story,
        rng: random.Random,
        last: int,
        at: Callable[[float], int],
    ) -> None:
        self._rng = rng
        self._last = last
        self._decks = {
            name: [Deck(rng, getattr(phase, name)) for phase in story.phases]
            for name in ("feelings", "about_them", "titles", "one_liners", "mornings")
        }
        self._friends = Deck(rng, story.everyday["friends"])
        self._closers = Deck(rng, story.everyday["closers"])
        self._work = [(at(fraction), text) for fraction, text in story.work]

    def _draw(self, name: str, phase: int) -> str:
        return self._decks[name][phase].draw()

    def reflection(self, day: Day) -> tuple[str, bool]:
        """The day's reflection, and whether it was written in the morning."""
        rng = self._rng
        if day.script is not None:
            return day.script, False
        phase = min(2, 3 * day.index // self._last)
        details = [d for d in day.details if d]
        if rng.random() < 0.25:
            friend = self._friends.draw()
            if not set(find_tags(friend)) & set(find_tags(*details)):
                details.append(friend)
        if self._work and self._work[0][0] <= day.index and rng.random() < 0.12:
            details.append(self._work.pop(0)[1])
        lead = [day.headline] if day.headline else []
        if not lead and not details and rng.random() < 0.12:
            return self._draw("mornings", phase), True
        size = rng.choices(("short", "medium", "long"), weights=(2, 5, 3))[0]
        if size == "short" and not lead and not details:
            return self._draw("one_liners", phase), False

        feeling = self._draw("feelings", phase)
        if size == "long" or lead or len(details) > 1:
            paragraphs = [*lead, feeling]
            if rng.random() < (0.8, 0.5, 0.2)[phase]:
                paragraphs[-1] += " " + self._draw("about_them", phase)
            if details:
                paragraphs.append(" ".join(details))
            if rng.random() < 0.6:
                paragraphs.append(self._closers.draw())
            text = "\n\n".join(paragraphs)
        else:
            sentences = [feeling, *details]
            if rng.random() < 0.4:
                sentences.append(self._closers.draw())
            text = " ".join(sentences)
        if rng.random() < 0.35:
            text = f"{self._draw('titles', phase)}\n{text}"
        return text, False


def _mood(rng: random.Random, day: Day, last: int) -> int | None:
    """Low at first, drifting up with noise, dipping around the slip."""
    if day.script is None and rng.random() < 0.05:
        return None  # some days you don't feel like scoring it
    value = 1.5 + 2.7 * day.index / last + rng.gauss(0, 0.55) + day.mood_shift
    return min(5, max(1, round(value)))


def write_journal(
    story: Story,
    journal: Journal,
    writer: FrozenClock,
    rng: random.Random,
    plan: list[Day],
    goals: list[GoalPlan],
    slip: int,
    at: Callable[[float], int],
    tz: tzinfo | None,
) -> None:
    """Add everything, day by day and in time order, with the clock set to
    each moment so the `created` stamps fall on the right day."""
    last = len(plan) - 1
    words = _Writer(story, rng, last, at)
    five_k, slip_urge = story.beats["five_k"], story.days["slip_urge"]
    starred = {0, *(d.index for d in plan if d.headline == five_k)}
    # One quiet good day in the last stretch earns a star too.
    late = [
        d.index
        for d in plan[2 * last // 3 : last]
        if d.written and not d.script and d.index not in starred
    ]
    if late:
        starred.add(rng.choice(late))

    goal_ids: dict[int, int] = {}
    for day in plan:
        events: list[tuple[datetime, Callable[[], object]]] = []

        for number, goal in enumerate(goals):
            if goal.created == day.index:

                def make(goal: GoalPlan = goal, number: int = number) -> None:
                    made = journal.add_goal(goal.title, goal.theme, goal.kind, goal.due)
                    goal_ids[number] = made.id

                when = moment(day.day, 19, rng.randrange(60), rng.randrange(60), tz)
                events.append((when, make))

        if day.index == 0:
            when = moment(day.day, 23, 30, 0, tz)
            events.append((when, partial(journal.start_no_contact, day.day)))
        if day.index == slip:
            when = moment(day.day, 22, 15, rng.randrange(60), tz)
            note = story.days["slip_note"]
            events.append((when, partial(journal.log_slip, day.day, note)))

        if day.written:
            text, morning = words.reflection(day)
            hour = rng.randrange(7, 9) if morning else rng.randrange(20, 23)
            when = moment(day.day, hour, rng.randrange(60), rng.randrange(60), tz)
            if day.script is not None:  # the big days are written late at night
                when = moment(day.day, 22, 40, rng.randrange(60), tz)
            add = partial(
                journal.add_entry,
                text,
                day=day.day,
                mood=_mood(rng, day, last),
                starred=day.index in starred,
            )
            events.append((when, add))
            for kind, extra in day.extras:
                hour = 23 if kind is EntryKind.URGE else rng.randrange(21, 23)
                minute = 48 if extra.startswith("11:48pm") else rng.randrange(60)
                when = moment(day.day, hour, minute, rng.randrange(60), tz)
                if extra == slip_urge:
                    when = moment(day.day, 21, 40, 0, tz)
                add = partial(journal.add_entry, extra, day=day.day, kind=kind)
                events.append((when, add))

        events.sort(key=lambda event: event[0])
        for when, action in events:
            writer.set(when)
            action()

    writer.set(moment(plan[last].day, 7, 0, 0, tz))
    for number, goal in enumerate(goals):
        for tick in goal.ticks:
            journal.tick_goal(goal_ids[number], tick)
        if goal.archived is not None:
            journal.archive_goal(goal_ids[number])
    journal.set_setting("welcomed", True)
    journal.set_setting("demo", True)
