"""What the app must never say, for whoever the ex is.

A phrase that speaks of the ex is a template (see healjournal.domain.person),
so "make {them} miss you" is banned as "make him miss you", "make her miss
you", "make them miss you", "make your ex miss you" and "make Sam miss you".
tests/unit/test_copy.py checks every string of the app and its data files
against the phrases spoken for each choice. Pure Python: no Textual.
"""

from __future__ import annotations

import re
from functools import cache

from healjournal.domain.person import WHO, Person

__all__ = ["BANNED_PHRASES", "banned_phrases", "banned_phrases_in"]

#: Lower-case phrases that must never appear in the app's copy: healjournal is
#: about living for yourself, never about winning anyone back or shaming anyone.
#: Those about the ex are templates, spoken for the person (banned_phrases).
BANNED_PHRASES: tuple[str, ...] = (
    "make {them} miss you",
    "win {them} back",
    "get {them} back",
    "make {them} jealous",
    "revenge body",
    "show {them} what {they}'{s|re} missing",
    "show {them} what {they} {is|are} missing",
    "ex back",
    "win back",
    "make {them} regret",
    "{they}'ll regret",
    "{they} will regret",
    "{they}'ll come running",
    "come crawling back",
    "loser",
    "pathetic",
    "desperate",
    "needy",
    "clingy",
    "get over yourself",
    # Shame: a slip is a Tuesday, not a verdict.
    "you failed",
    "failed again",
    "a failure",
    "weak",
    "weakness",
    "ashamed",
    "shameful",
    "shame on you",
    "your fault",
    "stupid",
    "idiot",
    "crazy",
    "psycho",
    "obsessed",
    "relapse",
    "no excuses",
    "get over it",
    "move on already",
    "should have known better",
    "hopeless",
)


@cache
def banned_phrases(person: Person | None = None) -> tuple[str, ...]:
    """BANNED_PHRASES spoken for `person`, lower case, without repeats.

    Every way copy can speak of them counts: the first mention and the
    pronoun after it ("get Sam back", "get her back"), in the reader's voice
    and the writer's own ("win your ex back", "win my ex back"). Without a
    person, the phrases for every choice of pronoun (he, she, they, your ex).
    """
    if person is None:
        people = [Person(who) for who in WHO]
    else:
        people = [person, Person("they" if person.who == "ex" else person.who)]
    found: dict[str, None] = {}
    for phrase in BANNED_PHRASES:
        for someone in people:
            for mine in (False, True):
                found[someone.say(phrase, mine=mine).casefold()] = None
    return tuple(found)


def banned_phrases_in(text: str, person: Person | None = None) -> list[str]:
    """The banned phrases (spoken for `person`, or for every choice of pronoun
    without one) found in `text`, as whole words, ignoring case."""
    folded = text.casefold().replace("\u2019", "'")
    if not _any_pattern(person).search(folded):
        return []
    return [
        phrase
        for phrase in banned_phrases(person)
        if _phrase_pattern(phrase).search(folded)
    ]


@cache
def _any_pattern(person: Person | None) -> re.Pattern[str]:
    # One pass over the text first: almost all of it says nothing banned.
    phrases = "|".join(re.escape(p) for p in banned_phrases(person))
    return re.compile(rf"(?<!\w)(?:{phrases})(?!\w)")


@cache
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    # Whole words only, so "closer" does not count as "loser".
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
