"""The line at the top: the date, the no-contact count, the writing streak."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from healjournal.insight.count_words import COUNT_NOT_SET, STARTING_AGAIN

if TYPE_CHECKING:
    from healjournal.domain.stats import Streak


def plural(n: int, word: str) -> str:
    """`n word` or `n words`."""
    return f"{n} {word}{'' if n == 1 else 's'}"


class TopBar(Static):
    """Where you are today, at a glance."""

    DEFAULT_CSS = """
    TopBar {
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $panel;
        color: $text;
    }
    """

    _shown: tuple[date, Streak | None, Streak, int] | None = None

    def __init__(
        self, *, id: str | None = None, badge: tuple[str, str] | None = None
    ) -> None:
        """The top line; a `badge` (long and short words) starts it when the
        journal is not an ordinary one: the demo, or one that cannot be saved."""
        super().__init__(id=id)
        self.badge = badge

    def on_resize(self) -> None:
        """Shorten or lengthen the line to fit."""
        if self._shown is not None:
            self.show(*self._shown)

    def show(
        self,
        today: date,
        no_contact: Streak | None,
        writing: Streak,
        ticks: int = 0,
    ) -> None:
        """Show the date, the no-contact count, the writing streak, goals ticked.

        The longest wording that fits the width is used; at the narrowest, the
        least needed parts go first, so the line never ends cut in half.
        """
        self._shown = (today, no_contact, writing, ticks)
        width = self.content_region.width or self.size.width
        for short, extras in ((False, True), (True, True), (True, False)):
            line = _line(today, no_contact, writing, ticks, short=short, extras=extras)
            if self.badge is not None:
                badge = self.badge[1] if short else self.badge[0]
                line = Text.assemble((f" {badge} ", "reverse bold"), " ", line)
            if line.cell_len <= width:
                break
        self.update(line, layout=False)  # one line, always the full width


def _line(
    today: date,
    no_contact: Streak | None,
    writing: Streak,
    ticks: int,
    *,
    short: bool,
    extras: bool,
) -> Text:
    """The top line in long or short words; without `extras`, only what counts
    most (the count and the streak)."""
    gap = " · " if short else "  ·  "
    when = (
        f"{today:%a} {today.day} {today:%b}"
        if short
        else f"{today:%A} {today.day} {today:%B %Y}"
    )
    line = Text(when, style="bold", no_wrap=True, overflow="ellipsis")
    line.append(gap, style="dim")
    if no_contact is None:
        line.append(f"{COUNT_NOT_SET}: Ctrl+P", style="dim")
    else:
        if no_contact.current == 0:
            line.append(STARTING_AGAIN.capitalize(), style="bold")
        else:
            line.append(f"Day {no_contact.current}", style="bold green")
            line.append(" no contact" if short else " of no contact")
        if extras and no_contact.best > no_contact.current:
            line.append(f" (best {no_contact.best})", style="dim")
    line.append(gap, style="dim")
    if writing.current:
        days = plural(writing.current, "day")
        line.append(f"✎ {days}" if short else f"✎ {days} in a row")
    elif writing.best:
        line.append("✎ write today to start a new streak", style="dim")
    else:
        line.append("✎ first page today", style="dim")
    if ticks and extras:
        line.append(gap, style="dim")
        week = f"☑ {ticks}" if short else f"☑ {plural(ticks, 'goal')} ticked this week"
        line.append(week)
    return line
