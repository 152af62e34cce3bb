"""The words a hurting person reads: nothing shaming, nothing about winning the ex
back, and the ex never a hard-coded "him".

Every string literal in the app's source is walked with `ast` (docstrings
and other bare strings, which nobody using the app reads, are left out), so
new copy is checked the day it is written. So is every string in the package's
data files (the tips, the demo's story), read from the TOML itself rather than
through their loaders, so a field a loader skips is checked all the same.

Copy that speaks of the ex is a template (healjournal.domain.person): each is
spoken for every choice in PEOPLE, in the reader's voice and the writer's own,
and checked against the banned phrases spoken for the same person.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

import healjournal
import healjournal.tui.screens.urge
from healjournal.cli.parser import build_parser
from healjournal.demo.story import load_story
from healjournal.domain.person import WHO, Person
from healjournal.tips import BANNED_PHRASES, all_copy, banned_phrases, banned_phrases_in
from healjournal.tui.screens.help import KEYS

SOURCE = Path(healjournal.__file__).parent
README = Path(__file__).parents[2] / "README.md"
#: Names whose strings are lists of what must not be said, not things said.
NOT_COPY = {"BANNED_PHRASES"}
#: Every choice the welcome offers, with and without a name.
PEOPLE = (
    Person("he"),
    Person("she"),
    Person("they"),
    Person("ex"),
    Person("she", "Sam"),
    Person("he", "Jo"),
)
#: A placeholder for the ex: a role ({they}, {Their}...) or a verb ({is|are}).
ROLE = re.compile(r"\{(?:[Tt]hey|[Tt]hem|[Tt]heirs?|[^{}|\s]+\|[^{}|\s]+)\}")


def literals(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) for every string the code in `path` could show someone.

    An f-string comes out whole, its holes as "…", so a phrase split around a
    value is still seen.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bare = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    bare |= {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign | ast.AnnAssign)
        and any(
            isinstance(target, ast.Name) and target.id in NOT_COPY
            for target in (
                node.targets if isinstance(node, ast.Assign) else [node.target]
            )
        )
        for inner in ast.walk(node)
    }
    inside_fstrings = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                part.value if isinstance(part, ast.Constant) else "…"
                for part in node.values
            )
            yield node.lineno, text
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in bare
            and id(node) not in inside_fstrings
        ):
            yield node.lineno, node.value


def data_strings(path: Path) -> Iterator[tuple[str, str]]:
    """(key, text) for every string in the TOML file at `path`, however deep."""

    def walk(value: object, key: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, dict):
            for name, inner in value.items():
                yield from walk(inner, f"{key}.{name}" if key else name)
        elif isinstance(value, list):
            for number, inner in enumerate(value):
                yield from walk(inner, f"{key}[{number}]")

    yield from walk(tomllib.loads(path.read_text(encoding="utf-8")), "")


def app_strings() -> list[tuple[str, str]]:
    """("file:line", text) for every string literal in src/healjournal, and
    ("file:key", text) for every string in its data files."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        where = path.relative_to(SOURCE.parent)
        found += [(f"{where}:{line}", text) for line, text in literals(path)]
    for path in sorted(SOURCE.rglob("*.toml")):
        where = path.relative_to(SOURCE.parent)
        found += [(f"{where}:{key}", text) for key, text in data_strings(path)]
    return found


def story_words() -> list[str]:
    """Every text the demo's story holds, as its loader reads it."""
    story = load_story()
    words = [*story.goals.values(), *story.days.values(), *story.beats.values()]
    for pool in story.everyday.values():
        words += pool
    for phase in story.phases:
        words += [*phase.titles, *phase.feelings, *phase.about_them]
        words += [*phase.one_liners, *phase.mornings]
    for _, text in (*story.work, *story.letters, *story.urges):
        words.append(text)
    return words


class TestTheWalk:
    def test_it_reads_every_module(self):
        modules = {where.partition(":")[0] for where, _ in app_strings()}
        for expected in (
            "healjournal/tui/screens/urge.py",
            "healjournal/tui/screens/main.py",
            "healjournal/tui/screens/help.py",
            "healjournal/tui/dialogs/slip.py",
            "healjournal/cli/__init__.py",
            "healjournal/cli/report.py",
        ):
            assert expected in modules

    def test_it_sees_plain_joined_and_formatted_strings(self):
        texts = [text for _, text in app_strings()]
        # A plain string, two joined by the parser, and an f-string.
        assert "Kept here, sent nowhere. That's an urge you didn't act on." in texts
        assert any(
            t.startswith(
                "Write exactly what you want to tell {them}. It stays here, and"
            )
            for t in texts
        )
        assert (
            "The count starts again. Your best stays …, and you are still doing this."
            in texts
        )

    def test_it_reads_the_data_files(self):
        files = {where.partition(":")[0] for where, _ in app_strings()}
        assert "healjournal/tips/tips.toml" in files
        assert "healjournal/demo/story.toml" in files

    def test_it_sees_every_word_of_the_demo_and_the_tips(self):
        texts = {text for _, text in app_strings()}
        assert "Ate cereal for dinner. Standing up. Counting it as dinner." in texts
        assert len(story_words()) > 100
        assert [w for w in story_words() if w not in texts] == []
        assert [t for t in all_copy() if t not in texts] == []

    def test_it_leaves_docstrings_out(self):
        texts = {text for _, text in app_strings()}
        assert healjournal.tui.screens.urge.__doc__ not in texts


def spoken(text: str, person: Person, *, mine: bool) -> str:
    """`text` as `person` would read it: its placeholders for the ex spoken,
    any other braces ({weeks}, {now:.1f}) left as they are."""
    if not ROLE.search(text):
        return text
    roles = ROLE.sub(lambda m: "\x03" + m.group()[1:-1] + "\x04", text)
    kept = roles.replace("{", "\x01").replace("}", "\x02")
    said = person.say(kept.replace("\x03", "{").replace("\x04", "}"), mine=mine)
    return said.replace("\x01", "{").replace("\x02", "}")


def banned_for_anyone(text: str) -> list[str]:
    """The banned phrases in `text` as each choice in PEOPLE would read it."""
    found: list[str] = []
    for person in PEOPLE:
        for mine in (False, True):
            said = spoken(text, person, mine=mine)
            found += [
                f"{phrase!r} for {person.label}"
                for phrase in banned_phrases_in(said, person)
            ]
    return found


class TestNothingThatMustNotBeThere:
    def test_no_app_string_uses_a_banned_phrase_for_any_choice(self):
        found = [
            f"{where}: {phrases} in {text!r}"
            for where, text in app_strings()
            if (phrases := banned_for_anyone(text))
        ]
        assert found == []

    def test_no_tip_uses_a_banned_phrase_for_any_choice(self):
        found = [(text, banned_for_anyone(text)) for text in all_copy()]
        assert [f for f in found if f[1]] == []

    def test_the_walk_speaks_the_templates_it_finds(self):
        texts = [text for _, text in app_strings()]
        templates = [t for t in texts if ROLE.search(t)]
        assert "A day without contacting {them}" in templates
        assert len(templates) > 40
        line = "None in {weeks} weeks. When {they} {is|are} here, {now:.1f}"
        assert spoken(line, Person("she", "Sam"), mine=False) == (
            "None in {weeks} weeks. When Sam is here, {now:.1f}"
        )

    @pytest.mark.parametrize(
        "text",
        [
            "Text him now and make him miss you.",
            "This is how you win him back.",
            "You failed again.",
            "Don't be weak.",
            "What a failure.",
            "It was your fault.",
            "Stop being so obsessed.",
            "A relapse on day 3.",
        ],
    )
    def test_the_list_catches_winning_back_and_shame(self, text):
        assert banned_phrases_in(text)

    @pytest.mark.parametrize(
        ("template", "person"),
        [
            ("Text {them} now and make {them} miss you.", Person("she")),
            ("This is how you win {them} back.", Person("they")),
            ("Time to get {them} back.", Person("she", "Sam")),
            ("Show {them} what {they}'{s|re} missing.", Person("he", "Jo")),
            ("{They}'ll regret it.", Person("ex")),
            ("Make {them} jealous.", Person("ex")),
        ],
    )
    def test_the_list_catches_it_for_every_choice(self, template, person):
        for mine in (False, True):
            assert banned_phrases_in(person.say(template, mine=mine), person)
        assert banned_for_anyone(template)

    @pytest.mark.parametrize(
        "text",
        [
            "The save failed: the disk is full.",
            "Three workouts this week.",
            "Your weekly goals.",
            "You feel closer to yourself every day.",
            "A weekend away.",
            "Call a friend. Not to talk about {them}.",
        ],
    )
    def test_the_list_leaves_ordinary_words_alone(self, text):
        assert banned_for_anyone(text) == []

    def test_the_list_is_lower_case_and_has_the_issue_s_examples(self):
        assert all(phrase == phrase.lower() for phrase in BANNED_PHRASES)
        for phrase in ("make {them} miss you", "win {them} back", "you failed"):
            assert phrase in BANNED_PHRASES
        # The issue's own examples, spoken.
        assert "make her miss you" in banned_phrases(Person("she"))
        assert "win them back" in banned_phrases(Person("they"))
        assert "get sam back" in banned_phrases(Person("she", "Sam"))


#: Pronouns that would hard-code the ex, as whole words, in any case.
HIS = re.compile(r"(?<!\w)(?:he|him|his|himself)(?!\w)", re.IGNORECASE)
HERS = re.compile(r"(?<!\w)(?:she|her|hers|herself)(?!\w)", re.IGNORECASE)
#: Packages whose strings are being converted elsewhere at the same time:
#: the app's screens (issue 18's tui branch). Remove "tui" after the merge.
NOT_YET: tuple[str, ...] = ()
#: The one module that may say "he" and "him": it holds the pronouns.
#: Where the choices themselves are named: the pronoun table, the widget that
#: offers them (its keys are h, s, t, e), and the config's list of binding ids
#: ("person.he").
PRONOUNS = (
    "healjournal/domain/person.py",
    "healjournal/tui/widgets/person_choice.py",
    "healjournal/machine/keys.py",
)
#: In the demo's story, "she" and "her" are the writer's friends and Mum, so a
#: text that says them names one of them.
FRIEND = re.compile(r"@\w|\bMum\b")


class TestTheExIsNeverHardCoded:
    """Nothing the app says decides who the ex is: the person chose."""

    def test_no_pronoun_anywhere_in_the_tips(self):
        # Comments included: this file is where copy is written, and its
        # examples are copied. "Them" for other people is fine.
        text = (SOURCE / "tips" / "tips.toml").read_text(encoding="utf-8")
        found = [
            line for line in text.splitlines() if HIS.search(line) or HERS.search(line)
        ]
        assert found == []

    def test_no_him_in_the_story_and_her_only_for_a_friend(self):
        path = SOURCE / "demo" / "story.toml"
        text = path.read_text(encoding="utf-8")
        assert [line for line in text.splitlines() if HIS.search(line)] == []
        friends_only = [
            (key, value)
            for key, value in data_strings(path)
            if HERS.search(value) and not FRIEND.search(value)
        ]
        assert friends_only == []

    def test_no_him_in_the_apps_own_strings(self):
        found = [
            f"{where}: {text!r}"
            for where, text in app_strings()
            if HIS.search(text)
            and not where.startswith(tuple(f"{p}:" for p in PRONOUNS))
            and where.split("/")[1] not in NOT_YET
        ]
        assert found == []

    def test_help_needs_no_pronoun(self):
        # --help cannot read an encrypted journal, so it never knows who.
        parser = build_parser()
        helps = [parser.format_help()]
        for action in parser._subparsers._group_actions if parser._subparsers else ():
            helps += [sub.format_help() for sub in action.choices.values()]
        assert len(helps) > 5
        # The one place a pronoun is named: the list of choices for `person`,
        # which assumes none of them.
        choices = ", ".join(WHO)
        assert any(choices in " ".join(h.split()) for h in helps)
        helps = [" ".join(h.split()).replace(choices, "") for h in helps]
        assert [h for h in helps if HIS.search(h) or HERS.search(h)] == []

    def test_the_walk_would_see_the_screens(self):
        # Emptying NOT_YET is all it takes to check the app's screens too.
        wheres = {where.split("/")[1] for where, _ in app_strings()}
        assert set(NOT_YET) <= wheres


def section(text: str, heading: str) -> str:
    """The Markdown section of `text` under `heading`, heading included."""
    match = re.search(rf"#+ {heading}\n(.+?)(?:\n#|\Z)", text, re.DOTALL)
    assert match, f"no {heading!r} section"
    return " ".join(match.group(0).split())


#: Something that could be a phone number: five or more digits in a run,
#: with or without spaces, dots or dashes between them.
PHONE = re.compile(r"\+?\d(?:[\s.()-]*\d){4,}")


class TestWhenItIsTooMuch:
    @pytest.mark.parametrize("where", ["help", "cli", "readme"])
    def test_plain_words_a_directory_and_no_phone_number(self, where):
        if where == "help":
            text = section(KEYS, "When it's too much")
        elif where == "cli":
            text = " ".join((build_parser().epilog or "").split())
        else:
            readme = README.read_text(encoding="utf-8")
            text = section(readme, "healjournal is a journal, not therapy")
        assert "not therapy" in text
        assert "emergency services" in text
        assert "crisis line" in text
        assert "findahelpline.com" in text
        assert "friend" in text
        assert PHONE.search(text) is None, text

    def test_help_opens_on_it(self):
        # Someone at their lowest should not have to scroll past the keys.
        assert KEYS.index("When it's too much") < KEYS.index("# Keys")
