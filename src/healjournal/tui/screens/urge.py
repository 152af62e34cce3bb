"""The urge screen: the ex is on your mind and you want to text them.

One key (F8) from anywhere opens it. A calm countdown, a page for exactly
what you would send them (kept here, sent nowhere), the no-contact count and
one thing to do instead. When the time is up, or whenever the person is
ready, it asks "Do you still want to?" with three answers.

The screen saves nothing itself: the letter's words and the answers go to
callbacks (the main screen's save queue and its workers), so the screen never
waits on the disk and a quit or a closed terminal never takes the letter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Digits, Footer, Static, TextArea

from healjournal.clock import Clock
from healjournal.domain.models import UrgeOutcome
from healjournal.insight.encouragement import on_your_mind
from healjournal.insight.urge import (
    DEFAULT_MINUTES,
    UrgeSupport,
    clock_face,
    count_line,
)
from healjournal.tui.dialogs.minutes import MinutesDialog
from healjournal.tui.speaking import SpokenKeys, person_of
from healjournal.tui.widgets.urge_question import UrgeQuestion

__all__ = ["UrgeAnswer", "UrgeScreen"]

#: How often the countdown looks at the clock, in seconds.
TICK_SECONDS = 1.0
#: Seconds of quiet before the letter's words are handed over to be saved.
DRAFT_DELAY = 1.0
#: When the time runs out mid-sentence, the letter keeps the keys until the
#: person has stopped typing this long (by the clock): words typed on are
#: words, not answers. Otherwise the question takes the keys at once.
TYPING_QUIET = 2.0


@dataclass(frozen=True, slots=True)
class UrgeAnswer:
    """The person's answer to "Do you still want to?"."""

    outcome: UrgeOutcome
    """Passed (resisted), still writing, or contacted."""
    strength: int | None
    """How strong it felt, 1 to 5, if the person said."""
    letter: str
    """The letter as it stands (already handed over to be saved)."""


#: Above the letter, spoken for the person chosen.
LETTER_HEADER = (
    "Write exactly what you would send {them}. Nothing is ever sent anywhere."
)


class UrgeScreen(SpokenKeys, ModalScreen[UrgeAnswer | None]):
    """A calm wait, a page for them that is never sent, and something else to do.

    Dismissed with the final answer (it passed, or they were contacted); "I'll
    keep writing" goes back to the letter for another round. Everything on it
    speaks of the ex as the person chose.
    """

    DEFAULT_CSS = """
    UrgeScreen {
        align: center top;
    }
    UrgeScreen > #urge-box {
        width: 100%;
        max-width: 120;
        height: 1fr;
        padding: 0 1;
        border: round $accent;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
    }
    UrgeScreen #urge-top { height: auto; }
    UrgeScreen #urge-clock-box { width: 17; height: auto; padding: 0 1; }
    UrgeScreen #urge-clock { width: 100%; text-align: center; color: $text-accent; }
    UrgeScreen #urge-clock-note {
        width: 100%;
        text-align: center;
        color: $text-muted;
    }
    UrgeScreen #urge-side { width: 1fr; height: auto; padding-left: 1; }
    UrgeScreen #urge-line { text-style: italic; }
    UrgeScreen #urge-count { margin-top: 1; }
    UrgeScreen #urge-idea { color: $text; }
    UrgeScreen #urge-header { margin-top: 1; color: $text-muted; }
    UrgeScreen #urge-letter { height: 1fr; min-height: 4; }
    UrgeScreen.-done #urge-clock { color: $text-success; }
    """

    AUTO_FOCUS = "#urge-letter"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", "Help", id="urge.help"),
        Binding("escape", "ask", "Done waiting", id="urge.ask"),
        Binding("f3", "another_idea", "Another idea", id="urge.idea"),
        Binding("ctrl+t", "minutes", "Timer", id="urge.minutes"),
        Binding("ctrl+s", "keep", "Keep the letter", show=False, id="urge.keep"),
        # Already here: F8 only brings the cursor back to the letter.
        Binding("f8", "write", "Write", show=False, id="urge.write"),
    ]

    def __init__(
        self,
        support: UrgeSupport,
        *,
        clock: Clock,
        started: datetime | None = None,
        minutes: int = DEFAULT_MINUTES,
        on_draft: Callable[[str], None] | None = None,
        on_answer: Callable[[UrgeAnswer], None] | None = None,
        on_minutes: Callable[[int], None] | None = None,
    ) -> None:
        """An urge that began at `started` (now by default), waiting `minutes`.

        `clock` says what time it is, so a frozen clock drives the countdown
        in tests. `on_draft` receives the letter a second after typing stops
        and before the screen closes; `on_answer` every answer; `on_minutes`
        a new length for the wait, to remember.
        """
        super().__init__()
        self.support = support
        self._clock = clock
        self.started = started or clock.now()
        self.minutes = minutes
        self._on_draft = on_draft
        self._on_answer = on_answer
        self._on_minutes = on_minutes
        self._idea = 0
        self._timer: Timer | None = None
        self._sent = ""
        self._last_typed: datetime | None = None
        #: The question came up on its own and waits for a pause in typing.
        self._waiting_to_ask = False
        self.finished = False

    def compose(self) -> ComposeResult:
        """The clock and the support beside it, the letter, the question."""
        person = person_of(self)
        with Vertical(id="urge-box") as box:
            box.border_title = on_your_mind(person)
            box.border_subtitle = "nothing here is ever sent"
            with Horizontal(id="urge-top"):
                with Vertical(id="urge-clock-box"):
                    yield Digits(clock_face(self.minutes * 60), id="urge-clock")
                    yield Static("then decide", id="urge-clock-note")
                with Vertical(id="urge-side"):
                    yield Static(self.support.line, id="urge-line")
                    yield Static(count_line(self.support.no_contact), id="urge-count")
                    yield Static(self._idea_text(), id="urge-idea")
            yield Static(person.say(LETTER_HEADER), id="urge-header")
            yield TextArea(
                soft_wrap=True,
                tab_behavior="focus",
                highlight_cursor_line=False,
                placeholder="Say it all here…",
                id="urge-letter",
            )
            yield UrgeQuestion(id="urge-question")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Start the countdown; it reads the clock, so it never drifts."""
        self.tick()
        self.set_interval(TICK_SECONDS, self.tick, name="urge-countdown")

    # -- the countdown -----------------------------------------------------------

    @property
    def remaining(self) -> float:
        """Seconds left to wait, by the clock (never below 0)."""
        elapsed = (self._clock.now() - self.started).total_seconds()
        return max(0.0, self.minutes * 60 - elapsed)

    def tick(self) -> None:
        """Show the time left; when it runs out, ask the question.

        The question takes the keys at once, so p, w and c answer and nothing
        more goes into the letter; unless the person is typing, then as soon
        as they stop (TYPING_QUIET).
        """
        remaining = self.remaining
        self.query_one("#urge-clock", Digits).update(clock_face(remaining))
        if remaining <= 0 and not self.finished:
            self.finished = True
            self.add_class("-done")
            self.query_one("#urge-clock-note", Static).update("time's up")
            question = self.query_one(UrgeQuestion)
            if not question.is_open:
                question.ask(self._note(), focus=False)
                self._waiting_to_ask = True
        if self._waiting_to_ask and not self._typing:
            self.action_ask()

    @property
    def _typing(self) -> bool:
        """Whether the letter changed less than TYPING_QUIET seconds ago."""
        if self._last_typed is None:
            return False
        quiet = (self._clock.now() - self._last_typed).total_seconds()
        return quiet < TYPING_QUIET

    def _note(self) -> str:
        if self.finished:
            minutes = "minute" if self.minutes == 1 else "minutes"
            wait = f"{self.minutes} {minutes}"
            return f"That's {wait}, and you waited. Your letter is kept either way."
        return "No rush. Whatever you answer, your letter is kept."

    # -- the letter --------------------------------------------------------------

    @on(TextArea.Changed, "#urge-letter")
    def _typed(self) -> None:
        self._last_typed = self._clock.now()
        if self._on_draft is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DRAFT_DELAY, self.save_draft)

    @property
    def letter(self) -> str:
        """The letter as written, without trailing space."""
        return self.query_one("#urge-letter", TextArea).text.rstrip()

    def save_draft(self) -> None:
        """Hand the letter over to be saved now, if it changed."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text = self.letter
        if self._on_draft is not None and text != self._sent:
            self._sent = text
            self._on_draft(text)

    def action_keep(self) -> None:
        """Save the letter now, and carry on."""
        self.save_draft()

    def action_write(self) -> None:
        """Back to the letter."""
        self._waiting_to_ask = False
        self.query_one(UrgeQuestion).close()
        self.query_one("#urge-letter", TextArea).focus()

    # -- the support ---------------------------------------------------------------

    def _idea_text(self) -> Text:
        ideas = self.support.ideas
        line = Text("Instead: ", style="bold")
        # Spoken already (urge_support), and a goal's title is the person's
        # own words: never read as a template.
        line.append(ideas[self._idea % len(ideas)])
        return line

    def action_another_idea(self) -> None:
        """Show the next thing to do instead."""
        self._idea += 1
        self.query_one("#urge-idea", Static).update(self._idea_text())

    def action_minutes(self) -> None:
        """Change how long the wait is (remembered for next time)."""
        self.app.push_screen(MinutesDialog(self.minutes), self._minutes_chosen)

    def _minutes_chosen(self, minutes: int | None) -> None:
        if minutes is None:
            return
        self.minutes = minutes
        if self._on_minutes is not None:
            self._on_minutes(minutes)
        if self.finished and self.remaining > 0:
            self._restart()  # a longer wait than the one just finished
        self.tick()

    # -- the question ----------------------------------------------------------------

    def action_ask(self) -> None:
        """Ask "Do you still want to?" now, with the keys for the answers."""
        self._waiting_to_ask = False
        self.query_one(UrgeQuestion).ask(self._note(), focus=True)

    @on(UrgeQuestion.Answered)
    def _answered(self, message: UrgeQuestion.Answered) -> None:
        self.save_draft()
        answer = UrgeAnswer(message.outcome, message.strength, self.letter)
        if self._on_answer is not None:
            self._on_answer(answer)
        if message.outcome.final:
            self.dismiss(answer)
            return
        # Keep writing: the question goes, and if the time was up, a new wait.
        self._waiting_to_ask = False
        self.query_one(UrgeQuestion).close()
        if self.finished:
            self._restart()
            minutes = "minute" if self.minutes == 1 else "minutes"
            self.notify(f"Another {self.minutes} {minutes}, then. Take your time.")
        self.query_one("#urge-letter", TextArea).focus()

    def _restart(self) -> None:
        self.started = self._clock.now()
        self.finished = False
        self.remove_class("-done")
        self.query_one("#urge-clock-note", Static).update("then decide")
        self.tick()
