"""The review drawn at every width, on a day a month begins in the last week."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console

from healjournal.cli.report import SECTIONS
from healjournal.clock import FrozenClock
from healjournal.demo import build_demo_journal
from healjournal.insight.figures import Review, gather_review

LONDON = ZoneInfo("Europe/London")
#: A Thursday: 1 December is in the newest week, so "Dec" is the last label.
DECEMBER = date(2026, 12, 3)


@pytest.fixture(scope="module")
def december(tmp_path_factory: pytest.TempPathFactory) -> Review:
    clock = FrozenClock(datetime(2026, 12, 3, 21, 4, tzinfo=LONDON))
    path = Path(tmp_path_factory.mktemp("december")) / "demo.json"
    journal = build_demo_journal(path, DECEMBER, tz=LONDON, clock=clock)
    try:
        return gather_review(journal, DECEMBER)
    finally:
        journal.close()


@pytest.mark.parametrize("width", range(30, 131, 7))
def test_the_week_grid_and_its_months_fit_the_panel(december: Review, width: int):
    title, body = SECTIONS["heatmap"](december, width)
    console = Console(width=width, record=True, color_system=None)
    console.print(body, soft_wrap=True)
    lines = console.export_text().splitlines()
    assert [line for line in lines if len(line) > width] == []
    assert lines[0].rstrip().endswith("Dec")  # the newest month is named
    # Months, seven weekdays, the key (on more lines when narrow): no wrapping.
    assert len(lines) == (9 if width >= 51 else 10 if width >= 34 else 11)
    assert title.startswith("The last ")
