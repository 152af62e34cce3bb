"""The key footer, redrawn once for each burst of key changes."""

from __future__ import annotations

from itertools import groupby

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import (  # not exported; textual is pinned
    FooterKey,
    FooterLabel,
    KeyGroup,
)

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
        """The keys in force, help and the urge first, and only as many as fit
        whole; what they are is noted, to skip rebuilding the same.

        Textual's own compose, but in this order and cut to the width; a
        group (several keys, one label, as the tips' ← →) stays together.
        """
        self._shown = self._keys_shown()
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        first_of_action: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show:
                first_of_action.setdefault(binding.action, (binding, enabled, tooltip))
        ordered = sorted(
            first_of_action.values(),
            key=lambda item: item[0].action not in FIRST_ACTIONS,
        )
        units = [
            list(unit) for _, unit in groupby(ordered, key=lambda item: item[0].group)
        ]
        palette = self._palette_key(active)
        # The palette's key is docked right, with a border and a pad.
        room = self._width() - (_key_width(palette, True) + 1 if palette else 0)
        for unit in units:
            group = unit[0][0].group
            if group is None or len(unit) == 1:
                for binding, enabled, tooltip in unit:
                    key = self._key(binding, enabled, tooltip, binding.description)
                    room -= _key_width(key, self.compact)
                    if room < 0:
                        break  # whole keys only (F1's help lists them all)
                    yield key
            else:
                keys = [self._key(b, e, t, "", "-grouped") for b, e, t in unit]
                room -= sum(_key_width(key, True) for key in keys)
                room -= cell_len(group.description) + 1
                if room >= 0:
                    with KeyGroup(classes="-compact" if group.compact else ""):
                        yield from keys
                    yield FooterLabel(group.description)
            if room < 0:
                break
        if palette is not None:
            yield palette

    def _key(
        self,
        binding: Binding,
        enabled: bool,
        tooltip: str,
        description: str,
        classes: str = "",
    ) -> FooterKey:
        key = FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            description,
            binding.action,
            disabled=not enabled,
            tooltip=tooltip or (binding.description if classes else ""),
            classes=classes,
        )
        # A key starts compact and is then bound to the footer's style,
        # restyling it twice as it mounts (a millisecond a key). Start it in
        # the footer's style: the binding then changes nothing.
        key.set_reactive(FooterKey.compact, self.compact)
        return key.data_bind(compact=Footer.compact)

    def _palette_key(self, active: dict[str, ActiveBinding]) -> FooterKey | None:
        """The command palette's key, docked right, when shown."""
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            return None
        try:
            _, binding, enabled, _ = active[self.app.COMMAND_PALETTE_BINDING]
        except KeyError:
            return None
        return FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            binding.action,
            classes="-command-palette",
            disabled=not enabled,
            tooltip=binding.tooltip or binding.description,
        )

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
