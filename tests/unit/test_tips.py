"""The tips: seven themes of copy, a tip a day, and a tone that never shames."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from importlib.resources import files
from typing import Any

import pytest

from healjournal.domain.models import Entry, Goal, GoalKind, Theme
from healjournal.domain.person import Person
from healjournal.tips import (
    BANNED_PHRASES,
    DailyTip,
    StarterGoal,
    ThemeTips,
    TipsError,
    all_copy,
    banned_phrases,
    banned_phrases_in,
    journal_start,
    load_tips,
    parse_tips,
    theme_tips,
    tip_for,
    tip_templates,
)


def label(value: object) -> str:
    """A test id: the person's choice as the welcome shows it."""
    return value.label if isinstance(value, Person) else "-"


#: Every choice the welcome offers, with and without a name.
PEOPLE = [
    Person("he"),
    Person("she"),
    Person("they"),
    Person("ex"),
    Person("she", "Sam"),
    Person("he", "Jo"),
]

PACKAGED = files("healjournal.tips").joinpath("tips.toml")


def packaged_data() -> dict[str, Any]:
    """The packaged tips as plain TOML data, ready to break."""
    return tomllib.loads(PACKAGED.read_text(encoding="utf-8"))


def to_toml(data: dict[str, Any]) -> str:
    """Write tips data back as TOML (JSON strings are valid TOML strings)."""

    def value(item: Any) -> str:
        if isinstance(item, dict):
            pairs = ", ".join(f"{k} = {value(v)}" for k, v in item.items())
            return "{ " + pairs + " }"
        if isinstance(item, list):
            return "[" + ", ".join(value(v) for v in item) + "]"
        return json.dumps(item)

    lines: list[str] = []
    for table in data["theme"]:
        lines.append("[[theme]]")
        lines += [f"{key} = {value(item)}" for key, item in table.items()]
        lines.append("")
    return "\n".join(lines)


def theme_table(data: dict[str, Any], theme_id: str) -> dict[str, Any]:
    """The [[theme]] table with this id."""
    return next(t for t in data["theme"] if t["id"] == theme_id)


class TestThePackagedCopy:
    def test_seven_themes_in_theme_order(self) -> None:
        tips = load_tips()
        assert [t.theme for t in tips] == list(Theme)
        assert all(isinstance(t, ThemeTips) for t in tips)

    def test_every_field_is_filled(self) -> None:
        for tips in load_tips():
            assert tips.name and tips.summary, tips.theme
            texts = [*tips.advice, *tips.actions, *tips.prompts]
            texts += [goal.title for goal in tips.goals]
            assert all(text.strip() == text and text for text in texts), tips.theme

    def test_counts_are_in_range(self) -> None:
        for tips in load_tips():
            assert 2 <= len(tips.advice) <= 4, tips.theme
            assert 3 <= len(tips.actions) <= 5, tips.theme
            assert 2 <= len(tips.prompts) <= 3, tips.theme
            assert 3 <= len(tips.goals) <= 5, tips.theme

    @pytest.mark.parametrize("person", [Person(), Person("ex")], ids=label)
    def test_copy_is_short_enough_for_the_sidebar(self, person: Person) -> None:
        # "your ex's" is the longest way the copy speaks of them without a name.
        for tips in load_tips(person):
            assert len(tips.summary) <= 80, tips.summary
            assert all(len(action) <= 90 for action in tips.actions), tips.theme
            assert all(len(prompt) <= 90 for prompt in tips.prompts), tips.theme
            assert all(len(goal.title) <= 50 for goal in tips.goals), tips.theme

    def test_prompts_ask_a_question(self) -> None:
        for tips in load_tips():
            assert all("?" in prompt for prompt in tips.prompts), tips.theme

    def test_starter_goals_have_real_kinds(self) -> None:
        for tips in load_tips():
            for goal in tips.goals:
                assert isinstance(goal, StarterGoal)
                assert isinstance(goal.kind, GoalKind)

    def test_goal_titles_are_not_repeated(self) -> None:
        titles = [g.title.lower() for t in load_tips() for g in t.goals]
        assert len(titles) == len(set(titles))

    def test_social_theme_says_it_is_optional(self) -> None:
        note = theme_tips(Theme.SOCIAL).note.lower()
        assert "optional" in note
        assert "lowest road" in note
        assert "audience of one" in note

    def test_no_contact_offers_the_unsent_letter(self) -> None:
        tips = theme_tips(Theme.NO_CONTACT)
        text = " ".join([*tips.advice, *tips.actions, tips.note]).lower()
        assert "unsent letter" in text
        assert "block" in text
        assert "send nothing" in text or "sent to nobody" in text

    def test_body_goals_are_measured_by_the_writer(self) -> None:
        advice = " ".join(theme_tips(Theme.BODY).advice).lower()
        assert "ideal body" in advice
        for place in ("gym", "trainer", "video"):
            assert place in advice


class TestTone:
    def test_no_copy_uses_a_banned_phrase(self) -> None:
        for text in all_copy():
            assert banned_phrases_in(text) == [], text

    def test_all_copy_covers_every_string(self) -> None:
        copy = all_copy()
        for tips in tip_templates():
            assert tips.name in copy
            assert tips.summary in copy
            assert set(tips.advice) | set(tips.actions) | set(tips.prompts) <= set(copy)
            assert {g.title for g in tips.goals} <= set(copy)
            if tips.note:
                assert tips.note in copy

    def test_banned_phrases_are_lower_case_and_cover_the_brief(self) -> None:
        assert all(p == p.lower() for p in BANNED_PHRASES)
        for phrase in (
            "make him miss you",
            "win him back",
            "get him back",
            "make him jealous",
            "revenge body",
            "show him what he's missing",
            "ex back",
            "loser",
            "pathetic",
        ):
            assert phrase in banned_phrases(Person())

    @pytest.mark.parametrize(
        ("person", "phrases"),
        [
            (Person("she"), ["make her miss you", "show her what she's missing"]),
            (Person("they"), ["win them back", "show them what they're missing"]),
            (Person("ex"), ["get your ex back", "win my ex back", "make them jealous"]),
            (Person("she", "Sam"), ["get sam back", "get her back", "sam'll regret"]),
        ],
        ids=label,
    )
    def test_banned_phrases_are_spoken_for_each_choice(
        self, person: Person, phrases: list[str]
    ) -> None:
        for phrase in phrases:
            assert phrase in banned_phrases(person)
            assert phrase in banned_phrases_in(f"Time to {phrase.upper()}!", person)

    def test_without_a_person_every_pronoun_is_checked(self) -> None:
        for text in ("Make her miss you.", "Win them back.", "Get your ex back."):
            assert banned_phrases_in(text), text
        assert banned_phrases_in("Win her back.", Person("he")) == []

    def test_banned_phrases_are_found_whatever_the_case(self) -> None:
        assert banned_phrases_in("Time to MAKE HIM JEALOUS!") == ["make him jealous"]
        assert banned_phrases_in("Show him what he’s missing") != []

    def test_banned_phrases_match_whole_words_only(self) -> None:
        assert banned_phrases_in("You feel closer to yourself every day.") == []


class TestTipOfTheDay:
    def test_same_day_same_tip(self) -> None:
        day = date(2025, 3, 14)
        assert tip_for(day) == tip_for(day)
        assert isinstance(tip_for(day), DailyTip)
        assert tip_for(day).day == day

    def test_seven_days_in_a_row_show_seven_themes(self) -> None:
        for start in (date(2024, 1, 1), date(2025, 2, 26), date(2030, 12, 29)):
            week = [tip_for(start + timedelta(days=n)) for n in range(7)]
            assert {tip.theme.theme for tip in week} == set(Theme)

    def test_action_and_prompt_belong_to_the_theme(self) -> None:
        for n in range(14):
            tip = tip_for(date(2025, 1, 1) + timedelta(days=n))
            assert tip.action in tip.theme.actions
            assert tip.prompt in tip.theme.prompts

    def test_rotation_reaches_every_action_and_prompt(self) -> None:
        start = date(2025, 1, 1)
        seen: dict[Theme, tuple[set[str], set[str]]] = {
            theme: (set(), set()) for theme in Theme
        }
        for n in range(7 * 60):
            tip = tip_for(start + timedelta(days=n))
            actions, prompts = seen[tip.theme.theme]
            actions.add(tip.action)
            prompts.add(tip.prompt)
        for theme, (actions, prompts) in seen.items():
            assert actions == set(theme_tips(theme).actions), theme
            assert prompts == set(theme_tips(theme).prompts), theme

    def test_next_week_moves_on_to_a_new_action(self) -> None:
        day = date(2025, 6, 2)
        this_week, next_week = tip_for(day), tip_for(day + timedelta(days=7))
        assert this_week.theme == next_week.theme
        assert this_week.action != next_week.action


#: A week of first days, so every weekday and calendar theme is one.
STARTS = tuple(date(2026, 11, 24) + timedelta(days=n) for n in range(7))


class TestTheFirstDay:
    """A new user's first day shows the first theme, a life of your own, and
    the themes follow in order from there (issue 14 item 15)."""

    @pytest.mark.parametrize("start", STARTS, ids=label)
    def test_the_first_day_shows_the_first_theme(self, start) -> None:
        first = tip_for(start, start)
        assert first.theme.theme is Theme.LIFE
        assert first.action == theme_tips(Theme.LIFE).actions[0]
        assert first.prompt == theme_tips(Theme.LIFE).prompts[0]

    @pytest.mark.parametrize("start", STARTS, ids=label)
    def test_then_one_theme_a_day_in_order(self, start) -> None:
        days = [start + timedelta(days=n) for n in range(14)]
        shown = [tip_for(day, start).theme.theme for day in days]
        assert shown == [*Theme, *Theme]
        assert tip_for(days[7], start).action != tip_for(start, start).action

    def test_the_start_is_when_the_first_thing_was_written(self) -> None:
        today = date(2026, 11, 24)
        assert journal_start([], [], today) == today

        def entry(day: int, written: int) -> Entry:
            created = datetime(2026, 11, written, 21, tzinfo=UTC)
            return Entry(id=day, created=created, day=date(2026, 11, day))

        # A page for last week, written today, makes today the first day.
        assert journal_start([entry(17, 24)], [], today) == today
        assert journal_start([entry(22, 22), entry(20, 23)], [], today) == date(
            2026, 11, 22
        )
        goal = Goal(1, Theme.LIFE, "Walk", created=datetime(2026, 11, 21, tzinfo=UTC))
        assert journal_start([entry(22, 22)], [goal], today) == date(2026, 11, 21)
        assert journal_start([entry(25, 25)], [], today) == today  # never later


class TestLoading:
    def test_theme_tips_for_every_theme(self) -> None:
        for theme in Theme:
            assert theme_tips(theme).theme is theme
            assert theme_tips(theme) in load_tips()

    def test_load_tips_reads_the_installed_package(self) -> None:
        assert PACKAGED.is_file()
        assert parse_tips(PACKAGED.read_text(encoding="utf-8")) == tip_templates()

    def test_load_tips_reads_once(self) -> None:
        assert load_tips() is load_tips()
        assert load_tips(Person("she")) is load_tips(Person("she"))
        assert tip_templates() is tip_templates()

    def test_file_order_does_not_matter(self) -> None:
        data = packaged_data()
        data["theme"].reverse()
        assert parse_tips(to_toml(data)) == tip_templates()

    def test_note_is_optional(self) -> None:
        data = packaged_data()
        del theme_table(data, "social")["note"]
        social = parse_tips(to_toml(data))[list(Theme).index(Theme.SOCIAL)]
        assert social.note == ""

    def test_importing_tips_does_not_load_textual(self) -> None:
        code = (
            "import sys, healjournal.tips; "
            "print(sorted(m for m in ('textual', 'tinydb') if m in sys.modules))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        assert result.stdout.strip() == "[]"


def _drop_career(data: dict[str, Any]) -> None:
    data["theme"].remove(theme_table(data, "career"))


def _duplicate_body(data: dict[str, Any]) -> None:
    theme_table(data, "people")["id"] = "body"


def _unknown_id(data: dict[str, Any]) -> None:
    theme_table(data, "people")["id"] = "romance"


def _two_body_actions(data: dict[str, Any]) -> None:
    body = theme_table(data, "body")
    body["actions"] = body["actions"][:2]


def _six_career_actions(data: dict[str, Any]) -> None:
    career = theme_table(data, "career")
    career["actions"] = [*career["actions"], "One.", "Two.", "Three."][:6]


def _four_life_prompts(data: dict[str, Any]) -> None:
    theme_table(data, "life")["prompts"] += ["Why?"]


def _two_people_goals(data: dict[str, Any]) -> None:
    people = theme_table(data, "people")
    people["goals"] = people["goals"][:2]


def _monthly_goal(data: dict[str, Any]) -> None:
    theme_table(data, "goal")["goals"][1]["kind"] = "monthly"


def _untitled_goal(data: dict[str, Any]) -> None:
    theme_table(data, "goal")["goals"][0]["title"] = "  "


def _empty_summary(data: dict[str, Any]) -> None:
    theme_table(data, "life")["summary"] = ""


def _no_prompts(data: dict[str, Any]) -> None:
    del theme_table(data, "nocontact")["prompts"]


def _empty_advice_line(data: dict[str, Any]) -> None:
    theme_table(data, "body")["advice"][0] = ""


def _misspelt_field(data: dict[str, Any]) -> None:
    social = theme_table(data, "social")
    social["promts"] = social.pop("prompts")


def _name_not_text(data: dict[str, Any]) -> None:
    theme_table(data, "career")["name"] = 3


def _a_pronoun_nobody_can_speak(data: dict[str, Any]) -> None:
    theme_table(data, "nocontact")["advice"][1] = "If {he} writes, wait."


def _a_stray_brace_in_a_goal(data: dict[str, Any]) -> None:
    theme_table(data, "nocontact")["goals"][0]["title"] = "A day without {them"


def _a_verb_with_one_form(data: dict[str, Any]) -> None:
    theme_table(data, "social")["note"] = "If {they} {writes}, wait."


BROKEN: list[tuple[Callable[[dict[str, Any]], None], str]] = [
    (_drop_career, r"theme 'career' is missing"),
    (_duplicate_body, r"theme 'body' appears more than once"),
    (_unknown_id, r"theme 'romance' has an unknown id"),
    (_two_body_actions, r"tips\.toml: theme 'body' has 2 actions; needs 3 to 5"),
    (_six_career_actions, r"theme 'career' has 6 actions; needs 3 to 5"),
    (_four_life_prompts, r"theme 'life' has 4 prompts; needs 2 to 3"),
    (_two_people_goals, r"theme 'people' has 2 goals; needs at least 3"),
    (_monthly_goal, r"theme 'goal' goals #2 has kind 'monthly'"),
    (_untitled_goal, r"theme 'goal' goals #1 has no title"),
    (_empty_summary, r"theme 'life' has an empty summary"),
    (_no_prompts, r"theme 'nocontact' has no prompts"),
    (_empty_advice_line, r"theme 'body' advice #1 is empty"),
    (_misspelt_field, r"theme 'social' has an unknown field 'promts'"),
    (_name_not_text, r"theme 'career' field 'name' must be text"),
    (
        _a_pronoun_nobody_can_speak,
        r"theme 'nocontact' advice #2: unknown placeholder \{he\}",
    ),
    (_a_stray_brace_in_a_goal, r"theme 'nocontact' goals #1: a stray brace"),
    (_a_verb_with_one_form, r"theme 'social' field 'note': unknown placeholder"),
]


@pytest.mark.parametrize(
    ("breakage", "message"), BROKEN, ids=[b.__name__.strip("_") for b, _ in BROKEN]
)
def test_parse_tips_names_the_theme_and_field(
    breakage: Callable[[dict[str, Any]], None], message: str
) -> None:
    data = packaged_data()
    breakage(data)
    with pytest.raises(TipsError, match=message):
        parse_tips(to_toml(data))


def test_tips_error_is_a_value_error() -> None:
    assert issubclass(TipsError, ValueError)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[theme]\nid = 'life'", r"tips\.toml: not valid TOML"),
        ("title = 'no themes here'", r"tips\.toml: no \[\[theme\]\] tables"),
        ("[[theme]]\nname = 'Nameless'", r"tips\.toml: theme #1 has no id"),
    ],
    ids=["bad-toml", "no-themes", "no-id"],
)
def test_parse_tips_rejects_malformed_files(text: str, message: str) -> None:
    with pytest.raises(TipsError, match=message):
        parse_tips(text)


class TestSpokenForThePerson:
    """The copy is kept as templates and spoken for the person's choice."""

    @pytest.mark.parametrize("person", PEOPLE, ids=label)
    def test_no_placeholder_is_left_for_any_choice(self, person: Person) -> None:
        texts = []
        for tips in load_tips(person):
            texts += [tips.name, tips.summary, *tips.advice, *tips.actions]
            texts += [*tips.prompts, tips.note, *tips.urge_lines, *tips.instead]
            texts += [goal.title for goal in tips.goals]
        start = date(2026, 1, 5)
        for offset in range(70):
            tip = tip_for(start + timedelta(days=offset), start, person)
            texts += [tip.action, tip.prompt, tip.theme.summary]
        assert [t for t in texts if "{" in t or "}" in t or "|" in t] == []

    @pytest.mark.parametrize(
        ("person", "reply"),
        [
            (Person(), "If he writes, you don't owe him a quick reply."),
            (Person("she"), "If she writes, you don't owe her a quick reply."),
            (Person("they"), "If they write, you don't owe them a quick reply."),
            (Person("ex"), "If your ex writes, you don't owe them a quick reply."),
            (Person("she", "Sam"), "If Sam writes, you don't owe her a quick reply."),
            (Person("he", "Jo"), "If Jo writes, you don't owe him a quick reply."),
        ],
        ids=label,
    )
    def test_the_verb_and_the_pronoun_agree(self, person: Person, reply: str) -> None:
        advice = theme_tips(Theme.NO_CONTACT, person).advice
        assert advice[1].startswith(reply)

    def test_a_few_lines_read_as_written_by_hand(self) -> None:
        ex, sam = theme_tips(Theme.NO_CONTACT, Person("ex")), Person("she", "Sam")
        assert ex.actions[0] == (
            "Archive or mute your ex's chat so it's not the first thing you see."
        )
        assert ex.prompts[2] == (
            "What do you need today that you were hoping your ex would give you?"
        )
        assert (
            theme_tips(Theme.NO_CONTACT, sam)
            .advice[2]
            .startswith(
                "You don't have to block Sam, but the distance has to be real rather "
                "than performed. Watching her stories"
            )
        )
        assert theme_tips(Theme.LIFE, Person("they")).summary == (
            "Fill the hours that used to be theirs with things that are yours."
        )
        assert theme_tips(Theme.SOCIAL, Person("she")).prompts[1] == (
            "What would you share if you knew she would never see it?"
        )

    def test_starter_goals_are_the_writers_own(self) -> None:
        titles = {
            who: theme_tips(Theme.NO_CONTACT, Person(who)).goals[0].title
            for who in ("he", "she", "they", "ex")
        }
        assert titles == {
            "he": "A day without contacting him",
            "she": "A day without contacting her",
            "they": "A day without contacting them",
            "ex": "A day without contacting my ex",
        }

    def test_the_default_is_the_briefs_him(self) -> None:
        day, start = date(2026, 3, 14), date(2026, 3, 1)
        assert tip_for(day, start) == tip_for(day, start, Person())
        assert theme_tips(Theme.LIFE).summary == (
            "Fill the hours that used to be his with things that are yours."
        )

    def test_templates_are_spoken_by_one_method(self) -> None:
        she, day = Person("she"), date(2026, 3, 14)
        template = tip_templates()[list(Theme).index(Theme.NO_CONTACT)]
        spoken = theme_tips(Theme.NO_CONTACT, she)
        assert template.spoken(she) == spoken
        tip = DailyTip(day, template, template.actions[1], template.prompts[0])
        assert tip.spoken(she) == DailyTip(
            day, spoken, spoken.actions[1], spoken.prompts[0]
        )
        assert tip.spoken(she).prompt == "What did you want to tell her today? " + (
            "Write it here instead."
        )
