"""Every journal action in the command palette (Ctrl+P), with its key.

Titles and help that mention the ex are templates, spoken for the person
chosen: a title in the writer's own voice ("I contacted her"), its help in
the app's ("everything you'd send her").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import NamedTuple

from textual import constants
from textual.app import App, SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from healjournal.domain.models import Theme
from healjournal.tips import theme_tips
from healjournal.tui.screens.help import keys_shown
from healjournal.tui.speaking import person_of


class JournalCommand(NamedTuple):
    """A palette entry: its title, a line of help, the screen action it runs,
    and the id of its key, shown after the help as the keys are now (a
    config's [keys] may have moved it). Title and help may be templates that
    speak of the ex."""

    title: str
    help: str
    action: str
    key: str | None = None


#: On every screen: the way through an urge, and the way to real help.
EVERYWHERE: tuple[JournalCommand, ...] = (
    JournalCommand(
        "I want to text {them}",
        "A calm wait and a page for everything you'd send {them}; sent nowhere",
        "app.urge",
        "urge",
    ),
    JournalCommand(
        "Help", "Every key, and what to do when it's too much", "app.help", "help"
    ),
    JournalCommand(
        "When it's too much",
        "This is a journal, not therapy: where to find a crisis line now",
        "app.help",
        "help",
    ),
)

#: On the main screen, which has the journal's actions.
COMMANDS: tuple[JournalCommand, ...] = (
    JournalCommand("Save now", "Save this page at once", "save", "save"),
    JournalCommand(
        "New page for today", "Start another page today", "new_page", "new_page"
    ),
    JournalCommand("Go to a day", "Open a day: 'yesterday', 'oct 3'", "jump", "jump"),
    JournalCommand(
        "Delete this page",
        "Delete the page that is open, after asking; Ctrl+Z brings it back",
        "delete_page",
    ),
    JournalCommand(
        "Search",
        'Find a page: words, #tags, mood:<=2, from:"last month"',
        "search",
        "search",
    ),
    JournalCommand(
        "Review",
        "Your streaks, mood, no-contact days and the seven themes",
        "review",
        "review",
    ),
    JournalCommand(
        "Days", "The list of pages and the calendar", "pane('days')", "pane.days"
    ),
    JournalCommand(
        "Tips", "Today's idea and the seven themes", "pane('tips')", "pane.tips"
    ),
    JournalCommand(
        "Goals", "Your goals: tick, add, edit", "pane('goals')", "pane.goals"
    ),
    JournalCommand(
        "Write an unsent letter",
        "Say everything to {them} here; nothing is ever sent",
        "letter",
        "letter",
    ),
    JournalCommand(
        "I contacted {them}",
        "Log a slip: the count starts again, your best stays",
        "slip",
        "slip",
    ),
    JournalCommand(
        "Set the urge timer",
        "How many minutes the urge screen waits before it asks",
        "urge_minutes",
    ),
    JournalCommand(
        "Set the day no contact started",
        "When did you last talk to {them}? Start the count from that day",
        "start_no_contact",
    ),
    JournalCommand(
        "Add a goal", "Something to do for yourself (a in Goals)", "add_goal"
    ),
    JournalCommand(
        "Who you're getting over…",
        "A pronoun, a name, or just “your ex”: how the app speaks of them",
        "person",
    ),
)

#: On the main screen of an encrypted journal.
LOCK_NOW = JournalCommand(
    "Lock now",
    "Hide the journal until its passphrase is typed again",
    "app.lock",
    "lock",
)
#: On the main screen of a journal without a passphrase, in place of the lock.
ENCRYPT = JournalCommand(
    "Encrypt…",
    "Choose a passphrase, so nobody can read the journal without it",
    "app.encrypt",
)


def journal_commands(screen: Screen) -> Iterable[SystemCommand]:
    """The palette entries for `screen`.

    Help and the urge screen are there on every screen; the journal's own
    actions only on the main screen, which has them: "Lock now" for an
    encrypted journal, "Encrypt…" for one without a passphrase (but not for
    the demo's, which is thrown away).
    """
    on_main = hasattr(screen, "action_save")
    app = screen.app
    person = person_of(screen)
    keymap = getattr(app, "keymap", {})
    if getattr(app, "encrypted", False):
        lock: tuple[JournalCommand, ...] = (LOCK_NOW,)
    else:
        lock = () if getattr(app, "demo", False) else (ENCRYPT,)
    for command in (*EVERYWHERE, *COMMANDS, *lock) if on_main else EVERYWHERE:
        action = command.action if "." in command.action else f"screen.{command.action}"
        help_line = person.say(command.help)
        if command.key is not None:
            help_line += f" ({keys_shown(command.key, keymap)})"
        yield SystemCommand(
            person.say(command.title, mine=True),
            help_line,
            partial(screen.app.run_action, action),
        )
    if not on_main:
        return
    if getattr(screen, "copy_offers", None):
        yield SystemCommand(
            "Merge the copies of your journal…",
            "What a sync tool kept beside it: see what each brings, keep every word",
            partial(screen.app.run_action, "screen.merge_copies"),
        )
    for theme in Theme:
        tips = theme_tips(theme, person)
        yield SystemCommand(
            f"Tips: {tips.name}",
            tips.summary,
            partial(screen.app.run_action, f"screen.theme_tips('{theme.value}')"),
            discover=False,
        )


def default_theme(app: App) -> str:
    """The colour theme healjournal starts with before one is chosen."""
    # Textual's own default, unless TEXTUAL_THEME names another.
    theme = app.get_theme(constants.DEFAULT_THEME)
    return theme.name if theme is not None else "textual-dark"


class ColourThemes(Provider):
    """The colour themes for the palette, the default first and named so."""

    def _themes(self) -> list[tuple[str, str, str]]:
        """Each theme's name, its line in the list and its line of help."""
        app = self.app
        default = default_theme(app)
        names = sorted(app.available_themes, key=lambda name: name != default)
        return [
            (
                name,
                f"{name} (the default)" if name == default else name,
                "Shown now" if name == app.theme else "",
            )
            for name in names
        ]

    def _choose(self, name: str) -> None:
        self.app.theme = name

    async def discover(self) -> Hits:
        """Every theme, the default first."""
        for name, title, help in self._themes():
            yield DiscoveryHit(title, partial(self._choose, name), help=help or None)

    async def search(self, query: str) -> Hits:
        """The themes whose line matches `query` ("default" finds the default)."""
        matcher = self.matcher(query)
        for name, title, help in self._themes():
            if (score := matcher.match(title)) > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._choose, name),
                    text=title,
                    help=help or None,
                )
