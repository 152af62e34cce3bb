"""`healjournal search`: what a person sees in the shell, and what scripts get."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from healjournal import cli
from healjournal.domain.models import EntryKind
from healjournal.domain.search import parse_query, search
from healjournal.storage.journal import Journal


def run(*argv: str) -> int:
    return cli.main(list(argv))


@pytest.fixture
def pages(journal_path, clock) -> Journal:
    """A few weeks of writing, made on the frozen Tuesday 24 November 2026."""
    journal = Journal.open(journal_path, clock=clock)
    today = clock.today()
    for days_ago, text, fields in [
        (40, "Walked by the sea. Felt nothing. #sam", {"mood": 1}),
        (20, "A long walk with Jo, then coffee at the Café", {"mood": 4}),
        (3, "Wanted to call him.\nI walked instead.", {"kind": EntryKind.URGE}),
        (1, "Dear you,\nI am letting go.", {"kind": EntryKind.LETTER, "mood": 2}),
        (0, "Walked home in the rain #sam", {"mood": 2, "starred": True}),
    ]:
        journal.add_entry(text, day=today - timedelta(days=days_ago), **fields)
    journal.close()
    return journal


def days(out: str) -> list[str]:
    """The day of each block, in the order printed."""
    return [line.split()[0] for line in out.splitlines() if line[:2] == "20"]


def one_line(err: str) -> str:
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def test_results_newest_first_with_the_count_on_stderr(pages, capsys):
    assert run("search", "walk") == 0
    out, err = capsys.readouterr()
    assert days(out) == ["2026-11-24", "2026-11-21", "2026-11-04", "2026-10-15"]
    assert "2026-11-24 Tue  reflection  mood 2  ★" in out.splitlines()
    assert "Walked home in the rain #sam" in out
    assert "\x1b[" not in out  # not a terminal: no bold
    assert one_line(err) == "4 entries match (newest first)\n"


def test_filters_from_the_command_line(pages, capsys):
    assert run("search", "mood:<=2", "walk") == 0
    out, err = capsys.readouterr()
    assert days(out) == ["2026-11-24", "2026-10-15"]
    assert "mood 1-2" in err

    assert run("search", 'from:"last month" walk') == 0  # one quoted argument
    out, err = capsys.readouterr()
    assert days(out) == ["2026-11-24", "2026-11-21", "2026-11-04"]
    assert "from 24 Oct 2026" in err

    assert run("search", "kind:unsent") == 0
    assert days(capsys.readouterr().out) == ["2026-11-23"]

    assert run("search", "#sam", "starred") == 0
    assert days(capsys.readouterr().out) == ["2026-11-24"]

    assert run("search", "cafe") == 0  # accents do not matter
    assert "Café" in capsys.readouterr().out


def test_json_for_scripts(pages, capsys):
    assert run("search", "--json", "walk #sam") == 0
    out, err = capsys.readouterr()
    found = json.loads(out)
    assert err == ""
    assert [f["day"] for f in found] == ["2026-11-24", "2026-10-15"]
    first = found[0]
    assert set(first) == {
        "id", "day", "kind", "title", "mood", "starred", "tags", "text",
        "snippet", "spans",
    }  # fmt: skip
    assert (first["kind"], first["mood"], first["starred"]) == ("reflection", 2, True)
    assert first["tags"] == ["#sam"]
    assert [first["text"][s:e] for s, e in first["spans"]] == ["Walk", "#sam"]
    assert first["snippet"] == "Walked home in the rain #sam"


def test_json_with_nothing_found_is_an_empty_list(pages, capsys):
    assert run("search", "--json", "zebra") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_limit_shows_the_newest_and_says_how_to_see_all(pages, capsys):
    assert run("search", "--limit", "2", "walk") == 0
    out, err = capsys.readouterr()
    assert days(out) == ["2026-11-24", "2026-11-21"]
    assert one_line(err) == (
        "2 of 4 entries match (newest first; --limit 0 shows all)\n"
    )
    assert run("search", "--limit", "0", "walk") == 0
    assert len(days(capsys.readouterr().out)) == 4


def test_a_quoted_query_may_exclude_words(pages, capsys):
    assert run("search", "walk -sea -jo -him") == 0
    assert days(capsys.readouterr().out) == ["2026-11-24"]


def test_no_results_is_not_an_error(pages, capsys):
    assert run("search", "zebra", "crossing") == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert one_line(err) == 'No entries match "zebra crossing".\n'


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["mood:abc"], "mood:abc: a mood is 1 to 5"),
        (["from:someday"], 'can\'t read "someday" as a day'),
        (["from:today", "to:yesterday"], "swap them"),
        (["kind:poem"], "unknown kind"),
        (["--limit", "-1", "x"], "--limit"),
        (["--limit", "lots", "x"], "--limit"),
    ],
)
def test_a_bad_query_is_one_line_and_exit_2(journal_path, clock, capsys, argv, says):
    assert run("search", *argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert says in one_line(err)
    assert not journal_path.exists()  # nothing was created to answer it


def test_an_empty_journal(journal_path, clock, capsys):
    assert run("search", "anything") == 0
    assert 'No entries match "anything".' in capsys.readouterr().err
    assert not journal_path.exists()


def test_bold_matches_only_on_a_terminal_without_no_color(pages, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert run("search", "rain") == 0
    assert "Walked home in the \x1b[1mrain\x1b[0m #sam" in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    assert run("search", "rain") == 0
    assert "\x1b[" not in capsys.readouterr().out


def test_the_context_fits_the_terminal(journal_path, clock, capsys, monkeypatch):
    journal = Journal.open(journal_path, clock=clock)
    journal.add_entry("filler " * 200 + "the pier at dusk " + "more " * 200)
    journal.close()
    monkeypatch.setenv("COLUMNS", "50")
    assert run("search", "pier") == 0
    context = capsys.readouterr().out.splitlines()[1]
    assert len(context) <= 50
    assert "pier" in context and context.startswith("…") and context.endswith("…")


def test_control_characters_in_an_entry_do_not_reach_the_terminal(
    journal_path, clock, capsys
):
    journal = Journal.open(journal_path, clock=clock)
    journal.add_entry("pasted \x1b[2J junk")
    journal.close()
    assert run("search", "pasted") == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "pasted ␛[2J junk" in out


@pytest.mark.parametrize(
    "query",
    [
        "walk",
        "mood:<=2",
        'from:"last month" walk',
        "#sam",
        "-walk",
        "kind:urge kind:letter",
        '"walked instead"',
        "",
    ],
)
def test_the_command_line_finds_what_the_app_finds(
    pages, journal_path, clock, capsys, query
):
    # "--" lets a query start with -word (argparse would read it as an option).
    assert run("search", "--json", "--limit", "0", "--", query) == 0
    from_cli = [found["id"] for found in json.loads(capsys.readouterr().out)]
    entries = Journal.open(journal_path, clock=clock).entries()
    result = search(entries, parse_query(query, date(2026, 11, 24)))
    assert from_cli == [hit.entry.id for hit in result.hits]
    assert from_cli  # every query here finds something
    assert result.total == len(from_cli)


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "walk", "-sea"],
        ["search", "-sea", "walk"],
        ["search", "walk", "-sea", "--limit", "0"],
        ["--db", "JOURNAL", "search", "walk", "-sea"],
        ["search", "walk", "--", "-sea"],
    ],
)
def test_a_minus_word_unquoted_is_left_out_not_taken_for_an_option(
    pages, journal_path, capsys, argv
):
    argv = [str(journal_path) if a == "JOURNAL" else a for a in argv]
    assert run(*argv) == 0
    out, err = capsys.readouterr()
    assert "Walked by the sea" not in out
    assert "Walked home in the rain" in out
    assert one_line(err) == "3 entries match (newest first)\n"
