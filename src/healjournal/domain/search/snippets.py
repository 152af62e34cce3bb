"""The line shown around a match: the words near it, cut to fit, spans re-based."""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["snippet"]

_NON_SPACE = re.compile(r"\S+")
_ANY_NON_SPACE = re.compile(r"\S")


def snippet(
    text: str, spans: tuple[tuple[int, int], ...], width: int
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """One line of at most `width` characters around the first of `spans`.

    Whitespace is collapsed, "…" marks a cut end, and the spans are re-based
    into the line; ("", ()) when there are no words near the match.
    """
    # Only the text near the first match is flattened, so a hit in a long
    # entry costs no more than one in a short one.
    first = spans[0][0]
    low = _reach(text, first, width, backwards=True)
    high = _reach(text, first, width, backwards=False)
    words = [(m.start(), m.end()) for m in _NON_SPACE.finditer(text, low, high)]
    if not words:
        return "", ()
    more_before = _ANY_NON_SPACE.search(text, 0, words[0][0])
    more_after = _ANY_NON_SPACE.search(text, words[-1][1])

    line = " ".join(text[a:b] for a, b in words)
    origins = [a for a, _ in words]  # where each word starts, in the text
    places = []  # and in the line
    place = 0
    for a, b in words:
        places.append(place)
        place += b - a + 1

    def to_line(offset: int) -> int:
        k = bisect_right(origins, offset) - 1
        if k < 0:
            return 0
        a, b = words[k]
        return min(len(line), places[k] + min(offset, b) - a + (offset > b))

    inline = [
        (to_line(max(s, low)), to_line(min(e, high)))
        for s, e in spans
        if e > low and s < high
    ]
    return _window(line, inline, width, bool(more_before), bool(more_after))


def _reach(text: str, first: int, width: int, *, backwards: bool) -> int:
    """How far from `first` to read to have `width` visible characters (or all)."""
    chunk = 2 * width + 16
    while True:
        if backwards:
            edge = max(0, first - chunk)
            found = sum(len(m) + 1 for m in _NON_SPACE.findall(text, edge, first))
            if found > width or edge == 0:
                return edge
        else:
            edge = min(len(text), first + chunk)
            found = sum(len(m) + 1 for m in _NON_SPACE.findall(text, first, edge))
            if found > width or edge == len(text):
                return edge
        chunk *= 4


def _window(
    line: str,
    spans: list[tuple[int, int]],
    width: int,
    more_before: bool,
    more_after: bool,
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Cut `line` to `width` around its first span, "…" where it is cut."""
    size = len(line)
    if size <= width and not more_before and not more_after:
        return line, tuple((s, e) for s, e in spans if e > s)
    first_start, first_end = spans[0] if spans else (0, 0)
    if not more_before and first_end <= width - 1:
        start = 0  # the match fits near the beginning: show the beginning
    else:
        start = max(0, first_start - width // 3)
        # Begin on a word, unless that would skip into the match.
        if start > 0 and line[start - 1] != " ":
            space = line.find(" ", start, first_start)
            if space != -1:
                start = space + 1
    cut_before = start > 0 or more_before
    room = width - (1 if cut_before else 0)
    end = min(size, start + room)
    cut_after = end < size or more_after
    if cut_after and end - start >= room:
        end -= 1  # room for the "…"
        # End after a word, unless that would cut into the first match.
        if end < size and line[end] != " ":
            space = line.rfind(" ", first_end, end)
            if space != -1:
                end = space
    if end <= start:
        return "…"[:width], ()
    shown = line[start:end]
    stripped = shown.lstrip() if cut_before else shown
    start += len(shown) - len(stripped)
    shown = stripped.rstrip() if cut_after else stripped
    prefix = "…" if cut_before else ""
    out = prefix + shown + ("…" if cut_after else "")
    shift = len(prefix) - start
    limit = len(prefix) + len(shown)
    moved = []
    for s, e in spans:
        s, e = max(s + shift, len(prefix)), min(e + shift, limit)
        if e > s:
            moved.append((s, e))
    return out, tuple(moved)
