"""Shared fixtures: a temporary journal, a frozen clock, no real user data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from healjournal.clock import FrozenClock, set_clock
from healjournal.storage.journal import Journal

#: The moment every test lives in unless it says otherwise: a Tuesday evening.
FROZEN_AT = datetime(2026, 11, 24, 21, 4, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Keep every test away from the real user's journal and settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("HEALJOURNAL_DB", raising=False)
    # Never the real user's config file: each test has one of its own (not
    # made yet), which the app and the config command find here.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv(
        "HEALJOURNAL_CONFIG", str(home / ".config" / "healjournal" / "config.toml")
    )


@pytest.fixture
def clock() -> Iterator[FrozenClock]:
    """A clock frozen at FROZEN_AT, used by everything that asks for today."""
    frozen = FrozenClock(FROZEN_AT)
    previous = set_clock(frozen)
    yield frozen
    set_clock(previous)


@pytest.fixture
def journal_path(tmp_path: Path, monkeypatch) -> Path:
    """Where this test's journal lives; the CLI finds it through HEALJOURNAL_DB."""
    path = tmp_path / "data" / "journal.json"
    monkeypatch.setenv("HEALJOURNAL_DB", str(path))
    return path


@pytest.fixture
def journal(journal_path: Path, clock: FrozenClock) -> Iterator[Journal]:
    """An empty journal on the frozen clock."""
    opened = Journal.open(journal_path, clock=clock)
    yield opened
    opened.close()
