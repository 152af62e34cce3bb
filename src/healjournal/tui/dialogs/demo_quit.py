"""Leaving the demo with words typed: the demo keeps nothing, so say so."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Static

from healjournal.tui.dialogs.base import Dialog
from healjournal.tui.widgets.editor import Draft

__all__ = ["DemoWords", "LeaveDemo", "LeaveDemoDialog"]


@dataclass
class DemoWords:
    """What the person typed in the demo, page by page, to offer it back."""

    #: Each page's text before anything was typed on it (a demo page's own).
    _before: dict[int, str] = field(default_factory=dict)
    #: Each page's newest draft.
    _drafts: dict[int, Draft] = field(default_factory=dict)

    def saw(self, draft: Draft, text_before: str) -> None:
        """Note `draft`; `text_before` is its page's text before any typing."""
        self._before.setdefault(draft.page, text_before)
        self._drafts[draft.page] = draft

    def typed(self) -> str:
        """The words typed, page after page: only what was added to a demo page."""
        pieces = []
        for page, draft in self._drafts.items():
            before = self._before[page]
            text = draft.text
            if before and text.startswith(before):
                text = text[len(before) :]
            if text.strip():
                pieces.append(text.strip())
        return "\n\n".join(pieces)


class LeaveDemo(StrEnum):
    """What to do with the words typed in the demo."""

    COPY = "copy"
    KEEP = "keep"
    DROP = "drop"


class LeaveDemoDialog(Dialog[LeaveDemo | None]):
    """The demo keeps nothing: copy the words, add them to your journal, or go.

    None means stay in the demo.
    """

    DEFAULT_CSS = """
    LeaveDemoDialog > #box { width: 72; border: round $warning; }
    LeaveDemoDialog #message { height: auto; }
    LeaveDemoDialog #bottom Button { margin-left: 0; margin-right: 1; min-width: 10; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stay", "Stay in the demo", id="demo.stay"),
    ]

    def __init__(self, words: int, *, can_keep: bool) -> None:
        """`words` typed; `can_keep`: the person's own journal can take them."""
        super().__init__()
        self.words = words
        self.can_keep = can_keep

    def compose(self) -> ComposeResult:
        """What happens to the words, and the four ways out."""
        with self.box("This was the demo"):
            count = f"{self.words} word{'s' if self.words != 1 else ''}"
            message = (
                f"You wrote {count} here. The demo journal is made up, and it "
                "is deleted when you quit: nothing typed in it is kept."
            )
            if not self.can_keep:
                message += (
                    " (Your own journal is encrypted, so the demo can't add to "
                    "it: copy your words instead.)"
                )
            yield Static(message, id="message", markup=False)
            keep = Button("Add to my journal", variant="primary", id=LeaveDemo.KEEP)
            yield self.bar(
                None,
                *([keep] if self.can_keep else []),
                Button("Copy my words", id=LeaveDemo.COPY),
                Button("Quit, keep nothing", variant="error", id=LeaveDemo.DROP),
                Button("Stay", id="stay"),
            )

    def on_mount(self) -> None:
        """Start on the way that keeps the words."""
        first = LeaveDemo.KEEP if self.can_keep else LeaveDemo.COPY
        self.query_one(f"#{first}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "stay":
            self.dismiss(None)
        else:
            self.dismiss(LeaveDemo(event.button.id))

    def action_stay(self) -> None:
        """Back to the demo."""
        self.dismiss(None)
