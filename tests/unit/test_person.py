"""Copy that speaks of the ex as the person chose: grammar right for each."""

from __future__ import annotations

import pytest

from healjournal.domain.person import (
    Person,
    TemplateError,
    check_name,
    check_template,
    check_who,
)

REPLY = "If {they} {writes|write}, you don't owe {them} a quick reply."


@pytest.mark.parametrize(
    ("person", "spoken"),
    [
        (Person(), "If he writes, you don't owe him a quick reply."),
        (Person("she"), "If she writes, you don't owe her a quick reply."),
        (Person("they"), "If they write, you don't owe them a quick reply."),
        (Person("ex"), "If your ex writes, you don't owe them a quick reply."),
        (Person("she", "Sam"), "If Sam writes, you don't owe her a quick reply."),
        (Person("they", "Alex"), "If Alex writes, you don't owe them a quick reply."),
    ],
)
def test_each_choice_reads_as_written_by_hand(person: Person, spoken: str) -> None:
    assert person.say(REPLY) == spoken


def test_the_writers_own_voice_says_my_ex() -> None:
    assert Person("ex").say("I contacted {them}", mine=True) == "I contacted my ex"
    assert Person("ex").say("When did you last talk to {them}?") == (
        "When did you last talk to your ex?"
    )


def test_a_name_comes_first_then_the_pronoun_with_its_possessive() -> None:
    spoken = Person("he", "Jo").say("{Their} stories, {their} texts; {they} {was|were}")
    assert spoken == "Jo's stories, his texts; he was"


def test_the_verb_agrees_with_the_subject_not_a_possessive() -> None:
    assert Person("they").say("{They} {is|are} on your mind") == (
        "They are on your mind"
    )
    assert Person("ex").say("{They} {is|are} on your mind") == (
        "Your ex is on your mind"
    )


def test_the_default_is_the_briefs_him() -> None:
    assert Person.from_settings({}).say("I contacted {them}") == "I contacted him"


def test_settings_edited_by_hand_fall_back_rather_than_fail() -> None:
    person = Person.from_settings({"person": "it", "person_name": ["Sam"]})
    assert person == Person()
    person = Person.from_settings({"person": "she", "person_name": "[b]Sam"})
    assert person == Person("she")


@pytest.mark.parametrize("bad", ["{him}", "{THEY}", "{a|}", "x } y", "{ they }"])
def test_a_template_nobody_can_speak_is_refused(bad: str) -> None:
    with pytest.raises(TemplateError):
        check_template(bad)


def test_choices_as_typed() -> None:
    assert check_who(" She ") == "she"
    assert check_who("your ex") == "ex"
    assert [check_who(word) for word in ("her", "Him", " them ", "hers", "his")] == [
        "she",
        "he",
        "they",
        "she",
        "he",
    ]
    with pytest.raises(ValueError, match="one of he, she, they, ex"):
        check_who("it")


def test_names_are_tidied_and_markup_refused() -> None:
    assert check_name("  Sam   Lee ") == "Sam Lee"
    assert check_name("") == ""
    with pytest.raises(ValueError, match="brackets"):
        check_name("[bold]Sam")
    with pytest.raises(ValueError, match="30 characters"):
        check_name("x" * 31)
