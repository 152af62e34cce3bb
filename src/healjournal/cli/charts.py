"""The marks `healjournal stats` draws: run bars, mood sparklines, heat cells.

Each returns Rich text or plain strings that fit the width it is given; the
report (cli.report) places them under its section titles.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from healjournal.domain.moods import mean, mood_level
from healjournal.domain.stats import HeatDay, Run
from healjournal.insight.mood_marks import MOOD_COLOURS, MOOD_MARKS

#: Eight heights for a sparkline of mean moods from 1 to 5.
SPARKS = "▁▂▃▄▅▆▇█"
NO_MOOD = "·"
NOT_WRITTEN = "·"
WRITTEN_NO_MOOD = "□"

BAR_MAX = 20
_RUN_BAR_MAX = 30


def timeline(runs: Sequence[Run], width: int) -> Text:
    """The runs as bars in proportion, as many of the latest as fit in `width`."""
    if not runs:
        return Text("")
    last = len(runs) - 1
    labels = [f"{r.days}d" for r in runs]
    labels[last] = f"now {runs[last].days}d"

    def needs(shown: list[int], blocks: int) -> int:
        longest = max(runs[i].days for i in shown) or 1
        bars = sum(_bar_width(runs[i].days, longest, blocks) for i in shown)
        spaces = sum(1 for i in shown if runs[i].days)
        separators = 3 * (len(shown) - 1) + (4 if shown[0] > 0 else 0)
        return bars + spaces + separators + sum(len(labels[i]) for i in shown)

    # The latest runs matter most: add older ones while a block each still fits.
    shown = [last]
    for index in range(last - 1, -1, -1):
        if needs([index, *shown], 1) > width:
            break
        shown.insert(0, index)
    blocks = _RUN_BAR_MAX
    while blocks > 1 and needs(shown, blocks) > width:
        blocks -= 1
    longest = max(runs[i].days for i in shown) or 1

    line = Text()
    if shown[0] > 0:
        line.append("… │ ", style="dim")
    for position, index in enumerate(shown):
        if position:
            line.append(" │ ", style="dim")
        current = index == last
        bar = _bar_width(runs[index].days, longest, blocks)
        if bar:
            line.append("▇" * bar + " ", style="green" if current else "")
        line.append(labels[index], style="bold" if current else "")
    return line


def _bar_width(days: int, longest: int, blocks: int) -> int:
    return max(1, round(days / longest * blocks)) if days else 0


def sparkline(series: Sequence[float | None]) -> Text:
    """One mark a mean mood, its height and colour by the mood; a dot for none."""
    line = Text()
    for mood in series:
        if mood is None:
            line.append(NO_MOOD, style="dim")
        else:
            spark = SPARKS[round((mood - 1) / 4 * (len(SPARKS) - 1))]
            line.append(spark, style=MOOD_COLOURS.get(mood_level(mood) or 0, ""))
    return line


def binned(series: Sequence[float | None], size: int) -> list[float | None]:
    """The mean of each run of `size` days, so a long series fits the width."""
    if size <= 1:
        return list(series)
    # Bins end with today, so the last mark is always the latest days.
    start = len(series) % size
    head = [mean(series[:start])] if start else []
    return head + [mean(series[i : i + size]) for i in range(start, len(series), size)]


def heat_cell(day: HeatDay) -> Text:
    """The heatmap's mark for one day: its mood, written without one, or not."""
    if day.future:
        return Text(" ")
    if not day.written:
        return Text(NOT_WRITTEN, style="dim")
    level = day.level
    if level is None:
        return Text(WRITTEN_NO_MOOD, style="dim")
    return Text(MOOD_MARKS[level], style=MOOD_COLOURS[level])


def month_labels(columns: Sequence[Sequence[HeatDay]]) -> str:
    """Month names over the week in which each month begins, two cells a week."""
    starts = {
        index: next(d.day for d in column if d.day.day == 1)
        for index, column in enumerate(columns)
        if any(d.day.day == 1 for d in column)
    }
    if columns and 0 not in starts and 1 not in starts:
        starts[0] = columns[0][0].day  # name the month the map opens in
    cells = [" "] * (2 * len(columns) + 1)
    for index, first in sorted(starts.items()):
        cells[2 * index : 2 * index + 3] = f"{first:%b}"
    return "".join(cells).rstrip()


def packed(parts: Sequence[str], width: int, gap: str = "   ") -> list[str]:
    """`parts` on as few lines of `width` as they fit on, never split."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + len(gap) + len(part) <= width:
            lines[-1] += gap + part
        else:
            lines.append(part)
    return lines


def scaled(count: int, most: int, room: int = BAR_MAX) -> int:
    """A bar length for `count`, scaled down only when `most` would not fit."""
    if most <= room:
        return count
    return max(1, round(count * room / most)) if count else 0
