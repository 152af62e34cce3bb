"""Moving the machine's settings out of the journal, once.

Before the config file, the colour theme and the idle-lock minutes were kept
in the journal. The first run that finds them there writes them to the config
file (unless it sets them already: the config wins), then removes them from
the journal. Nothing is lost on the way: a config file with a mistake stops
the move before anything is written, and a config that cannot be saved leaves
the journal as it was. Once they are gone from the journal there is nothing
left to move, so it is never done twice.
"""

from __future__ import annotations

from pathlib import Path

from healjournal.machine.config import THEMES, load_config
from healjournal.machine.writing import save_settings

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    from collections.abc import Mapping

    from healjournal.storage.journal import Journal

__all__ = ["MOVED_SETTINGS", "move_to_config", "moved_values", "to_move"]

#: The journal settings that moved to the config file, and their names there.
MOVED_SETTINGS = {"theme": "theme", "lock_after_minutes": "lock_minutes"}


def to_move(settings: Mapping[str, object]) -> bool:
    """Whether the journal's `settings` still hold any that belong in the config."""
    return any(key in settings for key in MOVED_SETTINGS)


def moved_values(settings: Mapping[str, object]) -> dict[str, object]:
    """The config's settings ("theme", "lock_minutes") the journal's
    `settings` hold, as the config keeps them; one it could not use (a theme
    this Textual lacks, minutes that are no number) is left out: the app
    never used it either."""
    found: dict[str, object] = {}
    theme = settings.get("theme")
    if isinstance(theme, str) and theme in THEMES:
        found["theme"] = theme
    minutes = settings.get("lock_after_minutes")
    if isinstance(minutes, int | float) and not isinstance(minutes, bool):
        # The app locked after max(minutes, 0): the config takes whole minutes.
        found["lock_minutes"] = max(round(minutes), 0)
    return found


def move_to_config(journal: Journal, path: Path) -> dict[str, object]:
    """Move the theme and the lock minutes from `journal` into the config at
    `path`; return what was written there.

    Raises ConfigError (a mistake in the config: nothing written anywhere),
    ConfigSaveFailed (the journal keeps them) or a JournalError (they are in
    the config already; the next run removes them from the journal).
    """
    settings = journal.settings()
    if not to_move(settings):
        return {}
    config = load_config(path)
    values = moved_values(settings)
    changes = {
        key: value for key, value in values.items() if getattr(config, key) is None
    }
    if changes:
        save_settings(path, changes)
    with journal.transaction():
        for key in MOVED_SETTINGS:
            journal.delete_setting(key)
    return changes
