"""The review: every figure of "how is it going", gathered in one read.

The app's review screen and `healjournal stats` both show a Review, so the
numbers are computed once, here and in domain/stats.py. No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

from healjournal.domain.dates import week_start
from healjournal.domain.models import (
    Entry,
    EntryKind,
    Goal,
    NoContact,
    Slip,
    Theme,
    Urge,
)
from healjournal.domain.moods import daily_moods, mean, mood_series, mood_trend
from healjournal.domain.person import Person
from healjournal.domain.stats import (
    Heatmap,
    Run,
    Streak,
    ThemeBalance,
    WeekCount,
    WeekMentions,
    heatmap,
    mentions_by_week,
    neglected_themes,
    no_contact_runs,
    no_contact_streak,
    theme_balance,
    urges_by_week,
    words_written,
    writing_streak,
)
from healjournal.storage.journal import Journal
from healjournal.tips import theme_tips

#: The settings key holding the name whose mentions are counted.
NAME_SETTING = "name"
#: The longest name counted (the review's dialog and `healjournal config`).
COUNTED_NAME_LIMIT = 60

#: How far back each part of the review looks.
URGE_WEEKS = 8
MENTION_WEEKS = 12
HEATMAP_WEEKS = 26
MOOD_DAYS = 30
LONG_MOOD_DAYS = 90


@dataclass(frozen=True, slots=True)
class Review:
    """Everything the review shows, as seen on `today`.

    Entries and slips dated after today are left out of every figure, as the
    streaks already do.
    """

    today: date
    #: How many entries, and how many different days have writing.
    entries: int
    days_written: int
    #: Words in all entries, this Monday-based week, and this calendar month.
    words: int
    words_this_week: int
    words_this_month: int
    #: Goals of every kind, archived ones included (for is_empty).
    goals: int
    writing: Streak
    #: None until no contact has a start (or a first slip).
    no_contact: Streak | None
    #: The last contact day no contact was started from, if one was set.
    started: date | None
    #: Every run, oldest first; the last is the current one, ending today.
    runs: tuple[Run, ...]
    slips: tuple[Slip, ...]
    #: Urges per week, the last URGE_WEEKS weeks, oldest first: how many,
    #: how many passed and how many ended in contact (see urges_by_week).
    #: An urge is an urge record or an urge page of its own; the page written
    #: on the urge screen is its urge's, and counts once, with it.
    urges: tuple[WeekCount, ...]
    #: Daily mean moods, oldest first, ending today; None for days without one.
    mood_30: tuple[float | None, ...]
    mood_90: tuple[float | None, ...]
    mood_avg_30: float | None
    #: The 30 days before the last 30, to say whether mood is going up.
    mood_avg_prev_30: float | None
    #: "up", "down", "steady", or "" without enough scores (see mood_trend).
    mood_trend: str
    #: HEATMAP_WEEKS columns of seven HeatDays, Monday first, oldest first.
    heatmap: Heatmap
    balance: tuple[ThemeBalance, ...]
    neglected: tuple[Theme, ...]
    #: One action from the tips for each neglected theme.
    suggestions: tuple[tuple[Theme, str], ...]
    month_ago_day: date
    month_ago: Entry | None
    year_ago_day: date
    year_ago: Entry | None
    #: The name from the settings, and its mentions over MENTION_WEEKS weeks.
    name: str | None
    mentions: tuple[WeekMentions, ...]
    #: Who the journal's writer is getting over: the review's words that
    #: speak of them (the suggestions, the urges' note) are spoken for it.
    person: Person = field(default_factory=Person)

    @property
    def is_empty(self) -> bool:
        """Nothing written, no goals, no urges and no no-contact record yet."""
        return (
            self.entries == 0
            and self.goals == 0
            and self.started is None
            and not self.slips
            and not any(w.logged for w in self.urges)
        )

    def to_json(self) -> dict[str, Any]:
        """The review as plain JSON types, for `healjournal stats --json`.

        Dates are ISO strings ("2026-11-24"), moods are rounded to 2 decimals,
        and every key is always present (null or [] when there is nothing):

        - "today"
        - "writing": "entries", "days_written", "words", "words_this_week",
          "words_this_month", "streak": {"current", "best"}
        - "goals": how many goals there are, archived ones included
        - "no_contact": "current", "best" (null until it starts), "started",
          "slips": [{"day", "note"}], "runs": [{"start", "end", "days"}]
        - "urges": [{"week" (the Monday), "logged", "resisted" (passed),
          "contacted"}]
        - "mood": "last_30", "last_90" (daily means, null for no mood),
          "average_30", "average_previous_30", "trend"
        - "heatmap": [{"week", "days": [{"day", "written", "mood", "future"}]}]
        - "themes": [{"theme", "name", "week", "month", "open_goals",
          "neglected", "suggestion"}]
        - "on_this_day": "month_ago" and "year_ago", each {"day", "entry"},
          where entry is null or {"id", "day", "kind", "title", "preview",
          "mood", "words"}
        - "mentions": "name", "weeks": [{"week", "count"}]
        """
        streak = self.no_contact
        suggestions = dict(self.suggestions)
        return {
            "today": self.today.isoformat(),
            "writing": {
                "entries": self.entries,
                "days_written": self.days_written,
                "words": self.words,
                "words_this_week": self.words_this_week,
                "words_this_month": self.words_this_month,
                "streak": {"current": self.writing.current, "best": self.writing.best},
            },
            "goals": self.goals,
            "no_contact": {
                "current": streak.current if streak else None,
                "best": streak.best if streak else None,
                "started": _iso(self.started),
                "slips": [
                    {"day": s.day.isoformat(), "note": s.note} for s in self.slips
                ],
                "runs": [
                    {
                        "start": r.start.isoformat(),
                        "end": r.end.isoformat(),
                        "days": r.days,
                    }
                    for r in self.runs
                ],
            },
            "urges": [
                {
                    "week": w.week.isoformat(),
                    "logged": w.logged,
                    "resisted": w.resisted,
                    "contacted": w.contacted,
                }
                for w in self.urges
            ],
            "mood": {
                "last_30": [_mood(m) for m in self.mood_30],
                "last_90": [_mood(m) for m in self.mood_90],
                "average_30": _mood(self.mood_avg_30),
                "average_previous_30": _mood(self.mood_avg_prev_30),
                "trend": self.mood_trend,
            },
            "heatmap": [
                {
                    "week": column[0].day.isoformat(),
                    "days": [
                        {
                            "day": d.day.isoformat(),
                            "written": d.written,
                            "mood": _mood(d.mood),
                            "future": d.future,
                        }
                        for d in column
                    ],
                }
                for column in self.heatmap
            ],
            "themes": [
                {
                    "theme": b.theme.value,
                    "name": theme_tips(b.theme).name,
                    "week": b.week,
                    "month": b.month,
                    "open_goals": b.open_goals,
                    "neglected": b.theme in self.neglected,
                    "suggestion": suggestions.get(b.theme),
                }
                for b in self.balance
            ],
            "on_this_day": {
                "month_ago": _on_this_day(self.month_ago_day, self.month_ago),
                "year_ago": _on_this_day(self.year_ago_day, self.year_ago),
            },
            "mentions": {
                "name": self.name,
                "weeks": [
                    {"week": m.week.isoformat(), "count": m.count}
                    for m in self.mentions
                ],
            },
        }


def build_review(
    entries: Iterable[Entry],
    goals: Iterable[Goal],
    no_contact: NoContact,
    settings: Mapping[str, object],
    today: date,
    urges: Iterable[Urge] = (),
) -> Review:
    """Compute the review from the journal's contents, as seen on `today`."""
    written = [e for e in entries if e.day <= today]
    urges = tuple(urges)
    pages = {u.letter_id for u in urges if u.letter_id is not None}
    goals = tuple(goals)
    moods = daily_moods(written)
    mood_60 = mood_series(moods, today, 2 * MOOD_DAYS)
    recent, previous = mood_60[MOOD_DAYS:], mood_60[:MOOD_DAYS]
    balance = theme_balance(goals, today)
    neglected = neglected_themes(balance)
    month_ago_day = today - relativedelta(months=1)
    year_ago_day = today - relativedelta(years=1)
    name = _name(settings)
    person = Person.from_settings(settings)
    return Review(
        today=today,
        entries=len(written),
        days_written=len(moods),
        words=words_written(written),
        words_this_week=words_written(written, week_start(today), today),
        words_this_month=words_written(written, today.replace(day=1), today),
        goals=len(goals),
        writing=writing_streak(moods, today),
        no_contact=no_contact_streak(no_contact, today),
        started=no_contact.started,
        runs=no_contact_runs(no_contact, today),
        slips=tuple(s for s in no_contact.slips if s.day <= today),
        urges=urges_by_week(
            [e for e in written if e.id not in pages],
            no_contact.slips,
            today,
            URGE_WEEKS,
            urges,
        ),
        mood_30=recent,
        mood_90=mood_series(moods, today, LONG_MOOD_DAYS),
        mood_avg_30=mean(recent),
        mood_avg_prev_30=mean(previous),
        mood_trend=mood_trend(recent, previous),
        heatmap=heatmap(moods, today, HEATMAP_WEEKS),
        balance=balance,
        neglected=neglected,
        suggestions=tuple((t, suggestion(t, today, person)) for t in neglected),
        month_ago_day=month_ago_day,
        month_ago=entry_of_the_day(written, month_ago_day),
        year_ago_day=year_ago_day,
        year_ago=entry_of_the_day(written, year_ago_day),
        name=name,
        mentions=mentions_by_week(written, name, today, MENTION_WEEKS) if name else (),
        person=person,
    )


def gather_review(journal: Journal, today: date) -> Review:
    """Read the journal once, consistently, and build its review (off the UI thread)."""
    with journal.reading():
        entries = journal.entries()
        goals = journal.goals(include_archived=True)
        record = journal.no_contact()
        settings = journal.settings()
        urges = journal.urges()
    return build_review(entries, goals, record, settings, today, urges)


def suggestion(theme: Theme, today: date, person: Person | None = None) -> str:
    """One of the theme's actions from the tips, a different one each day,
    spoken for `person` (the default one without)."""
    actions = theme_tips(theme, person or Person()).actions
    return actions[today.toordinal() % len(actions)]


def entry_of_the_day(entries: Iterable[Entry], day: date) -> Entry | None:
    """The entry that best stands for `day`, or None if nothing was written.

    An entry with words beats one without (a mood-only page has nothing to
    reread), then a reflection beats a letter or an urge, then the longest
    wins, then the first written.
    """
    found = [e for e in entries if e.day == day]
    if not found:
        return None
    return min(
        found,
        key=lambda e: (
            e.words == 0,
            e.kind is not EntryKind.REFLECTION,
            -e.words,
            e.id,
        ),
    )


def _name(settings: Mapping[str, object]) -> str | None:
    value = settings.get(NAME_SETTING)
    if not isinstance(value, str) or not value.strip():
        return None
    return " ".join(value.split())


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _mood(mood: float | None) -> float | None:
    return round(mood, 2) if mood is not None else None


def _on_this_day(day: date, entry: Entry | None) -> dict[str, Any]:
    return {
        "day": day.isoformat(),
        "entry": None
        if entry is None
        else {
            "id": entry.id,
            "day": entry.day.isoformat(),
            "kind": entry.kind.value,
            "title": entry.title,
            "preview": entry.preview(80),
            "mood": entry.mood,
            "words": entry.words,
        },
    }
