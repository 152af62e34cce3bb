"""How the app speaks of the ex: the person chosen, and keys in their words.

The app holds the person chosen (`HealJournalApp.person`, a reactive). Copy
that mentions the ex is a template (see `healjournal.domain.person`) and is
spoken where it is shown:

- a widget or screen says `speak(self, template)` (or `mine=True` for the
  writer's own words), and to speak again when the choice changes, watches
  the app: `self.watch(self.app, "person", callback, init=False)`;
- a screen mixes in `SpokenKeys` (before `Screen`), so its footer and F1's
  help read its keys' descriptions spoken in the writer's own voice
  ("I contacted her").

No raw "{them}" ever reaches the screen: an app without a person (a widget
tested alone) speaks for the default.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.binding import ActiveBinding, Binding

from healjournal.domain.person import PERSON_NAME_SETTING, PERSON_SETTING, Person

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from healjournal.storage.journal import Journal

__all__ = [
    "SpokenKeys",
    "person_of",
    "save_person",
    "speak",
    "spoken_binding",
]

_DEFAULT = Person()


def person_of(node: DOMNode) -> Person:
    """The person the app speaks of (the default if the app holds none)."""
    person = getattr(node.app, "person", None)
    return person if isinstance(person, Person) else _DEFAULT


def speak(node: DOMNode, template: str, *, mine: bool = False) -> str:
    """`template` spoken for the app's person; `mine` in the writer's voice."""
    return person_of(node).say(template, mine=mine)


def spoken_binding(binding: Binding, person: Person) -> Binding:
    """`binding` with its description spoken in the writer's voice."""
    if "{" not in binding.description:
        return binding
    return replace(binding, description=person.say(binding.description, mine=True))


class SpokenKeys:
    """Mixed into a screen: its keys in force, their descriptions spoken.

    The footer and the help read `active_bindings`, so "I contacted {them}"
    reaches them as "I contacted her". Place it before `Screen` in the bases.
    """

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys in force, as Textual has them, each description spoken."""
        bindings: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        person = person_of(self)  # type: ignore[arg-type]
        return {
            key: active._replace(binding=spoken_binding(active.binding, person))
            for key, active in bindings.items()
        }


def save_person(journal: Journal, person: Person) -> Person:
    """Keep `person` in the journal's settings (they travel with the journal)."""
    with journal.transaction():
        journal.set_setting(PERSON_SETTING, person.who)
        journal.set_setting(PERSON_NAME_SETTING, person.name)
    return person
