"""A kind word about a passphrase that would be easy to guess.

The one rule for the command line (`healjournal encrypt`) and the app: a
passphrase of one word, or a short one, gets a line of advice; it is advice,
not a refusal, so the person can still choose it.
"""

from __future__ import annotations

import re

__all__ = ["SHORT_PASSPHRASE", "passphrase_advice"]

#: A passphrase with fewer characters than this is short, however many words.
SHORT_PASSPHRASE = 12

# What people put between the words of a passphrase: "tea-at-dawn" is three.
_BETWEEN_WORDS = re.compile(r"[\s\-_.,;:/+]+")

_BETTER = "a few unrelated words you'll remember are much stronger"


def passphrase_advice(passphrase: str) -> str | None:
    """A short, kind warning if `passphrase` is easy to guess, else None.

    Easy to guess: a single word (the same word repeated counts as one), or
    fewer than SHORT_PASSPHRASE characters.
    """
    words = {word.casefold() for word in _BETWEEN_WORDS.split(passphrase) if word}
    if len(words) <= 1:
        return f"one word is easy to guess: {_BETTER}"
    if len(passphrase.strip()) < SHORT_PASSPHRASE:
        return f"a short passphrase is easy to guess: {_BETTER}"
    return None
