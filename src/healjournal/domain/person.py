"""Who the person is getting over, and the copy that speaks of them.

Copy that mentions the ex is written once, as a template, and spoken for the
person chosen at the welcome:

    {they} {them} {their} {theirs}    the ex, in that grammatical role
    {They} {Them} {Their} {Theirs}    the same, capitalised
    {is|are}                          singular|plural, agreeing with the last
                                      {they} before it (or with the ex's own
                                      number, when there is none)

"I contacted {them}" says "I contacted her", "I contacted them", "I
contacted Sam" or "I contacted my ex". A name (or "your ex") is used for the
first mention in a piece of copy, where it reads naturally, and the pronoun
after it: "If {they} {writes|write}, you don't owe {them} a reply" is "If Sam
writes, you don't owe her a reply". `mine=True` speaks in the person's own
voice ("my ex" rather than "your ex"), for what they say: keys, the slip
dialog's title, their demo pages.

Before anyone chooses, the ex is "him": the brief's voice.
Pure Python: no Textual, no TinyDB.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = [
    "NAME_LIMIT",
    "PERSON_NAME_SETTING",
    "PERSON_SETTING",
    "WHO",
    "Person",
    "TemplateError",
    "check_name",
    "check_template",
    "check_who",
]

#: The journal settings that hold the choice; they travel with the journal.
PERSON_SETTING = "person"
PERSON_NAME_SETTING = "person_name"

#: The choices, in the order the welcome offers them, with how each is shown.
WHO: dict[str, str] = {
    "he": "he / him",
    "she": "she / her",
    "they": "they / them",
    "ex": "just “your ex”",
}

#: The longest name kept; a name is for copy, not a biography.
NAME_LIMIT = 30

#: Pronoun forms: they, them, their, theirs.
_PRONOUNS: dict[str, tuple[str, str, str, str]] = {
    "he": ("he", "him", "his", "his"),
    "she": ("she", "her", "her", "hers"),
    "they": ("they", "them", "their", "theirs"),
}
_ROLES = ("they", "them", "their", "theirs")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
#: Characters a name may not hold: markup and template braces, and controls.
_NOT_IN_NAMES = re.compile(r"[\[\]{}<>\\\x00-\x1f\x7f]")


class TemplateError(ValueError):
    """A piece of copy has a placeholder this module does not know."""


@dataclass(frozen=True, slots=True)
class Person:
    """The ex, as the person chose to have them spoken of.

    `who` is "he", "she", "they" or "ex" (spoken of as "your ex", then
    "they"); `name`, when given, is used for the first mention in a piece of
    copy, and the pronoun after it.
    """

    who: str = "he"
    name: str = ""

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Person:
        """The choice kept in the journal's settings; the default for anything
        missing or not understood (a hand edit never stops the app)."""
        who = settings.get(PERSON_SETTING)
        name = settings.get(PERSON_NAME_SETTING)
        who = who if isinstance(who, str) and who in WHO else "he"
        try:
            name = check_name(name) if isinstance(name, str) and who != "ex" else ""
        except ValueError:
            name = ""
        return cls(who, name)

    @property
    def label(self) -> str:
        """How the choice is shown: "she / her", "Sam (they / them)"."""
        if self.name:
            return f"{self.name} ({WHO[self.who]})"
        return WHO[self.who]

    def say(self, template: str, *, mine: bool = False) -> str:
        """`template` spoken for this person; `mine` in the writer's own voice.

        Raises TemplateError on a placeholder that is not one of the above.
        """
        pronoun = _PRONOUNS["they" if self.who == "ex" else self.who]
        first = self.name or (
            ("my ex" if mine else "your ex") if self.who == "ex" else ""
        )
        plural = self.who in ("they", "ex")
        mentioned = False
        singular_now = not plural

        def speak(match: re.Match[str]) -> str:
            nonlocal mentioned, singular_now
            word = match.group(1)
            if "|" in word:
                one, _, many = word.partition("|")
                return one if singular_now else many
            role = word.lower()
            if role not in _ROLES:
                raise TemplateError(f"unknown placeholder {{{word}}} in {template!r}")
            named = bool(first) and not mentioned
            if named:
                spoken = first if role in ("they", "them") else f"{first}'s"
            else:
                spoken = pronoun[_ROLES.index(role)]
            if role == "they":  # only a subject decides the verb after it
                singular_now = named or not plural
            mentioned = True
            return spoken[0].upper() + spoken[1:] if word[0].isupper() else spoken

        return _PLACEHOLDER.sub(speak, template)


def check_template(template: str) -> None:
    """Raise TemplateError if `template` has a placeholder nobody can speak,
    or a stray brace."""
    _check(template)


@cache
def _check(template: str) -> None:
    for word in _PLACEHOLDER.findall(template):
        if "|" in word:
            one, _, many = word.partition("|")
            if not one or not many or "|" in many:
                raise TemplateError(
                    f"{{{word}}} needs exactly two forms in {template!r}"
                )
        elif word.lower() not in _ROLES or not (word.islower() or word.istitle()):
            raise TemplateError(f"unknown placeholder {{{word}}} in {template!r}")
    if "{" in _PLACEHOLDER.sub("", template) or "}" in _PLACEHOLDER.sub("", template):
        raise TemplateError(f"a stray brace in {template!r}")


def check_who(text: str) -> str:
    """A choice as typed ("She", " they ", "her", "them"), or ValueError
    saying the choices."""
    who = text.strip().casefold()
    if who in ("your ex", "my ex"):
        who = "ex"
    # Any of a choice's forms is the choice: "her" is she, "them" they.
    who = next((one for one, forms in _PRONOUNS.items() if who in forms), who)
    if who not in WHO:
        raise ValueError(f"person must be one of {', '.join(WHO)}, not {text!r}")
    return who


def check_name(text: str) -> str:
    """A name as it will be shown, or ValueError saying what is wrong with it.

    An empty name is fine: it means no name, the pronoun only.
    """
    name = " ".join(text.split())
    if len(name) > NAME_LIMIT:
        raise ValueError(f"a name of at most {NAME_LIMIT} characters, please")
    if _NOT_IN_NAMES.search(name):
        raise ValueError("a name without brackets, braces or backslashes, please")
    return name
