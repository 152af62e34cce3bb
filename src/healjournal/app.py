"""The full-screen app: today's reflection, one keystroke away."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, Header, Static, TextArea

from healjournal.clock import get_clock
from healjournal.domain.dates import describe_day
from healjournal.domain.models import Entry
from healjournal.domain.stats import no_contact_streak
from healjournal.errors import HealJournalError
from healjournal.storage.journal import Journal
from healjournal.tips import tip_for

AUTOSAVE_DELAY = 1.0


@dataclass
class Loaded(Message):
    """The journal was read off the UI thread."""

    entry: Entry | None
    streak_days: int | None


@dataclass
class Saved(Message):
    """A save finished: `entry` on success, `error` when the disk said no."""

    entry: Entry | None
    error: str | None
    at: datetime


class HealJournalApp(App[None]):
    """Today's reflection in an editor that saves itself."""

    TITLE = "healjournal"
    CSS = """
    #editor { height: 1fr; border: round $primary; }
    #status { height: 1; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.journal = Journal(path, clock=get_clock())
        self.today = get_clock().today()
        self.entry_id: int | None = None
        self.saved_text = ""
        self.saving = False

    def compose(self) -> ComposeResult:
        """Header, the editor for today, a save line and the footer."""
        yield Header()
        tip = tip_for(self.today)
        yield TextArea(id="editor", soft_wrap=True, placeholder=tip.prompt)
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        """Focus the editor at once; read the journal in the background."""
        self.sub_title = describe_day(self.today, self.today).capitalize()
        self.query_one("#editor", TextArea).focus()
        self.load()

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        """Read today's reflection and the no-contact count."""
        entry = self.journal.reflection_for(self.today)
        streak = no_contact_streak(self.journal.no_contact(), self.today)
        self.post_message(Loaded(entry, streak.current if streak else None))

    @on(Loaded)
    def show_loaded(self, message: Loaded) -> None:
        """Put the saved text in the editor, after it anything typed meanwhile."""
        editor = self.query_one("#editor", TextArea)
        if message.entry is not None:
            self.entry_id = message.entry.id
            self.saved_text = message.entry.text
            typed = editor.text
            editor.load_text(
                f"{message.entry.text}\n\n{typed}" if typed else message.entry.text
            )
            editor.move_cursor(editor.document.end)
        if message.streak_days is not None:
            self.sub_title += f" · day {message.streak_days} of no contact"

    @on(TextArea.Changed, "#editor")
    def schedule_save(self) -> None:
        """Save about a second after typing stops."""
        self.query_one("#status", Static).update("editing…")
        self.set_timer(AUTOSAVE_DELAY, self.action_save, name="autosave")

    def action_save(self) -> None:
        """Save now, in a worker."""
        text = self.query_one("#editor", TextArea).text
        if text != self.saved_text and not self.saving:
            self.saving = True
            self.query_one("#status", Static).update("saving…")
            self.save(text)

    @work(thread=True, group="save")
    def save(self, text: str) -> None:
        """Write the text to disk off the UI thread."""
        now = get_clock().now()
        try:
            if self.entry_id is None:
                entry = self.journal.add_entry(text, day=self.today)
            else:
                entry = self.journal.update_entry(self.entry_id, text=text)
        except HealJournalError as error:
            self.post_message(Saved(None, str(error), now))
        else:
            self.post_message(Saved(entry, None, now))

    @on(Saved)
    def show_saved(self, message: Saved) -> None:
        """Say whether the words are safe; keep them in the editor either way."""
        self.saving = False
        status = self.query_one("#status", Static)
        if message.error:
            status.update(f"not saved: {message.error} - your text is kept")
            self.notify(message.error, title="Not saved", severity="error")
            return
        assert message.entry is not None
        self.entry_id = message.entry.id
        self.saved_text = message.entry.text
        status.update(f"saved {message.at:%H:%M}")
        if self.query_one("#editor", TextArea).text != self.saved_text:
            self.action_save()

    async def action_quit(self) -> None:
        """Save what is unsaved, then leave."""
        text = self.query_one("#editor", TextArea).text
        await self.workers.wait_for_complete()
        if text != self.saved_text:
            try:
                if self.entry_id is None:
                    self.journal.add_entry(text, day=self.today)
                else:
                    self.journal.update_entry(self.entry_id, text=text)
            except HealJournalError as error:
                self.notify(
                    f"{error}. Copy your text before quitting.", severity="error"
                )
                return
        self.exit()


def run(path: Path) -> int:
    """Run the app on the journal at `path`; return the exit code."""
    HealJournalApp(path).run()
    return 0
