"""A fictional demo journal, for trying healjournal out and for screenshots.

`build_demo_journal` writes a new journal with a few months of made-up
writing: reflections whose mood drifts upward, a handful of unsent letters and
urges, goals from the starter list with their ticks, and a no-contact record
with one slip. The person, their friends and every word are invented; the ex
is only ever "him". The same seed, `today` and time zone always give the same
file, byte for byte.

Pure Python: no Textual, so `healjournal --demo` can build it before the app
starts.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from functools import partial
from pathlib import Path

from healjournal.clock import Clock, FrozenClock, get_clock
from healjournal.domain.models import EntryKind, GoalKind, Theme, find_tags
from healjournal.storage.journal import Journal
from healjournal.tips import load_tips

__all__ = ["MIN_DAYS", "build_demo_journal", "demo_journal_path"]

#: The shortest demo that still has room for a slip and a streak.
MIN_DAYS = 14

# -- the words ------------------------------------------------------------------
#
# Small hand-written fragments, combined by a seeded random.Random. Pools with
# three tuples are per phase: 0 = the first raw weeks, 1 = the wobbly middle,
# 2 = steadier ground.

_TITLES: tuple[tuple[str, ...], ...] = (
    ("Heavy one", "Still here", "Small things", "Getting through it", "Day whatever"),
    ("Wobbly but fine", "Notes from the sofa", "Progress, sort of", "Notes to self"),
    ("Steady", "Lighter", "Full week", "A good ordinary day", "Plans"),
)

_FEELINGS: tuple[tuple[str, ...], ...] = (
    (
        "Woke up at five and forgot for about four seconds. Then remembered.",
        "Everything is fine until someone is kind to me, and then I cry in the "
        "chemist's.",
        "The flat is very quiet. I put a podcast on just to have a voice in the "
        "kitchen.",
        "I keep reaching for my phone to tell him small things. The bus was late. "
        "The cat next door sat on my bike. Nobody to tell, so I'm telling this.",
        "Ate cereal for dinner. Standing up. Counting it as dinner.",
        "Today was heavy. Not dramatic, just heavy, like walking around in wet jeans.",
        "I reread old messages for an hour. I know. Writing it down so future me "
        "knows it didn't help.",
        "Cried on the way to work, then gave a perfectly decent presentation. "
        "People are strange.",
        "I don't miss him exactly. I miss having someone to text 'home' to.",
        "Slept badly. The bed is too big and I refuse to sleep in the middle, out "
        "of principle.",
        "Bought his brand of yoghurt out of pure habit. Gave it to the neighbour.",
        "Everyone says it gets better. Today it didn't, particularly. Tomorrow "
        "it might.",
        "Sat in the car outside the flat for twenty minutes, because going in "
        "meant the quiet.",
        "Angry today, which is new. Angry is more useful than sad: I cleaned the "
        "whole bathroom with it.",
        "Made a list of things I get to decide now. Top of the list: the thermostat.",
    ),
    (
        "A normal day. I noticed around four that I hadn't thought about him "
        "since lunch.",
        "Some days are better and I'm suspicious of them. Today was one. I'm "
        "taking it anyway.",
        "Caught myself planning next month without working him into it. Weird "
        "feeling. Good weird.",
        "Wobbly evening. A song came on in the supermarket and I had to stand very "
        "still next to the lentils for a while.",
        "More tired than sad today, which I'm counting as progress.",
        "Realised I've been saying 'I' instead of 'we' without even trying.",
        "A bit lonely tonight. Not for him specifically, just for company. That's "
        "fixable.",
        "Rearranged the living room. The sofa faces the window now. My flat, my "
        "sofa, my window.",
        "Forgot to be sad until about eight this evening. Then remembered, and it "
        "was fine anyway.",
        "Bought myself flowers. The man at the stall said 'lucky someone'. Yes, "
        "actually.",
        "A whole weekend to myself and I didn't dread it. Slept in, read, made "
        "pancakes for one, which is a perfectly good number.",
        "Up and down today. More up than down, if I'm honest with the graph.",
        "Put the last of his things in a box for the charity shop. Felt lighter "
        "than I expected.",
    ),
    (
        "Good day. Boring in the best way.",
        "I laughed properly today, the kind where you can't breathe, and forgot to "
        "check whether I was allowed to.",
        "Thought about him once, briefly, like remembering an old address. Then "
        "got on with my evening.",
        "I like my evenings now. I couldn't have written that sentence a couple of "
        "months ago.",
        "Felt steady all day. Not giddy, just steady, which is better.",
        "Made plans for the spring. Real ones, with dates in them.",
        "Tired from a full week. A full week! Of my own things!",
        "Read the first pages of this journal tonight. I want to hug whoever wrote "
        "them and tell them it gets quieter. It does.",
        "Caught my reflection in a shop window and thought: oh, there you are.",
        "A colleague asked how I was and I said 'good' without deciding to. It "
        "was true.",
        "Spent the evening doing absolutely nothing and didn't feel lonely once.",
        "Booked tickets for a gig in February. Future me is going to have a "
        "great night.",
        "Slow day in the good way: long coffee, clean sheets, nowhere to be.",
        "Noticed I've stopped checking my phone first thing in the morning. No "
        "idea when that happened.",
    ),
)

_ABOUT_HIM: tuple[tuple[str, ...], ...] = (
    (
        "Thought about him in the shower, in the queue at the bakery and in a "
        "meeting about spreadsheets. He's everywhere, which is the problem.",
        "I want to know if he's okay. I'm also allowed not to find out.",
        "Kept composing a clever message in my head. Didn't send it. The clever "
        "version is still a message.",
        "His hoodie is in a bag by the door. I'm not ready to decide what happens "
        "to it, so it can wait in the bag.",
        "I keep replaying the last conversation as if there's a version where I "
        "say the magic thing. There isn't. There's just the one that happened.",
    ),
    (
        "Part of me wants him to notice I'm doing well. I'm doing well anyway, so "
        "that part of me can sit down.",
        "Muted his name in my head like a notification. It doesn't fully work. It "
        "works a bit.",
        "Walked past our old cafe and it was just a cafe. Slightly overpriced, "
        "honestly.",
        "Missed him properly for about an hour this afternoon, then it passed, "
        "like weather.",
    ),
    (
        "Someone mentioned his name at the quiz and my heart did nothing at all. "
        "I checked twice.",
        "I hope he's fine. I hope it from a comfortable distance.",
    ),
)

_ONE_LINERS: tuple[tuple[str, ...], ...] = (
    (
        "Bad day. Writing this so I know I got through it.",
        "Tired. Sad. Fed myself. Going to bed.",
        "Nothing to say except I didn't text him. That's the whole entry.",
        "Hard one. Early night, and tomorrow is a new page.",
    ),
    (
        "Quiet day. Fine. Genuinely fine.",
        "Better than yesterday.",
        "Gym, work, soup, bed. Solid.",
        "Nothing much happened and that was nice.",
    ),
    (
        "Lovely day. No notes.",
        "Busy and happy and off to bed.",
        "Good tired, from a good day.",
        "Full day, full heart, empty fridge.",
    ),
)

_MORNINGS: tuple[tuple[str, ...], ...] = (
    (
        "Morning. Slept badly; writing this down first thing so I don't carry it "
        "around all day.",
        "Early one. Woke up thinking about him, wrote it all out here, now making "
        "coffee. That's the plan: coffee, then the next thing.",
        "Up at six for no reason. Made porridge, watched the street wake up. "
        "Small, but it counts.",
    ),
    (
        "Morning. Slept right through the night for the first time in ages. Noting "
        "it in case it's a fluke.",
        "Writing first thing today. Feeling okay, and going outside before noon to "
        "keep it that way.",
        "Morning. Woke up and my first thought was about breakfast, not him. "
        "Progress wears strange clothes.",
    ),
    (
        "Up early, sun out, off to get bread the long way round.",
        "Morning pages, sort of: rested, a bit excited about the day for no reason "
        "I can name. Not questioning it.",
        "Morning. Coffee on the step, cold air, good mood. That's the entry.",
    ),
)

_FRIENDS = (
    "@maya came round with soup and terrible films. She didn't ask a single "
    "question, which was exactly right.",
    "Long walk with @sam along the canal. Forty minutes about her allotment, and "
    "it was the most soothing thing in the world.",
    "@priya cooked and we played cards until midnight. I won twice and was "
    "insufferable about it.",
    "Texted @maya instead of him. She sent back a voice note of her cat "
    "complaining. Crisis averted.",
    "Lunch with @sam. Told her I'm fine and then, for once, actually was.",
    "@priya dragged me to a quiz night. We came fourth out of six and I had a "
    "brilliant time.",
    "Coffee with @maya. She let me talk in circles for an hour and then bought me "
    "cake.",
    "@priya sent me a list called 'things you are better at than you think'. It "
    "has eleven things on it. I read it twice.",
    "Dinner with @sam and her sister, mostly laughing about a disastrous camping "
    "trip from years ago.",
    "@maya and I walked up the hill to watch the sunset. Freezing, and "
    "completely worth it.",
    "Film night with @priya. She cried at the dog film; I didn't, for once.",
    "Long phone call with Mum. She didn't once say 'I never liked him', which I "
    "appreciated enormously.",
)

_BODY = (
    "#gym before work. The whole session without checking my phone once between sets.",
    "Went for a #run in the rain. Hated the first ten minutes, loved the last five.",
    "Lifted a bit more than last week at the #gym. Nobody clapped. I clapped, "
    "internally.",
    "Did a free workout video on the living-room floor. The neighbours now know "
    "I grunt.",
    "Slow #run round the park. My legs are starting to get the idea.",
    "#gym with @sam, who spotted me and told terrible jokes between sets.",
    "Swam twenty lengths at lunch. Came back to my desk smelling of chlorine and "
    "smugness.",
    "Yoga class. I am not bendy. I am, however, calmer.",
    "Interval #run along the river. Lungs on fire, head completely clear.",
)

_OUTSIDE = (
    "Out of the door by nine with a coffee. The morning was cold and bright and "
    "entirely mine.",
    "Walked to the bakery before noon and ate the croissant on a bench like "
    "someone in a film.",
    "Morning walk, no headphones. Heard a woodpecker, or a man with a hammer. "
    "Nice either way.",
    "Took the long way through the park this morning. Ten extra minutes, much "
    "better head.",
)

# New people, in the order they turn up; then the odd repeat once they're friends.
_NEW_PEOPLE = (
    "Book club at the library. I hadn't finished the book. Neither had anyone "
    "else. Great group.",
    "Pottery class, week one. My bowl looks like an ashtray. @nadia made a very "
    "confident ashtray too, so we're friends now.",
    "Went to the running club for the first time. Met @jo, who has done six "
    "marathons and still says 'I'm not really a runner'.",
    "Friend date with someone from the climbing wall. Two hours of talking and "
    "we're doing it again next week.",
    "Volunteered at the food bank this morning. Met three lovely people and "
    "lifted a great many tins of tomatoes.",
    "Coffee with @nadia after class. We talked about everything except "
    "break-ups, and it was wonderful.",
    "@priya introduced me to @rosa from her work at a gig. We swapped numbers "
    "over a very loud bassline.",
    "Running club again. @jo has decided I'm doing a 10 km with her in March. "
    "Apparently I agreed.",
    "Board-game night with @nadia and four people I'd never met. Lost every "
    "game. Would go again.",
    "@rosa and I went to a life-drawing class. I drew a very wobbly elbow and "
    "I'm proud of it.",
)
_PEOPLE_AGAIN = (
    "Said yes to a plan with someone I met last month. That's the whole trick, "
    "it turns out.",
    "Running club, then pancakes with @jo and the others. I have a Thursday crowd now.",
)

# Work, in order, each from a point in the story (a fraction of the way through).
_WORK = (
    (
        0.0,
        "Good day at work. Finally finished the report I'd been circling for a "
        "fortnight.",
    ),
    (
        0.2,
        "Signed up for an online course. Module one is mostly spreadsheets, but "
        "I'm in.",
    ),
    (
        0.35,
        "My manager asked me to lead the next project. I said yes before my "
        "brain could say no.",
    ),
    (0.46, "Opened my CV, looked at it, closed my CV. Progress of a sort."),
    (
        0.55,
        "First meeting running the new project. My hands stopped shaking after "
        "ten minutes.",
    ),
    (
        0.7,
        "Finished module two of the course and gave myself a gold star in the margin.",
    ),
    (
        0.8,
        "Asked a colleague for honest feedback on my work. Kind, useful, and "
        "only slightly terrifying.",
    ),
)

_CLOSERS = (
    "Phone is charging in the kitchen. I'm going to bed.",
    "Tomorrow: outside before noon.",
    "Enough for today. Early night.",
    "That's it. That's the entry.",
    "Going to read until I'm sleepy.",
    "Good night, me.",
    "Tea, then bed.",
)

_LETTERS = (
    "Dear you,\nI don't know what to write, so I'll write what's true: I thought "
    "we'd make it. I'm angry that you got to decide that on your own, and I'm sad "
    "that part of me still wants to hear your voice.\n\nI'm not sending this. I'm "
    "going to wash my face and go to sleep.",
    "Things I'd say if I were sending this\nYou were wrong about the holiday. You "
    "were right about me working too late. You never once refilled the ice "
    "tray.\n\nThat felt good. Still not sending it.",
    "Unsent letter, number three\nSomething good happened today and my first "
    "thought was to tell you, so you'd be impressed. Then I noticed I'd rather be "
    "impressed myself. So: well done, me.",
    "Last one, maybe\nI hope you're alright. I mean that, and I mean it from a "
    "distance. I'm doing things I'd stopped doing. I'm fine. I'm better than "
    "fine on Thursdays.\n\nI don't need you to know any of this. That's new.",
)

_URGES = (
    "11:48pm. Wanted to text him 'are you awake'. Wrote this instead. The phone "
    "is in the kitchen, I am in bed, and that's tonight's win.",
    "Almost liked one of his photos. My thumb was hovering. Put the phone face "
    "down and did the washing-up instead. The washing-up is very clean.",
    "Urge to call him on the way home. Called @maya instead. Twenty minutes about "
    "her awful boss and the urge wandered off.",
    "Drafted 'hope you're well' three times. It isn't a greeting, it's a door. "
    "Leaving it shut.",
    "He'd have loved the thing I saw today and I wanted to send him a photo. Sent "
    "it to @sam instead, who replied with six exclamation marks.",
    "A small one tonight: I wondered what he's doing. Didn't check. Wondered for "
    "two minutes, then went back to my book.",
)
_SLIP_URGE = "He's written. I want to answer. Writing here first, like the deal says."

_FIRST_DAY = (
    "It's over\nHe ended it tonight. I keep thinking there's a version of the "
    "conversation where I said the right thing, and I know there isn't.\n\n"
    "@maya says to write something every day, even one line. So, one line: I'm "
    "still here."
)

_SLIP_NOTE = (
    "He texted 'hope you're ok' and I replied. Twenty minutes of small talk and I "
    "felt worse, not better. Useful to know. Counting again from tomorrow, and "
    "being kind to myself about it."
)

_SLIP_DAY = (
    "I slipped\nHe messaged and I answered. Nothing dramatic happened, which was "
    "almost worse: polite small talk, then a hollow feeling all evening.\n\n"
    "I logged it. @maya says a slip is a data point, not a verdict. Counting "
    "starts again tomorrow, and I'm not starting from nothing: I just did "
    "{run} days, so I know I can."
)

_AFTER_SLIP = (
    "Day one, again\nWoke up annoyed with myself and allowed ten minutes of it. "
    "Then outside before noon, and the phone went in a drawer for the evening. "
    "Onwards."
)

# What a day's reflection leads with when something happened.
_ARCHIVED_CHAT = (
    "Archived our chat. Didn't delete it, just moved it where I don't see it "
    "every time I open my phone. My thumb keeps going to where it used to be."
)
_STOPPED_POSTING = (
    "Stopped the 'post something every day' goal. It turned into performing for "
    "an audience of one. I'd rather just live the day."
)
_COOKING_PRACTICE = (
    "Tried the dal again. Too much salt. Next attempt on Sunday. #cooking"
)
_COOKED = (
    "#cooking: made the dal from memory and it was actually good. @priya had "
    "seconds, which is the only review that counts."
)
_WEEKEND = (
    "Back from a weekend by the sea with @priya. Cold wind, chips on the harbour "
    "wall, long walks with nothing to prove. I booked it, I went, I loved it."
)
_FIVE_K = (
    "Ran 5 km without stopping! Slowly, and with a face like a tomato, but all "
    "the way. A couple of months ago I couldn't run for a bus. #run"
)
_CV_DAY = (
    "Meant to update my CV today. Didn't. Not beating myself up about it, just "
    "noting it."
)

# When the story beats happen, as a fraction of the way from the first day to today.
_CHAT_AT = 0.2
_PRACTICE_AT = 0.48
_LETTERS_AT = (0.07, 0.19, 0.4, 0.62)
_URGES_AT = (0.03, 0.09, 0.16, 0.26, 0.47, 0.78)
_STORY_AT = (_CHAT_AT, _PRACTICE_AT, *_LETTERS_AT, *_URGES_AT)


# -- the plan -------------------------------------------------------------------


@dataclass
class _Day:
    """What happens on one day of the demo."""

    day: date
    index: int
    written: bool = True
    mood_shift: float = 0.0
    script: str | None = None  # the whole reflection, written by hand
    headline: str | None = None  # what the reflection leads with
    details: list[str] = field(default_factory=list)
    extras: list[tuple[EntryKind, str]] = field(default_factory=list)


@dataclass
class _GoalPlan:
    theme: Theme
    title: str
    kind: GoalKind
    created: int  # day index
    due: date | None = None
    done: int | None = None  # day index of a one-off's tick
    story: str | None = None  # what that day's reflection leads with
    lift: float = 0.0  # how much the day's mood goes up
    archived: int | None = None  # day index it was put away
    ticks: list[date] = field(default_factory=list)


class _Deck:
    """Hands out items in shuffled order, reshuffling only when all are used."""

    def __init__(self, rng: random.Random, items: Sequence[str]) -> None:
        self._rng = rng
        self._items = list(items)
        self._left: list[str] = []

    def draw(self) -> str:
        if not self._left:
            self._left = self._items[:]
            self._rng.shuffle(self._left)
        return self._left.pop()


class _Sequence:
    """Hands out items in order, each once; then draws from `after`, if any."""

    def __init__(self, items: Sequence[str], after: _Deck | None = None) -> None:
        self._left = list(reversed(items))
        self._after = after

    def draw(self) -> str | None:
        if self._left:
            return self._left.pop()
        return self._after.draw() if self._after else None


def _starter(theme: Theme, kind: GoalKind, title: str) -> str:
    """A starter goal's title from the tips: `title` if it is listed, else the
    first of its kind in the theme, else `title` itself."""
    goals = next((t.goals for t in load_tips() if t.theme is theme), ())
    if any(g.title == title for g in goals):
        return title
    return next((g.title for g in goals if g.kind is kind), title)


def _moment(
    day: date, hour: int, minute: int, second: int, tz: tzinfo | None
) -> datetime:
    naive = datetime.combine(day, time(hour, minute, second))
    # Without a zone, the local one *for that date*, so summer time stays summer.
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()


def build_demo_journal(
    path: Path,
    today: date,
    *,
    days: int = 90,
    seed: int = 7,
    tz: tzinfo | None = None,
    clock: Clock | None = None,
) -> Journal:
    """Write a new, clearly fictional journal at `path` covering the `days` days
    that end with `today`, and return it opened.

    Today is left blank, so the app opens on an empty page. Everything is saved
    in one transaction. `tz` is the zone of the `created` stamps (default: the
    local zone); `clock` is the returned journal's clock (default: the global
    one). Raises ValueError if `path` exists or `days` is under MIN_DAYS.
    """
    path = Path(path)
    if path.exists():
        raise ValueError(f"{path} already exists; the demo only writes a new journal")
    if days < MIN_DAYS:
        raise ValueError(f"a demo needs at least {MIN_DAYS} days, not {days}")

    rng = random.Random(seed)
    start = today - timedelta(days=days - 1)
    last = days - 1  # today's index: left blank
    plan = [_Day(start + timedelta(days=i), i) for i in range(days)]
    plan[last].written = False

    def at(fraction: float) -> int:
        return min(max(round(fraction * last), 1), last - 1)

    slip = last - min(40, last // 2)
    scripted = {0, slip, slip + 1}

    def free(index: int) -> int:
        """`index`, or the next day after it that has no hand-written script."""
        while index in scripted and index < last - 1:
            index += 1
        return index

    goals = _plan_goals(plan, at, free)

    # About one day in ten goes unwritten, never one that carries the story.
    fixed = {*scripted, *range(last - 6, last), *(free(at(f)) for f in _STORY_AT)}
    fixed |= {g.done for g in goals if g.done is not None}
    fixed |= {g.archived for g in goals if g.archived is not None}
    candidates = [i for i in range(1, last) if i not in fixed]
    for i in rng.sample(candidates, min(len(candidates), round(days * 0.1))):
        plan[i].written = False

    _plan_ticks(rng, goals, plan, slip)
    _plan_story(rng, plan, goals, at, free, slip)

    writer = FrozenClock(_moment(start, 20, 0, 0, tz))
    journal = Journal.open(path, clock=writer)
    with journal.transaction():
        _write(journal, writer, rng, plan, goals, slip, at, tz)
    journal.close()
    return Journal.open(path, clock=clock or get_clock())


def _plan_goals(
    plan: list[_Day], at: Callable[[float], int], free: Callable[[int], int]
) -> list[_GoalPlan]:
    last = len(plan) - 1
    cv_created = at(0.45)
    cv_due = min(cv_created + 14, last - 2)
    # The weekend away is written up on a Sunday evening, if there is one free.
    weekend = at(0.7)
    sunday = weekend - (plan[weekend].day.weekday() + 1) % 7
    while sunday > at(0.5) and free(sunday) != sunday:
        sunday -= 7
    weekend = sunday if sunday > at(0.5) else free(weekend)
    return [
        _GoalPlan(
            Theme.NO_CONTACT,
            _starter(Theme.NO_CONTACT, GoalKind.DAILY, "A day without contacting him"),
            GoalKind.DAILY,
            created=0,
        ),
        _GoalPlan(
            Theme.LIFE,
            _starter(Theme.LIFE, GoalKind.DAILY, "Get outside before noon"),
            GoalKind.DAILY,
            created=at(0.04),
        ),
        _GoalPlan(
            Theme.BODY,
            _starter(Theme.BODY, GoalKind.WEEKLY, "Three workouts this week"),
            GoalKind.WEEKLY,
            created=at(0.1),
        ),
        _GoalPlan(
            Theme.SOCIAL,
            "Post something every day",
            GoalKind.DAILY,
            created=at(0.13),
            story=_STOPPED_POSTING,
            lift=0.3,
            archived=free(at(0.3)),
        ),
        _GoalPlan(
            Theme.PEOPLE,
            _starter(Theme.PEOPLE, GoalKind.WEEKLY, "Meet one new person"),
            GoalKind.WEEKLY,
            created=at(0.22),
        ),
        _GoalPlan(
            Theme.GOAL,
            _starter(Theme.GOAL, GoalKind.ONCE, "Learn to cook one dish by heart"),
            GoalKind.ONCE,
            created=at(0.33),
            done=free(at(0.56)),
            story=_COOKED,
            lift=0.6,
        ),
        _GoalPlan(
            Theme.CAREER,
            _starter(Theme.CAREER, GoalKind.ONCE, "Update my CV"),
            GoalKind.ONCE,
            created=cv_created,
            due=plan[cv_due].day,
        ),
        _GoalPlan(
            Theme.LIFE,
            _starter(Theme.LIFE, GoalKind.ONCE, "Plan a weekend away"),
            GoalKind.ONCE,
            created=at(0.5),
            done=weekend,
            story=_WEEKEND,
            lift=0.8,
        ),
        _GoalPlan(
            Theme.BODY,
            "Run 5 km without stopping",
            GoalKind.ONCE,
            created=at(0.4),
            done=free(at(0.86)),
            story=_FIVE_K,
            lift=1.0,
        ),
    ]


def _plan_ticks(
    rng: random.Random, goals: list[_GoalPlan], plan: list[_Day], slip: int
) -> None:
    """Daily habits ticked on about 60% of days (more as time goes on), weekly
    ones once or twice most weeks, one-offs on the day they were done."""
    last = len(plan) - 1
    for goal in goals:
        end = goal.archived if goal.archived is not None else last - 1
        if goal.kind is GoalKind.ONCE:
            if goal.done is not None:
                goal.ticks.append(plan[goal.done].day)
        elif goal.kind is GoalKind.DAILY:
            for i in range(goal.created, end + 1):
                if goal.theme is Theme.NO_CONTACT and i == slip:
                    continue
                chance = 0.5 if goal.theme is Theme.SOCIAL else 0.45 + 0.3 * i / last
                if rng.random() < chance:
                    goal.ticks.append(plan[i].day)
        else:
            weeks: dict[tuple[int, int], list[int]] = {}
            for i in range(goal.created, end + 1):
                weeks.setdefault(plan[i].day.isocalendar()[:2], []).append(i)
            counts = (0, 1, 1, 2, 2) if goal.theme is Theme.BODY else (0, 1, 1, 1, 2)
            for indexes in weeks.values():
                wanted = min(rng.choice(counts), len(indexes))
                goal.ticks += [plan[i].day for i in sorted(rng.sample(indexes, wanted))]


def _plan_story(
    rng: random.Random,
    plan: list[_Day],
    goals: list[_GoalPlan],
    at: Callable[[float], int],
    free: Callable[[int], int],
    slip: int,
) -> None:
    plan[0].script = _FIRST_DAY
    plan[0].mood_shift = -5
    run = (plan[slip].day - plan[0].day).days - 1
    plan[slip].script = _SLIP_DAY.format(run=run)
    plan[slip].mood_shift -= 1.3
    plan[slip + 1].script = _AFTER_SLIP
    plan[slip + 1].mood_shift -= 0.6

    _lead(plan[free(at(_CHAT_AT))], _ARCHIVED_CHAT)
    plan[free(at(_PRACTICE_AT))].details.append(_COOKING_PRACTICE)
    for goal in goals:
        moment = goal.done if goal.done is not None else goal.archived
        if goal.story is not None and moment is not None:
            _lead(plan[moment], goal.story)
            plan[moment].mood_shift += goal.lift
        if goal.due is not None and not goal.ticks:
            due = plan[(goal.due - plan[0].day).days]
            due.details.append(_CV_DAY)

    # What the habits looked like on the days they were ticked.
    by_day = {d.day: d for d in plan}
    body, outside = _Deck(rng, _BODY), _Deck(rng, _OUTSIDE)
    people = _Sequence(_NEW_PEOPLE, _Deck(rng, _PEOPLE_AGAIN))
    for goal in goals:
        for tick in goal.ticks:
            day = by_day[tick]
            if goal.theme is Theme.BODY and goal.kind is GoalKind.WEEKLY:
                if day.headline != _FIVE_K:
                    day.details.append(body.draw())
                day.mood_shift += 0.3
            elif goal.theme is Theme.PEOPLE:
                day.details.append(people.draw() or "")
                day.mood_shift += 0.2
            elif (
                goal.theme is Theme.LIFE
                and goal.kind is GoalKind.DAILY
                and rng.random() < 0.2  # now and then a walk worth mentioning
            ):
                day.details.append(outside.draw())

    # Unsent letters and urges: more of them early, fewer as things settle.
    for fraction, letter in zip(_LETTERS_AT, _LETTERS, strict=True):
        plan[at(fraction)].extras.append((EntryKind.LETTER, letter))
    for fraction, urge in zip(_URGES_AT, _URGES, strict=True):
        plan[at(fraction)].extras.append((EntryKind.URGE, urge))
    plan[slip].extras.insert(0, (EntryKind.URGE, _SLIP_URGE))
    for day in plan:
        if not day.written:
            day.headline = None
            day.details.clear()
            day.extras.clear()


def _lead(day: _Day, text: str) -> None:
    """Make `text` what the day's reflection opens with (or next, if taken)."""
    if day.headline is None:
        day.headline = text
    else:
        day.details.insert(0, text)


class _Writer:
    """Turns a planned day into the text of its reflection."""

    def __init__(
        self, rng: random.Random, last: int, at: Callable[[float], int]
    ) -> None:
        self._rng = rng
        self._last = last
        self._decks = {
            name: [_Deck(rng, pool) for pool in pools]
            for name, pools in (
                ("feelings", _FEELINGS),
                ("him", _ABOUT_HIM),
                ("titles", _TITLES),
                ("one_liners", _ONE_LINERS),
                ("mornings", _MORNINGS),
            )
        }
        self._friends = _Deck(rng, _FRIENDS)
        self._closers = _Deck(rng, _CLOSERS)
        self._work = [(at(fraction), text) for fraction, text in _WORK]

    def _draw(self, name: str, phase: int) -> str:
        return self._decks[name][phase].draw()

    def reflection(self, day: _Day) -> tuple[str, bool]:
        """The day's reflection, and whether it was written in the morning."""
        rng = self._rng
        if day.script is not None:
            return day.script, False
        phase = min(2, 3 * day.index // self._last)
        details = [d for d in day.details if d]
        if rng.random() < 0.25:
            friend = self._friends.draw()
            if not set(find_tags(friend)) & set(find_tags(*details)):
                details.append(friend)
        if self._work and self._work[0][0] <= day.index and rng.random() < 0.12:
            details.append(self._work.pop(0)[1])
        lead = [day.headline] if day.headline else []
        if not lead and not details and rng.random() < 0.12:
            return self._draw("mornings", phase), True
        size = rng.choices(("short", "medium", "long"), weights=(2, 5, 3))[0]
        if size == "short" and not lead and not details:
            return self._draw("one_liners", phase), False

        feeling = self._draw("feelings", phase)
        if size == "long" or lead or len(details) > 1:
            paragraphs = [*lead, feeling]
            if rng.random() < (0.8, 0.5, 0.2)[phase]:
                paragraphs[-1] += " " + self._draw("him", phase)
            if details:
                paragraphs.append(" ".join(details))
            if rng.random() < 0.6:
                paragraphs.append(self._closers.draw())
            text = "\n\n".join(paragraphs)
        else:
            sentences = [feeling, *details]
            if rng.random() < 0.4:
                sentences.append(self._closers.draw())
            text = " ".join(sentences)
        if rng.random() < 0.35:
            text = f"{self._draw('titles', phase)}\n{text}"
        return text, False


def _mood(rng: random.Random, day: _Day, last: int) -> int | None:
    """Low at first, drifting up with noise, dipping around the slip."""
    if day.script is None and rng.random() < 0.05:
        return None  # some days you don't feel like scoring it
    value = 1.5 + 2.7 * day.index / last + rng.gauss(0, 0.55) + day.mood_shift
    return min(5, max(1, round(value)))


def _write(
    journal: Journal,
    writer: FrozenClock,
    rng: random.Random,
    plan: list[_Day],
    goals: list[_GoalPlan],
    slip: int,
    at: Callable[[float], int],
    tz: tzinfo | None,
) -> None:
    """Add everything, day by day and in time order, with the clock set to
    each moment so the `created` stamps fall on the right day."""
    last = len(plan) - 1
    words = _Writer(rng, last, at)
    starred = {0, *(d.index for d in plan if d.headline == _FIVE_K)}
    # One quiet good day in the last stretch earns a star too.
    late = [
        d.index
        for d in plan[2 * last // 3 : last]
        if d.written and not d.script and d.index not in starred
    ]
    if late:
        starred.add(rng.choice(late))

    goal_ids: dict[int, int] = {}
    for day in plan:
        events: list[tuple[datetime, Callable[[], object]]] = []

        for number, goal in enumerate(goals):
            if goal.created == day.index:

                def make(goal: _GoalPlan = goal, number: int = number) -> None:
                    made = journal.add_goal(goal.title, goal.theme, goal.kind, goal.due)
                    goal_ids[number] = made.id

                when = _moment(day.day, 19, rng.randrange(60), rng.randrange(60), tz)
                events.append((when, make))

        if day.index == 0:
            when = _moment(day.day, 23, 30, 0, tz)
            events.append((when, partial(journal.start_no_contact, day.day)))
        if day.index == slip:
            when = _moment(day.day, 22, 15, rng.randrange(60), tz)
            events.append((when, partial(journal.log_slip, day.day, _SLIP_NOTE)))

        if day.written:
            text, morning = words.reflection(day)
            hour = rng.randrange(7, 9) if morning else rng.randrange(20, 23)
            when = _moment(day.day, hour, rng.randrange(60), rng.randrange(60), tz)
            if day.script is not None:  # the big days are written late at night
                when = _moment(day.day, 22, 40, rng.randrange(60), tz)
            add = partial(
                journal.add_entry,
                text,
                day=day.day,
                mood=_mood(rng, day, last),
                starred=day.index in starred,
            )
            events.append((when, add))
            for kind, extra in day.extras:
                hour = 23 if kind is EntryKind.URGE else rng.randrange(21, 23)
                minute = 48 if extra.startswith("11:48pm") else rng.randrange(60)
                when = _moment(day.day, hour, minute, rng.randrange(60), tz)
                if extra == _SLIP_URGE:
                    when = _moment(day.day, 21, 40, 0, tz)
                add = partial(journal.add_entry, extra, day=day.day, kind=kind)
                events.append((when, add))

        events.sort(key=lambda event: event[0])
        for when, action in events:
            writer.set(when)
            action()

    writer.set(_moment(plan[last].day, 7, 0, 0, tz))
    for number, goal in enumerate(goals):
        for tick in goal.ticks:
            journal.tick_goal(goal_ids[number], tick)
        if goal.archived is not None:
            journal.archive_goal(goal_ids[number])
    journal.set_setting("welcomed", True)
    journal.set_setting("demo", True)


def demo_journal_path() -> Path:
    """A fresh journal path in a new private temporary folder, so the demo never
    touches the real journal. The caller removes the folder when done."""
    return Path(tempfile.mkdtemp(prefix="healjournal-demo-")) / "journal.json"
