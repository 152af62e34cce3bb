"""The main screen's goals: adding, ticking, editing, putting away, deleting,
and the welcome that offers the first ones."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from healjournal.tui.widgets.editor import EditorPane
from healjournal.tui.widgets.topbar import plural

# The goal list's and tips' messages are handled by name (on_<widget>_<message>),
# so their classes need not be imported before the panes are mounted.
if TYPE_CHECKING:
    from healjournal.domain.models import Goal
    from healjournal.insight.overview import Overview
    from healjournal.storage.journal import Journal
    from healjournal.tui.dialogs.goal_form import GoalDraft
    from healjournal.tui.screens.welcome import WelcomeResult
    from healjournal.tui.widgets.goals import GoalChecklist
    from healjournal.tui.widgets.tips import TipSidebar


class GoalHandlers:
    """Mixed into MainScreen: what the goal list and the welcome ask for."""

    today: date
    overview: Overview | None

    def _maybe_welcome(self, overview: Overview) -> None:
        if overview.settings.get("welcomed") or overview.entries or overview.goals:
            return
        from healjournal.tui.screens.welcome import WelcomeScreen

        self.app.push_screen(WelcomeScreen(self.today, self.app.person), self._welcomed)

    def _welcomed(self, result: WelcomeResult | None) -> None:
        from healjournal.tui.speaking import save_person

        goals = result.goals if result else ()
        last_contact = result.last_contact if result else None
        # Spoken of as chosen at once; kept with the rest of the answers.
        person = result.person if result else self.app.person
        chosen = person != self.app.person
        self.app.person = person

        def apply(journal: Journal) -> int:
            with journal.transaction():
                for theme, title, kind in goals:
                    journal.add_goal(title, theme, kind)
                if last_contact is not None:
                    journal.start_no_contact(last_contact)
                if chosen:
                    save_person(journal, person)
                journal.set_setting("welcomed", True)
            return len(goals)

        def word(count: int) -> str | None:
            return (
                f"{plural(count, 'goal')} added. Now, today's page is yours."
                if count
                else None
            )

        self.change(apply, word)
        # Keys typed to close the welcome follow through the app to the page.
        self.query_one(EditorPane).text_area.focus()

    def on_tip_sidebar_starter_goal_chosen(
        self, message: TipSidebar.StarterGoalChosen
    ) -> None:
        """Make a starter goal from the tips one of yours."""
        self._starter_goal(message)

    def on_goal_checklist_starter_chosen(
        self, message: GoalChecklist.StarterChosen
    ) -> None:
        """Make a starter goal offered by an empty goal list one of yours."""
        self._starter_goal(message)

    def _starter_goal(
        self, message: TipSidebar.StarterGoalChosen | GoalChecklist.StarterChosen
    ) -> None:
        goals = self.overview.goals if self.overview else ()
        if any(
            g.title.casefold() == message.title.casefold() and not g.archived
            for g in goals
        ):
            self.notify(f"Already on your list: {message.title}")
            return
        if self._goals is not None:
            self._goals.expect_new_goal()
        self.change(
            lambda j: j.add_goal(message.title, message.theme, message.kind),
            lambda goal: f"Added to your goals: {goal.title}",
        )

    def on_goal_checklist_toggled(self, message: GoalChecklist.Toggled) -> None:
        """Tick or untick a goal for today."""
        goal_id = message.goal_id
        if message.ticked:
            self.change(lambda j: j.tick_goal(goal_id, self.today))
        else:
            self.change(lambda j: j.untick_goal(goal_id, self.today))

    def on_goal_checklist_add_requested(self) -> None:
        """`a` in the goal list: add a goal."""
        self.action_add_goal()

    def action_add_goal(self) -> None:
        """Add a goal of your own."""
        from healjournal.tui.dialogs.goal_form import GoalForm

        self.app.push_screen(GoalForm(self.today), self._goal_added)

    def _goal_added(self, draft: GoalDraft | None) -> None:
        if draft is not None:
            if self._goals is not None:
                self._goals.expect_new_goal()  # so Space ticks the new one
            self.change(
                lambda j: j.add_goal(draft.title, draft.theme, draft.kind, draft.due),
                lambda goal: f"New goal: {goal.title}",
            )

    def on_goal_checklist_edit_requested(
        self, message: GoalChecklist.EditRequested
    ) -> None:
        """Edit a goal in the goal form."""
        from healjournal.tui.dialogs.goal_form import GoalForm

        goal = self._goal(message.goal_id)
        if goal is None:
            return

        def edited(draft: GoalDraft | None) -> None:
            if draft is not None:
                self.change(
                    lambda j: j.update_goal(
                        goal.id,
                        title=draft.title,
                        theme=draft.theme,
                        kind=draft.kind,
                        due=draft.due,
                    )
                )

        self.app.push_screen(GoalForm(self.today, goal), edited)

    def on_goal_checklist_archive_requested(
        self, message: GoalChecklist.ArchiveRequested
    ) -> None:
        """Put a goal away (or bring it back), after asking."""
        from healjournal.tui.dialogs.confirm import ConfirmDialog

        goal = self._goal(message.goal_id)
        if goal is None:
            return
        if goal.archived:

            def restore(yes: bool | None) -> None:
                if yes:
                    self.change(
                        lambda j: j.archive_goal(goal.id, archived=False),
                        lambda _: f"Back on your list: {goal.title}",
                    )

            self.app.push_screen(
                ConfirmDialog(
                    "Bring this goal back?",
                    f"“{goal.title}” goes back on your list, with its ticks.",
                    confirm="Bring it back",
                ),
                restore,
            )
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(
                    lambda j: j.archive_goal(goal.id),
                    lambda _: f"Put away: {goal.title}. Its ticks are kept.",
                )

        self.app.push_screen(
            ConfirmDialog(
                "Put this goal away?",
                f"“{goal.title}” leaves your list; everything you ticked is kept.",
                confirm="Put away",
            ),
            answered,
        )

    def on_goal_checklist_delete_requested(
        self, message: GoalChecklist.DeleteRequested
    ) -> None:
        """Delete a goal for good, after asking."""
        from healjournal.tui.dialogs.confirm import ConfirmDialog

        goal = self._goal(message.goal_id)
        if goal is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(lambda j: j.delete_goal(goal.id), lambda _: "Goal deleted.")

        self.app.push_screen(
            ConfirmDialog(
                "Delete this goal?",
                f"“{goal.title}” and all its ticks will be gone for good. "
                "Putting it away (x) keeps them instead.",
                confirm="Delete",
                danger=True,
            ),
            answered,
        )

    def _goal(self, goal_id: int) -> Goal | None:
        if self.overview is None:
            return None
        return next((g for g in self.overview.goals if g.id == goal_id), None)
