"""Commands that only read never write, and read where nothing can be written.

`stats`, `search` and `export` open the journal read-only: no lock file, no
backup, no upgrade, no temp file removed, so a journal on a backup drive, a
snapshot or in a folder this account cannot write to reads as any other. A
file with none of healjournal's tables is refused, never adopted; an older
healjournal journal is upgraded by the first change, with its copy kept.
"""

from __future__ import annotations

import builtins
import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from healjournal import cli
from healjournal.errors import JournalUnreadable, SaveFailed
from healjournal.storage import files
from healjournal.storage.files import JournalReadOnly, write_problem
from healjournal.storage.journal import Journal
from healjournal.storage.migrations import SCHEMA_VERSION, schema_version

FIXTURES = Path(__file__).parent.parent / "fixtures"

READING = [
    ["stats"],
    ["stats", "--json"],
    ["search", "night"],
    ["export"],
    ["export", "-f", "json"],
    ["export", "-f", "text"],
    ["export", "-f", "jrnl"],
]


def listing(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file in `folder`: its mode, its modification time and its bytes."""
    return {
        p.name: (p.stat().st_mode, p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.iterdir())
    }


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


@pytest.fixture
def older(journal_path: Path) -> Path:
    """A journal from before schema 2, with the temp file of a killed save:
    both made the read-only commands take the lock to tidy and upgrade."""
    journal_path.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "journal-schema1.json", journal_path)
    journal_path.with_name(f".{journal_path.name}.dead.tmp").write_bytes(b"half")
    return journal_path


@pytest.fixture
def no_writes(monkeypatch):
    """Every write in a folder refused as the system would refuse it.

    `deny(folder, error_number)` makes opening a file there for writing,
    making, renaming, removing or chmodding anything there raise that error:
    a folder without write permission (EACCES; chmod is no obstacle to root,
    who runs the tests) or a read-only disk (EROFS).
    """

    def deny(folder: Path, error_number: int) -> None:
        inside = str(folder.resolve())

        def here(path) -> bool:
            return os.path.realpath(os.fspath(path)).startswith(inside)

        def refuse(path) -> None:
            raise OSError(error_number, os.strerror(error_number), os.fspath(path))

        writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
        real_open, real_builtin_open = os.open, builtins.open

        def os_open(path, flags, *args, **kwargs):
            if flags & writing and here(path):
                refuse(path)
            return real_open(path, flags, *args, **kwargs)

        def builtin_open(file, mode="r", *args, **kwargs):
            named = isinstance(file, (str, os.PathLike))
            if named and here(file) and any(c in mode for c in "wax+"):
                refuse(file)
            return real_builtin_open(file, mode, *args, **kwargs)

        monkeypatch.setattr(os, "open", os_open)
        monkeypatch.setattr(builtins, "open", builtin_open)
        for name in ("mkdir", "rename", "replace", "unlink", "rmdir", "chmod"):
            real = getattr(os, name)

            def refused(path, *args, _real=real, **kwargs):
                if here(path):
                    refuse(path)
                return _real(path, *args, **kwargs)

            monkeypatch.setattr(os, name, refused)

    return deny


class TestCommandsThatOnlyRead:
    @pytest.mark.parametrize("argv", READING, ids=" ".join)
    @pytest.mark.parametrize("error_number", [errno.EACCES, errno.EROFS])
    def test_they_read_where_nothing_can_be_written(
        self, older, clock, capsys, no_writes, argv, error_number
    ):
        before = listing(older.parent)
        no_writes(older.parent, error_number)
        assert cli.main(argv) == 0, capsys.readouterr().err
        assert listing(older.parent) == before

    @pytest.mark.parametrize("argv", READING, ids=" ".join)
    def test_they_write_nothing_and_take_no_lock(self, older, clock, capsys, argv):
        before = listing(older.parent)
        assert cli.main(argv) == 0
        assert listing(older.parent) == before

    def test_a_journal_not_made_yet_stays_unmade(self, journal_path, clock, capsys):
        for argv in READING:
            assert cli.main(argv) == 0
        assert not journal_path.parent.exists()
        assert cli.main(["add", "the first words"]) == 0  # made on the first save
        assert journal_path.exists()

    def test_a_change_on_a_read_only_disk_is_one_line(
        self, older, clock, capsys, no_writes
    ):
        before = listing(older.parent)
        no_writes(older.parent, errno.EROFS)
        assert cli.main(["add", "words"]) == 2
        assert "Read-only file system" in one_line(capsys)
        assert listing(older.parent) == before


class TestTheReadOnlyJournal:
    def test_it_reads_and_refuses_every_change(self, older, clock):
        before = listing(older.parent)
        journal = Journal.open(older, clock=clock, read_only=True)
        assert journal.read_only
        assert [e.id for e in journal.entries()] == [1, 2, 3, 6]  # as upgraded
        for change in (
            lambda: journal.add_entry("words"),
            lambda: journal.set_setting("theme", "nord"),
            lambda: journal.log_slip(),
            lambda: journal.delete_entry(1),
            lambda: journal.encrypt("a long passphrase here"),
        ):
            with pytest.raises(JournalReadOnly) as refused:
                change()
            assert isinstance(refused.value, SaveFailed)  # the app keeps the words
            message = str(refused.value)
            assert message.startswith(f"this journal is read-only here: {older}")
            assert "\n" not in message
        assert listing(older.parent) == before

    def test_the_refusal_says_why_when_it_can(self, older, clock, monkeypatch):
        journal = Journal.open(older, clock=clock, read_only=True)
        with pytest.raises(JournalReadOnly, match="opened only to read"):
            journal.add_entry("words")
        monkeypatch.setattr(files.os, "access", lambda *a, **k: False)
        with pytest.raises(JournalReadOnly, match="no permission to write in"):
            journal.add_entry("words")

    def test_a_journal_not_made_yet_is_empty_and_stays_unmade(
        self, journal_path, clock
    ):
        journal = Journal.open(journal_path, clock=clock, read_only=True)
        assert journal.entries() == [] and journal.settings() == {}
        with pytest.raises(JournalReadOnly):
            journal.add_entry("words")
        assert not journal_path.parent.exists()

    def test_write_problem_asks_without_writing(self, tmp_path, monkeypatch):
        assert write_problem(tmp_path / "not" / "made" / "journal.json") is None
        assert list(tmp_path.iterdir()) == []
        monkeypatch.setattr(files.os, "access", lambda *a, **k: False)
        assert write_problem(tmp_path / "journal.json") == (
            f"no permission to write in {tmp_path}"
        )


def _unshare_works() -> bool:
    try:
        done = subprocess.run(
            ["unshare", "-rm", "true"], capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not _unshare_works(),
    reason="needs unshare -rm (a user namespace) for a read-only bind mount",
)
class TestOnAReallyReadOnlyDisk:
    """The folder is bind-mounted read-only in a namespace of the command's
    own: every write fails with EROFS, as on a backup drive or a snapshot."""

    def run(self, folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
        """`argv` (a healjournal command, or `-c CODE`) with `folder` read-only."""
        script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
        env = {k: v for k, v in os.environ.items() if not k.startswith("HEALJ")}
        env["HEALJOURNAL_DB"] = str(folder / "journal.json")
        python = [sys.executable]
        if argv[0] != "-c":
            python += ["-m", "healjournal"]
        return subprocess.run(
            ["unshare", "-rm", "sh", "-c", script, str(folder), *python, *argv],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )

    @pytest.mark.parametrize("argv", READING, ids=" ".join)
    def test_the_commands_that_read_work(self, older, argv):
        before = listing(older.parent)
        done = self.run(older.parent, *argv)
        assert done.returncode == 0, done.stderr
        assert listing(older.parent) == before

    def test_a_change_says_the_disk_is_read_only(self, older):
        before = listing(older.parent)
        done = self.run(older.parent, "add", "words")
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and "Read-only" in done.stderr
        assert listing(older.parent) == before

    def test_write_problem_sees_it(self, older):
        code = (
            "import sys; from pathlib import Path; "
            "from healjournal.storage.files import write_problem; "
            "print(write_problem(Path(sys.argv[1])))"
        )
        done = self.run(older.parent, "-c", code, str(older))
        assert done.stdout == "the disk is read-only\n", done.stderr


class TestNotOurs:
    @pytest.mark.parametrize(
        "raw",
        [
            b"{}",
            b'{"_default": {}}',
            b'{"_default": {"1": {"a": 1}}}',
            b'{"songs": {"1": {"title": "x"}}, "_default": {}}',
        ],
        ids=["empty object", "empty TinyDB", "another program's", "other tables"],
    )
    @pytest.mark.parametrize(
        "argv", [["stats"], ["search", "x"], ["export"], ["add", "x"]], ids=" ".join
    )
    def test_a_file_with_none_of_our_tables_is_refused(
        self, journal_path, clock, capsys, raw, argv
    ):
        journal_path.parent.mkdir(parents=True)
        journal_path.write_bytes(raw)
        before = listing(journal_path.parent)
        assert cli.main(argv) == 2
        err = one_line(capsys)
        assert f"this is not a healjournal journal: {journal_path}" in err
        assert listing(journal_path.parent) == before

    def test_the_journal_refuses_it_too(self, journal_path, clock):
        journal_path.parent.mkdir(parents=True)
        journal_path.write_bytes(b"{}")
        with pytest.raises(JournalUnreadable, match="not a healjournal journal"):
            Journal.open(journal_path, clock=clock)
        assert journal_path.read_bytes() == b"{}"


class TestAnOlderJournal:
    def test_is_read_as_it_is_and_upgraded_by_the_first_change(
        self, journal_path, clock, capsys
    ):
        journal_path.parent.mkdir(parents=True)
        shutil.copy(FIXTURES / "journal-schema0.json", journal_path)
        original = journal_path.read_bytes()
        for argv in READING:
            assert cli.main(argv) == 0
        assert listing(journal_path.parent) == {
            "journal.json": listing(journal_path.parent)["journal.json"]
        }
        assert journal_path.read_bytes() == original
        assert cli.main(["add", "after the upgrade"]) == 0
        assert schema_version(orjson.loads(journal_path.read_bytes())) == (
            SCHEMA_VERSION
        )
        kept = journal_path.with_name("journal.json.schema0.bak")
        assert kept.read_bytes() == original
