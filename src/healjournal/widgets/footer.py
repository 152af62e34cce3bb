"""The key footer, redrawn once for each burst of key changes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not exported; textual is pinned

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
    _shown: tuple[object, ...] = ()

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
        if not self.is_attached:
            return  # its screen closed meanwhile
        shown = self._keys_shown()
        if shown == self._shown:
            return  # the same keys as on screen: a rebuild would only cost a frame
        await self.recompose()

    def compose(self) -> ComposeResult:
        """Textual's keys; what they are is noted, to skip rebuilding the same."""
        self._shown = self._keys_shown()
        for widget in super().compose():
            # (Textual leaves the command palette's key compact, unbound.)
            if isinstance(widget, FooterKey) and not widget.has_class(
                "-command-palette"
            ):
                # A key starts compact and is then bound to the footer's style,
                # restyling it twice as it mounts (a millisecond a key). Start
                # it in the footer's style: the binding then changes nothing.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def _keys_shown(self) -> tuple[object, ...]:
        """What the footer would show now: its keys, their state and its style."""
        keys = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return (keys, self.compact, self.show_command_palette)
