"""The numbers a glance shows: no-contact days, writing streaks, milestones.

Every figure the app or the command line shows is computed here, once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from healjournal.domain.dates import week_start
from healjournal.domain.models import (
    MILESTONES,
    Entry,
    EntryKind,
    Goal,
    NoContact,
    Slip,
    Theme,
    Urge,
)
from healjournal.domain.moods import mood_level


@dataclass(frozen=True, slots=True)
class Streak:
    """A run of days: how long it is now and the longest it has been."""

    current: int
    best: int


def no_contact_streak(record: NoContact, today: date) -> Streak | None:
    """Days since the last contact, and the longest run without any.

    Day N means N whole days have passed since the last contact: contact
    yesterday makes today day 1, a slip today makes it day 0. A finished run
    keeps the count it had reached on the day of the slip, the number the
    person saw that morning. None until no contact has a start (a first slip
    also starts it).
    """
    days = sorted({s.day for s in record.slips if s.day <= today})
    if record.started is not None and record.started <= today:
        days = sorted(set(days) | {record.started})
    # Contacts before the start do not shorten anything: only the runs after
    # the first known contact count.
    if not days:
        return None
    current = (today - days[-1]).days
    finished = [(b - a).days for a, b in pairwise(days)]
    return Streak(current=current, best=max([current, *finished]))


def milestones_reached(days: int) -> tuple[int, ...]:
    """The milestones (7, 14, 30... days) a run of `days` has passed."""
    return tuple(m for m in MILESTONES if m <= days)


def next_milestone(days: int) -> int | None:
    """The next milestone ahead of a run of `days`, or None past the last."""
    return next((m for m in MILESTONES if m > days), None)


def ticks_this_week(goals: Iterable[Goal], today: date) -> int:
    """How many times goals were ticked in today's Monday-based week."""
    week = today.isocalendar()[:2]
    return sum(
        1
        for goal in goals
        if not goal.archived
        for tick in goal.ticks
        if tick <= today and tick.isocalendar()[:2] == week
    )


def writing_streak(days_written: Iterable[date], today: date) -> Streak:
    """Consecutive days with writing, ending today or yesterday, and the best run.

    A streak is still alive on a day not yet written: it only breaks once a
    whole day passes without a word.
    """
    written = sorted({d for d in days_written if d <= today})
    best = run = 0
    previous: date | None = None
    for day in written:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        best = max(best, run)
        previous = day
    alive = previous is not None and (today - previous).days <= 1
    return Streak(current=run if alive else 0, best=best)


# -- writing ------------------------------------------------------------------


def words_written(
    entries: Iterable[Entry], start: date | None = None, end: date | None = None
) -> int:
    """Words in the entries dated from `start` to `end`, both included."""
    return sum(
        _words(entry)
        for entry in entries
        if (start is None or entry.day >= start) and (end is None or entry.day <= end)
    )


# Counting words means splitting every text: years of pages took most of a
# review's time. Entries are immutable and the journal hands out the same
# object until a page changes, so each count is kept with the entry it is for.
_WORD_COUNTS: dict[int, tuple[Entry, int]] = {}


def _words(entry: Entry) -> int:
    known = _WORD_COUNTS.get(entry.id)
    if known is not None and known[0] is entry:
        return known[1]
    count = entry.words
    _WORD_COUNTS[entry.id] = (entry, count)
    return count


# -- no contact runs ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """One stretch of no contact, counted like the Day N counter.

    `start` is the contact day it counts from (day 0), `end` the next contact
    day, or today for the run still going, and `days` is `end - start`: the
    count the person saw on `end`.
    """

    start: date
    end: date
    days: int


def no_contact_runs(record: NoContact, today: date) -> tuple[Run, ...]:
    """Every run of no contact, oldest first; the last one is the current run.

    The same numbers as no_contact_streak: the last run's `days` is the
    streak's `current` (0 after a slip today) and the longest run is its
    `best`. Empty when no_contact_streak is None.
    """
    days = _contact_days(record, today)
    if not days:
        return ()
    ends = [*days[1:], today]
    return tuple(
        Run(start=a, end=b, days=(b - a).days) for a, b in zip(days, ends, strict=True)
    )


def _contact_days(record: NoContact, today: date) -> list[date]:
    # The contact days no_contact_streak counts from: the start and every
    # slip, up to today, each day once.
    days = {s.day for s in record.slips if s.day <= today}
    if record.started is not None and record.started <= today:
        days.add(record.started)
    return sorted(days)


# -- urges --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Urges in one Monday-based week: how many, how many passed, how many won.

    `resisted` counts the urges that passed without contact, `contacted` the
    ones that ended in contact; urges still open (or left without an answer)
    are in `logged` only.
    """

    week: date
    logged: int
    resisted: int
    contacted: int = 0


def urges_by_week(
    entries: Iterable[Entry],
    slips: Iterable[Slip],
    today: date,
    weeks: int,
    urges: Iterable[Urge] = (),
) -> tuple[WeekCount, ...]:
    """Urges per week for the `weeks` weeks ending with this one, oldest first.

    Two kinds of record count. An Urge (from the urge screen) says how it
    ended: it passed when its outcome is "resisted", it won when "contacted",
    and one still open counts as logged only. An older urge *entry* has no
    outcome, so it is guessed from the record as before: resisted unless a
    slip was logged on its day, contacted if one was. Days after today are
    left out.
    """
    slip_days = {s.day for s in slips}
    this_week = week_start(today)
    mondays = [this_week - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    logged = dict.fromkeys(mondays, 0)
    resisted = dict.fromkeys(mondays, 0)
    contacted = dict.fromkeys(mondays, 0)
    for entry in entries:
        monday = week_start(entry.day)
        if (
            entry.kind is not EntryKind.URGE
            or entry.day > today
            or monday not in logged
        ):
            continue
        logged[monday] += 1
        if entry.day in slip_days:
            contacted[monday] += 1
        else:
            resisted[monday] += 1
    for urge in urges:
        monday = week_start(urge.day)
        if urge.day > today or monday not in logged:
            continue
        logged[monday] += 1
        resisted[monday] += urge.passed
        contacted[monday] += urge.contacted
    return tuple(WeekCount(m, logged[m], resisted[m], contacted[m]) for m in mondays)


# -- themes -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ThemeBalance:
    """How much one theme got done: ticks this week and this month, goals open."""

    theme: Theme
    week: int
    month: int
    open_goals: int


def theme_balance(goals: Iterable[Goal], today: date) -> tuple[ThemeBalance, ...]:
    """All seven themes in Theme order, with their ticks and open goals.

    `week` counts ticks from this Monday to today, `month` from the first of
    this month to today: on Tuesday 1 December, Monday's tick counts in the
    week but not the month. Ticks of archived goals still count, because they
    happened (unlike ticks_this_week, which counts active goals only). A goal
    is open when it is not archived and not done as seen today (Goal.done_for).
    """
    monday = week_start(today)
    first = today.replace(day=1)
    week = dict.fromkeys(Theme, 0)
    month = dict.fromkeys(Theme, 0)
    open_goals = dict.fromkeys(Theme, 0)
    for goal in goals:
        for tick in set(goal.ticks):
            if tick <= today:
                week[goal.theme] += tick >= monday
                month[goal.theme] += tick >= first
        if not goal.archived and not goal.done_for(today):
            open_goals[goal.theme] += 1
    return tuple(
        ThemeBalance(theme, week[theme], month[theme], open_goals[theme])
        for theme in Theme
    )


#: Themes the tips call optional: never nagged about unless the person chose
#: them by keeping a goal open there.
OPTIONAL_THEMES: frozenset[Theme] = frozenset({Theme.SOCIAL})


def neglected_themes(
    balance: Iterable[ThemeBalance], optional: Collection[Theme] = OPTIONAL_THEMES
) -> tuple[Theme, ...]:
    """The themes with no tick on any goal from the first of this month to today.

    A theme in `optional` (by default the social one, which the tips say to
    skip without a second thought) is only listed while it has an open goal.
    Themes with no goals at all are listed: they are the ones to suggest. In
    the order of `balance`.
    """
    return tuple(
        b.theme
        for b in balance
        if b.month == 0 and (b.theme not in optional or b.open_goals > 0)
    )


# -- mentions -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekMentions:
    """How many times a name came up in one Monday-based week's writing."""

    week: date
    count: int


def fold(text: str) -> str:
    """`text` without accents and case, for matching: "Zoë" -> "zoe"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare.casefold())


def name_pattern(name: str) -> re.Pattern[str] | None:
    """A pattern for `name` as whole words in folded text; None for no name.

    The words of the name may be separated by any run of spaces or line
    breaks, so "Sam  Lee" matches "sam lee"; "Sam" never matches "Samantha".
    """
    words = [re.escape(word) for word in fold(name).split()]
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def mentions_by_week(
    entries: Iterable[Entry], name: str, today: date, weeks: int
) -> tuple[WeekMentions, ...]:
    """How often `name` appears in each of the `weeks` weeks ending with this one.

    Oldest first. Whole words only, ignoring case and accents, in the title
    and body of every kind of entry; each appearance counts.
    """
    this_week = week_start(today)
    mondays = [this_week - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    counts = dict.fromkeys(mondays, 0)
    pattern = name_pattern(name)
    if pattern is not None:
        for entry in entries:
            monday = week_start(entry.day)
            if monday in counts and entry.day <= today:
                counts[monday] += len(pattern.findall(fold(entry.text)))
    return tuple(WeekMentions(m, counts[m]) for m in mondays)


# -- heatmap ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeatDay:
    """One square of the heatmap."""

    day: date
    written: bool
    mood: float | None
    future: bool

    @property
    def level(self) -> int | None:
        """The mood as a whole 1 to 5 for colouring, or None."""
        return mood_level(self.mood)


#: Columns of seven days, Monday first, oldest week first.
Heatmap = tuple[tuple[HeatDay, ...], ...]


def heatmap(
    moods: Mapping[date, float | None], today: date, weeks: int = 26
) -> Heatmap:
    """The `weeks` Monday-based weeks ending with this one, seven days each.

    A day is written when it is in `moods` (see daily_moods); the days of this
    week after today are `future` and never written.
    """
    first = week_start(today) - timedelta(weeks=weeks - 1)
    columns: list[tuple[HeatDay, ...]] = []
    for w in range(max(weeks, 0)):
        column = []
        for d in range(7):
            day = first + timedelta(days=7 * w + d)
            future = day > today
            written = day in moods and not future
            column.append(
                HeatDay(day, written, moods.get(day) if written else None, future)
            )
        columns.append(tuple(column))
    return tuple(columns)
