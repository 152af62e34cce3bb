"""Stored text made safe to show on a terminal: control characters as marks.

Words reach the journal from `add`, from an import and from a paste, and any
of them can carry terminal control sequences (an escape that clears the
screen, retitles the window or writes the clipboard). The journal keeps them
exactly, and exports to a file write them exactly; but nothing shown on a
terminal passes them on. Each control character becomes one visible mark,
one cell wide: ESC shows as ␛, BEL as ␇, a C1 control (0x80-0x9f) as �.
Line breaks and tabs stay as they are.
"""

from __future__ import annotations

__all__ = ["has_controls", "visible"]

#: Every C0 control but tab and line feed, DEL, and every C1 control.
_MARKS: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(0x20) if code not in (9, 10)},
    0x7F: "\u2421",  # ␡
    **dict.fromkeys(range(0x80, 0xA0), "\ufffd"),
}


def visible(text: str) -> str:
    """`text` with each control character (bar tab and line feed) as a mark."""
    return text.translate(_MARKS)


def has_controls(text: str) -> bool:
    """Whether `text` holds a character `visible` would replace."""
    return any(ord(character) in _MARKS for character in text)
