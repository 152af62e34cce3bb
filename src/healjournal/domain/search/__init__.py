"""Finding entries: the query language, matching, and the words to highlight.

The same engine serves the app's search screen and `healjournal search`:

- `folding`: how text is compared (case and accents do not matter), and how a
  match in the folded text is traced back to what was written;
- `query`: reading a query (its docstring is the language);
- `index`: the `SearchIndex` that keeps entries folded between searches, and
  the hits it finds, newest first;
- `snippets`: the line shown around a match.
"""

from __future__ import annotations

from healjournal.domain.search.index import Hit, SearchIndex, SearchResult, search
from healjournal.domain.search.query import Query, QueryError, parse_query

__all__ = [
    "Hit",
    "Query",
    "QueryError",
    "SearchIndex",
    "SearchResult",
    "parse_query",
    "search",
]
