"""How text is folded for matching: case and accents do not matter.

Entries and queries are compared folded; `offset_map` traces a match in the
folded text back to the characters the person wrote, for highlighting.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["OffsetMap", "Unmappable", "fold", "fold_words", "offset_map"]

# Only the diacritics of the Latin, Greek and Cyrillic scripts are dropped,
# plus variation selectors (❤ and ❤️ are the same heart). Other combining
# marks carry meaning: a Devanagari virama, the Japanese dakuten (が is not
# か), so they stay.
_DROPPED_RANGES = (
    (0x0300, 0x036F),  # combining diacritical marks
    (0x1AB0, 0x1AFF),  # ... extended
    (0x1DC0, 0x1DFF),  # ... supplement
    (0x20D0, 0x20FF),  # ... for symbols
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFE20, 0xFE2F),  # combining half marks
)
_DROP = re.compile(
    "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _DROPPED_RANGES) + "]"
)
_ZWJ = "\u200d"


def fold(text: str) -> str:
    """`text` as it is compared: NFKD, casefolded, diacritics dropped, NFC.

    The final NFC keeps syllables whole, so "하" does not match inside "한".
    """
    if text.isascii():
        return text.lower()
    folded = unicodedata.normalize("NFKD", text).casefold()
    # casefold can produce decomposable characters ("İ" -> "i̇"): decompose again.
    if not unicodedata.is_normalized("NFKD", folded):
        folded = unicodedata.normalize("NFKD", folded)
    return unicodedata.normalize("NFC", _DROP.sub("", folded))


@lru_cache(maxsize=65536)
def _joins(char: str) -> bool:
    """Whether `char` is part of the character before it (an accent, a jamo...).

    A match inside such a group is highlighted as the whole group, so an
    accent, a skin tone or half of a joined emoji is never cut off. (So is
    whatever follows a zero width joiner; see `_group`.)
    """
    # Judged by what it decomposes to: a half-width Hangul vowel is a vowel.
    base = unicodedata.normalize("NFKD", char)[:1] or char
    code = ord(base)
    return (
        unicodedata.category(base)[0] == "M"
        or unicodedata.combining(base) != 0
        or 0x1160 <= code <= 0x11FF  # Hangul vowel and final jamo
        or 0xD7B0 <= code <= 0xD7FF
        or 0x1F3FB <= code <= 0x1F3FF  # emoji skin tones
        or 0xE0020 <= code <= 0xE007F  # emoji tag characters
        or char == _ZWJ
    )


@lru_cache(maxsize=65536)
def _irregular(char: str) -> bool:
    """Whether `char` does not fold to exactly one character of its own."""
    return len(fold(char)) != 1 or _joins(char)


class Unmappable(Exception):
    """The text folded piece by piece is not the text folded whole."""


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Folded offsets of a text traced back to the original text.

    Most characters fold to exactly one character, so only the groups that do
    not (an accent after its letter, "ß" -> "ss") are listed; between them the
    folded text runs in step with the original.
    """

    folded_starts: tuple[int, ...]
    folded_ends: tuple[int, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span [start, end) (end > start)."""
        return self._at(start)[0], self._at(end - 1)[1]

    def _at(self, offset: int) -> tuple[int, int]:
        """The original character (or group) folded character `offset` came from."""
        k = bisect_right(self.folded_starts, offset) - 1
        if k < 0:
            return offset, offset + 1
        if offset < self.folded_ends[k]:
            return self.starts[k], self.ends[k]
        moved = self.ends[k] + offset - self.folded_ends[k]
        return moved, moved + 1


def offset_map(text: str, folded: str) -> OffsetMap | None:
    """The map from `folded` (`fold(text)`) back to `text`; None if one to one.

    Each group of characters is folded on its own; that gives exactly the
    text `fold` gives for the whole (checked for every code point), and if
    it ever did not, `Unmappable` is raised: better no highlights than
    misplaced ones.
    """
    if text.isascii():
        return None
    odd = [char for char in set(text) if _irregular(char)]
    if not odd:
        return None
    pattern = re.compile("[" + "".join(re.escape(char) for char in odd) + "]")
    folded_starts: list[int] = []
    folded_ends: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    shift = 0  # how much longer the folded text is so far
    done = 0
    for found in pattern.finditer(text):
        if found.start() < done:
            continue  # part of the group before
        start, end = _group(text, found.start())
        start = max(start, done)
        piece = fold(text[start:end])
        folded_starts.append(start + shift)
        folded_ends.append(start + shift + len(piece))
        starts.append(start)
        ends.append(end)
        shift += len(piece) - (end - start)
        done = end
    if len(text) + shift != len(folded):
        raise Unmappable
    return OffsetMap(
        tuple(folded_starts), tuple(folded_ends), tuple(starts), tuple(ends)
    )


def _group(text: str, at: int) -> tuple[int, int]:
    """The character at `at` with everything joined to it, as [start, end)."""
    start, end = at, at + 1
    while start > 0 and (_joins(text[start]) or text[start - 1] == _ZWJ):
        start -= 1
    while end < len(text) and (_joins(text[end]) or text[end - 1] == _ZWJ):
        end += 1
    return start, end


def fold_words(text: str) -> str:
    """`text` folded, with single spaces between its words."""
    return " ".join(fold(text).split())
