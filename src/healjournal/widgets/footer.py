"""The key footer, redrawn once for each burst of key changes."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

__all__ = ["KeyFooter"]


class KeyFooter(Footer):
    """Textual's footer, rebuilt once however many times the keys change at once.

    Textual rebuilds the footer on every "bindings changed" signal. Focus,
    resizes and the panes send nine in a row as a screen opens, and each
    rebuild costs a frame, so the keys showed up 130 ms after the rest of the
    screen. One pending rebuild serves them all: it reads the keys in force
    when it runs.
    """

    _rebuild_pending = False

    def __init__(self) -> None:
        super().__init__()
        # Keys in the very first frame: the screen's own bindings are known
        # when the footer is composed; a focus change rebuilds it after.
        self.set_reactive(Footer._bindings_ready, True)

    def bindings_changed(self, screen: Screen) -> None:
        """Schedule one rebuild, unless one is already waiting."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
