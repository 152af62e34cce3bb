"""`healjournal merge OTHER [--dry-run]`: two copies of one journal, edited
apart, made one with nothing lost; a conflicted copy put away in merged/;
what cannot be merged refused with one line, both files untouched."""

from __future__ import annotations

import shutil
import stat
from datetime import timedelta
from pathlib import Path

import orjson
import pytest

from healjournal import cli
from healjournal.cli import prompts as cli_prompts
from healjournal.clock import FrozenClock
from healjournal.domain.models import Theme
from healjournal.storage import crypto
from healjournal.storage.crypto import KdfCost
from healjournal.storage.journal import Journal
from healjournal.storage.migrations import SCHEMA_VERSION

PASSPHRASE = "lemon cake on a Sunday"
SYNCTHING = "journal.sync-conflict-20261203-101010-ABCDEFG.json"
DROPBOX = "journal (conflicted copy 2026-12-03).json"


@pytest.fixture(autouse=True)
def _cheap_kdf_and_no_terminal(monkeypatch):
    monkeypatch.setattr(crypto, "DEFAULT_COST", KdfCost(log2_n=10, r=8, p=1))
    monkeypatch.setattr(cli_prompts, "has_terminal", lambda: False)
    monkeypatch.delenv(cli_prompts.PASSPHRASE_FILE_ENV, raising=False)


def one_line(err: str) -> str:
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def bodies(path: Path, passphrase: str | None = None) -> set[str]:
    journal = Journal.open(path, passphrase=passphrase, read_only=True)
    return {entry.body for entry in journal.entries()}


@pytest.fixture
def diverged(journal: Journal, clock: FrozenClock) -> tuple[Path, Path]:
    """This journal and a copy of it, edited apart: new pages on each, the
    same page on both, ticks, a slip, and a page deleted here."""
    shared = journal.add_entry("Monday\nthe start")
    goal = journal.add_goal("Walk", Theme.BODY)
    gone = journal.add_entry("a page deleted here")
    other = journal.path.with_name("other.json")
    shutil.copy(journal.path, other)
    theirs = Journal.open(other, clock=clock)
    clock.set(clock.now() + timedelta(hours=1))
    journal.add_entry("only here")
    journal.update_entry(shared.id, text="Monday\nthe start, and more here")
    journal.delete_entry(gone.id)
    journal.tick_goal(goal.id)
    clock.set(clock.now() + timedelta(hours=1))
    theirs.add_entry("only there")
    theirs.update_entry(shared.id, text="Monday\nwritten on the laptop")
    theirs.tick_goal(goal.id, clock.today().replace(day=1))
    theirs.log_slip(note="a text")
    return journal.path, other


def test_merge_brings_every_page_and_says_what_it_did(diverged, capsys) -> None:
    here, other = diverged
    before = other.read_bytes()
    assert cli.main(["merge", str(other)]) == 0
    assert capsys.readouterr().out == (
        "Merged other.json: 1 page added, 1 slip added, 1 page written on both "
        "(kept both texts), 1 tick, 1 deletion honoured.\n"
    )
    found = bodies(here)
    assert {"only here", "only there"} <= found
    assert "a page deleted here" not in found
    both = next(body for body in found if body.startswith("written on the laptop"))
    assert "— also written on the other copy (" in both
    assert both.endswith("the start, and more here")
    journal = Journal.open(here, read_only=True)
    assert len(journal.goals()[0].ticks) == 2
    assert [s.note for s in journal.no_contact().slips] == ["a text"]
    assert other.read_bytes() == before  # read only, and left where it is


def test_a_second_merge_changes_nothing(diverged, capsys) -> None:
    here, other = diverged
    assert cli.main(["merge", str(other)]) == 0
    after = here.read_bytes()
    assert cli.main(["merge", str(other)]) == 0
    assert "nothing new" in capsys.readouterr().out.splitlines()[-1]
    assert here.read_bytes() == after


def test_either_way_round_gives_the_same_records(diverged, tmp_path) -> None:
    here, other = diverged
    here_copy, other_copy = tmp_path / "a.json", tmp_path / "b.json"
    shutil.copy(here, here_copy)
    shutil.copy(other, other_copy)
    assert cli.main(["merge", str(other)]) == 0
    assert cli.main(["--db", str(other_copy), "merge", str(here_copy)]) == 0
    one = Journal.open(here, read_only=True).as_copy()
    two = Journal.open(other_copy, read_only=True).as_copy()
    assert one == two


def test_pages_from_the_copy_get_new_ids_and_keep_their_uids(diverged) -> None:
    here, other = diverged
    theirs = {e.uid: e for e in Journal.open(other, read_only=True).entries()}
    here_journal = Journal.open(here)
    here_journal.delete_entry(here_journal.add_entry("the newest, deleted").id)
    used = int(orjson.loads(here.read_bytes())["meta"]["1"]["next_id"]["entries"])
    assert cli.main(["merge", str(other)]) == 0
    ours = Journal.open(here, read_only=True).entries()
    new = next(e for e in ours if e.body == "only there")
    assert new.uid in theirs
    assert new.id >= used  # no id is reused, not even a deleted page's


def test_dry_run_says_the_same_and_writes_nothing(diverged, capsys) -> None:
    here, other = diverged
    before = here.read_bytes(), other.read_bytes()
    assert cli.main(["merge", str(other), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Merging other.json would bring: 1 page added")
    assert out.endswith("Nothing written.\n")
    assert (here.read_bytes(), other.read_bytes()) == before


@pytest.mark.parametrize("name", [SYNCTHING, DROPBOX])
def test_a_conflicted_copy_is_put_away_in_merged(diverged, name, capsys) -> None:
    here, other = diverged
    copy = other.rename(here.with_name(name))
    before = copy.read_bytes()
    assert cli.main(["merge", str(copy)]) == 0
    kept = here.parent / "merged" / name
    assert not copy.exists() and kept.read_bytes() == before
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert f"The copy is kept in {kept}." in capsys.readouterr().out
    assert "only there" in bodies(here)


def test_an_encrypted_copy_opens_with_the_journals_passphrase(
    diverged, tmp_path, monkeypatch, capsys
) -> None:
    here, other = diverged
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    secret.chmod(0o600)
    monkeypatch.setenv(cli_prompts.PASSPHRASE_FILE_ENV, str(secret))
    assert cli.main(["encrypt"]) == 0
    assert cli.main(["--db", str(other), "encrypt"]) == 0
    assert cli.main(["merge", str(other)]) == 0
    assert "only there" in bodies(here, PASSPHRASE)


def test_a_copy_with_another_passphrase_is_refused_untouched(
    diverged, tmp_path, monkeypatch, capsys
) -> None:
    here, other = diverged
    secret = tmp_path / "passphrase"
    secret.write_text("another passphrase, long\n")
    secret.chmod(0o600)
    monkeypatch.setenv(cli_prompts.PASSPHRASE_FILE_ENV, str(secret))
    assert cli.main(["--db", str(other), "encrypt"]) == 0
    secret.write_text(PASSPHRASE + "\n")
    assert cli.main(["encrypt"]) == 0
    before = here.read_bytes(), other.read_bytes()
    capsys.readouterr()
    assert cli.main(["merge", str(other)]) == 2
    assert "passphrase" in one_line(capsys.readouterr().err)
    assert (here.read_bytes(), other.read_bytes()) == before


BAD = {
    "not-a-journal": b'{"recipes": {"1": {"name": "soup"}}}',
    "not-json": b"Dear diary,\n",
    "newer": orjson.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}),
    "damaged": orjson.dumps(
        {
            "meta": {"1": {"schema_version": SCHEMA_VERSION}},
            "entries": {"1": {"uid": "nope", "day": "2026-12-01", "body": "x"}},
        }
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_what_cannot_be_merged_is_one_line_and_both_files_untouched(
    journal: Journal, kind, capsys
) -> None:
    journal.add_entry("mine")
    other = journal.path.with_name(SYNCTHING)  # even a conflicted copy's name
    other.write_bytes(BAD[kind])
    before = journal.path.read_bytes()
    assert cli.main(["merge", str(other)]) == 2
    assert str(other) in one_line(capsys.readouterr().err)
    assert journal.path.read_bytes() == before
    assert other.read_bytes() == BAD[kind]
    assert not (journal.path.parent / "merged").exists()


@pytest.mark.parametrize("what", ["missing", "folder", "itself"])
def test_no_copy_to_merge_is_one_line(journal: Journal, what, capsys) -> None:
    journal.add_entry("mine")
    other = {
        "missing": journal.path.with_name("nowhere.json"),
        "folder": journal.path.parent,
        "itself": journal.path,
    }[what]
    before = journal.path.read_bytes()
    assert cli.main(["merge", str(other)]) == 2
    one_line(capsys.readouterr().err)
    assert journal.path.read_bytes() == before


def test_a_goals_own_change_is_dated_and_a_tick_keeps_that_date(
    journal: Journal, clock: FrozenClock
) -> None:
    goal = journal.add_goal("Walk", Theme.BODY)
    journal.archive_goal(goal.id)
    stamp = clock.now().isoformat(timespec="seconds")
    clock.set(clock.now() + timedelta(hours=1))
    journal.tick_goal(goal.id)
    saved = orjson.loads(journal.path.read_bytes())["goals"][str(goal.id)]
    assert saved["updated"] == stamp


def test_a_setting_changed_on_both_keeps_the_later_either_way_round(
    journal: Journal, clock: FrozenClock, capsys
):
    journal.set_setting("person", "they")
    other = journal.path.with_name("other.json")
    shutil.copy(journal.path, other)
    clock.set(clock.now() + timedelta(hours=1))
    journal.set_setting("person", "she")  # here, later
    theirs = Journal.open(other, clock=clock)
    clock.set(clock.now() - timedelta(minutes=30))
    theirs.set_setting("person", "he")  # there, earlier
    theirs.set_setting("urge_minutes", 5)
    theirs.close()
    journal.close()
    mirror = journal.path.with_name("mirror.json")
    shutil.copy(other, mirror)
    assert cli.main(["merge", str(other)]) == 0
    assert cli.main(["--db", str(mirror), "merge", str(journal.path)]) == 0
    for path in (journal.path, mirror):
        settings = Journal.open(path, read_only=True).settings()
        assert (settings["person"], settings["urge_minutes"]) == ("she", 5)
