"""The app's keys as the config file names them: every binding id, its key.

The app's bindings are Textual's and live in tui/; the config is read by the
core, which cannot import Textual, so the ids and their keys are listed here
once more. tests/pilot/test_config_app.py checks this list against every
Binding of the app, its screens, dialogs and widgets, so the two never drift.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["BINDING_KEYS", "FOLLOWERS", "key_list", "keymap"]

#: Every binding id, with its key before any remapping. "edit" (Ctrl+E, the
#: page in your own editor) is listed ahead of the binding itself.
BINDING_KEYS: dict[str, str] = {
    # The app, wherever you are.
    "quit": "ctrl+q",
    "help": "f1",
    "help.key": "question_mark",
    "urge": "f8",
    "lock": "ctrl+l",
    # The main screen.
    "help.main": "f1",
    "save": "ctrl+s",
    "edit": "ctrl+e",
    "pane.days": "f2",
    "pane.tips": "f3",
    "pane.goals": "f4",
    "pane.editor": "escape",
    "urge.main": "f8",
    "letter": "f5",
    "slip": "f6",
    "new_page": "ctrl+n",
    "undo.delete": "ctrl+z",
    "jump": "ctrl+g",
    "search": "ctrl+f",
    "review": "f7",
    # The page, the mood, the days, the calendar.
    "page.newline": "ctrl+j",
    "mood.1": "1",
    "mood.2": "2",
    "mood.3": "3",
    "mood.4": "4",
    "mood.5": "5",
    "mood.clear": "0,backspace,delete",
    "mood.higher": "right",
    "mood.lower": "left",
    "days.delete": "delete",
    "calendar.up": "up",
    "calendar.down": "down",
    "calendar.left": "left",
    "calendar.right": "right",
    "calendar.month_before": "pageup",
    "calendar.month_after": "pagedown",
    "calendar.open": "enter",
    # Tips and goals.
    "tips.choose": "enter",
    "tips.cursor_up": "up",
    "tips.cursor_down": "down",
    "tips.previous_theme": "left,left_square_bracket",
    "tips.next_theme": "right,right_square_bracket",
    "tips.today": "t",
    "goals.toggle": "space",
    "goals.add": "a",
    "goals.edit": "e",
    "goals.archive": "x",
    "goals.delete": "delete",
    "goals.show_archived": "h",
    "goal_form.save": "ctrl+s",
    "goal_form.cancel": "escape",
    # The urge screen.
    "urge.help": "f1",
    "urge.ask": "escape",
    "urge.idea": "f3",
    "urge.minutes": "ctrl+t",
    "urge.keep": "ctrl+s",
    "urge.write": "f8",
    "urge.contacted": "c",
    "urge.passed": "p",
    "urge.writing": "w,escape",
    "strength.1": "1",
    "strength.2": "2",
    "strength.3": "3",
    "strength.4": "4",
    "strength.5": "5",
    "strength.higher": "right",
    "strength.lower": "left",
    "minutes.cancel": "escape",
    # The other screens and dialogs.
    "help.close": "escape,f1,q",
    "letter.keep": "ctrl+s",
    "letter.close": "escape",
    "slip.log": "ctrl+s",
    "slip.cancel": "escape",
    "review.close": "escape,f7",
    "review.month_ago": "o",
    "review.name": "n",
    "review.unslip": "u",
    "name.cancel": "escape",
    "search.focus": "ctrl+f",
    "search.close": "escape",
    "jump.cancel": "escape",
    "confirm.yes": "y",
    "confirm.no": "n",
    "confirm.cancel": "escape",
    "encrypt.cancel": "escape",
    "demo.stay": "escape",
    "welcome.start": "ctrl+s",
    "welcome.skip": "escape",
}

#: Bindings that are the same key in another place (F8 in the main screen's
#: footer, F8 again on the urge screen): moving the first moves them too,
#: unless the config gives them a key of their own.
FOLLOWERS: dict[str, tuple[str, ...]] = {
    "urge": ("urge.main", "urge.write"),
    "help": ("help.main", "urge.help"),
}


def key_list(keys: str) -> list[str]:
    """The keys of a key string: "ctrl+u, f9" is ["ctrl+u", "f9"]."""
    return [key.strip() for key in keys.split(",") if key.strip()]


def keymap(keys: Mapping[str, str]) -> dict[str, str]:
    """The keymap for Textual's App.set_keymap from the config's [keys]: each
    id with its keys, and the bindings that follow it (FOLLOWERS)."""
    mapped = {id_: ",".join(key_list(key)) for id_, key in keys.items()}
    for leader, followers in FOLLOWERS.items():
        if leader in mapped:
            for follower in followers:
                mapped.setdefault(follower, mapped[leader])
    return mapped
