"""Reading a search query: words, phrases, tags and filters.

The query language, one criterion after another, all of which must hold:

    walk            the word appears, as part of a longer one too ("walked");
                    case and accents do not matter ("cafe" finds "Café")
    "went home"     these words in this order, any spacing or line break
                    between them; a quote left open runs to the end
    -sad  -"old cafe"  the word or phrase does not appear
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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from healjournal.domain.day_words import parse_day
from healjournal.domain.models import EntryKind, find_tags
from healjournal.domain.search.folding import fold_words
from healjournal.errors import InputError

__all__ = ["Query", "QueryError", "parse_query"]


class QueryError(InputError):
    """A search query that cannot be read; the message says how to write it."""


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
        folded = fold_words(value)
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
