"""Matching: the `SearchIndex` of folded entries, and the hits it finds.

Titles and bodies are searched; tags are matched against the entry's tags.
Results are newest first: by day, then by when they were written.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from healjournal.domain.models import Entry, find_tags
from healjournal.domain.search.folding import Unmappable, fold, offset_map
from healjournal.domain.search.query import Query
from healjournal.domain.search.snippets import snippet

__all__ = ["Hit", "SearchIndex", "SearchResult", "search"]


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
            line, spans = snippet(self.entry.text, self.spans, width)
            if line:
                return line, spans
        return self.entry.preview(width), ()


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
            folded=fold(entry.text),
            tags=frozenset(fold(tag) for tag in entry.tags),
            order=(entry.day, entry.created, entry.id),
        )


def _matcher(query: Query) -> Callable[[_Folded], bool]:
    """A test of one entry against `query`, cheapest criteria first."""
    words = query.words
    phrases = [_text_pattern(p) for p in query.phrases]
    tags = [fold(tag) for tag in query.tags]
    excluded_tags = [fold(x) for x in query.excluded if _is_tag(x)]
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
        mapped = offset_map(record.entry.text, folded)
    except Unmappable:
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
        pattern = _tag_pattern(fold(tag))
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
