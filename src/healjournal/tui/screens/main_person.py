"""The main screen and who it is about: changing the choice, speaking again."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from healjournal.tui.widgets.editor import EditorPane

if TYPE_CHECKING:
    from healjournal.domain.person import Person
    from healjournal.insight.overview import Overview

#: What the app says once the choice is kept: "Got it: Sam (she / her). …".
CHOSEN = "Got it: {label}. The app speaks that way from now on."


class PersonHandlers:
    """Mixed into MainScreen: "Who you're getting over…", and the page's
    prompt spoken again when the choice changes."""

    today: date
    overview: Overview | None

    def listen_for_person(self) -> None:
        """Speak again whenever the app's person changes (once, on mount)."""
        self.watch(self.app, "person", self._person_changed, init=False)

    def _person_changed(self) -> None:
        # The keys are spoken again by the app; the page's prompt here.
        from healjournal.tips import tip_for

        editor = self.query_one(EditorPane)
        start = self.overview.start if self.overview else None
        prompt = tip_for(editor.day, start, self.app.person).prompt
        editor.text_area.placeholder = prompt

    def action_person(self) -> None:
        """Change who the app speaks of: he, she, they, a name, or "your ex"."""
        from healjournal.tui.dialogs.person import PersonDialog

        self.app.push_screen(PersonDialog(self.app.person), self._person_chosen)

    def _person_chosen(self, person: Person | None) -> None:
        from healjournal.tui.speaking import save_person

        if person is None or person == self.app.person:
            return
        self.app.person = person  # everything on screen speaks again at once
        self.change(
            lambda j: save_person(j, person), lambda p: CHOSEN.format(label=p.label)
        )
