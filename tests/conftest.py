"""Shared fixtures: a temporary journal, a frozen clock, no real user data."""

from __future__ import annotations

import itertools
import shlex
import sys
from collections.abc import Callable, Iterator
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


#: A fake editor: notes the file it got and what was in it (seen.json, beside
#: itself), then appends $FAKE_WORDS and exits with $FAKE_EXIT.
FAKE_EDITOR = """\
import json, os, sys
from pathlib import Path
page = Path(sys.argv[-1])
Path(__file__).with_name("seen.json").write_text(
    json.dumps({"path": str(page), "text": page.read_text(encoding="utf-8")})
)
with page.open("a", encoding="utf-8") as out:
    out.write(os.environ.get("FAKE_WORDS", ""))
sys.exit(int(os.environ.get("FAKE_EXIT", "0")))
"""


@pytest.fixture
def editor_ticks(monkeypatch) -> Callable[[float], None]:
    """Set how far the editor's monotonic clock moves at each look (how long
    the person seems to spend in the editor)."""
    from healjournal.machine import editor as editor_module

    def ticking(seconds: float) -> None:
        times = itertools.count(0.0, seconds)
        monkeypatch.setattr(editor_module, "monotonic", lambda: next(times))

    return ticking


@pytest.fixture
def fake_editor(tmp_path: Path, monkeypatch, editor_ticks) -> Path:
    """$EDITOR is the fake editor (taking its time, as a person does); private
    folders go to a runtime folder of this test's. Returns where the editor
    notes what it saw."""
    script = tmp_path / "fake_editor.py"
    script.write_text(FAKE_EDITOR, encoding="utf-8")
    monkeypatch.setenv("EDITOR", shlex.join([sys.executable, str(script)]))
    monkeypatch.delenv("VISUAL", raising=False)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    editor_ticks(5.0)
    return tmp_path / "seen.json"
