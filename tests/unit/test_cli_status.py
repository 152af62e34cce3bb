"""`healjournal status`: one line for a shell prompt or a status bar."""

from __future__ import annotations

import getpass
from datetime import timedelta

import pytest

from healjournal import cli
from healjournal.cli import prompts
from healjournal.storage.crypto import KdfCost
from healjournal.storage.journal import Journal

CHEAP = KdfCost(log2_n=10, r=8, p=1)


def lines(capsys) -> tuple[list[str], str]:
    out, err = capsys.readouterr()
    return out.splitlines(), err


@pytest.fixture
def slipped(journal_path, clock) -> Journal:
    """No contact for 30 days, a slip 9 days ago; pages until yesterday."""
    journal = Journal.open(journal_path, clock=clock)
    today = clock.today()
    journal.start_no_contact(today - timedelta(days=30))
    journal.log_slip(today - timedelta(days=9), "one message")
    for back in range(1, 4):
        journal.add_entry("Still going.", day=today - timedelta(days=back))
    yield journal
    journal.close()


def test_the_line_counts_no_contact_and_says_not_written_today(slipped, capsys):
    assert cli.main(["status"]) == 0
    assert lines(capsys) == (["no contact: day 9 · not written today"], "")


def test_a_page_today_makes_it_written_today(slipped, clock, capsys):
    slipped.add_entry("A quiet day.")
    assert cli.main(["status"]) == 0
    assert lines(capsys) == (["no contact: day 9 · written today"], "")


def test_a_slip_today_is_starting_again(slipped, clock, capsys):
    slipped.log_slip(clock.today(), "called")
    assert cli.main(["status"]) == 0
    assert lines(capsys)[0] == ["no contact: starting again today · not written today"]


def test_without_a_no_contact_start_it_says_so_briefly(journal, capsys):
    journal.add_entry("First page.")
    assert cli.main(["status"]) == 0
    assert lines(capsys) == (["no-contact count not set · written today"], "")


def test_no_journal_yet_prints_nothing(journal_path, clock, capsys):
    assert cli.main(["status"]) == 0
    assert capsys.readouterr() == ("", "")
    assert not journal_path.exists()  # nothing made


def test_an_encrypted_journal_prints_nothing_and_never_asks(
    slipped, monkeypatch, tmp_path, capsys
):
    from healjournal.storage import crypto

    monkeypatch.setattr(crypto, "DEFAULT_COST", CHEAP)
    slipped.encrypt("a long passphrase here")
    asked: list[str] = []
    monkeypatch.setattr(prompts, "has_terminal", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": asked.append(prompt))
    assert cli.main(["status"]) == 0
    assert capsys.readouterr() == ("", "")
    assert asked == []


def test_format_fills_in_the_persons_own_template(slipped, capsys):
    slipped.add_entry("Today too.")
    template = (
        "{no_contact_days}d (best {best}) ✎{streak} {written_today}/{pages_today}"
    )
    assert cli.main(["status", "--format", template]) == 0
    # 21 days from the start to the slip; written the last four days.
    assert lines(capsys) == (["9d (best 21) ✎4 yes/1"], "")


def test_format_without_a_count_shows_a_dash(journal, clock, capsys):
    journal.add_entry("Two days ago.", day=clock.today() - timedelta(days=2))
    assert cli.main(["status", "--format", "{no_contact_days}|{best}|{streak}"]) == 0
    assert lines(capsys) == (["-|-|0"], "")


@pytest.mark.parametrize("template", ["{nope}", "{streak", "{0}", "{streak.real}"])
def test_an_unknown_field_is_one_line_and_exit_2(slipped, capsys, template):
    assert cli.main(["status", "--format", template]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("healjournal: --format:")


def test_the_fields_are_named_in_the_error(slipped, capsys):
    cli.main(["status", "--format", "{days}"])
    err = capsys.readouterr().err
    assert "{days}" in err and "{no_contact_days}" in err and "{streak}" in err
