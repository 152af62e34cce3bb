"""The main screen's keys for the hard moments: an urge to text them (F8), a
letter to them (F5), a slip (F6), and starting the no-contact count."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from textual import work

from healjournal.domain.dates import describe_day
from healjournal.domain.models import EntryKind, UrgeOutcome
from healjournal.insight.encouragement import slip_notice, urge_notice
from healjournal.tui.widgets.editor import new_page_id

if TYPE_CHECKING:
    from healjournal.domain.stats import Streak
    from healjournal.insight.overview import Overview
    from healjournal.storage.journal import Journal
    from healjournal.tui.dialogs.slip import SlipReport
    from healjournal.tui.screens.urge import UrgeAnswer


class UrgeHandlers:
    """Mixed into MainScreen: urges, letters, slips and the no-contact count."""

    journal: Journal
    today: date
    overview: Overview | None

    def action_letter(self) -> None:
        """Write to them, here, where nothing is ever sent."""
        from healjournal.tui.dialogs.letter import LetterScreen

        page = new_page_id()

        def written(text: str | None) -> None:
            if text:  # not every letter comes from an urge: F8's word says so
                self.notify("Kept here, sent nowhere. It's said, and it stays yours.")

        draft = self._letter_drafts(page, EntryKind.LETTER)
        self.app.push_screen(LetterScreen(on_draft=draft), written)

    def action_slip(self) -> None:
        """Log contact, kindly: the count starts again, the best stays."""
        from healjournal.tui.dialogs.slip import SlipDialog

        streak = self.overview.no_contact_streak if self.overview else None
        self.app.push_screen(
            SlipDialog(
                self.today,
                streak.current if streak else None,
                streak.best if streak else None,
            ),
            self._slipped,
        )

    def _slipped(self, report: SlipReport | None) -> None:
        if report is None:
            return

        def log(journal: Journal) -> Streak | None:
            from healjournal.domain.stats import no_contact_streak

            journal.log_slip(report.day, report.note)
            return no_contact_streak(journal.no_contact(), self.today)

        self.change(log, slip_notice)

    def action_urge(self) -> None:
        """I want to text them: a calm wait, a page for them, something else to do."""
        from healjournal.insight.urge import urge_minutes, urge_support
        from healjournal.tui.screens.urge import UrgeScreen

        if any(isinstance(s, UrgeScreen) for s in self.app.screen_stack):
            return
        at = self.app_now()
        page = new_page_id()
        overview = self.overview
        support = urge_support(
            at,
            self.today,
            overview.no_contact_streak if overview else None,
            overview.goals if overview else (),
            self.app.person,
        )

        # An urge page, so kind:urge, the review and the export call it one thing.
        draft = self._letter_drafts(page, EntryKind.URGE)

        def answered(answer: UrgeAnswer) -> None:
            self.record_urge(at, page, answer)

        # Logged the moment it starts; the answer completes the same record.
        self.change(lambda j: j.log_urge(at, day=self.today))
        self.app.push_screen(
            UrgeScreen(
                support,
                clock=self.journal.clock,
                started=at,
                minutes=urge_minutes(overview.settings if overview else {}),
                on_draft=draft,
                on_answer=answered,
                on_minutes=self._set_urge_minutes,
            )
        )

    @work(group="urge")
    async def record_urge(self, at: datetime, page: int, answer: UrgeAnswer) -> None:
        """Log how an urge went, after its letter is saved (the urge points to it)."""
        await self.flush()
        written = bool(answer.letter.strip())  # an emptied page is no page
        letter_id = self.saves.entry_id(page) if written else None
        contacted = answer.outcome is UrgeOutcome.CONTACTED

        def log(journal: Journal) -> Streak | None:
            from healjournal.domain.stats import no_contact_streak

            with journal.transaction():
                urge = journal.log_urge(
                    at,
                    day=self.today,
                    strength=answer.strength,
                    outcome=answer.outcome,
                    letter_id=letter_id,
                )
                if not written and urge.letter_id is not None:
                    journal.update_urge(urge.id, letter_id=None)
                if contacted:
                    journal.log_slip(self.today)
            return no_contact_streak(journal.no_contact(), self.today)

        self.change(log, lambda streak: urge_notice(answer.outcome, written, streak))

    def action_urge_minutes(self) -> None:
        """Choose how long the urge screen waits before it asks."""
        from healjournal.insight.urge import urge_minutes
        from healjournal.tui.dialogs.minutes import MinutesDialog

        settings = self.overview.settings if self.overview else {}
        self.app.push_screen(MinutesDialog(urge_minutes(settings)), self._urge_minutes)

    def _urge_minutes(self, minutes: int | None) -> None:
        if minutes is not None:
            self._set_urge_minutes(minutes)

    def _set_urge_minutes(self, minutes: int) -> None:
        from healjournal.insight.urge import URGE_MINUTES_SETTING

        unit = "minute" if minutes == 1 else "minutes"
        self.change(
            lambda j: j.set_setting(URGE_MINUTES_SETTING, minutes),
            lambda _: f"The urge screen waits {minutes} {unit} now.",
        )

    def action_start_no_contact(self) -> None:
        """Ask when the last contact was and start the count from it."""
        from healjournal.tui.dialogs.jump import JumpToDate

        self.app.push_screen(JumpToDate(self.today), self._started)

    def _started(self, day: date | None) -> None:
        if day is not None:
            self.change(
                lambda j: j.start_no_contact(day),
                lambda _: (
                    f"Counting from {describe_day(day, self.today)}. One day at a time."
                ),
            )
