"""Which name the review counts: his, usually. Kept in the journal only."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

__all__ = ["NameDialog"]

#: The longest name accepted; a name, not a paragraph.
MAX_NAME = 60

EXPLAIN = (
    "The review counts how often a name comes up in your pages, week by "
    "week. Over time, that line tends to fall. The name stays in your "
    "journal file and is never sent anywhere. Leave it empty to stop counting."
)


class NameDialog(ModalScreen[str | None]):
    """Ask for the name to count; "" forgets it, None (Esc) changes nothing."""

    DEFAULT_CSS = """
    NameDialog { align: center middle; }
    NameDialog > #box {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 1 1 0 2;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
    }
    NameDialog #explain { height: auto; margin-bottom: 1; }
    NameDialog #bottom { height: auto; margin-top: 1; }
    NameDialog #keys { width: 1fr; padding: 1 0 0 0; color: $text-muted; }
    NameDialog #bottom Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="name.cancel"),
    ]

    AUTO_FOCUS = "#name"

    def __init__(self, current: str = "") -> None:
        """A dialog showing the name counted now, if any."""
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        """The why, the field, the keys and the buttons."""
        with Vertical(id="box") as box:
            box.border_title = "A name to count"
            yield Static(EXPLAIN, id="explain", markup=False)
            yield Input(
                self.current,
                placeholder="his name, or a nickname",
                max_length=MAX_NAME,
                id="name",
            )
            with Horizontal(id="bottom"):
                yield Label("Enter saves · Esc leaves it", id="keys")
                yield Button("Save", variant="primary", id="save")

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Keep the name (an empty field stops the counting)."""
        self.dismiss(" ".join(self.query_one("#name", Input).value.split()))

    def action_cancel(self) -> None:
        """Change nothing."""
        self.dismiss(None)
