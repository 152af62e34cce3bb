"""Where the journal lives: the user data folder, or an override."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "healjournal"
JOURNAL_FILE = "journal.json"
ENV_DB = "HEALJOURNAL_DB"


def default_journal_path() -> Path:
    """The journal in the user data folder (on Linux ~/.local/share/healjournal)."""
    from platformdirs import user_data_path  # only when no other journal is named

    return user_data_path(APP_NAME, appauthor=False) / JOURNAL_FILE


def journal_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The journal to use: `--db`, then $HEALJOURNAL_DB, then the default."""
    chosen = override or os.environ.get(ENV_DB)
    if chosen:
        return Path(chosen).expanduser()
    return default_journal_path()
