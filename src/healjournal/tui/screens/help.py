"""What to do when it is all too much, the urge key, and every key in one place."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from healjournal.domain.person import Person
from healjournal.insight.encouragement import on_your_mind
from healjournal.machine.keys import BINDING_KEYS, key_list
from healjournal.tui.speaking import SpokenKeys, person_of

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
| Ctrl+E | the page in your editor: the config's, $VISUAL, $EDITOR, editor or vi |
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

#: The key column above, cell by cell, with the binding ids it shows: a key
#: moved by the config file's [keys] is shown where it is now.
KEY_CELLS: dict[str, str] = {
    "Ctrl+S": "{save}",
    "Ctrl+E": "{edit}",
    "F2": "{pane.days}",
    "F3": "{pane.tips}",
    "F4": "{pane.goals}",
    "`h` in goals": "{goals.show_archived} in goals",
    "Esc": "{pane.editor}",
    "F5": "{letter}",
    "F6": "{slip}",
    "F8": "{urge}",
    "F7": "{review}",
    "Ctrl+F": "{search}",
    "Ctrl+N": "{new_page}",
    "Ctrl+G": "{jump}",
    "F1 (or ? outside the page)": "{help} (or {help.key} outside the page)",
    "Ctrl+L": "{lock}",
    "Ctrl+Q": "{quit}",
}
_ID = re.compile(r"\{([a-z0-9_.]+)\}")
#: How a key's name is shown, where it is not its name capitalised.
_NAMES = {
    "escape": "Esc",
    "question_mark": "?",
    "delete": "Del",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def help_text(keymap: Mapping[str, str], text: str = KEYS) -> str:
    """The help (`text`), its keys as `keymap` (binding id → keys) has moved
    them."""
    lines = []
    for line in text.splitlines():
        cell, bar, rest = line.removeprefix("| ").partition(" | ")
        template = KEY_CELLS.get(cell) if line.startswith("| ") and bar else None
        if template and any(id_ in keymap for id_ in _ID.findall(template)):
            line = f"| {_spoken(template, keymap)} | {rest}"
        lines.append(line)
    text = "\n".join(lines) + "\n"
    if "urge" in keymap:  # "Press **F8**, wherever you are"
        text = text.replace("**F8**", f"**{_spoken('{urge}', keymap)}**")
    return text


def _spoken(template: str, keymap: Mapping[str, str]) -> str:
    """`template` with each {id} as its keys are shown: "Ctrl+U or F9"."""
    return _ID.sub(lambda match: keys_shown(match[1], keymap), template).replace(
        "|", "\\|"
    )


def keys_shown(binding_id: str, keymap: Mapping[str, str]) -> str:
    """The keys of `binding_id` as `keymap` has them, as people write them:
    "F8", "Ctrl+U or F9"."""
    keys = key_list(keymap.get(binding_id, BINDING_KEYS[binding_id]))
    return " or ".join(key_name(key) for key in keys)


def key_name(key: str) -> str:
    """A key as the help writes it: "ctrl+u" is Ctrl+U, "f9" F9, "h" `h`."""
    *modifiers, name = key.split("+")
    if name in _NAMES:
        shown = _NAMES[name]
    elif len(name) == 1:
        shown = name.upper() if modifiers else f"`{name}`"
    elif name[:1] == "f" and name[1:].isdigit():
        shown = name.upper()
    else:
        shown = name.replace("_", " ").capitalize()
    return "+".join([*(modifier.capitalize() for modifier in modifiers), shown])


def spoken_help(person: Person, keymap: Mapping[str, str] | None = None) -> str:
    """The help spoken for `person` (each paragraph on its own, and each key
    in the writer's own voice: "I contacted her"), then its keys where
    `keymap` moved them: a key's name is never read as a template."""
    blocks = KEYS.replace("{on_your_mind}", on_your_mind(person, when=True))
    spoken = []
    for block in blocks.split("\n\n"):
        if block.startswith("|"):
            rows = block.split("\n")
            spoken.append("\n".join(person.say(row, mine=True) for row in rows))
        else:
            spoken.append(person.say(block))
    return help_text(keymap or {}, "\n\n".join(spoken))


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
            yield Markdown(
                spoken_help(person_of(self), getattr(self.app, "keymap", {}))
            )

    def on_mount(self) -> None:
        """Scroll with the keyboard at once."""
        self.query_one(VerticalScroll).focus()
