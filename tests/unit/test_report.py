"""`healjournal stats`: the review printed in 80 columns, kind and readable."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console

from healjournal.cli.report import (
    _TREND_WORDS,
    EMPTY_MESSAGE,
    print_review,
    review_json,
)
from healjournal.clock import FrozenClock
from healjournal.demo import build_demo_journal
from healjournal.domain.models import (
    Entry,
    EntryKind,
    Goal,
    GoalKind,
    NoContact,
    Slip,
    Theme,
)
from healjournal.insight.figures import (
    NAME_SETTING,
    Review,
    build_review,
    gather_review,
)
from healjournal.tips import banned_phrases_in, theme_tips

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 24)


def render(review: Review, width: int = 80, **options: object) -> str:
    console = Console(width=width, record=True, color_system=None, **options)
    print_review(review, console)
    return console.export_text()


def assert_fits(text: str, width: int = 80) -> None:
    too_long = [line for line in text.splitlines() if len(line) > width]
    assert not too_long


def entry(
    day: date, text: str, mood: int | None = None, number: int = 1, **kw
) -> Entry:
    created = datetime.combine(day, time(21), LONDON)
    return Entry(id=number, created=created, day=day, body=text, mood=mood, **kw)


@pytest.fixture
def demo(tmp_path: Path, clock: FrozenClock) -> Review:
    journal = build_demo_journal(tmp_path / "demo.json", TODAY, tz=LONDON, clock=clock)
    journal.set_setting(NAME_SETTING, "Sam")
    try:
        return gather_review(journal, TODAY)
    finally:
        journal.close()


class TestDemoJournal:
    def test_fits_in_80_columns(self, demo: Review) -> None:
        assert_fits(render(demo))

    def test_fits_in_80_columns_in_colour_too(self, demo: Review) -> None:
        console = Console(width=80, record=True, force_terminal=True)
        print_review(demo, console)
        assert_fits(console.export_text())

    def test_shows_the_key_figures(self, demo: Review) -> None:
        text = render(demo)
        streak = demo.no_contact
        assert streak is not None and streak.current > 0
        assert f"Day {streak.current} · best {streak.best} days" in text
        assert f"now {streak.current}d" in text
        assert f"{demo.words:,} in all" in text
        assert f"{demo.words_this_week:,} this week" in text
        assert f"{demo.days_written} ({demo.entries} entries)" in text
        assert f"{demo.writing.current} days in a row" in text
        assert f"{demo.mood_avg_30:.1f} over the last 30 days" in text
        assert demo.mood_trend == "up"  # the demo's mood drifts upward
        assert "Better than the 30 days before" in text
        for balance in demo.balance:
            assert theme_tips(balance.theme).name in text
        for _, action in demo.suggestions:
            assert action in " ".join(text.split())
        assert "A month ago today · Saturday 24 October 2026" in text
        assert "Sam in your writing, last 12 weeks" in text
        total = sum(m.count for m in demo.mentions)
        assert f"{total} in all" in text

    def test_heatmap_has_seven_rows_under_month_labels(self, demo: Review) -> None:
        lines = render(demo).splitlines()
        start = lines.index("The last 26 weeks")
        labels, *rows = lines[start + 1 : start + 9]
        assert labels.split() == ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]
        assert [row.split()[0] for row in rows] == [
            "Mon",
            "Tue",
            "Wed",
            "Thu",
            "Fri",
            "Sat",
            "Sun",
        ]
        # 26 weeks to Monday; Tuesday's last square is today (left blank by
        # the demo); Wednesday onwards stop a week short: those are future.
        assert [len(row.split()) - 1 for row in rows] == [26, 26, 25, 25, 25, 25, 25]

    def test_no_banned_phrases(self, demo: Review) -> None:
        assert banned_phrases_in(render(demo)) == []

    def test_readable_without_colour(self, demo: Review, monkeypatch) -> None:
        monkeypatch.setenv("NO_COLOR", "1")
        out = io.StringIO()
        console = Console(file=out, width=80, force_terminal=True)
        print_review(demo, console)
        text = out.getvalue()
        assert "\x1b[31m" not in text and "\x1b[32m" not in text  # no red, no green
        # Moods still differ by the height of their marks.
        assert {"▂", "▄", "▆", "█"} <= set(text)


class TestEmpty:
    def test_a_kind_line_instead_of_zeros(self) -> None:
        review = build_review([], [], NoContact(), {}, TODAY)
        text = render(review)
        assert " ".join(text.split()).endswith(" ".join(EMPTY_MESSAGE.split()))
        assert "Tuesday 24 November 2026" in text
        assert "0" not in text.replace("2026", "")
        assert len(text.splitlines()) <= 6
        assert_fits(text)


class TestSmallJournals:
    def test_exact_figures(self) -> None:
        # Started (last contact) 14 Nov, a slip that same day: Day 10.
        record = NoContact(
            started=date(2026, 11, 14), slips=(Slip(1, date(2026, 11, 14)),)
        )
        written = [
            entry(date(2026, 11, 23), "one two three", 2, 1),
            entry(TODAY, "four five", 4, 2),
            entry(TODAY, "the urge", number=3, kind=EntryKind.URGE),
        ]
        goals = [Goal(1, Theme.BODY, "Move", GoalKind.DAILY, ticks=(TODAY,))]
        text = render(build_review(written, goals, record, {}, TODAY))
        assert "Day 10 · best 10 days" in text
        assert "14 Nov 2026, the day of your last contact" in text
        assert "1 slip" in text
        assert "now 10d" in text
        assert "2 days in a row · best 2 days" in text
        assert "2 (3 entries)" in text
        assert "7 in all · 7 this week · 7 this month" in text
        assert "1 urge, 1 passed" in text
        assert "3.0 over the last 30 days" in text
        assert _TREND_WORDS[""] in text

    def test_a_slip_today_is_met_kindly(self) -> None:
        record = NoContact(started=date(2026, 11, 1), slips=(Slip(1, TODAY, "texted"),))
        written = [entry(TODAY, "texted him", number=1, kind=EntryKind.URGE)]
        text = render(build_review(written, [], record, {}, TODAY))
        assert "Day 0 · best 23 days" in text
        assert "today's doesn't erase the 23 days before it" in text
        assert "1 urge, 0 passed, 1 slip" in text
        assert banned_phrases_in(text) == []

    def test_not_counting_yet(self) -> None:
        text = render(build_review([entry(TODAY, "hello")], [], NoContact(), {}, TODAY))
        assert "Not counting yet" in text
        assert "Nothing written yet" not in text

    def test_many_slips_keep_the_latest_runs_in_the_width(self) -> None:
        slips = tuple(
            Slip(n, date(2025, 1, 1) + timedelta(days=5 * n)) for n in range(1, 90)
        )
        record = NoContact(started=date(2025, 1, 1), slips=slips)
        review = build_review([], [], record, {}, TODAY)
        text = render(review)
        assert_fits(text)
        runs = next(line for line in text.splitlines() if "Runs" in line)
        assert "… │" in runs
        assert runs.endswith(f"now {review.runs[-1].days}d")

    @pytest.mark.parametrize("trend", ["up", "down", "steady"])
    def test_trend_words(self, trend: str) -> None:
        before, after = {"up": (2, 4), "down": (4, 2), "steady": (3, 3)}[trend]
        written = [
            entry(TODAY - timedelta(days=n), "a day", after if n < 30 else before, n)
            for n in range(60)
        ]
        review = build_review(written, [], NoContact(), {}, TODAY)
        assert review.mood_trend == trend
        text = " ".join(render(review).split())
        words = _TREND_WORDS[trend].format(now=float(after), then=float(before))
        assert words in text
        assert banned_phrases_in(text) == []

    def test_narrow_width_still_prints(self) -> None:
        written = [entry(TODAY - timedelta(days=n), "x", 3, n) for n in range(100)]
        text = render(
            build_review(written, [], NoContact(), {"name": "Sam"}, TODAY), 60
        )
        assert "Last 90 days" in text


def test_all_copy_is_kind() -> None:
    for copy in (EMPTY_MESSAGE, *_TREND_WORDS.values()):
        assert banned_phrases_in(copy) == []


def test_review_json_round_trips(demo: Review) -> None:
    text = review_json(demo)
    assert json.loads(text) == demo.to_json()
    assert text.startswith('{\n  "today": "2026-11-24"')


def test_review_json_keeps_accents_readable() -> None:
    review = build_review(
        [entry(TODAY, "Zoë")], [], NoContact(), {"name": "Zoë"}, TODAY
    )
    assert '"name": "Zoë"' in review_json(review)


def test_does_not_import_textual() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import healjournal.cli.report, sys; print(' '.join(sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert "textual" not in done.stdout.split()
    assert "rich" in done.stdout.split()
