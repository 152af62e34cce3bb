"""The key footer, redrawn once for each burst of key changes."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not exported; textual is pinned

__all__ = ["NARROW_WIDTH", "PALETTE_HINT_WIDTH", "KeyFooter"]

#: Below this many columns the app is narrow: one pane at a time, and tighter
#: key hints (at 100, three columns left the page 28 cells wide).
NARROW_WIDTH = 110
#: From this many columns the footer has room for the Ctrl+P hint too (at
#: 120 it would push Quit off).
PALETTE_HINT_WIDTH = 130
#: The keys that must never fall off the footer, on any screen and at any
#: width: help, and the urge screen. They come first.
FIRST_ACTIONS = frozenset({"help", "app.help", "urge", "app.urge"})


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

    def fit(self, width: int) -> None:
        """Style the keys for a terminal `width` columns wide."""
        self.compact = 0 < width < NARROW_WIDTH
        self.show_command_palette = width >= PALETTE_HINT_WIDTH

    def on_resize(self) -> None:
        """Another width: tighter or looser keys, and as many as fit."""
        self.fit(self.size.width)
        self.bindings_changed(self.screen)

    def compose(self) -> ComposeResult:
        """Textual's keys, help and the urge first, and only as many as fit
        whole; what they are is noted, to skip rebuilding the same."""
        self._shown = self._keys_shown()
        keys: list[FooterKey] = []
        palette: list[FooterKey] = []
        for widget in super().compose():
            if not isinstance(widget, FooterKey):
                yield widget  # a group's label: this app has none
            elif widget.has_class("-command-palette"):
                palette.append(widget)  # (Textual leaves it compact, unbound)
            else:
                # A key starts compact and is then bound to the footer's style,
                # restyling it twice as it mounts (a millisecond a key). Start
                # it in the footer's style: the binding then changes nothing.
                widget.set_reactive(FooterKey.compact, self.compact)
                keys.append(widget)
        keys.sort(key=lambda key: key.action not in FIRST_ACTIONS)
        # The palette's key is docked right, with a border and a pad.
        room = self._width() - sum(_key_width(key, True) + 1 for key in palette)
        for key in keys:
            room -= _key_width(key, self.compact)
            if room < 0:
                break  # cut whole keys, never half of one (all are in F1's help)
            yield key
        yield from palette

    def _width(self) -> int:
        # Before the first layout the footer's width is the terminal's.
        return self.size.width or self.app.size.width

    def _keys_shown(self) -> tuple[object, ...]:
        """What the footer would show now: its keys, their state and its style."""
        keys = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return (keys, self.compact, self.show_command_palette, self._width())


def _key_width(key: FooterKey, compact: bool) -> int:
    """The cells a key takes in the footer (see FooterKey's and Footer's CSS)."""
    # Compact: "f1 Help" and a margin; otherwise " f1 Help ".
    words = cell_len(key.key_display)
    if key.description:
        words += 1 + cell_len(key.description)
    return words + (1 if compact else 2)
