"""The things a journal holds: entries, goals, urges, and the no-contact record."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from healjournal.domain.visible import visible
from healjournal.errors import InputError

#: The longest entry text accepted, in characters (title and body together).
MAX_TEXT_CHARS = 1_000_000

#: Days of no contact worth celebrating.
MILESTONES: tuple[int, ...] = (7, 14, 30, 60, 90, 180, 365)

# A sigil that starts a tag: not inside a word or an email address.
_SIGIL = re.compile(r"(?<![\w#@&])[#@](?=\w)")


class Theme(StrEnum):
    """The seven themes every tip, prompt and goal belongs to."""

    LIFE = "life"
    BODY = "body"
    CAREER = "career"
    GOAL = "goal"
    SOCIAL = "social"
    PEOPLE = "people"
    NO_CONTACT = "nocontact"


class EntryKind(StrEnum):
    """What an entry is: a day's reflection, a letter never sent, an urge."""

    REFLECTION = "reflection"
    LETTER = "letter"
    URGE = "urge"

    @classmethod
    def parse(cls, text: str) -> EntryKind:
        """Read a kind from the command line ("unsent" and "letter" both work)."""
        wanted = text.strip().lower().replace("-", " ")
        aliases = {"unsent": cls.LETTER, "unsent letter": cls.LETTER}
        if wanted in aliases:
            return aliases[wanted]
        for kind in cls:
            if kind.value == wanted:
                return kind
        names = ", ".join(k.value for k in cls)
        raise InputError(f"unknown kind {text!r}: use one of {names}")


class GoalKind(StrEnum):
    """How a goal is ticked: once, every day, or every week."""

    ONCE = "once"
    DAILY = "daily"
    WEEKLY = "weekly"


def new_uid() -> str:
    """A new identity for a record: a random UUID, the same on every machine
    the record travels to (a copy, an export and its import)."""
    from uuid import uuid4  # when a record is made: importing uuid costs ~5 ms

    return str(uuid4())


def check_text(text: str, what: str = "text") -> str:
    """Return `text` if it can be stored, or raise InputError saying why not."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{what} is {len(text):,} characters; the limit is "
            f"{MAX_TEXT_CHARS:,}: split it into several entries"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(
            f"{what} has an invalid character at position {error.start + 1} "
            "(a lone surrogate, often from a badly encoded paste or file): "
            "remove it or re-save the source as UTF-8"
        ) from None
    return text


def check_mood(mood: int | None) -> int | None:
    """Return a mood of 1 to 5 (or None), or raise InputError."""
    if mood is None:
        return None
    if isinstance(mood, bool) or not isinstance(mood, int) or not 1 <= mood <= 5:
        raise InputError(f"mood must be a whole number from 1 to 5, not {mood!r}")
    return mood


def _in_tag(char: str) -> bool:
    # Combining marks count: "#क्षमा" and a decomposed "#café" are one word each.
    return char.isalnum() or char in "_'-" or unicodedata.category(char)[0] == "M"


def find_tags(*texts: str) -> tuple[str, ...]:
    """The `#tags` and `@names` in `texts`, lower-cased, in order of appearance."""
    seen: dict[str, None] = {}
    for text in texts:
        text = unicodedata.normalize("NFC", text)
        for sigil in _SIGIL.finditer(text):
            end = sigil.end()
            while end < len(text) and _in_tag(text[end]):
                end += 1
            word = text[sigil.end() : end].rstrip("'-")
            if word and not word.isdigit():  # "#1 priority" is not a tag
                seen.setdefault(sigil.group() + word.casefold())
    return tuple(seen)


@dataclass(frozen=True, slots=True)
class Entry:
    """One piece of writing: a reflection, an unsent letter or an urge."""

    id: int
    created: datetime
    day: date
    kind: EntryKind = EntryKind.REFLECTION
    title: str = ""
    body: str = ""
    mood: int | None = None
    starred: bool = False
    updated: datetime | None = None
    tags: tuple[str, ...] = field(default=())
    #: Its identity on every machine (new_uid), beside the id of this journal.
    uid: str = field(default_factory=new_uid)

    @property
    def text(self) -> str:
        """Title and body as one text, as the editor shows it."""
        if self.title and self.body:
            return f"{self.title}\n{self.body}"
        return self.title or self.body

    @property
    def words(self) -> int:
        """How many words the entry holds."""
        return len(self.title.split()) + len(self.body.split())

    def preview(self, width: int = 60) -> str:
        """The first words, on one line, cut to `width` characters."""
        text = f"{self.title} · {self.body}" if self.title and self.body else self.text
        # Only the start is needed, unless it is nearly all blank space: a
        # long page is not split into words just to show its first line.
        head = text[: 4 * width + 64]
        flat = " ".join(head.split())
        if len(flat) <= width and len(head) < len(text):
            flat = " ".join(text.split())
        # For a screen: control characters as marks, never as sequences.
        return visible(flat if len(flat) <= width else flat[: width - 1].rstrip() + "…")


@dataclass(frozen=True, slots=True)
class Goal:
    """Something to do for yourself, ticked off once or as a habit."""

    id: int
    theme: Theme
    title: str
    kind: GoalKind = GoalKind.ONCE
    created: datetime | None = None
    due: date | None = None
    ticks: tuple[date, ...] = ()
    archived: bool = False
    #: Its identity on every machine (new_uid), beside the id of this journal.
    uid: str = field(default_factory=new_uid)

    def ticked_on(self, day: date) -> bool:
        """Whether the goal was ticked on `day`."""
        return day in self.ticks

    def done_for(self, day: date) -> bool:
        """Whether the goal counts as done as seen on `day`.

        A one-off is done once ticked on or before `day`; a daily habit when
        ticked that day; a weekly habit when ticked in that Monday-based week.
        """
        if self.kind is GoalKind.ONCE:
            return any(t <= day for t in self.ticks)
        if self.kind is GoalKind.DAILY:
            return day in self.ticks
        week = day.isocalendar()[:2]
        return any(t.isocalendar()[:2] == week for t in self.ticks)

    def overdue_on(self, day: date) -> bool:
        """A one-off past its due date and not done."""
        return (
            self.kind is GoalKind.ONCE
            and self.due is not None
            and self.due < day
            and not self.done_for(day)
        )


@dataclass(frozen=True, slots=True)
class Slip:
    """A day the person contacted the ex, with what they want to remember of it."""

    id: int
    day: date
    note: str = ""
    created: datetime | None = None
    #: Its identity on every machine (new_uid), beside the id of this journal.
    uid: str = field(default_factory=new_uid)


class UrgeOutcome(StrEnum):
    """How an urge to contact the ex ended: it passed, it won, or it is still open.

    WRITING means the person chose to keep writing when asked: still open,
    like an urge with no outcome at all.
    """

    RESISTED = "resisted"
    CONTACTED = "contacted"
    WRITING = "writing"

    @property
    def final(self) -> bool:
        """Whether the urge is over (it passed, or the ex was contacted)."""
        return self is not UrgeOutcome.WRITING


#: How strong an urge felt, from a nudge to all the person can think about.
URGE_STRENGTHS: dict[int, str] = {
    1: "a nudge",
    2: "nagging",
    3: "strong",
    4: "very strong",
    5: "all I can think about",
}


def check_strength(strength: int | None) -> int | None:
    """Return an urge strength of 1 to 5 (or None), or raise InputError."""
    if strength is None:
        return None
    if (
        isinstance(strength, bool)
        or not isinstance(strength, int)
        or not 1 <= strength <= 5
    ):
        raise InputError(
            f"an urge's strength is a whole number from 1 to 5, not {strength!r}"
        )
    return strength


@dataclass(frozen=True, slots=True)
class Urge:
    """A moment the ex was on the person's mind: when, how strong, how it ended."""

    id: int
    #: When the urge screen opened: the urge's own moment, and its key.
    at: datetime
    day: date
    #: 1 (a nudge) to 5 (all I can think about); None until the person says.
    strength: int | None = None
    #: None while the urge is open (the screen is still up, or was closed).
    outcome: UrgeOutcome | None = None
    #: The page written meanwhile (an urge page), if any words were.
    letter_id: int | None = None
    note: str = ""
    #: Its identity on every machine (new_uid), beside the id of this journal.
    uid: str = field(default_factory=new_uid)

    @property
    def passed(self) -> bool:
        """The urge passed without contact."""
        return self.outcome is UrgeOutcome.RESISTED

    @property
    def contacted(self) -> bool:
        """The urge ended in contact (a slip was logged with it)."""
        return self.outcome is UrgeOutcome.CONTACTED


@dataclass(frozen=True, slots=True)
class NoContact:
    """The no-contact record: when it started and every slip since."""

    started: date | None = None
    slips: tuple[Slip, ...] = ()

    @property
    def last_contact(self) -> date | None:
        """The last day there was contact: the latest slip, or the start."""
        days = [s.day for s in self.slips]
        if self.started is not None:
            days.append(self.started)
        return max(days) if days else None
