"""`healjournal stats`: the review in the shell, and as JSON for scripts."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from healjournal import cli
from healjournal.cli.report import EMPTY_MESSAGE
from healjournal.storage.journal import Journal


def test_stats_prints_the_review_within_80_columns(journal_path, clock, capsys):
    journal = Journal.open(journal_path, clock=clock)
    today = clock.today()
    journal.start_no_contact(today - timedelta(days=12))
    for back in range(5):
        journal.add_entry("Still going.", day=today - timedelta(days=back), mood=3)
    journal.close()
    assert cli.main(["stats"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "Day 12 of no contact" in out
    assert "5 days in a row" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\x1b[" not in out  # not a terminal: plain characters


def test_stats_json_has_the_same_figures(journal_path, clock, capsys):
    journal = Journal.open(journal_path, clock=clock)
    today = clock.today()
    journal.start_no_contact(today - timedelta(days=12))
    journal.log_slip(today - timedelta(days=4), "one message")
    journal.add_entry("Hello.", day=today, mood=4)
    journal.close()
    assert cli.main(["stats", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["today"] == "2026-11-24"
    assert figures["no_contact"]["current"] == 4
    assert figures["no_contact"]["best"] == 8
    assert figures["writing"]["streak"] == {"current": 1, "best": 1}


def test_stats_on_an_empty_journal_says_what_will_appear(journal_path, clock, capsys):
    assert cli.main(["stats"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert " ".join(EMPTY_MESSAGE.split()) in out


def test_stats_on_an_unreadable_journal_is_one_line_and_exit_2(
    journal_path, clock, capsys
):
    journal_path.parent.mkdir(parents=True)
    journal_path.write_text("{not json")
    assert cli.main(["stats"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert journal_path.read_text() == "{not json"  # untouched


#: The ex as a default "him" would say it, as whole words.
HIM = re.compile(r"(?<!\w)(?:he|him|his|himself|he's)(?!\w)", re.IGNORECASE)


def test_stats_speaks_of_the_ex_as_the_journal_chose(journal_path, clock, capsys):
    journal = Journal.open(journal_path, clock=clock)
    journal.set_setting("person", "she")
    journal.add_entry("Still going.", day=clock.today(), mood=3)
    journal.close()
    start, suggested = clock.now(), set()
    for days in range(5):  # a new suggestion each day: see every one of them
        clock.set(start + timedelta(days=days))
        assert cli.main(["stats"]) == 0
        out = capsys.readouterr().out
        assert "When she's on your mind, F8" in " ".join(out.split())
        assert HIM.findall(out) == []
        assert cli.main(["stats", "--json"]) == 0
        out = capsys.readouterr().out
        assert HIM.findall(out) == []
        suggested |= {t["suggestion"] for t in json.loads(out)["themes"]}
    assert "Archive or mute her chat so it's not the first thing you see." in (
        suggested
    )
