"""The app as this machine's config file sets it up: theme, keys, lock minutes.

`Configured` is mixed into HealJournalApp. The config is read before the app
starts (cli/launch.py); one with a mistake opens the app with the defaults
and a notification saying what is wrong, and is never written. A theme picked
in the app, and the idle-lock minutes, are saved to the config in a thread
worker. An older journal's theme and lock minutes are used where the config
does not set them, then moved into the config, once (machine/moving.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from healjournal.errors import HealJournalError
from healjournal.machine.config import (
    Setup,
    config_path,
    load_setup,
)
from healjournal.machine.keys import key_list, keymap
from healjournal.machine.moving import moved_values, to_move

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.dom import DOMNode
    from textual.theme import Theme

    from healjournal.storage.journal import Journal

__all__ = ["Configured"]


class Configured(App[None]):
    """The config file's theme, keys and lock minutes, for HealJournalApp."""

    journal: Journal
    demo: bool
    #: This machine's setup: where the config is, what it says, what is wrong.
    setup: Setup
    #: The keymap in force (binding id → keys), as F1's help shows it.
    keymap: dict[str, str]
    #: Minutes before the journal locks when idle (declared by Locking).
    lock_after_minutes: float

    def _configure(self, setup: Setup | None) -> None:
        """Take the theme, the keys and the lock minutes from `setup` (by
        default the config file's, read now)."""
        self.setup = setup or load_setup(config_path())
        config = self.setup.config
        if config.lock_minutes is not None:
            self.lock_after_minutes = config.lock_minutes
        #: The theme the config has (or is about to have): no need to save it.
        self._saved_theme = config.theme
        if config.theme is not None:
            self.theme = config.theme
        self.keymap = keymap(config.keys)
        self.set_keymap(self.keymap)
        self._clashes_told: set[frozenset[str]] = set()
        self._journal_settings_used = False
        self._moving = False

    def _configured(self) -> None:
        """Once mounted: say what is wrong with the config, if anything, and
        remember every change of theme from now on."""
        if self.setup.problem:
            self.notify(
                f"{self.setup.problem}. The app uses the defaults and leaves the "
                "file as it is: mend it and open healjournal again.",
                title="Your config file has a mistake",
                severity="warning",
                timeout=20,
                markup=False,
            )
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def use_journal_settings(
        self, settings: Mapping[str, object], *, read: bool = False
    ) -> None:
        """Use the theme and the lock minutes an older healjournal kept in the
        journal (`settings`), where the config does not set them; once the
        whole journal is `read`, move them into the config file."""
        old = moved_values(settings) if to_move(settings) else {}
        if not self._journal_settings_used:
            self._journal_settings_used = True
            config = self.setup.config
            theme = old.get("theme")
            if config.theme is None and isinstance(theme, str):
                self._saved_theme = theme  # saved by the move, not twice
                self.theme = theme
            minutes = old.get("lock_minutes")
            if config.lock_minutes is None and isinstance(minutes, int):
                self.lock_after_minutes = minutes
        if read and to_move(settings) and not self._moving:
            self._moving = True
            if not (self.demo or self.setup.problem or self.journal.read_only):
                self.move_journal_settings()

    @work(thread=True, group="settings")
    def move_journal_settings(self) -> None:
        """Move the theme and the lock minutes from the journal to the config."""
        from healjournal.machine.moving import move_to_config

        try:
            move_to_config(self.journal, self.setup.path)
        except HealJournalError:
            # The config has a mistake, or could not be saved: the journal
            # keeps them and the next start tries again. Or the journal could
            # not be saved: the config has them, and the next start tidies.
            return

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self._saved_theme:
            self._saved_theme = theme.name
            self.save_theme(theme.name)

    @work(thread=True, group="settings")
    def save_theme(self, name: str) -> None:
        """Remember the theme for next time, in the config file."""
        self.write_config({"theme": name})

    def write_config(self, changes: Mapping[str, object]) -> bool:
        """Save `changes` to the config file (from a thread worker); say why
        not, and return False, if they cannot be saved. The demo's changes are
        not kept, and a config with a mistake is never written."""
        if self.demo:
            return False
        problem = self.setup.problem
        if problem is None:
            from healjournal.machine.writing import save_settings

            try:
                save_settings(self.setup.path, changes)
                return True
            except HealJournalError as error:
                problem = str(error)
        self.call_from_thread(
            self.notify,
            f"Not saved: {problem}",
            title="The config file",
            severity="error",
            timeout=12,
            markup=False,
        )
        return False

    def handle_bindings_clash(
        self, clashed_bindings: set[Binding], node: DOMNode
    ) -> None:
        """A key from the config's [keys] took another binding's key: say so,
        once, as any mistake in the config."""
        told = frozenset(f"{b.id}:{b.key}" for b in clashed_bindings)
        if told in self._clashes_told:
            return  # Textual asks at every key press while the clash lasts
        if getattr(self, "locked", False):
            return  # the lock screen shows no warnings: say it once unlocked
        self._clashes_told.add(told)
        owners = {
            key: binding
            for binding, keys in self.setup.config.keys.items()
            for key in key_list(keys)
        }
        for clashed in sorted(clashed_bindings, key=lambda b: b.id or b.key):
            taker = owners.get(clashed.key)
            by = f"keys.{taker}" if taker else "a key in [keys]"
            self.notify(
                f"{self.setup.path}: {by} takes {clashed.key}, the key of "
                f"{clashed.id or clashed.action}, which has no key now; give "
                "each its own.",
                title="Your config file has a mistake",
                severity="warning",
                timeout=20,
                markup=False,
            )
