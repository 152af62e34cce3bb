"""`healjournal merge-driver %O %A %B %P`: git as the sync tool.

A real git repository: a bare remote and two clones (a laptop and a
desktop), each with the driver set up as the README says; both write pages
and tick a goal apart, and `git pull` merges the journal with no conflict
and every page of both sides there. What cannot be merged is exit 2 and
one line, with git's files left as they were.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from healjournal import cli
from healjournal.cli import prompts as cli_prompts
from healjournal.clock import FrozenClock
from healjournal.domain.models import Theme
from healjournal.storage import crypto
from healjournal.storage.crypto import KdfCost
from healjournal.storage.journal import Journal

PASSPHRASE = "lemon cake on a Sunday"

DRIVER = f"{sys.executable} -m healjournal merge-driver %O %A %B %P"
#: What the README says to keep out of git: the lock, a save's temp files,
#: the daily backups and those kept before an upgrade.
GITIGNORE = "journal.json.lock\n.journal.json.*.tmp\njournal.json.*.bak\n"


def git(folder: Path, *words: str) -> subprocess.CompletedProcess[str]:
    """Run git in `folder`; a failure fails the test, saying what git said."""
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *words],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"git {' '.join(words)}: {done.stdout}{done.stderr}"
    return done


@pytest.fixture
def clones(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """A bare remote and two clones of it, the driver set up in each."""
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Sam")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "sam@example.org")
    git(tmp_path, "init", "--bare", "-q", "remote.git")
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    git(tmp_path, "clone", "-q", "remote.git", str(laptop))
    (laptop / ".gitattributes").write_text("journal.json merge=healjournal\n")
    (laptop / ".gitignore").write_text(GITIGNORE)
    return laptop, desktop


def set_up_driver(clone: Path) -> None:
    git(clone, "config", "merge.healjournal.name", "healjournal journal merge")
    git(clone, "config", "merge.healjournal.driver", DRIVER)


def commit(clone: Path, message: str) -> None:
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", message)


def pages(path: Path) -> set[str]:
    return {e.body for e in Journal.open(path, read_only=True).entries()}


def ticks(path: Path) -> set[date]:
    [goal] = Journal.open(path, read_only=True).goals()
    return set(goal.ticks)


def test_git_pull_merges_two_diverged_journals(clones, clock: FrozenClock) -> None:
    laptop, desktop = clones
    set_up_driver(laptop)
    journal = Journal.open(laptop / "journal.json", clock=clock)
    journal.add_entry("the first page, on the laptop")
    goal = journal.add_goal("Walk", Theme.BODY)
    commit(laptop, "a journal")
    git(laptop, "push", "-q", "-u", "origin", "main")
    git(desktop.parent, "clone", "-q", "remote.git", str(desktop))
    set_up_driver(desktop)

    clock.set(clock.now() + timedelta(days=1))
    today = clock.today()
    journal.add_entry("written on the laptop")
    journal.tick_goal(goal.id, today)
    journal.close()
    commit(laptop, "laptop")
    git(laptop, "push", "-q")

    theirs = Journal.open(desktop / "journal.json", clock=clock)
    theirs.add_entry("written on the desktop")
    theirs.tick_goal(goal.id, today - timedelta(days=1))
    theirs.close()
    commit(desktop, "desktop")
    pulled = git(desktop, "pull", "--no-rebase", "--no-edit")

    merged = desktop / "journal.json"
    assert "CONFLICT" not in pulled.stdout + pulled.stderr
    assert "<<<<<<<" not in merged.read_text()
    assert pages(merged) == {
        "the first page, on the laptop",
        "written on the laptop",
        "written on the desktop",
    }
    assert ticks(merged) == {today, today - timedelta(days=1)}
    assert git(desktop, "status", "--porcelain").stdout == ""
    assert not [p.name for p in desktop.iterdir() if p.name.startswith(".merge")]

    # Merging again changes nothing: the desktop's merge, pushed, is a fast
    # forward for the laptop, and the driver run by hand leaves it as it is.
    git(desktop, "push", "-q")
    git(laptop, "pull", "-q", "--no-rebase", "--no-edit")
    assert (laptop / "journal.json").read_bytes() == merged.read_bytes()
    before = merged.read_bytes()
    again = desktop / "again.json"
    shutil.copy(merged, again)
    for parent in ("HEAD^1", "HEAD^2"):  # the desktop's side, the laptop's
        side = desktop / "side.json"
        side.write_text(git(desktop, "show", f"{parent}:journal.json").stdout)
        code = cli.main(["merge-driver", str(side), str(again), str(side)])
        assert code == 0
        assert again.read_bytes() == before


def test_the_result_is_written_in_the_journals_layout(tmp_path, clock) -> None:
    """One record a line, as the journal writes it: git's next diff is small."""
    ours = Journal.open(tmp_path / "ours.json", clock=clock)
    ours.add_entry("ours")
    ours.close()
    theirs = Journal.open(tmp_path / "theirs.json", clock=clock)
    theirs.add_entry("theirs")
    theirs.close()
    saved = Journal.open(tmp_path / "saved.json", clock=clock)
    saved.add_entry("ours")
    saved.add_entry("theirs")
    saved.close()
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        code = cli.main(["merge-driver", "ours.json", "ours.json", "theirs.json"])
    finally:
        os.chdir(here)
    assert code == 0
    text = (tmp_path / "ours.json").read_text()
    assert pages(tmp_path / "ours.json") == {"ours", "theirs"}
    assert text.count("\n") == (tmp_path / "saved.json").read_text().count("\n")


@pytest.mark.parametrize("content", ["", "not json", '{"a": 1}', "<<<<<<< ours\n"])
def test_what_is_no_journal_is_a_conflict_left_to_git(
    tmp_path, clock, capsys, content: str
) -> None:
    good = Journal.open(tmp_path / "good.json", clock=clock)
    good.add_entry("a page")
    good.close()
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    for ours, theirs in ((good.path, bad), (bad, good.path)):
        before = {p: p.read_bytes() for p in (good.path, bad)}
        code = cli.main(["merge-driver", str(good.path), str(ours), str(theirs), "j"])
        err = capsys.readouterr().err
        assert code == 2
        assert err.count("\n") == 1 and "Traceback" not in err
        assert err.startswith("healjournal: cannot merge j: ")
        assert {p: p.read_bytes() for p in (good.path, bad)} == before


def test_an_encrypted_journal_merges_with_the_passphrase_file_only(
    tmp_path, clock, capsys, monkeypatch
) -> None:
    """git has no one to ask: without $HEALJOURNAL_PASSPHRASE_FILE it is a
    conflict and one line saying what to set; with it, a merge, encrypted."""
    monkeypatch.setattr(crypto, "DEFAULT_COST", KdfCost(log2_n=10, r=8, p=1))
    monkeypatch.delenv(cli_prompts.PASSPHRASE_FILE_ENV, raising=False)
    sides = {}
    for side in ("ours", "theirs"):
        journal = Journal.open(tmp_path / f"{side}.json", clock=clock)
        journal.add_entry(f"written on {side}")
        journal.encrypt(PASSPHRASE)
        journal.close()
        sides[side] = journal.path
    ours, theirs = sides["ours"], sides["theirs"]
    before = ours.read_bytes()
    assert cli.main(["merge-driver", str(ours), str(ours), str(theirs), "j"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and cli_prompts.PASSPHRASE_FILE_ENV in err
    assert ours.read_bytes() == before

    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    secret.chmod(0o600)
    monkeypatch.setenv(cli_prompts.PASSPHRASE_FILE_ENV, str(secret))
    assert cli.main(["merge-driver", str(ours), str(ours), str(theirs), "j"]) == 0
    assert crypto.is_encrypted(ours.read_bytes())
    merged = Journal.open(ours, passphrase=PASSPHRASE, read_only=True)
    assert {e.body for e in merged.entries()} == {
        "written on ours",
        "written on theirs",
    }


def test_the_driver_is_not_in_the_help_list(capsys) -> None:
    """Set up once from the README, not a command to type: --help keeps it out."""
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "merge-driver" not in out and "merge another copy" in out


def test_with_the_base_a_change_on_one_side_only_is_kept_as_made(
    tmp_path, clock
) -> None:
    """Words taken out of a page, and a tick taken back, on one machine are
    not brought back by the other's unchanged copy, whichever side is ours;
    the other's new page comes over."""
    base = Journal.open(tmp_path / "base.json", clock=clock)
    page = base.add_entry("Monday\nthe start\na line I took out")
    goal = base.add_goal("Walk", Theme.BODY)
    day = clock.today()
    base.tick_goal(goal.id, day)
    base.close()
    laptop, desktop = tmp_path / "laptop.json", tmp_path / "desktop.json"
    shutil.copy(base.path, laptop)
    shutil.copy(base.path, desktop)
    clock.set(clock.now() + timedelta(hours=1))
    edited = Journal.open(laptop, clock=clock)
    edited.update_entry(page.id, text="Monday\nthe start")
    edited.untick_goal(goal.id, day)
    edited.close()
    other = Journal.open(desktop, clock=clock)
    other.add_entry("a new page on the desktop")
    other.close()
    results = []
    for ours, theirs in ((laptop, desktop), (desktop, laptop)):
        result = tmp_path / f"into-{ours.name}"
        shutil.copy(ours, result)
        args = ["merge-driver", str(base.path), str(result), str(theirs)]
        assert cli.main(args) == 0
        assert pages(result) == {"the start", "a new page on the desktop"}
        assert ticks(result) == set()
        results.append(result)
    assert pages(results[0]) == pages(results[1])
