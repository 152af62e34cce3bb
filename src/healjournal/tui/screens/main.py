"""The main screen: the days, today's page, the tips and the goals.

Disk work runs in thread workers that touch no widget (main_work.py); their
results come back as messages, handled here on the UI thread. The screen is
put together from one mixin per concern, each in its own module beside this
one: saving (main_saves), opening what was read (main_loading), goals,
urges and deleting pages.
"""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen

from healjournal.domain.models import Entry, Theme
from healjournal.tui.save_queue import SaveQueue
from healjournal.tui.screens.main_copies import CopiesOffer
from healjournal.tui.screens.main_delete import PageDeletion
from healjournal.tui.screens.main_editor import OutsideEditing
from healjournal.tui.screens.main_goals import GoalHandlers
from healjournal.tui.screens.main_loading import PageLoading
from healjournal.tui.screens.main_person import PersonHandlers
from healjournal.tui.screens.main_saves import PageSaves
from healjournal.tui.screens.main_urges import UrgeHandlers
from healjournal.tui.screens.main_work import JournalWork
from healjournal.tui.speaking import SpokenKeys
from healjournal.tui.widgets.editor import EditorPane
from healjournal.tui.widgets.footer import NARROW_WIDTH, KeyFooter
from healjournal.tui.widgets.topbar import TopBar

# The screens and dialogs behind a key are imported when first used, so they
# cost nothing before today's page is on screen. So are the side panes, the
# tips, the search index and the code that reads the whole journal: the first
# frame is the top bar, the page and the keys, and the rest follows a moment
# later (see _after_first_frame).
if TYPE_CHECKING:
    from healjournal.domain.search import SearchIndex
    from healjournal.insight.overview import Overview
    from healjournal.storage.journal import Journal
    from healjournal.tui.dialogs.demo_quit import DemoWords
    from healjournal.tui.screens.review import ReviewScreen
    from healjournal.tui.screens.search import SearchChoice
    from healjournal.tui.widgets.calendar import MonthCalendar
    from healjournal.tui.widgets.day_list import DayList
    from healjournal.tui.widgets.goals import GoalChecklist
    from healjournal.tui.widgets.mood_line import MoodLine
    from healjournal.tui.widgets.tips import TipSidebar

#: Key hints left out of the footer below NARROW_WIDTH, so the ones that
#: matter most on a bad evening fit in 80 columns (all are in F1's help).
NARROW_HIDDEN_HINTS = frozenset({"search", "review", "quit"})
#: How often the journal file is checked for changes made elsewhere.
DISK_CHECK_SECONDS = 2.0

PANES = ("days", "tips", "goals")


class MainScreen(
    SpokenKeys,
    JournalWork,
    CopiesOffer,
    PageSaves,
    PageLoading,
    GoalHandlers,
    UrgeHandlers,
    PageDeletion,
    OutsideEditing,
    PersonHandlers,
    Screen[None],
):
    """The journal: pages on the left, the page in the middle, help on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # First, so the way to help is the one hint never cut off in 80 columns.
        Binding("f1", "app.help", "Help", id="help.main"),
        Binding("ctrl+s", "save", "Save", show=False, id="save"),
        Binding("f2", "pane('days')", "Days", id="pane.days"),
        Binding("f3", "pane('tips')", "Tips", id="pane.tips"),
        Binding("f4", "pane('goals')", "Goals", id="pane.goals"),
        # The app's F8 works everywhere; this one puts it here in the footer,
        # where F5's hint was: the urge screen is a letter, with support.
        Binding("f8", "app.urge", "I want to text {them}", id="urge.main"),
        Binding("f5", "letter", "Letter", show=False, id="letter"),
        Binding("f6", "slip", "I contacted {them}", id="slip"),
        Binding("ctrl+n", "new_page", "New page", show=False, id="new_page"),
        # Priority, so it is heard over the page's own undo; only while a
        # deleted page can still come back (check_action), else the page has it.
        Binding(
            "ctrl+z", "undo_delete", "Undo delete", priority=True, id="undo.delete"
        ),
        Binding("ctrl+g", "jump", "Go to day", show=False, id="jump"),
        # Priority, so it is heard over the page's own Ctrl+E (end of line,
        # which the End key still does).
        Binding(
            "ctrl+e", "edit_outside", "Editor", show=False, priority=True, id="edit"
        ),
        Binding("ctrl+f", "search", "Find", id="search"),
        Binding("f7", "review", "Review", id="review"),
        Binding(
            "escape", "pane('editor')", "Back to writing", show=False, id="pane.editor"
        ),
    ]

    def __init__(self, journal: Journal, today: date, *, demo: bool = False) -> None:
        super().__init__()
        self.journal = journal
        self.today = today
        self.demo = demo
        #: In the demo, what the person typed, to offer it back on quitting.
        self.demo_words: DemoWords | None = None
        if demo:
            from healjournal.tui.dialogs.demo_quit import DemoWords

            self.demo_words = DemoWords()
        self.overview: Overview | None = None
        #: The pages waiting to be saved, and the one being saved.
        self.saves = SaveQueue()
        self._idle = asyncio.Event()
        self._idle.set()
        self._last_error: str | None = None
        # Nothing is saved until the journal has been read, so words typed in
        # the first instant join the day's page instead of starting another.
        self._ready = False
        self._load_token = 0
        self._load_started = False
        # The page opened from the glimpse, while it is still on screen.
        self._glimpsed_page: int | None = None
        # Whether the first read of the journal has ended, well or not.
        self._first_read_over = False
        self._search_index: SearchIndex | None = None
        # The milestone toasted this session, while saying so is on its way.
        self._milestone_seen: str | None = None
        # The page deleted last, while Ctrl+Z can still bring it back.
        self._deleted: Entry | None = None
        # The side panes, mounted just after the first frame.
        self._panes_lock = asyncio.Lock()
        self._days: DayList | None = None
        self._calendar: MonthCalendar | None = None
        self._mood_line: MoodLine | None = None
        self._tips: TipSidebar | None = None
        self._goals: GoalChecklist | None = None
        self._last_query = ""
        # A search result asks for the cursor at its match: (entry id, offset).
        self._cursor_at: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        """Top bar; the page between the side panes (filled after the first
        frame); the footer."""
        badge = None
        if self.demo:
            badge = ("DEMO: nothing is kept", "DEMO")
        elif self.journal.read_only:
            badge = ("READ-ONLY: nothing can be saved here", "READ-ONLY")
        yield TopBar(id="topbar", badge=badge)
        with Horizontal(id="columns"):
            yield Vertical(id="days-pane", classes="side")
            yield EditorPane(self.today, id="editor")
            yield Vertical(id="side-pane", classes="side")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Focus the page at once; the rest comes after the first frame."""
        self.query_one(EditorPane).text_area.focus()
        # The terminal's width: the screen's own is a default until laid out.
        self._apply_width(self.app.size.width)
        self.call_after_refresh(self._after_first_frame)
        self.set_interval(DISK_CHECK_SECONDS, self.check_disk, name="disk-check")
        self.listen_for_person()

    def _after_first_frame(self) -> None:
        """Read the journal, today's page first (the side panes follow it)."""
        from healjournal.tips import tip_for

        if self._load_started:
            return
        self._load_started = True
        self._load(self.today, None)
        prompt = tip_for(self.today, person=self.app.person).prompt
        self.query_one(EditorPane).text_area.placeholder = prompt

    def on_screen_suspend(self) -> None:
        """Covered before its first frame (F5 at once, say): read all the same."""
        self._after_first_frame()

    async def _mount_panes(self) -> None:
        """Mount the days, calendar, mood line, tips and goals, once."""
        async with self._panes_lock:
            if self._days is not None:
                return
            from healjournal.tui.widgets.calendar import MonthCalendar
            from healjournal.tui.widgets.day_list import DayList
            from healjournal.tui.widgets.goals import GoalChecklist
            from healjournal.tui.widgets.mood_line import MoodLine
            from healjournal.tui.widgets.tips import TipSidebar

            days = DayList(id="days")
            calendar = MonthCalendar(self.today, id="calendar")
            mood_line = MoodLine(self.today, id="mood-line")
            tips = TipSidebar(self.today, id="tips")
            goals = GoalChecklist(id="goals")
            await self.query_one("#days-pane").mount_all([days, calendar, mood_line])
            await self.query_one("#side-pane").mount_all([tips, goals])
            self._days, self._calendar, self._mood_line = days, calendar, mood_line
            self._tips, self._goals = tips, goals

    def on_resize(self) -> None:
        """Fold the side panes away on a narrow terminal."""
        self._apply_width(self.size.width)

    def _apply_width(self, width: int) -> None:
        narrow = 0 < width < NARROW_WIDTH
        self.set_class(narrow, "-narrow")
        # Tighter key hints, so every key still fits in 80 columns (Ctrl+P is
        # in the help).
        self.query_one(KeyFooter).fit(width)
        self.refresh_bindings()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys in force; on a narrow terminal, fewer of them in the footer.

        Only what the footer shows changes: every key still works.
        """
        bindings = super().active_bindings
        if not self.has_class("-narrow"):
            return bindings
        return {
            key: active
            for key, active in bindings.items()
            if active.binding.id not in NARROW_HIDDEN_HINTS
        }

    def _load(self, day: date, entry_id: int | None) -> None:
        self._load_token += 1
        self.load(day, entry_id, self._load_token)

    @property
    def busy(self) -> bool:
        """Whether the journal is still being read or a page is on its way to
        the disk (a save held back after a failure waits for its retry)."""
        return not self._first_read_over or self.saves.busy

    # -- actions -------------------------------------------------------------------

    def action_save(self) -> None:
        """Save the page now."""
        self.query_one(EditorPane).save_now()

    async def action_pane(self, pane: str) -> None:
        """Go to a pane (on a narrow terminal, show it in place of the page)."""
        if pane != "editor":
            await self._mount_panes()  # a key pressed in the very first instant
        self.show_pane(pane)

    def show_pane(self, pane: str) -> None:
        """Show and focus a pane; the side panes must be mounted."""
        for name in PANES:
            self.set_class(pane == name, f"-show-{name}")
        if pane == "editor":
            self.query_one(EditorPane).text_area.focus()
            return
        widget = {"days": self._days, "tips": self._tips, "goals": self._goals}[pane]
        assert widget is not None, "the side panes are mounted"
        focus_target = widget.query("OptionList").first() if pane == "goals" else widget
        focus_target.focus()

    def action_new_page(self) -> None:
        """Start another page for today."""
        self.open_day(self.today, None, blank=True)

    def action_jump(self) -> None:
        """Ask for a day and open it."""
        from healjournal.tui.dialogs.jump import JumpToDate

        self.app.push_screen(JumpToDate(self.today), self._jump_to)

    def action_search(self) -> None:
        """Find a page by its words, tags, mood or day."""
        from healjournal.tui.screens.search import SearchScreen

        if self.overview is None:
            self.notify("The journal is still opening: try again in a moment.")
            return
        editor = self.query_one(EditorPane)
        if editor.dirty:
            # Saved now, not awaited: the screen must open at once, or the
            # query typed straight after Ctrl+F would land on the page. The
            # save takes milliseconds, so the query finds these words too.
            self.queue_save(editor.draft())

        def entries() -> tuple[Entry, ...]:
            return self.overview.entries if self.overview else ()

        screen = SearchScreen(entries, self.today, self.search_index, self._last_query)

        def found(choice: SearchChoice | None) -> None:
            self._last_query = screen.query_text  # there again on the next Ctrl+F
            if choice is not None:
                if choice.at is not None:
                    self._cursor_at = (choice.entry_id, choice.at)
                self.open_day(choice.day, choice.entry_id)

        self.app.push_screen(screen, found)

    async def action_review(self) -> None:
        """How it's going: streaks, mood, no contact, the seven themes."""
        from healjournal.tui.screens.review import ReviewScreen

        await self.flush()  # so the words just typed count too
        if self.app.screen is self:
            review = ReviewScreen(self.journal, self.today)
            self.app.push_screen(review, partial(self._reviewed, review))

    def _reviewed(self, review: ReviewScreen, choice: SearchChoice | None) -> None:
        if review.slip_taken_back:  # the count is back: show it
            self.change(lambda journal: None)
        if choice is not None:
            self.open_day(choice.day, choice.entry_id)

    def _jump_to(self, day: date | None) -> None:
        if day is not None:
            self.open_day(day, None)

    def open_day(self, day: date, entry_id: int | None, *, blank: bool = False) -> None:
        """Open a page of `day`: entry `entry_id`, else the day's first
        reflection, or a new blank page; the open page's words are saved first."""
        editor = self.query_one(EditorPane)
        if editor.dirty:
            self.queue_save(editor.draft())
        self.show_pane("editor")
        if blank:
            from healjournal.tips import tip_for

            self._load_token += 1  # a page still loading must not replace this one
            start = self.overview.start if self.overview else None
            editor.open_page(day, None, tip_for(day, start, self.app.person).prompt)
            if self.overview:
                self._show(self.overview)
            return
        self._load(day, entry_id)

    # The side panes' messages are handled by name (on_<widget>_<message>), so
    # their classes need not be imported before the panes are mounted.

    def on_day_list_page_chosen(self, message: DayList.PageChosen) -> None:
        """Open the page picked in the day list."""
        self.open_day(message.day, message.entry_id)

    def on_month_calendar_day_clicked(self, message: MonthCalendar.DayClicked) -> None:
        """Open the day clicked in the calendar."""
        if message.day > self.today:
            self.notify("That day hasn't happened yet. Today's page is waiting.")
            return
        self.open_day(message.day, None)

    def on_tip_sidebar_prompt_chosen(self, message: TipSidebar.PromptChosen) -> None:
        """Put the prompt on the page, ready to answer."""
        self.show_pane("editor")
        self.query_one(EditorPane).insert_prompt(message.prompt)

    async def action_theme_tips(self, theme: str) -> None:
        """Show one theme's tips."""
        from healjournal.tips import theme_tips

        await self.action_pane("tips")
        assert self._tips is not None
        self._tips.show_theme(Theme(theme))
        tips = theme_tips(Theme(theme), self.app.person)
        self.notify(tips.summary, title=tips.name)
