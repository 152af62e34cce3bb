"""Fixtures for driving the app: a journal opened before, quick autosaves."""

from __future__ import annotations

import pytest

from healjournal.storage.journal import Journal
from healjournal.tui.widgets import editor as editor_module


@pytest.fixture
def welcomed(journal_path, clock) -> Journal:
    """A journal that has been opened before: no welcome."""
    journal = Journal.open(journal_path, clock=clock)
    journal.set_setting("welcomed", True)
    return journal


@pytest.fixture(autouse=True)
def _quick_saves(monkeypatch):
    """Autosave and retry at once, so tests wait for workers, not for seconds."""
    monkeypatch.setattr(editor_module, "AUTOSAVE_DELAY", 0.001)
    monkeypatch.setattr(editor_module, "RETRY_DELAY", 0.001)
