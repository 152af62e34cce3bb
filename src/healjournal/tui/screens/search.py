"""Search: every page that matches, newest first, as you type.

The query is parsed and matched in `healjournal.domain.search` (the same
engine `healjournal search` uses) inside an exclusive thread worker, so a new
keystroke supersedes the search before it and typing never waits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from healjournal.domain.dates import how_long_ago
from healjournal.domain.models import Entry
from healjournal.domain.search import (
    Hit,
    QueryError,
    SearchIndex,
    SearchResult,
    parse_query,
)
from healjournal.domain.visible import visible
from healjournal.insight.mood_marks import MOOD_COLOURS, MOOD_MARKS
from healjournal.tui.speaking import SpokenKeys
from healjournal.tui.widgets.day_list import KIND_MARKS
from healjournal.tui.widgets.editor import KIND_NAMES
from healjournal.tui.widgets.footer import KeyFooter
from healjournal.tui.widgets.topbar import plural

#: The most results listed; the count above them says how many matched.
RESULT_LIMIT = 200
#: Results drawn at a time (more as the highlight nears the end).
PAGE_SIZE = 25

HINT = (
    'words · "a phrase" · -not · #tag · mood:<=2 · from:"last month" · '
    "to:yesterday · kind:unsent · starred"
)


@dataclass(frozen=True, slots=True)
class SearchChoice:
    """The page the person chose to open."""

    day: date
    entry_id: int
    #: Where in the entry's text to put the cursor (the first match), if known.
    at: int | None = None


def choice_of(hit: Hit) -> SearchChoice:
    """Open `hit`'s page at its first match."""
    at = hit.spans[0][0] if hit.spans else None
    return SearchChoice(hit.entry.day, hit.entry.id, at)


class SearchResults(OptionList):
    """The matching pages: the day on one line, the words around the match below."""

    DEFAULT_CSS = """
    SearchResults { height: 1fr; border: round $primary 50%; padding: 0 1; }
    SearchResults:focus { border: round $primary; }
    SearchResults > .option-list--option { padding: 0; }
    """

    @dataclass
    class Chosen(Message):
        """The person picked a result."""

        choice: SearchChoice

    def show(self, hits: Sequence[Hit], today: date) -> None:
        """List `hits` in the order given, the first one highlighted.

        The first PAGE_SIZE are drawn at once and the rest as the highlight
        nears the end, so each keystroke redraws a page, not hundreds.
        """
        self._hits = (tuple(hits), today)
        self._listed = 0
        self.clear_options()
        self._more()
        if hits:
            self.highlighted = 0

    def _more(self) -> None:
        if self._hits is None:
            return
        hits, today = self._hits
        width = max(20, self.scrollable_content_region.width or 76)
        options: list[Option | None] = []
        for hit in hits[self._listed : self._listed + PAGE_SIZE]:
            if options or self._listed:
                options.append(None)
            options.append(Option(self._row(hit, today, width), id=str(hit.entry.id)))
        self._listed = min(len(hits), self._listed + PAGE_SIZE)
        self.add_options(options)

    @on(OptionList.OptionHighlighted)
    def _near_the_end(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index >= self.option_count - 6:
            self._more()

    _hits: tuple[tuple[Hit, ...], date] | None = None
    _listed = 0
    _width = 0

    def on_resize(self) -> None:
        """Cut the context to the new width."""
        width = self.scrollable_content_region.width
        if self._hits is not None and width != self._width:
            self._width = width
            highlighted = self.highlighted
            listed = self._listed
            self.show(*self._hits)
            while self._listed < listed:
                self._more()
            if highlighted is not None and highlighted < self.option_count:
                self.highlighted = highlighted

    @staticmethod
    def _row(hit: Hit, today: date, width: int) -> Text:
        entry = hit.entry
        row = Text(no_wrap=True, overflow="ellipsis")
        row.append(f"{entry.day:%a %d %b %Y}", style="bold")
        row.append(f"  {how_long_ago(entry.day, today)}", style="dim")
        mood_style = MOOD_COLOURS.get(entry.mood, "")
        row.append(f"  {MOOD_MARKS[entry.mood]}", style=mood_style)
        if KIND_MARKS.get(entry.kind):
            row.append(f"  {KIND_MARKS[entry.kind]}{KIND_NAMES[entry.kind]}")
        if entry.starred:
            row.append("  ★", style="bold yellow")
        line, spans = hit.context(width)
        line = visible(line)  # one mark a character: the spans still fit
        context = Text(line or "(no words)", style="" if line else "dim")
        for start, end in spans:
            context.stylize("bold reverse", start, end)
        row.append("\n")
        row.append_text(context)
        return row

    def hit_at(self, index: int | None) -> Hit | None:
        """The result behind option `index`."""
        if index is None or self._hits is None:
            return None
        option_id = self.get_option_at_index(index).id
        return next((h for h in self._hits[0] if str(h.entry.id) == option_id), None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.hit_at(event.option_index)
        if hit is not None:
            self.post_message(self.Chosen(choice_of(hit)))

    def on_key(self, event: events.Key) -> None:
        """Up from the first result goes back to the query."""
        if event.key == "up" and self.highlighted in (None, 0):
            event.stop()
            event.prevent_default()
            self.screen.query_one("#search-query", Input).focus()


class SearchScreen(SpokenKeys, Screen[SearchChoice | None]):
    """Find a page by its words, tags, mood, day or kind, and open it."""

    DEFAULT_CSS = """
    SearchScreen #search-box { height: 1fr; padding: 0 1; }
    SearchScreen #search-query { border: round $accent; }
    SearchScreen #search-status { height: auto; color: $text-muted; padding: 0 1; }
    SearchScreen #search-status.-error { color: $text-error; text-style: bold; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back to writing", id="search.close"),
        Binding("ctrl+f", "focus_query", "Search", show=False, id="search.focus"),
    ]

    AUTO_FOCUS = "#search-query"

    @dataclass
    class Found(Message):
        """The results of one query."""

        token: int
        result: SearchResult
        filters: str
        blank: bool

    @dataclass
    class Unreadable(Message):
        """A query whose filters cannot be read, and why."""

        token: int
        error: str

    def __init__(
        self,
        entries: Callable[[], Sequence[Entry]],
        today: date,
        index: SearchIndex | None = None,
        query: str = "",
    ) -> None:
        """Search what `entries()` returns (the journal as last read).

        `entries` is asked again for each query, so a page saved while the
        search is open is found too; `index` keeps its work between uses.
        """
        super().__init__()
        self.entries = entries
        self.today = today
        self.index = index or SearchIndex()
        self.query_text = query
        self._token = 0
        #: Which query's results are on screen (its token; 0 before the first).
        self.shown = 0

    def compose(self) -> ComposeResult:
        """The query, a line saying what matched, and the results."""
        with Vertical(id="search-box"):
            query = Input(
                self.query_text,
                placeholder="Search your pages",
                id="search-query",
            )
            query.border_title = "Search"
            query.border_subtitle = "Enter opens · ↓ to the results · Esc back"
            yield query
            yield Static(HINT, id="search-status", markup=False)
            yield SearchResults(id="search-results")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show the newest pages (or the last query's results) at once."""
        self._search(self.query_text)

    @on(Input.Changed, "#search-query")
    def _typed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self._search(event.value)

    def _search(self, text: str) -> None:
        self._token += 1
        self.run_search(text, self._token)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, text: str, token: int) -> None:
        """Parse and match `text`; a newer keystroke makes this one moot."""
        worker = get_current_worker()
        try:
            query = parse_query(text, self.today)
        except QueryError as error:
            self.post_message(self.Unreadable(token, str(error)))
            return
        if worker.is_cancelled:
            return
        result = self.index.search(self.entries(), query, limit=RESULT_LIMIT)
        if not worker.is_cancelled:
            self.post_message(
                self.Found(token, result, query.describe(), query.is_empty)
            )

    @on(Found)
    def _found(self, message: Found) -> None:
        if message.token != self._token:
            return  # typed since
        self.shown = message.token
        status = self.query_one("#search-status", Static)
        status.remove_class("-error")
        result = message.result
        shown = len(result.hits)
        if message.blank:
            line = (
                f"Your newest pages. Search with {HINT}"
                if result.total
                else "Nothing written yet: your pages will be searchable here."
            )
        elif not result.total:
            line = (
                f'Nothing matches "{self.query_text.strip()}". Fewer words, '
                "or looser filters, may find it."
            )
        else:
            line = f"{plural(result.total, 'page')} match"
            if result.total == 1:
                line = "1 page matches"
            if shown < result.total:
                line += f" · the newest {shown} shown"
            line += " · newest first · Enter opens"
        if message.filters and not message.blank:
            line += f" · {message.filters}"
        status.update(line)
        self.query_one(SearchResults).show(result.hits, self.today)

    @on(Unreadable)
    def _unreadable(self, message: Unreadable) -> None:
        if message.token != self._token:
            return
        status = self.query_one("#search-status", Static)
        status.add_class("-error")
        # The last good results stay listed: a filter half typed is no reason
        # to empty the screen.
        status.update(message.error)

    @on(Input.Submitted, "#search-query")
    def _submitted(self) -> None:
        results = self.query_one(SearchResults)
        hit = results.hit_at(results.highlighted)
        if hit is None:
            self.notify("Nothing to open yet: type a word you wrote.", timeout=4)
            return
        self.dismiss(choice_of(hit))

    @on(SearchResults.Chosen)
    def _chosen(self, message: SearchResults.Chosen) -> None:
        self.dismiss(message.choice)

    def on_key(self, event: events.Key) -> None:
        """Down from the query goes to the results."""
        query = self.query_one("#search-query", Input)
        if event.key == "down" and query.has_focus:
            results = self.query_one(SearchResults)
            if results.option_count:
                event.stop()
                results.focus()

    def action_focus_query(self) -> None:
        """Back to the query, all of it selected to type over."""
        query = self.query_one("#search-query", Input)
        query.focus()
        query.select_all()

    def action_close(self) -> None:
        """Back to the page, as it was."""
        self.dismiss(None)
