"""The review: is it going the right way? Streaks, mood, no contact, themes.

Every figure comes from `healjournal.insight.figures` (the same Review that
`healjournal stats` prints), read in a thread worker; each section is laid
out by `healjournal.cli.report` for the width of its panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from healjournal.cli.report import EMPTY_MESSAGE, SECTIONS, glance
from healjournal.domain.models import Slip
from healjournal.errors import HealJournalError
from healjournal.insight.figures import NAME_SETTING, Review, gather_review
from healjournal.storage.journal import Journal
from healjournal.tui.dialogs.name import NameDialog
from healjournal.tui.screens.search import SearchChoice
from healjournal.tui.speaking import SpokenKeys
from healjournal.tui.widgets.footer import KeyFooter

#: Below this many columns the panels stack in one column.
NARROW_WIDTH = 100

#: Where each section goes: two columns when wide, one after the other when not.
#: The left column holds the answers to "is it going the right way?", so on a
#: narrow terminal they come first.
COLUMNS = (
    ("no_contact", "mood", "writing", "on_this_day", "mentions"),
    ("heatmap", "themes", "urges"),
)


class ReviewPanel(Static):
    """One section of the review, drawn for the panel's own width."""

    DEFAULT_CSS = """
    ReviewPanel {
        height: auto;
        border: round $primary 50%;
        border-title-color: $text;
        border-title-style: bold;
        padding: 0 1;
    }
    """

    def __init__(self, section: str) -> None:
        super().__init__(id=f"review-{section.replace('_', '-')}")
        self.section = section
        self._review: Review | None = None
        self._width = 0

    def show(self, review: Review) -> None:
        """Lay the section out from `review`; hide the panel if it has nothing."""
        self._review = review
        self._draw()

    def on_resize(self) -> None:
        """Lay out again for the new width."""
        if self._review is not None and self.content_size.width != self._width:
            self._draw()

    def _draw(self) -> None:
        assert self._review is not None
        self._width = self.content_size.width
        found = SECTIONS[self.section](self._review, max(self._width, 30))
        self.display = found is not None
        if found is not None:
            title, body = found
            self.border_title = title
            self.update(body)


class ReviewScreen(SpokenKeys, Screen[SearchChoice | None]):
    """How it's going, at a glance, and a page from a month ago."""

    DEFAULT_CSS = """
    ReviewScreen #review-glance {
        height: auto;
        padding: 0 2;
        background: $boost;
    }
    ReviewScreen #review-scroll { height: 1fr; }
    ReviewScreen #review-columns { height: auto; padding: 0 1; }
    ReviewScreen .review-column { width: 1fr; height: auto; }
    ReviewScreen #review-right { margin-left: 1; }
    ReviewScreen.-narrow #review-columns { layout: vertical; }
    ReviewScreen.-narrow #review-right { margin-left: 0; }
    ReviewScreen #review-empty { padding: 1 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f7", "close", "Back to writing", id="review.close"),
        Binding("o", "open_month_ago", "Open a month ago", id="review.month_ago"),
        Binding("n", "name", "Count a name", id="review.name"),
        Binding("u", "take_back_slip", "Take back today's slip", id="review.unslip"),
    ]

    @dataclass
    class Loaded(Message):
        """A fresh review."""

        review: Review

    @dataclass
    class SlipTakenBack(Message):
        """Today's slip was taken back; the review as it is now."""

        review: Review

    @dataclass
    class Failed(Message):
        """The journal could not be read."""

        error: str

    def __init__(self, journal: Journal, today: date) -> None:
        """A review of `journal` as it stands on `today`."""
        super().__init__()
        self.journal = journal
        self.today = today
        self.review: Review | None = None
        #: Whether a slip was taken back here: the main screen counts again.
        self.slip_taken_back = False

    def compose(self) -> ComposeResult:
        """The glance line, then a panel per section."""
        yield Static("Reading your journal…", id="review-glance")
        with VerticalScroll(id="review-scroll"):
            yield Static(EMPTY_MESSAGE, id="review-empty")
            with Horizontal(id="review-columns"):
                for side, sections in zip(("left", "right"), COLUMNS, strict=True):
                    with Vertical(id=f"review-{side}", classes="review-column"):
                        for section in sections:
                            yield ReviewPanel(section)
        yield KeyFooter()

    def on_mount(self) -> None:
        """Read the journal in the background; scroll with the keyboard."""
        self.query_one("#review-empty").display = False
        for panel in self.query(ReviewPanel):
            panel.display = False
        self._apply_width(self.size.width)
        self.query_one("#review-scroll").focus()
        self.load()

    def on_resize(self) -> None:
        """One column on a narrow terminal."""
        self._apply_width(self.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(0 < width < NARROW_WIDTH, "-narrow")

    @work(thread=True, exclusive=True, group="review")
    def load(self) -> None:
        """Gather the review off the UI thread."""
        try:
            review = gather_review(self.journal, self.today)
        except (HealJournalError, OSError) as error:
            self.post_message(self.Failed(str(error)))
            return
        self.post_message(self.Loaded(review))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        review = self.review = message.review
        line = glance(review)
        heading = Text("How it's going", style="bold")
        if line.plain:
            heading.append(" · ")
            heading.append_text(line)
        self.query_one("#review-glance", Static).update(heading)
        self.query_one("#review-empty").display = review.is_empty
        for panel in self.query(ReviewPanel):
            if review.is_empty:
                panel.display = False
            else:
                panel.show(review)
        self.refresh_bindings()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.query_one("#review-glance", Static).update(
            Text(f"The review couldn't be read: {message.error}", style="bold")
        )
        self.notify(message.error, title="That didn't work", severity="error")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "open a month ago" only when there is a page to open."""
        if action == "open_month_ago":
            return self.review is not None and self.review.month_ago is not None
        if action == "take_back_slip":
            return self._slip_today() is not None
        return True

    def _slip_today(self) -> Slip | None:
        """The slip logged today, the newest if several: the one to take back."""
        slips = self.review.slips if self.review else ()
        return next((s for s in reversed(slips) if s.day == self.today), None)

    def action_take_back_slip(self) -> None:
        """A slip logged by mistake today: take it back, after asking."""
        from healjournal.tui.dialogs.confirm import ConfirmDialog

        slip = self._slip_today()
        if slip is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.take_back(slip.id)

        self.app.push_screen(
            ConfirmDialog(
                "Take back today's slip?",
                "If it was logged by mistake, the no-contact count goes back to "
                "where it was, as if it had never been logged.",
                confirm="Take it back",
            ),
            answered,
        )

    @work(thread=True, group="review-slip")
    def take_back(self, slip_id: int) -> None:
        """Delete the slip, then read the review again."""
        try:
            self.journal.delete_slip(slip_id)
            review = gather_review(self.journal, self.today)
        except (HealJournalError, OSError) as error:
            self.post_message(self.Failed(str(error)))
            return
        self.post_message(self.SlipTakenBack(review))

    @on(SlipTakenBack)
    def _slip_taken_back(self, message: SlipTakenBack) -> None:
        self.slip_taken_back = True
        self.post_message(self.Loaded(message.review))
        self.notify("Taken back. The count is as it was.")

    def action_open_month_ago(self) -> None:
        """Open the page written a month ago today."""
        entry = self.review.month_ago if self.review else None
        if entry is not None:
            self.dismiss(SearchChoice(entry.day, entry.id))

    def action_name(self) -> None:
        """Choose the name whose mentions are counted week by week."""
        current = self.review.name if self.review else None
        self.app.push_screen(NameDialog(current or ""), self._named)

    def _named(self, name: str | None) -> None:
        if name is not None:
            self.save_name(name)

    @work(thread=True, group="review-name")
    def save_name(self, name: str) -> None:
        """Store the name (or forget it), then read the review again."""
        try:
            self.journal.set_setting(NAME_SETTING, name)
            review = gather_review(self.journal, self.today)
        except (HealJournalError, OSError) as error:
            self.post_message(self.Failed(str(error)))
            return
        self.post_message(self.Loaded(review))

    def action_close(self) -> None:
        """Back to the page."""
        self.dismiss(None)
