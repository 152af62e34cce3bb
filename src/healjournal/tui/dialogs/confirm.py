"""A yes-or-no question, with the safe answer first when the answer is risky."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from healjournal.domain.visible import visible

__all__ = ["ConfirmDialog"]


class ConfirmDialog(ModalScreen[bool]):
    """Ask a question; True if confirmed, False if cancelled.

    With `danger=True` the confirm button is red and focus starts on the cancel
    button, so a stray Enter never deletes anything.
    """

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
    }
    ConfirmDialog > #box {
        width: 60;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 1 1 0 2;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
    }
    ConfirmDialog.-danger > #box {
        border: round $error;
    }
    ConfirmDialog #message {
        height: auto;
    }
    ConfirmDialog #bottom {
        height: auto;
        margin-top: 1;
    }
    ConfirmDialog #keys {
        width: 1fr;
        padding: 1 0 0 0;
        color: $text-muted;
    }
    ConfirmDialog #bottom Button {
        margin-left: 1;
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
        with Vertical(id="box") as box:
            box.border_title = visible(self.title_text)
            yield Static(visible(self.message), id="message", markup=False)
            with Horizontal(id="bottom"):
                yield Label("y yes · n or Esc no", id="keys")
                yield Button(
                    self.confirm_label,
                    variant="error" if self.danger else "primary",
                    id="confirm",
                )
                yield Button(self.cancel_label, id="cancel")

    def on_mount(self) -> None:
        """Start on the safe button when the answer is risky."""
        self.query_one("#cancel" if self.danger else "#confirm", Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        """Answer yes."""
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Answer no."""
        self.dismiss(False)
