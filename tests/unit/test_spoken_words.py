"""The words outside the app's screens speak of the ex as the journal chose:
the review's ideas, the urge screen's lines, the demo's person, and the
no-contact count worded once for the top bar and `healjournal status`."""

from __future__ import annotations

import argparse
import re
from datetime import date, datetime, timedelta

import pytest

from healjournal.cli.launch import demo_person
from healjournal.cli.status import status_line
from healjournal.domain.models import NoContact, Theme
from healjournal.domain.person import Person
from healjournal.domain.stats import Streak
from healjournal.insight.count_words import (
    COUNT_NOT_SET,
    STARTING_AGAIN,
    count_words,
)
from healjournal.insight.figures import build_review, suggestion
from healjournal.insight.urge import urge_support
from healjournal.storage.crypto import KdfCost
from healjournal.storage.journal import Journal
from healjournal.tips import theme_tips

TODAY = date(2026, 11, 24)
EVENING = datetime(2026, 11, 24, 22, 5)
HIM = re.compile(r"(?<!\w)(?:he|him|his|himself)(?!\w)", re.IGNORECASE)


class TestTheReview:
    def test_its_ideas_are_spoken_for_the_journals_person(self):
        review = build_review([], [], NoContact(), {"person": "ex"}, TODAY)
        assert review.person == Person("ex")
        assert Theme.NO_CONTACT in review.neglected
        ideas = {
            suggestion(Theme.NO_CONTACT, TODAY + timedelta(n), review.person)
            for n in range(5)
        }
        assert ideas == set(theme_tips(Theme.NO_CONTACT, Person("ex")).actions)
        assert (
            "Archive or mute your ex's chat so it's not the first thing you see."
            in (ideas)
        )
        assert dict(review.suggestions)[Theme.NO_CONTACT] in ideas

    def test_without_a_choice_it_is_the_default(self):
        review = build_review([], [], NoContact(), {}, TODAY)
        assert review.person == Person()


class TestTheUrgeScreen:
    @pytest.mark.parametrize("who", ["she", "they", "ex"])
    def test_its_lines_and_ideas_never_say_him(self, who):
        person = Person(who)
        lines = theme_tips(Theme.NO_CONTACT, person).urge_lines
        said = []
        for minute in range(len(lines)):
            at = EVENING + timedelta(minutes=minute)
            support = urge_support(at, TODAY, None, (), person)
            said += [support.line, *support.ideas]
        assert set(lines) <= set(said)
        assert [line for line in said if HIM.search(line)] == []

    def test_the_default_is_him(self):
        support = urge_support(EVENING, TODAY, None, ())
        assert support.ideas[0] == (
            "Call a friend. Not to talk about him: just to hear a voice that's on "
            "your side."
        )


class TestTheCountInWords:
    @pytest.mark.parametrize(
        ("streak", "started", "words"),
        [
            (Streak(23, 23), TODAY - timedelta(days=23), "no contact: day 23"),
            (Streak(1_204, 1_204), None, "no contact: day 1,204"),
            (Streak(0, 9), TODAY, STARTING_AGAIN),
            (None, TODAY + timedelta(days=3), "no contact counts from 27 Nov"),
            (None, None, COUNT_NOT_SET),
        ],
    )
    def test_each_state_has_one_phrase(self, streak, started, words):
        assert count_words(streak, started, TODAY) == words

    def test_the_status_line_says_it_in_those_words(self):
        line = status_line(Streak(0, 9), False, TODAY, TODAY)
        assert line == f"{STARTING_AGAIN} · not written today"
        assert status_line(None, True, None, TODAY).startswith(COUNT_NOT_SET)


class TestTheDemosPerson:
    def test_it_is_the_person_from_the_users_journal(self, journal, journal_path):
        journal.set_setting("person", "they")
        journal.set_setting("person_name", "Alex")
        journal.close()
        folder = journal_path.parent
        before = {
            p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()
        }
        assert demo_person(argparse.Namespace()) == Person("they", "Alex")
        after = {
            p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()
        }
        assert after == before  # read-only: nothing written, beside it either

    def test_without_a_journal_it_is_the_default(self, journal_path, clock):
        assert demo_person(argparse.Namespace()) == Person()
        assert not journal_path.exists()

    def test_an_unreadable_journal_is_not_asked(self, journal_path, clock):
        journal_path.parent.mkdir(parents=True, exist_ok=True)
        journal_path.write_text("{not json")
        assert demo_person(argparse.Namespace()) == Person()
        assert journal_path.read_text() == "{not json"

    def test_an_encrypted_journal_is_not_asked(self, journal, monkeypatch):
        from healjournal.storage import crypto

        monkeypatch.setattr(crypto, "DEFAULT_COST", KdfCost(log2_n=10, r=8, p=1))
        journal.set_setting("person", "she")
        journal.encrypt("a long passphrase here")
        journal.close()
        assert demo_person(argparse.Namespace()) == Person()

    def test_the_demo_command_speaks_of_them(self, journal, clock, monkeypatch):
        from healjournal import cli
        from healjournal.tui import app as app_module

        journal.set_setting("person", "she")
        journal.close()
        seen = []

        def fake_run(path, *, demo=False, setup=None):
            demo_journal = Journal.open(path, clock=clock)
            seen.append(demo_journal.settings().get("person"))
            seen.extend(e.text for e in demo_journal.entries())
            demo_journal.close()
            return 0

        monkeypatch.setattr(app_module, "run", fake_run)
        assert cli.main(["--demo"]) == 0
        assert seen[0] == "she"
        assert [text for text in seen[1:] if HIM.search(text)] == []
