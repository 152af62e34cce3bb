"""What the journal says back at a milestone, after a slip, after an urge.

The words live here, not in a screen, so they read the same wherever they
are said and can be checked without starting the app (no Textual).
"""

from __future__ import annotations

from healjournal.domain.models import UrgeOutcome
from healjournal.domain.person import Person
from healjournal.domain.stats import Streak, milestones_reached

MILESTONE_WORDS = {
    7: "A whole week. That's not nothing, that's a start.",
    14: "Two weeks. The quiet is getting easier to hear.",
    30: "A month. Look how far you've walked.",
    60: "Two months. This is your life now, and it's yours.",
    90: "Ninety days. A whole season of choosing yourself.",
    180: "Half a year. Remember the first night? Look at you.",
    365: "A year. Whatever comes next, you did this.",
}

#: What an urge that passed is met with.
URGE_PASSED = (
    "It passed. The urge left and you're still here: that one goes in your review."
)


def milestone_due(streak: Streak | None) -> int | None:
    """The milestone to celebrate now, if the count reached one lately."""
    if streak is None or not milestones_reached(streak.current):
        return None
    reached = milestones_reached(streak.current)[-1]
    if streak.current - reached > 2:
        return None  # long past: a toast about day 30 on day 40 would only confuse
    return reached


def milestone_notice(reached: int) -> str:
    """The words for a milestone of `reached` days of no contact."""
    return (
        MILESTONE_WORDS.get(reached, "Look at you go.")
        + f" {reached} days of no contact."
    )


def slip_notice(streak: Streak | None) -> str:
    """What a logged slip is met with: the count restarts, the best stays."""
    best = streak.best if streak else 0
    if best:
        days = f"{best} day{'' if best == 1 else 's'}"
        return (
            f"The count starts again. Your best stays {days}, "
            "and you are still doing this."
        )
    return "Logged. The count starts from here, and so do you."


def urge_notice(
    outcome: UrgeOutcome, written: bool, streak: Streak | None
) -> str | None:
    """What an urge's end is met with, if anything: `written` when its page
    has words, `streak` the no-contact count after it."""
    if outcome is UrgeOutcome.CONTACTED:
        return slip_notice(streak)
    if outcome is UrgeOutcome.RESISTED and written:
        return "Kept here, sent nowhere. That's an urge you didn't act on."
    if outcome is UrgeOutcome.RESISTED:
        return URGE_PASSED
    return None


def on_your_mind(person: Person, *, when: bool = False) -> str:
    """ "He's on your mind", "They're on your mind", "Sam is on your mind";
    with `when`, "When she's on your mind".

    A pronoun is contracted, as people say it; a name or "your ex" is not
    ("your ex's" would read as a possessive).
    """
    subject = "When {they}" if when else "{They}"
    verb = " {is|are}" if person.name or person.who == "ex" else "{'s|'re}"
    return person.say(f"{subject}{verb} on your mind")
