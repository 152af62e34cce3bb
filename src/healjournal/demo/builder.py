"""Building the demo journal: the plan, then the words, in one transaction."""

from __future__ import annotations

import random
import tempfile
from datetime import date, timedelta, tzinfo
from pathlib import Path

from healjournal.clock import Clock, FrozenClock, get_clock
from healjournal.demo.plan import Day, plan_goals, plan_story, plan_ticks
from healjournal.demo.story import spoken_story
from healjournal.demo.writing import moment, write_journal
from healjournal.domain.person import PERSON_NAME_SETTING, PERSON_SETTING, Person
from healjournal.storage.journal import Journal

__all__ = ["MIN_DAYS", "build_demo_journal", "demo_journal_path"]

#: The shortest demo that still has room for a slip and a streak.
MIN_DAYS = 14


def build_demo_journal(
    path: Path,
    today: date,
    *,
    days: int = 90,
    seed: int = 7,
    tz: tzinfo | None = None,
    clock: Clock | None = None,
    person: Person | None = None,
) -> Journal:
    """Write a new, clearly fictional journal at `path` covering the `days` days
    that end with `today`, and return it opened.

    Today is left blank, so the app opens on an empty page. Everything is saved
    in one transaction. `tz` is the zone of the `created` stamps (default: the
    local zone); `clock` is the returned journal's clock (default: the global
    one). `person` is who the demo's writer is getting over: every word
    speaks of them, and the journal's settings keep the choice, as the
    welcome would (the default, "him", keeps no setting, so its file is the
    one it always was). Raises ValueError if `path` exists or `days` is under
    MIN_DAYS.
    """
    person = person or Person()
    path = Path(path)
    if path.exists():
        raise ValueError(f"{path} already exists; the demo only writes a new journal")
    if days < MIN_DAYS:
        raise ValueError(f"a demo needs at least {MIN_DAYS} days, not {days}")

    rng = random.Random(seed)
    start = today - timedelta(days=days - 1)
    last = days - 1  # today's index: left blank
    plan = [Day(start + timedelta(days=i), i) for i in range(days)]
    plan[last].written = False

    def at(fraction: float) -> int:
        return min(max(round(fraction * last), 1), last - 1)

    slip = last - min(40, last // 2)
    scripted = {0, slip, slip + 1}

    def free(index: int) -> int:
        """`index`, or the next day after it that has no hand-written script."""
        while index in scripted and index < last - 1:
            index += 1
        return index

    story = spoken_story(person)
    goals = plan_goals(story, plan, at, free, person)

    # About one day in ten goes unwritten, never one that carries the story.
    moments = [*story.moments.values(), *(when for when, _ in story.letters)]
    moments += [when for when, _ in story.urges]
    fixed = {*scripted, *range(last - 6, last), *(free(at(f)) for f in moments)}
    fixed |= {g.done for g in goals if g.done is not None}
    fixed |= {g.archived for g in goals if g.archived is not None}
    candidates = [i for i in range(1, last) if i not in fixed]
    for i in rng.sample(candidates, min(len(candidates), round(days * 0.1))):
        plan[i].written = False

    plan_ticks(rng, goals, plan, slip)
    plan_story(story, rng, plan, goals, at, free, slip)

    writer = FrozenClock(moment(start, 20, 0, 0, tz))
    journal = Journal.open(path, clock=writer)
    with journal.transaction():
        write_journal(story, journal, writer, rng, plan, goals, slip, at, tz)
        if person != Person():
            journal.set_setting(PERSON_SETTING, person.who)
            if person.name:
                journal.set_setting(PERSON_NAME_SETTING, person.name)
    journal.close()
    return Journal.open(path, clock=clock or get_clock())


def demo_journal_path() -> Path:
    """A fresh journal path in a new private temporary folder, so the demo never
    touches the real journal. The caller removes the folder when done."""
    return Path(tempfile.mkdtemp(prefix="healjournal-demo-")) / "journal.json"
