"""What to do when it is all too much, the urge key, and every key in one place."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from healjournal.domain.person import Person
from healjournal.tui.speaking import SpokenKeys, on_your_mind, person_of

KEYS = """\
# When it's too much

healjournal is a journal, not therapy. If you are thinking of hurting
yourself, please contact your local emergency services or a crisis line now.
If you don't know the number where you are, **findahelpline.com** lists free,
confidential lines by country. And tell a friend tonight, even just "I'm
having a hard time".

# {on_your_mind}

Press **F8**, wherever you are: a calm countdown (ten minutes, or what you
choose with Ctrl+T), a page for exactly what you would send {them}, and
something else to do meanwhile. Nothing is ever sent. Then it asks whether you
still want to. Whatever you answer, the letter is kept, and your review
counts the urges and how many passed.

# Keys

| key | what it does |
| --- | --- |
| just type | write on the page that is open (today's, when you start) |
| Ctrl+S | save now (pages also save themselves a second after you stop) |
| Tab / Shift+Tab | move between the page, the mood and the panes |
| 1-5 on the mood line | how the day felt; the same number again clears it |
| F2 | the days: pick a page with Enter or a click; the calendar below |
| F3 | tips: ← → to browse the seven themes, Enter on a prompt or a goal |
| F4 | goals: Space ticks today, `a` add, `e` edit, `x` put away, Del delete |
| `h` in goals | show the goals put away; `x` on one brings it back |
| Esc | back to writing |
| F5 | write an unsent letter: said here, sent nowhere |
| F6 | I contacted {them}: log it, kindly |
| F8 | I want to text {them}: a calm wait, and a page for {them} that is never sent |
| F7 | review: streaks, mood, no-contact days, the seven themes |
| Ctrl+F | search: words, "a phrase", #tag, mood:<=2, from:"last month", starred |
| Ctrl+N | another page for today |
| Ctrl+G | go to a day: "yesterday", "last friday", "oct 3" |
| Ctrl+P | every command, searchable, and the colour themes |
| F1 (or ? outside the page) | this help |
| Ctrl+L | lock an encrypted journal until its passphrase is typed again |
| Ctrl+P, "Encrypt…" | give the journal a passphrase |
| Ctrl+Q | quit (everything is saved first) |

On a narrow terminal the days, tips and goals fold away: F2, F3 and F4 show
them in place of the page, and Esc brings the page back.

*Esc or F1 to close.*
"""


def spoken_help(person: Person) -> str:
    """The help, spoken for `person`: each paragraph on its own, and each key
    in the writer's own voice ("I contacted her")."""
    blocks = KEYS.replace("{on_your_mind}", on_your_mind(person, when=True))
    spoken = []
    for block in blocks.split("\n\n"):
        if block.startswith("|"):
            rows = block.split("\n")
            spoken.append("\n".join(person.say(row, mine=True) for row in rows))
        else:
            spoken.append(person.say(block))
    return "\n\n".join(spoken)


class HelpScreen(SpokenKeys, ModalScreen[None]):
    """The keys, and the way to real help when a journal is not enough."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%;
        max-width: 96;
        height: 90%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        """The help text in a scrolling box."""
        with VerticalScroll() as box:
            box.border_title = "Help"
            box.border_subtitle = "Esc or F1 closes · arrows scroll"
            yield Markdown(spoken_help(person_of(self)))

    def on_mount(self) -> None:
        """Scroll with the keyboard at once."""
        self.query_one(VerticalScroll).focus()
