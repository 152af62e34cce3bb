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
        """Open the page in the person's editor; take back what it saved.

        Words it saved always come back to the page, even when it ended
        badly (with a warning); words the page cannot take go to a file of
        their own (machine/editor.py's keep_words), and the notice says where.
        """
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
        written: str | None = None
        try:
            command = editor_command(self.configured_editor())
            # The editor has the terminal, so the app waits for it right here:
            # a worker would go on drawing over the editor. Saves already in
            # workers carry on, and their results are read on return.
            with self.app.suspend():
                written, problem = _edited(
                    command, before, scratch, secret=self.app.encrypted
                )
        except SuspendNotSupported:
            problem = "this terminal cannot be handed to an editor"
        except HealJournalError as error:  # no editor set
            problem = str(error)
        finally:
            self._after_editor()
        after = before if written is None else text_from_editor(before, written)
        unfit = None if written is None else _why_unfit(after)
        if unfit is not None:  # too long for a page: kept, not dropped
            kept = _keep(after.encode("utf-8", "surrogatepass"), self.app.encrypted)
            after, problem = before, f"{unfit}; its words are {kept}"
        if written is not None and self.app.encrypted and not scratch.in_memory:
            self.notify(
                f"No RAM disk here: the page waited {scratch.label} while the "
                "editor had it, and is gone now.",
                severity="warning",
            )
        if after == before:
            if problem is not None:
                self._editor_failed(problem)
            return  # nothing changed: nothing to save, nothing more to say
        area = pane.text_area
        # One edit, so Ctrl+Z on the page brings back the words from before.
        area.replace(after, area.document.start, area.document.end)
        area.move_cursor(area.document.end)
        area.focus()
        pane.save_now()
        if problem is not None:  # the editor ended badly, but had saved words
            self.notify(
                f"{_sentence(problem)}, but its words are on the page: Ctrl+Z "
                "undoes them.",
                title="Check the page",
                severity="warning",
                markup=False,
            )

    def _editor_failed(self, why: str) -> None:
        """Say in one line why the editor gave nothing back (it may name a
        file or a command, so no markup)."""
        self.notify(
            f"{_sentence(why)}.",
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


def _sentence(words: str) -> str:
    return f"{words[0].upper()}{words[1:]}"


def _edited(
    command: list[str], text: str, scratch: Scratch, *, secret: bool
) -> tuple[str | None, str | None]:
    """What the editor saved (None: nothing to take back) and what went
    wrong (None: nothing); never raises. An editor that ended badly after
    saving still gives its words back; words that are not UTF-8 are kept in
    a file, and what went wrong says where.

    Textual's App.suspend gives the terminal back to the app only when its
    `with` block ends without an exception: one raised through it would leave
    the app suspended, deaf and blank, for good.
    """
    from healjournal.machine.editor import EditorError, edit_text

    try:
        return edit_text(command, text, scratch), None
    except EditorError as error:
        if error.written is None:
            return None, str(error)
        try:
            return error.written.decode("utf-8"), str(error)
        except UnicodeDecodeError:
            return None, f"{error}; its words are {_keep(error.written, secret)}"
    except HealJournalError as error:
        return None, str(error)
    except KeyboardInterrupt:
        return None, "the editor was interrupted"
    except Exception as error:  # a bug here must not cost the person the app
        return None, f"the editor could not be run ({error!r})"


def _keep(words: bytes, secret: bool) -> str:
    """Keep `words` in a file of their own; where, or why they could not be."""
    from healjournal.clock import get_clock
    from healjournal.machine.editor import keep_words

    try:
        return keep_words(words, now=get_clock().now(), secret=secret)
    except HealJournalError as error:
        return f"lost: {error}"


def _why_unfit(text: str) -> str | None:
    """Why the page cannot take `text` (the page's rules), or None."""
    try:
        check_text(text, "the text from the editor")
    except HealJournalError as error:
        return str(error)
    return None
