"""The offer to merge the conflicted copies a sync tool left beside the journal."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Static

from healjournal.domain.visible import visible
from healjournal.tui.dialogs.base import Dialog

__all__ = ["MergeCopiesDialog"]


class MergeCopiesDialog(Dialog[bool]):
    """Says, for each conflicted copy, which tool made it and what merging it
    would bring (a dry run's words); True to merge them all, False for not now.
    """

    DEFAULT_CSS = """
    MergeCopiesDialog > #box {
        width: 72;
    }
    MergeCopiesDialog .copy {
        height: auto;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "merge", "Merge", id="copies.merge"),
        Binding("escape", "cancel", "Not now", id="copies.later"),
    ]

    def __init__(self, offers: list[tuple[str, str]]) -> None:
        """`offers`: for each copy, the tool that made it and what merging it
        would bring, in words."""
        super().__init__()
        self.offers = offers

    def compose(self) -> ComposeResult:
        """Why, each copy and what it brings, then the keys and two buttons."""
        many = len(self.offers) > 1
        with self.box("Copies of your journal from a sync tool"):
            yield Static(
                "Both machines saved while they were apart, so "
                + ("these copies were" if many else "this copy was")
                + " kept beside your journal. Merging keeps every word from "
                "both sides; the "
                + ("copies go" if many else "copy goes")
                + " into merged/ beside the journal.",
                id="why",
            )
            for tool, brings in self.offers:
                yield Static(
                    visible(f"{tool}: {brings}."), classes="copy", markup=False
                )
            yield self.bar(
                "m or Enter merge · Esc not now",
                Button("Merge", variant="primary", id="merge"),
                Button("Not now", id="cancel"),
            )

    def on_mount(self) -> None:
        """Enter merges: the merge loses nothing."""
        self.query_one("#merge", Button).focus()

    @on(Button.Pressed, "#merge")
    def action_merge(self) -> None:
        """Merge them."""
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Not now: nothing changes."""
        self.dismiss(False)
