"""`healjournal stats`: the review printed with Rich, or as JSON.

Every figure comes from the Review; this module only lays it out. It writes
to the console it is given and nothing else, imports no Textual, and stays
readable without colour: moods are told apart by the height of their marks,
not only by their colour.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from healjournal.cli import charts
from healjournal.domain.person import Person
from healjournal.domain.visible import visible
from healjournal.insight.encouragement import on_your_mind
from healjournal.insight.figures import Review
from healjournal.tips import theme_tips

__all__ = [
    "EMPTY_MESSAGE",
    "SECTIONS",
    "URGES_EMPTY",
    "Section",
    "glance",
    "print_review",
    "review_json",
    "review_sections",
    "urges_empty",
]

#: What an empty journal shows instead of a wall of zeros.
EMPTY_MESSAGE = (
    "Nothing to look back on yet, and that's fine. Once you write a page, "
    "tick a goal or start counting no-contact days, this is where your "
    "streaks, your mood line, your themes and your urges (and how many "
    "passed) will show up."
)

#: The urges section before any urge: what it is for, and how to log one
#: (after "When she's on your mind": see urges_empty).
URGES_EMPTY = (
    ", F8 in the app gives you a countdown and "
    "a page to say it all; each urge shows up here, with how many passed."
)

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_LABEL_WIDTH = 14
_INDENT = 2

_TREND_WORDS = {
    "up": "Better than the 30 days before ({now:.1f}, up from {then:.1f}).",
    "steady": "About the same as the 30 days before ({now:.1f}).",
    "down": (
        "A bit lower than the 30 days before ({now:.1f}, was {then:.1f}). "
        "Rough patches happen, and they pass."
    ),
    "": "Not enough mood scores yet to compare with the month before.",
}


#: A section of the review: its title and what goes under it.
Section = tuple[str, RenderableType]


def print_review(review: Review, console: Console) -> None:
    """Print the review to `console`, section by section, in its width."""
    console.print(Text(f"How it's going · {_long_day(review.today)}", style="bold"))
    if review.is_empty:
        console.print()
        console.print(EMPTY_MESSAGE)
        return
    console.print(glance(review))
    for title, body in review_sections(review, console.width - _INDENT):
        console.print()
        console.print(_titled(title, body))


def glance(review: Review) -> Text:
    """One line answering "is it going the right way?": days, streak, mood."""
    parts: list[Text] = []
    streak = review.no_contact
    if streak is not None:
        part = Text(f"Day {streak.current:,} of no contact", style="bold")
        if streak.best > streak.current:
            part.append(f" (best {streak.best:,})", style="")
        parts.append(part)
    if review.writing.current:
        parts.append(Text(f"writing {_days(review.writing.current)} in a row"))
    if review.mood_avg_30 is not None:
        mood = Text(f"30-day mood {review.mood_avg_30:.1f}")
        before = review.mood_avg_prev_30
        if review.mood_trend == "up" and before is not None:
            mood.append(f" ↑ from {before:.1f}", style="green")
        elif review.mood_trend == "down" and before is not None:
            mood.append(f" ↓ from {before:.1f}", style="yellow")
        elif review.mood_trend == "steady":
            mood.append(" steady")
        parts.append(mood)
    return Text(" · ").join(parts) if parts else Text("")


def review_sections(review: Review, width: int) -> list[Section]:
    """Every section with something to show, each laid out for `width` cells."""
    found = (section(review, width) for section in SECTIONS.values())
    return [section for section in found if section is not None]


def review_json(review: Review) -> str:
    """The review as indented JSON (see Review.to_json for the keys)."""
    return json.dumps(review.to_json(), indent=2, ensure_ascii=False)


# -- sections -----------------------------------------------------------------


def _writing(review: Review, width: int) -> Section:
    if not review.entries:
        return _note("Writing", "Nothing written yet. One line is enough to start.")
    streak = review.writing
    if streak.current:
        now = Text(f"{_days(streak.current)} in a row")
    else:
        now = Text("starts again with your next page", style="dim")
    now.append(f" · best {_days(streak.best)}")
    entries = _count(review.entries, "entry", "entries")
    return _section(
        "Writing",
        [
            ("Streak", now),
            ("Days written", f"{review.days_written:,} ({entries})"),
            (
                "Words",
                f"{review.words:,} in all · {review.words_this_week:,} this week · "
                f"{review.words_this_month:,} this month",
            ),
        ],
    )


def _no_contact(review: Review, width: int) -> Section:
    streak = review.no_contact
    if streak is None:
        if review.started is not None:  # a start still to come
            line = f"Counting starts from {_short_day(review.started)}."
        else:
            line = (
                "Not counting yet. When you're ready, set the day of your last "
                "contact and the days start adding up."
            )
        return _note("No contact", line)
    now = Text(f"Day {streak.current:,}", style="bold")
    now.append(f" · best {_days(streak.best)}")
    rows: list[tuple[str, RenderableType]] = [("Now", now)]
    if review.started is not None:
        started = _short_day(review.started)
        rows.append(("Started", f"{started}, the day of your last contact"))
    slips = len(review.slips)
    slip_line = _count(slips, "slip", "slips") if slips else "none"
    slipped_today = any(s.day == review.today for s in review.slips)
    if slipped_today and len(review.runs) > 1:
        before = review.runs[-2].days
        slip_line += f"; today's doesn't erase the {_days(before)} before it"
    rows.append(("Slips", slip_line))
    rows.append(("Runs", charts.timeline(review.runs, width - _LABEL_WIDTH - 1)))
    return _section("No contact", rows)


def _urges(review: Review, width: int) -> Section:
    weeks = review.urges
    title = f"Urges, week by week (last {len(weeks)} weeks, from Monday)"
    if not any(w.logged for w in weeks):
        return _note(title, urges_empty(len(weeks), review.person))
    most = max(w.logged for w in weeks)
    rows: list[tuple[str, RenderableType]] = []
    for week in weeks:
        label = _week_label(week.week)
        if not week.logged:
            rows.append((label, Text(charts.NOT_WRITTEN, style="dim")))
            continue
        held = charts.scaled(week.resisted, most)
        slipped = charts.scaled(week.logged, most)
        line = Text("█" * held, style="green")
        line.append("░" * (slipped - held), style="dim")
        line.append(f" {_urges_passed(week.logged, week.resisted)}")
        if week.contacted:
            line.append(f", {_count(week.contacted, 'slip', 'slips')}", style="dim")
        if still_open := week.logged - week.resisted - week.contacted:
            line.append(f", {still_open} left open", style="dim")
        rows.append((label, line))
    logged = sum(w.logged for w in weeks)
    passed = sum(w.resisted for w in weeks)
    rows.append(("In all", _urges_passed(logged, passed)))
    return _section(title, rows)


def urges_empty(weeks: int, person: Person) -> str:
    """What the urges section says before any urge, spoken for `person`."""
    when = on_your_mind(person, when=True)
    return f"None in the last {weeks:,} weeks. {when}{URGES_EMPTY}"


def _urges_passed(logged: int, passed: int) -> str:
    """How many urges came and how many passed: "3 urges, 2 passed"."""
    return f"{_count(logged, 'urge', 'urges')}, {passed:,} passed"


def _mood(review: Review, width: int) -> Section:
    room = width - _LABEL_WIDTH - 1
    if not any(m is not None for m in review.mood_90):
        return _note("Mood", "No moods scored in the last 90 days.")
    rows: list[tuple[str, RenderableType]] = []
    for label, series in (
        ("Last 30 days", review.mood_30),
        ("Last 90 days", review.mood_90),
    ):
        per_mark = -(-len(series) // max(room, 1))  # ceiling: marks that fit
        if per_mark > 1:  # leave room for saying so
            per_mark = -(-len(series) // max(room - len("  (9 days a mark)"), 1))
        line = charts.sparkline(charts.binned(series, per_mark))
        if per_mark > 1:
            line.append(f"  ({per_mark} days a mark)", style="dim")
        rows.append((label, line))
    if review.mood_avg_30 is not None:
        rows.append(("Average", f"{review.mood_avg_30:.1f} over the last 30 days"))
    words = _TREND_WORDS.get(review.mood_trend, _TREND_WORDS[""])
    rows.append(
        ("", words.format(now=review.mood_avg_30, then=review.mood_avg_prev_30))
    )
    return _section("Mood", rows)


def _heatmap(review: Review, width: int) -> Section:
    # Two cells a week after the weekday names: the latest weeks that fit,
    # with room for a month's name (three cells) over the newest week.
    fit = max(1, (width - 4 - 1) // 2)
    columns = review.heatmap[-fit:]
    lines = [Text(" " * 4 + charts.month_labels(columns), style="dim")]
    for row, weekday in enumerate(WEEKDAYS):
        line = Text(f"{weekday} ", style="dim")
        for column in columns:
            line.append_text(charts.heat_cell(column[row]))
            line.append(" ")
        line.rstrip()
        lines.append(line)
    key = (
        "▁ low … █ good",
        f"{charts.WRITTEN_NO_MOOD} written, no mood",
        f"{charts.NOT_WRITTEN} not written",
    )
    lines += [Text(line, style="dim") for line in charts.packed(key, width)]
    return f"The last {len(columns)} weeks", Group(*lines)


def _themes(review: Review, width: int) -> Section:
    if not review.goals and not review.suggestions:
        return _note("Themes", "No goals yet.")
    parts: list[RenderableType] = []
    if review.goals:
        parts.append(_balance_table(review, width))
    else:
        parts.append(Text("No goals yet: pick one in the app when you feel like it."))
    if review.suggestions:
        parts.append(Text(""))
        parts.append(Text("Quiet so far this month, if you'd like an idea:"))
        for theme, action in review.suggestions:
            parts.append(_indent(Text(theme_tips(theme).name, style="bold"), 2))
            parts.append(_indent(Text(action), 4))
    return "Themes (goals ticked)", Group(*parts)


def _balance_table(review: Review, width: int) -> Table:
    table = Table(
        box=None, padding=(0, 1), pad_edge=False, show_edge=False, header_style="dim"
    )
    table.add_column("Theme", no_wrap=True)
    table.add_column("Week", justify="right")
    table.add_column("Month", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("Open", justify="right")
    most = max((b.month for b in review.balance), default=0)
    names = max(len(theme_tips(b.theme).name) for b in review.balance)
    # What is left beside the names, the three numbers and four 2-cell gaps.
    room = max(1, min(charts.BAR_MAX, width - names - len("WeekMonthOpen") - 4 * 2))
    for b in review.balance:
        length = charts.scaled(b.month, most, room)
        bar = Text("█" * length, style="cyan") if b.month else Text("")
        table.add_row(
            theme_tips(b.theme).name, str(b.week), str(b.month), bar, str(b.open_goals)
        )
    return table


def _on_this_day(review: Review, width: int) -> Section:
    parts: list[RenderableType] = []
    for label, day, entry in (
        ("A month ago today", review.month_ago_day, review.month_ago),
        ("A year ago today", review.year_ago_day, review.year_ago),
    ):
        if entry is None and label.startswith("A year"):
            continue  # most journals are younger than a year: no need to say so
        if parts:
            parts.append(Text(""))
        parts.append(Text(f"{label} · {_long_day(day)}", style="bold"))
        if entry is None:
            parts.append(_indent(Text("Nothing written that day.", style="dim"), 2))
            continue
        mood = f"  mood {entry.mood}/5" if entry.mood is not None else ""
        preview = entry.preview(max(width - 2 - len(mood), 20))
        line = Text(preview or "(no words, just a mood)")
        line.append(mood, style="dim")
        parts.append(_indent(line, 2))
    return "On this day", Group(*parts)


def _mentions(review: Review, width: int) -> Section | None:
    if review.name is None or not review.mentions:
        return None
    counts = [m.count for m in review.mentions]
    title = f"{visible(review.name)} in your writing, last {len(counts)} weeks"
    most = max(counts)
    if not most:
        return _note(title, f"Not mentioned once in {len(counts)} weeks.")
    line = Text()
    for count in counts:
        if count:
            line.append(charts.SPARKS[round((count / most) * (len(charts.SPARKS) - 1))])
        else:
            line.append(charts.NO_MOOD, style="dim")
    line.append(f"  {sum(counts):,} in all · {counts[-1]:,} this week")
    return _section(title, [("Oldest → now", line)])


#: The sections in the order they are printed, by name (the app places them).
SECTIONS = {
    "writing": _writing,
    "no_contact": _no_contact,
    "urges": _urges,
    "mood": _mood,
    "heatmap": _heatmap,
    "themes": _themes,
    "on_this_day": _on_this_day,
    "mentions": _mentions,
}


# -- pieces -------------------------------------------------------------------


def _section(title: str, rows: Iterable[tuple[str, RenderableType]]) -> Section:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=_LABEL_WIDTH, style="dim", no_wrap=True)
    grid.add_column()
    for label, value in rows:
        grid.add_row(label, value)
    return title, grid


def _note(title: str, text: str) -> Section:
    return title, Text(text)


def _titled(title: str, body: RenderableType) -> RenderableType:
    return Group(
        Text(title, style="bold underline"),
        _indent(body, _INDENT),
    )


def _indent(body: RenderableType, columns: int) -> RenderableType:
    # Not expanded: padding to the full width would leave trailing spaces.
    return Padding(body, (0, 0, 0, columns), expand=False)


def _week_label(monday: date) -> str:
    return f"{monday.day} {monday:%b}"


def _short_day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _long_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _days(count: int) -> str:
    return _count(count, "day", "days")


def _count(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"
