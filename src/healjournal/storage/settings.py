"""The journal's settings: any JSON value, by key."""

from __future__ import annotations

from typing import Any, TypeVar

from healjournal.storage.records import setting_record
from healjournal.storage.tables import SETTINGS, TableStore

T = TypeVar("T")


class SettingsMixin(TableStore):
    """The Journal's saved settings."""

    def get_setting(self, key: str, default: T | None = None) -> Any:
        """A saved setting, or `default`."""
        return self.settings().get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Save a setting (any JSON value)."""
        with self.transaction():
            found = next(
                (
                    record_id
                    for record_id, setting in self._convert_all(SETTINGS).items()
                    if setting is not None and setting[0] == key
                ),
                None,
            )
            self._put(SETTINGS, setting_record(key, value, self._clock.now()), found)

    def settings(self) -> dict[str, Any]:
        """Every saved setting."""
        return dict(s for s in self._convert_all(SETTINGS).values() if s is not None)

    def delete_setting(self, key: str) -> None:
        """Forget a setting (nothing happens if there is none)."""
        with self.transaction():
            for record_id, setting in list(self._convert_all(SETTINGS).items()):
                if setting is not None and setting[0] == key:
                    self._remove(SETTINGS, record_id)
