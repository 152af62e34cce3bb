"""The app's keys as the config file names them: every binding id, its key.

The app's bindings are Textual's and live in tui/; the config is read by the
core, which cannot import Textual, so the ids and their keys are listed here
once more. tests/pilot/test_config_app.py checks this list against every
Binding of the app, its screens, dialogs and widgets, so the two never drift.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

__all__ = [
    "APP",
    "BINDING_KEYS",
    "EVERYWHERE",
    "FOLLOWERS",
    "PLACES",
    "clash",
    "family",
    "key_list",
    "keymap",
    "normal",
    "typing_use",
]

#: Every binding id, with its key before any remapping, by the class that
#: binds it (the app, a screen, a dialog, a widget): the keys of one place
#: are in force together, and the app's everywhere. "edit" (Ctrl+E, the page
#: in your own editor) is listed ahead of the binding itself.
PLACES: dict[str, dict[str, str]] = {
    "HealJournalApp": {
        "quit": "ctrl+q",
        "help": "f1",
        "urge": "f8",
        "help.key": "question_mark",
        "lock": "ctrl+l",
    },
    "ConfirmDialog": {
        "confirm.yes": "y",
        "confirm.no": "n",
        "confirm.cancel": "escape",
    },
    "MergeCopiesDialog": {
        "copies.merge": "m",
        "copies.later": "escape",
    },
    "LeaveDemoDialog": {
        "demo.stay": "escape",
    },
    "EncryptDialog": {
        "encrypt.cancel": "escape",
    },
    "GoalForm": {
        "goal_form.save": "ctrl+s",
        "goal_form.cancel": "escape",
    },
    "JumpToDate": {
        "jump.cancel": "escape",
    },
    "LetterScreen": {
        "letter.keep": "ctrl+s",
        "letter.close": "escape",
    },
    "MinutesDialog": {
        "minutes.cancel": "escape",
    },
    "NameDialog": {
        "name.cancel": "escape",
    },
    "SlipDialog": {
        "slip.log": "ctrl+s",
        "slip.cancel": "escape",
    },
    "PersonDialog": {
        "person.cancel": "escape",
    },
    "HelpScreen": {
        "help.close": "escape,f1,q",
    },
    "MainScreen": {
        "help.main": "f1",
        "save": "ctrl+s",
        "edit": "ctrl+e",
        "pane.days": "f2",
        "pane.tips": "f3",
        "pane.goals": "f4",
        "urge.main": "f8",
        "letter": "f5",
        "slip": "f6",
        "new_page": "ctrl+n",
        "undo.delete": "ctrl+z",
        "jump": "ctrl+g",
        "search": "ctrl+f",
        "review": "f7",
        "pane.editor": "escape",
    },
    "ReviewScreen": {
        "review.close": "escape,f7",
        "review.month_ago": "o",
        "review.name": "n",
        "review.unslip": "u",
    },
    "SearchScreen": {
        "search.close": "escape",
        "search.focus": "ctrl+f",
    },
    "UrgeScreen": {
        "urge.help": "f1",
        "urge.ask": "escape",
        "urge.idea": "f3",
        "urge.minutes": "ctrl+t",
        "urge.keep": "ctrl+s",
        "urge.write": "f8",
    },
    "WelcomeScreen": {
        "welcome.start": "ctrl+s",
        "welcome.skip": "escape",
    },
    "MonthCalendar": {
        "calendar.left": "left",
        "calendar.right": "right",
        "calendar.up": "up",
        "calendar.down": "down",
        "calendar.month_before": "pageup",
        "calendar.month_after": "pagedown",
        "calendar.open": "enter",
    },
    "DayList": {
        "days.delete": "delete",
    },
    "MoodPicker": {
        "mood.lower": "left",
        "mood.higher": "right",
        "mood.1": "1",
        "mood.2": "2",
        "mood.3": "3",
        "mood.4": "4",
        "mood.5": "5",
        "mood.clear": "0,backspace,delete",
    },
    "PageText": {
        "page.newline": "ctrl+j",
    },
    "GoalChecklist": {
        "goals.toggle": "space",
        "goals.add": "a",
        "goals.edit": "e",
        "goals.archive": "x",
        "goals.delete": "delete",
        "goals.show_archived": "h",
    },
    "StrengthPicker": {
        "strength.lower": "left",
        "strength.higher": "right",
        "strength.1": "1",
        "strength.2": "2",
        "strength.3": "3",
        "strength.4": "4",
        "strength.5": "5",
    },
    "TipSidebar": {
        "tips.previous_theme": "left,left_square_bracket",
        "tips.next_theme": "right,right_square_bracket",
        "tips.cursor_up": "up",
        "tips.cursor_down": "down",
        "tips.choose": "enter",
        "tips.today": "t",
    },
    "PersonChoice": {
        "person.previous": "left",
        "person.next": "right",
        "person.he": "h,1",
        "person.she": "s,2",
        "person.they": "t,3",
        "person.ex": "e,y,x,4",
        "person.submit": "enter",
    },
    "UrgeQuestion": {
        "urge.passed": "p",
        "urge.writing": "w,escape",
        "urge.contacted": "c",
    },
}
#: The place whose keys work everywhere.
APP = "HealJournalApp"
#: The bindings heard even while the person types: the app's own (on every
#: screen and dialog) and the main screen's priority ones, heard over the
#: page's (Ctrl+E, the page in your own editor; Ctrl+Z, a deleted page back).
#: None of them may take a key that typing uses.
EVERYWHERE: tuple[str, ...] = (*PLACES[APP], "edit", "undo.delete")
#: Every binding id and its key.
BINDING_KEYS: dict[str, str] = {
    binding: key for keys in PLACES.values() for binding, key in keys.items()
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


def normal(keys: str) -> str:
    """A key string as Textual names keys: "F9" is "f9", "Ctrl+U, F9" is
    "ctrl+u,f9". A single character is left as it is: "K" is the character
    Shift+K types, not "k"."""
    return ",".join(key if len(key) == 1 else key.lower() for key in key_list(keys))


#: The keys typing uses that type no character, in words; Ctrl+I is Tab
#: and Ctrl+M is Enter to a terminal, and to Textual.
_TYPING_KEYS = {
    "space": "the space bar",
    "tab": "Tab",
    "ctrl+i": "Tab",
    "shift+tab": "Shift+Tab",
    "enter": "Enter",
    "ctrl+m": "Enter",
    "backspace": "Backspace",
}
#: Textual's names of characters that are not their Unicode names.
_CHARACTER_NAMES = {
    "slash": "/",
    "backslash": "\\",
    "at": "@",
    "minus": "-",
    "plus": "+",
    "underscore": "_",
}


def typing_use(key: str) -> str | None:
    """What typing uses `key` for, in words ("the letter k", "the space
    bar"); None if typing never uses it."""
    if key in _TYPING_KEYS:
        return _TYPING_KEYS[key]
    character = key if len(key) == 1 else _CHARACTER_NAMES.get(key)
    if character is None and "+" not in key:
        try:  # Textual's name for "?": question_mark
            character = unicodedata.lookup(key.replace("_", " "))
        except KeyError:
            return None
    if character is None or not character.isprintable():
        return None
    if character.isalpha():
        return f"the letter {character}"
    if character.isdigit():
        return f"the digit {character}"
    return f"the character {character}"


def keymap(keys: Mapping[str, str]) -> dict[str, str]:
    """The keymap for Textual's App.set_keymap from the config's [keys]: each
    id with its keys, and the bindings that follow it (FOLLOWERS)."""
    mapped = {id_: ",".join(key_list(key)) for id_, key in keys.items()}
    for leader, followers in FOLLOWERS.items():
        if leader in mapped:
            for follower in followers:
                mapped.setdefault(follower, mapped[leader])
    return mapped


def family(binding: str) -> str:
    """The binding a follower follows; any other is its own."""
    return next((lead for lead, of in FOLLOWERS.items() if binding in of), binding)


def clash(keys: Mapping[str, str]) -> tuple[str, str, str] | None:
    """A binding the config's `keys` leaves with no key that works, because
    another in force in the same place took them all (the app's are in force
    everywhere, and win; a moved key wins over one that was not moved): the
    id moved, the key, and the other id; None if there is none.

    Keys shared before any remapping are left as they were: only a clash the
    config made is one.
    """
    moved = keymap(keys)
    app = {
        binding: key_list(moved.get(binding, default))
        for binding, default in PLACES[APP].items()
    }
    for place, bindings in PLACES.items():
        held = dict(app)
        if place != APP:
            held.update(
                (binding, key_list(moved.get(binding, default)))
                for binding, default in bindings.items()
            )
        rank = {binding: (binding not in app, binding not in moved) for binding in held}
        winner: dict[str, str] = {}
        for binding in sorted(held, key=rank.__getitem__):  # stable: in order
            for key in held[binding]:
                winner.setdefault(key, binding)
        for binding, its_keys in held.items():
            others = [
                (key, winner[key])
                for key in its_keys
                if family(winner[key]) != family(binding)
            ]
            if not its_keys or len(others) < len(its_keys):
                continue  # it keeps a key of its own
            key, other = others[0]
            if other in moved:
                return other, key, binding
            if binding in moved:
                return binding, key, other
    return None
