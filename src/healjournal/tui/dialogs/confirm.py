"""A yes-or-no question, with the safe answer first when the answer is risky."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Static

from healjournal.domain.visible import visible
from healjournal.tui.dialogs.base import Dialog

__all__ = ["ConfirmDialog"]


class ConfirmDialog(Dialog[bool]):
    """Ask a question; True if confirmed, False if cancelled.

    With `danger=True` the confirm button is red and focus starts on the cancel
    button, so a stray Enter never deletes anything.
    """

    DEFAULT_CSS = """
    ConfirmDialog.-danger > #box {
        border: round $error;
    }
    ConfirmDialog #message {
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Yes", id="confirm.yes"),
        Binding("n", "cancel", "No", id="confirm.no"),
        Binding("escape", "cancel", "Cancel", id="confirm.cancel"),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        confirm: str = "Yes",
        cancel: str = "Cancel",
        danger: bool = False,
    ) -> None:
        """A question titled `title`; `confirm` and `cancel` label the buttons."""
        super().__init__(classes="-danger" if danger else None)
        self.title_text = title
        self.message = message
        self.confirm_label = confirm
        self.cancel_label = cancel
        self.danger = danger

    def compose(self) -> ComposeResult:
        """The message, then the keys and two buttons."""
        with self.box(visible(self.title_text)):
            yield Static(visible(self.message), id="message", markup=False)
            yield self.bar(
                "y yes · n or Esc no",
                Button(
                    self.confirm_label,
                    variant="error" if self.danger else "primary",
                    id="confirm",
                ),
                Button(self.cancel_label, id="cancel"),
            )

    def on_mount(self) -> None:
        """Start on the safe button when the answer is risky."""
        self.query_one("#cancel" if self.danger else "#confirm", Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        """Answer yes."""
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Answer no."""
        self.dismiss(False)
