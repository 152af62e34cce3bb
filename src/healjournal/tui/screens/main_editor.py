"""The main screen's Ctrl+E: the open page in the person's own editor.

The app hands the terminal over (`App.suspend`), the editor runs on it with
the page in a private file (machine/editor.py), and the words come back to
the page, which saves them the usual way (main_saves).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from healjournal.domain.models import check_text
from healjournal.errors import HealJournalError
from healjournal.tui.widgets.editor import EditorPane

if TYPE_CHECKING:
    from healjournal.machine.editor import Scratch


class OutsideEditing:
    """Mixed into MainScreen: Ctrl+E edits the page in the person's editor
    (the config's, else $VISUAL, else $EDITOR, else editor or vi)."""

    def configured_editor(self) -> str | None:
        """The config file's `editor` setting, if any (None: the environment's)."""
        return self.app.setup.config.editor

    def action_edit_outside(self) -> None:
        """Open the page in the person's editor; take back what it saved."""
        from healjournal.machine.editor import (
            editor_command,
            scratch_place,
            text_from_editor,
        )

        if not self._ready:
            self.notify("The journal is still opening: try again in a moment.")
            return
        pane = self.query_one(EditorPane)
        before = pane.text
        scratch = scratch_place()
        try:
            command = editor_command(self.configured_editor())
            # The editor has the terminal, so the app waits for it right here:
            # a worker would go on drawing over the editor. Saves already in
            # workers carry on, and their results are read on return.
            with self.app.suspend():
                written, problem = _edited(command, before, scratch)
        except SuspendNotSupported:
            problem = "this terminal cannot be handed to an editor"
        except HealJournalError as error:  # no editor set
            problem = str(error)
        finally:
            self._after_editor()
        if problem is None:
            after = text_from_editor(before, written)
            problem = _why_unfit(after)
        if problem is not None:
            self._editor_failed(problem)
            return
        if self.app.encrypted and not scratch.in_memory:
            self.notify(
                f"No RAM disk here: the page waited {scratch.label} while the "
                "editor had it, and is gone now.",
                severity="warning",
            )
        if after == before:
            return  # nothing changed: nothing to save, nothing to say
        area = pane.text_area
        # One edit, so Ctrl+Z on the page brings back the words from before.
        area.replace(after, area.document.start, area.document.end)
        area.move_cursor(area.document.end)
        area.focus()
        pane.save_now()

    def _editor_failed(self, why: str) -> None:
        """Say in one line why the editor gave nothing back (it may name a
        file or a command, so no markup)."""
        self.notify(
            f"{why[0].upper()}{why[1:]}.",
            title="The page is as it was",
            severity="warning",
            markup=False,
        )

    def _after_editor(self) -> None:
        """The time spent in the editor was writing, not idling: the idle lock
        counts from now."""
        touched = getattr(self.app, "_touched", None)
        if touched is not None:
            touched()


def _edited(command: list[str], text: str, scratch: Scratch) -> tuple[str, str | None]:
    """What the editor saved, or ("", why not); never raises.

    Textual's App.suspend gives the terminal back to the app only when its
    `with` block ends without an exception: one raised through it would leave
    the app suspended, deaf and blank, for good.
    """
    from healjournal.machine.editor import edit_text

    try:
        return edit_text(command, text, scratch), None
    except HealJournalError as error:
        return "", str(error)
    except KeyboardInterrupt:
        return "", "the editor was interrupted"
    except Exception as error:  # a bug here must not cost the person the app
        return "", f"the editor could not be run ({error!r})"


def _why_unfit(text: str) -> str | None:
    """Why the page cannot take `text` (the page's rules), or None."""
    try:
        check_text(text, "the text from the editor")
    except HealJournalError as error:
        return str(error)
    return None
