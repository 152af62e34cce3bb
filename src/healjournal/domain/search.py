"""Finding entries: the query language, matching, and the words to highlight.

The same engine serves the app's search screen and `healjournal search`.

The query language, one criterion after another, all of which must hold:

    walk            the word appears, as part of a longer one too ("walked");
                    case and accents do not matter ("cafe" finds "Café")
    "went home"     these words in this order, any spacing or line break
                    between them; a quote left open runs to the end
    -sad  -"his mum"  the word or phrase does not appear
    #sleep  @sam    the entry has this tag or name
    -#work          the entry does not have this tag
    mood:2          mood 2; also mood:<=2, mood:<3, mood:>=4, mood:>2,
                    mood:2-4 and mood:2..4 (an entry without a mood never
                    matches a mood filter)
    from:DAY        on or after DAY; to:DAY on or before it. DAY is anything
                    the app reads as a day: from:yesterday, to:2026-10-03, and
                    in quotes when it has spaces: from:"last month",
                    from:"oct 3"
    kind:reflection kind:letter (also kind:unsent), kind:urge (the pages
                    written on the urge screen, F8, and `add --kind urge`);
                    several kind: filters mean any of those kinds
    starred         starred entries only (also is:starred); search for the
                    word itself with "starred"

Filter names are case-insensitive. Only mood, from, to, kind and is are
filters: any other `name:value` ("http://x", "note:") is searched as text.
A lone -, # or @ is ignored (it is the start of something still being typed).
A blank query matches every entry.

Titles and bodies are searched; tags are matched against the entry's tags.
Results are newest first: by day, then by when they were written.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from healjournal.domain.dates import parse_day
from healjournal.domain.models import Entry, EntryKind, find_tags
from healjournal.errors import InputError

__all__ = [
    "Hit",
    "Query",
    "QueryError",
    "SearchIndex",
    "SearchResult",
    "parse_query",
    "search",
]


class QueryError(InputError):
    """A search query that cannot be read; the message says how to write it."""


# --- folding: case- and accent-insensitive text ------------------------------

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


def _fold(text: str) -> str:
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
    return len(_fold(char)) != 1 or _joins(char)


class _Unmappable(Exception):
    """The text folded piece by piece is not the text folded whole."""


@dataclass(frozen=True, slots=True)
class _OffsetMap:
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


def _offset_map(text: str, folded: str) -> _OffsetMap | None:
    """The map from `folded` (`_fold(text)`) back to `text`; None if one to one.

    Each group of characters is folded on its own; that gives exactly the
    text `_fold` gives for the whole (checked for every code point), and if
    it ever did not, `_Unmappable` is raised: better no highlights than
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
        piece = _fold(text[start:end])
        folded_starts.append(start + shift)
        folded_ends.append(start + shift + len(piece))
        starts.append(start)
        ends.append(end)
        shift += len(piece) - (end - start)
        done = end
    if len(text) + shift != len(folded):
        raise _Unmappable
    return _OffsetMap(
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


def _fold_words(text: str) -> str:
    """`text` folded, with single spaces between its words."""
    return " ".join(_fold(text).split())


# --- the query ---------------------------------------------------------------

_FILTERS = frozenset({"mood", "from", "to", "kind", "is"})
_OPEN_QUOTES = '"“„'
_CLOSE_QUOTES = '"”“'
_IGNORED = frozenset({"-", "#", "@"})
_SHOWN_MAX = 40
_MOOD_HINT = "a mood is 1 to 5, e.g. mood:<=2 or mood:4"
_MOOD = re.compile(
    r"(?P<op><=|>=|<|>|=)?(?P<low>[0-9]+)(?:(?:-|\.\.)(?P<high>[0-9]+))?", re.ASCII
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun")
_MONTHS += ("Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Query:
    """A search query as read: every criterion an entry must meet."""

    text: str
    """What the person typed."""
    words: tuple[str, ...] = ()
    """Folded plain words; each must appear."""
    phrases: tuple[str, ...] = ()
    """Folded quoted phrases, single-spaced; each must appear."""
    excluded: tuple[str, ...] = ()
    """Folded words, phrases and tags (#tag) that must not appear."""
    tags: tuple[str, ...] = ()
    """Tags and names ("#sleep", "@sam") the entry must have."""
    mood: tuple[int, int] | None = None
    """The inclusive range of moods wanted."""
    start: date | None = None
    """The first day wanted (from:)."""
    end: date | None = None
    """The last day wanted (to:)."""
    kinds: frozenset[EntryKind] = field(default_factory=frozenset)
    """The kinds wanted; empty means any."""
    starred: bool = False
    """Only starred entries."""

    @property
    def is_empty(self) -> bool:
        """Whether the query asks for nothing at all (it matches everything)."""
        return not (
            self.words
            or self.phrases
            or self.excluded
            or self.tags
            or self.kinds
            or self.starred
            or self.mood is not None
            or self.start is not None
            or self.end is not None
        )

    @property
    def has_text(self) -> bool:
        """Whether the query looks for words, phrases or tags to highlight."""
        return bool(self.words or self.phrases or self.tags)

    def describe(self) -> str:
        """The filters in force, on one short line ("" when there are none).

        Words and tags are left out: they read the same as typed. The days are
        spelled out, so "from:last month" shows which day it means.
        """
        parts = []
        if self.mood is not None:
            low, high = self.mood
            parts.append(f"mood {low}" if low == high else f"mood {low}-{high}")
        if self.start is not None and self.start == self.end:
            parts.append(f"on {_show_day(self.start)}")
        else:
            if self.start is not None:
                parts.append(f"from {_show_day(self.start)}")
            if self.end is not None:
                parts.append(f"to {_show_day(self.end)}")
        if self.kinds:
            names = [kind.value for kind in EntryKind if kind in self.kinds]
            parts.append(" or ".join(names) + " only")
        if self.starred:
            parts.append("starred")
        return " · ".join(parts)


def _show_day(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _shown(text: str) -> str:
    """The user's text, safe to quote on one line of an error message."""
    flat = " ".join(text.split())
    flat = "".join(c if c.isprintable() else "?" for c in flat)
    return flat if len(flat) <= _SHOWN_MAX else flat[: _SHOWN_MAX - 1] + "…"


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """The text from `start` to the closing quote (or the end), and where it stops.

    A quote left open runs to the end: people type the closing quote last.
    """
    end = start
    while end < len(text) and text[end] not in _CLOSE_QUOTES:
        end += 1
    return text[start:end], end + 1


class _QueryBuilder:
    """Collects the criteria of a query while it is read, token by token."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.words: list[str] = []
        self.phrases: list[str] = []
        self.excluded: list[str] = []
        self.tags: list[str] = []
        self.mood: tuple[int, int] | None = None
        self.start: date | None = None
        self.end: date | None = None
        self.kinds: set[EntryKind] = set()
        self.starred = False

    def text(self, value: str, *, negated: bool) -> None:
        folded = _fold_words(value)
        if not folded:
            return  # only accents or spaces: nothing to look for
        if negated:
            _add(self.excluded, folded)
        elif " " in folded:
            _add(self.phrases, folded)
        else:
            # One word in quotes is just that word.
            _add(self.words, folded)

    def tag(self, tag: str, *, negated: bool) -> None:
        _add(self.excluded if negated else self.tags, tag)

    def filter(self, name: str, value: str, *, quoted: bool, negated: bool) -> None:
        typed = f'{name}:"{_shown(value)}"' if quoted else f"{name}:{_shown(value)}"
        if negated:
            raise QueryError(
                f"-{typed}: filters can't be excluded; name what you want instead, "
                "e.g. kind:reflection kind:letter"
            )
        if name == "mood":
            self.mood = _intersect(self.mood, _read_mood(value, typed))
        elif name in ("from", "to"):
            day = _read_day(name, value, typed, quoted, self.today)
            if name == "from":
                self.start = day if self.start is None else max(self.start, day)
            else:
                self.end = day if self.end is None else min(self.end, day)
        elif name == "kind":
            try:
                self.kinds.add(EntryKind.parse(value))
            except InputError:
                raise QueryError(
                    f"{typed}: unknown kind; use kind:reflection, kind:letter "
                    "(or kind:unsent) or kind:urge"
                ) from None
        elif value.strip().casefold() == "starred":  # is:
            self.starred = True
        else:
            raise QueryError(f"{typed}: the only is: filter is is:starred")

    def query(self, text: str) -> Query:
        if self.mood is not None and self.mood[0] > self.mood[1]:
            raise QueryError(
                "these mood filters leave no mood between them: keep one, e.g. mood:<=2"
            )
        if self.start and self.end and self.start > self.end:
            raise QueryError(
                f"from:{self.start.isoformat()} is after to:{self.end.isoformat()}: "
                "swap them"
            )
        return Query(
            text=text,
            words=tuple(self.words),
            phrases=tuple(self.phrases),
            excluded=tuple(self.excluded),
            tags=tuple(self.tags),
            mood=self.mood,
            start=self.start,
            end=self.end,
            kinds=frozenset(self.kinds),
            starred=self.starred,
        )


def _add(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _intersect(old: tuple[int, int] | None, new: tuple[int, int]) -> tuple[int, int]:
    # Two mood filters must both hold, like every other criterion.
    return new if old is None else (max(old[0], new[0]), min(old[1], new[1]))


def _read_mood(value: str, typed: str) -> tuple[int, int]:
    """The inclusive range of "3", "<=2", ">3", "2-4" or "2..4"."""
    if not value.strip():
        raise QueryError(f"mood: needs a value: {_MOOD_HINT}")
    match = _MOOD.fullmatch(value.strip())
    if match is None or (match["op"] and match["high"]):
        raise QueryError(f"{typed}: {_MOOD_HINT}")
    low = int(match["low"])
    high = int(match["high"]) if match["high"] else low
    if not (1 <= low <= 5 and 1 <= high <= 5):
        raise QueryError(f"{typed}: {_MOOD_HINT}")
    if low > high:
        raise QueryError(f"{typed}: put the lower mood first, e.g. mood:{high}-{low}")
    if match["high"]:
        return low, high
    wanted = {
        None: (low, low),
        "=": (low, low),
        "<=": (1, low),
        "<": (1, low - 1),
        ">=": (low, 5),
        ">": (low + 1, 5),
    }[match["op"]]
    if wanted[0] > wanted[1]:
        raise QueryError(f"{typed} matches no mood: {_MOOD_HINT}")
    return wanted


def _read_day(name: str, value: str, typed: str, quoted: bool, today: date) -> date:
    if not value.strip():
        raise QueryError(
            f'{name}: needs a day, e.g. {name}:yesterday or {name}:"last month"'
        )
    try:
        return parse_day(value, today)
    except InputError as error:
        advice = "" if quoted else f'; quote a day with spaces, e.g. {name}:"oct 3"'
        raise QueryError(f"{typed}: {error}{advice}") from None


def parse_query(text: str, today: date) -> Query:
    """Read a search query (the language is in this module's docstring).

    Days in from: and to: are counted from `today`. Raises `QueryError`, whose
    message is one line saying what is wrong and how to write it.
    """
    built = _QueryBuilder(today)
    index, size = 0, len(text)
    while index < size:
        if text[index].isspace():
            index += 1
            continue
        negated = (
            text[index] == "-" and index + 1 < size and not text[index + 1].isspace()
        )
        if negated:
            index += 1
        if text[index] in _OPEN_QUOTES:
            phrase, index = _read_quoted(text, index + 1)
            built.text(phrase, negated=negated)
            continue
        end = index
        while end < size and not text[end].isspace():
            end += 1
        token = text[index:end]
        typed_name, colon, value = token.partition(":")
        name = typed_name.casefold()
        if colon and name in _FILTERS:
            quoted = bool(value) and value[0] in _OPEN_QUOTES
            if quoted:
                value, end = _read_quoted(text, index + len(typed_name) + 2)
            built.filter(name, value, quoted=quoted, negated=negated)
        elif token.casefold() == "starred":
            if negated:
                raise QueryError(
                    '-starred: filters can\'t be excluded; search "starred" '
                    "in quotes for the word"
                )
            built.starred = True
        elif token in _IGNORED:
            pass
        elif token[0] in "#@" and (tags := find_tags(token)):
            built.tag(tags[0], negated=negated)
        else:
            built.text(token, negated=negated)
        index = end
    return built.query(text)


# --- matching ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    """An entry that matched, and where in its text the matches are."""

    entry: Entry
    """The entry."""
    spans: tuple[tuple[int, int], ...] = ()
    """[start, end) offsets in `entry.text` of every match of a word, phrase
    or tag, sorted, overlapping or touching ones merged."""

    def context(self, width: int = 80) -> tuple[str, tuple[tuple[int, int], ...]]:
        """One line of at most `width` characters around the first match.

        Whitespace is collapsed, "…" marks a cut end, and the spans are
        re-based into the line (cut to what it shows). With no spans (a
        filter-only query) it is the entry's preview and no spans.
        """
        if width <= 0:
            return "", ()
        if self.spans:
            line, spans = _context(self.entry.text, self.spans, width)
            if line:
                return line, spans
        return self.entry.preview(width), ()


_NON_SPACE = re.compile(r"\S+")
_ANY_NON_SPACE = re.compile(r"\S")


def _context(
    text: str, spans: tuple[tuple[int, int], ...], width: int
) -> tuple[str, tuple[tuple[int, int], ...]]:
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


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The entries a query found, newest first."""

    hits: tuple[Hit, ...]
    """The matches shown: newest day first, then the latest written."""
    total: int
    """How many entries matched in all, before the limit."""


@dataclass(slots=True)
class _Folded:
    """What the index keeps of one entry between searches."""

    entry: Entry
    folded: str
    tags: frozenset[str]
    order: tuple[date, datetime, int]


def _tag_pattern(tag: str) -> str:
    # Where find_tags would read exactly this tag: not inside a word or an
    # address, and not running on into a longer tag.
    return rf"(?<![\w#@&]){re.escape(tag)}(?![\w'\-]*\w)"


def _text_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(word) for word in phrase.split(" ")))


class SearchIndex:
    """The folded texts of entries, kept between searches, so each is fast.

    Folding (case, accents) is the slow part of a search, so it is done once
    per entry: an entry passed again (the same object, or one with the same
    id, title, body and tags) reuses it, and entries no longer passed are
    forgotten. Safe to share between threads: one search runs at a time.
    """

    def __init__(self) -> None:
        """Start empty; the first search (or `warm`) folds every entry."""
        self._folded: dict[int, _Folded] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many entries are folded (none until the first search or `warm`)."""
        return len(self._folded)

    def warm(self, entries: Sequence[Entry]) -> None:
        """Fold `entries` now (in a worker), so the first search is fast too."""
        with self._lock:
            self._update(entries)

    def search(
        self, entries: Sequence[Entry], query: Query, *, limit: int | None = None
    ) -> SearchResult:
        """The entries that match `query`, newest first, at most `limit` of them."""
        with self._lock:
            records = self._update(entries)
        found = list(filter(_matcher(query), records))
        found.sort(key=lambda record: record.order, reverse=True)
        shown = found if limit is None else found[: max(0, limit)]
        hits = tuple(Hit(r.entry, _spans(r, query)) for r in shown)
        return SearchResult(hits=hits, total=len(found))

    def _update(self, entries: Sequence[Entry]) -> list[_Folded]:
        known = self._folded.get
        records = []
        for entry in entries:
            record = known(entry.id)
            if record is None or record.entry is not entry:
                record = self._record(entry)
            records.append(record)
        self._folded = {record.entry.id: record for record in records}
        return records

    def _record(self, entry: Entry) -> _Folded:
        record = self._folded.get(entry.id)
        if record is not None:
            old = record.entry
            if old is entry:
                return record
            if (
                old.title == entry.title
                and old.body == entry.body
                and old.tags == entry.tags
            ):
                record.entry = entry  # the newer object, with its day and mood
                record.order = (entry.day, entry.created, entry.id)
                return record
        return _Folded(
            entry=entry,
            folded=_fold(entry.text),
            tags=frozenset(_fold(tag) for tag in entry.tags),
            order=(entry.day, entry.created, entry.id),
        )


def _matcher(query: Query) -> Callable[[_Folded], bool]:
    """A test of one entry against `query`, cheapest criteria first."""
    words = query.words
    phrases = [_text_pattern(p) for p in query.phrases]
    tags = [_fold(tag) for tag in query.tags]
    excluded_tags = [_fold(x) for x in query.excluded if _is_tag(x)]
    excluded = [_text_pattern(x) for x in query.excluded if not _is_tag(x)]
    kinds, mood, start, end = query.kinds, query.mood, query.start, query.end
    starred = query.starred

    def matches(record: _Folded) -> bool:
        entry = record.entry
        if starred and not entry.starred:
            return False
        if kinds and entry.kind not in kinds:
            return False
        if mood is not None and (
            entry.mood is None or not mood[0] <= entry.mood <= mood[1]
        ):
            return False
        if (start is not None and entry.day < start) or (
            end is not None and entry.day > end
        ):
            return False
        if tags and not all(tag in record.tags for tag in tags):
            return False
        if excluded_tags and any(tag in record.tags for tag in excluded_tags):
            return False
        folded = record.folded
        for word in words:
            if word not in folded:
                return False
        for pattern in phrases:
            if not pattern.search(folded):
                return False
        # No generator to make for the usual query without exclusions.
        return not excluded or not any(p.search(folded) for p in excluded)

    return matches


def _is_tag(item: str) -> bool:
    return item[:1] in "#@" and find_tags(item) == (item,)


def _spans(record: _Folded, query: Query) -> tuple[tuple[int, int], ...]:
    """Where the query's words, phrases and tags are in the entry's text."""
    if not query.has_text:
        return ()
    folded = record.folded
    try:
        mapped = _offset_map(record.entry.text, folded)
    except _Unmappable:
        return ()
    found: list[tuple[int, int]] = []
    for word in query.words:
        at = folded.find(word)
        while at != -1:
            found.append((at, at + len(word)))
            at = folded.find(word, at + 1)  # overlapping ones too: "aa" in "aaa"
    for phrase in query.phrases:
        found.extend(m.span() for m in _text_pattern(phrase).finditer(folded))
    for tag in query.tags:
        pattern = _tag_pattern(_fold(tag))
        found.extend(m.span() for m in re.finditer(pattern, folded))
    if mapped is not None:
        found = [mapped.original(s, e) for s, e in found if e > s]
    return _merge(found)


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def search(
    entries: Sequence[Entry], query: Query, *, limit: int | None = None
) -> SearchResult:
    """The entries that match `query`, newest first (a one-off `SearchIndex`)."""
    return SearchIndex().search(entries, query, limit=limit)
