"""The command line: add, export, import and path, and one-line errors."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys

import pytest

from healjournal import __version__, cli
from healjournal.domain.models import EntryKind
from healjournal.storage.journal import Journal


def run(*argv: str) -> int:
    return cli.main(list(argv))


def entries(journal_path, clock):
    return Journal.open(journal_path, clock=clock).entries()


def one_line(err: str) -> str:
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


class TestAdd:
    def test_day_one_then_export_shows_it(self, journal_path, clock, capsys):
        assert run("add", "day one") == 0
        assert (
            "Saved a reflection for today (2026-11-24): 2 words."
            in capsys.readouterr().out
        )
        assert run("export", "--format", "markdown") == 0
        out = capsys.readouterr().out
        assert "## Tuesday 24 November 2026" in out
        assert "day one" in out

    def test_options_are_saved(self, journal_path, clock, capsys):
        code = run(
            "add", "--day", "last friday", "--mood", "4", "--kind", "letter",
            "--star", "--title", "To you", "I'm keeping this.",
        )  # fmt: skip
        assert code == 0
        (entry,) = entries(journal_path, clock)
        assert entry.day.isoformat() == "2026-11-20"
        assert (entry.mood, entry.kind, entry.starred) == (4, EntryKind.LETTER, True)
        assert (entry.title, entry.body) == ("To you", "I'm keeping this.")
        assert "unsent letter" in capsys.readouterr().out

    def test_text_from_stdin(self, journal_path, clock, monkeypatch):
        stdin = io.TextIOWrapper(io.BytesIO("Long day.\nBut I went out. 🌙\n".encode()))
        monkeypatch.setattr(sys, "stdin", stdin)
        assert run("add") == 0
        (entry,) = entries(journal_path, clock)
        assert entry.text == "Long day.\nBut I went out. 🌙"

    @pytest.mark.parametrize(
        ("argv", "says"),
        [
            (
                ["add", "--day", "I had 3 coffees at 10 with Sam in june", "x"],
                "can't read",
            ),
            (["add", "--mood", "9", "x"], "mood must be 1 to 5"),
            (["add", "--kind", "text", "x"], "unknown kind"),
            (["add", "   "], "empty"),
            (["add", "bad\udcff byte"], "invalid character"),
            (["add", "--day", "", "x"], "no day given"),
            (["add", "--day", " ", "x"], "no day given"),
            (["export", "--from", "someday"], "can't read"),
            (["export", "--from", "today", "--to", "yesterday"], "swap them"),
            (["frobnicate"], "invalid choice"),
            (["import", "/no/such/file.json"], "does not exist"),
        ],
    )
    def test_mistakes_are_one_line_exit_2_nothing_written(
        self, journal_path, clock, capsys, argv, says
    ):
        assert run(*argv) == 2
        assert says in one_line(capsys.readouterr().err)
        assert not journal_path.exists()

    @pytest.mark.parametrize(
        ("day", "shown"),
        [
            ("tomorrow", "tomorrow · 2026-11-25"),
            ("next friday", "Fri 4 Dec · 2026-12-04"),
            ("in 2 weeks", "Tue 8 Dec · 2026-12-08"),
            ("2027-01-01", "Fri 1 Jan 2027 · 2027-01-01"),
        ],
    )
    def test_a_day_still_to_come_is_refused_as_in_the_app(
        self, journal_path, clock, capsys, day, shown
    ):
        assert run("add", "--day", day, "not yet") == 2
        err = one_line(capsys.readouterr().err)
        assert err == (
            f"healjournal: {shown}: that day hasn't happened yet; "
            "give --day today or a day before it\n"
        )
        assert not journal_path.exists()

    def test_today_and_the_days_before_it_are_fine(self, journal_path, clock):
        assert run("add", "--day", "today", "now") == 0
        assert run("add", "--day", "this tuesday", "also now") == 0
        assert run("add", "--day", "1 year ago", "then") == 0
        days = sorted(e.day.isoformat() for e in entries(journal_path, clock))
        assert days == ["2025-11-24", "2026-11-24", "2026-11-24"]

    def test_export_and_search_may_name_days_still_to_come(
        self, journal_path, clock, capsys
    ):
        # They only choose which pages to show: "to next friday" is fine.
        run("add", "a page")
        capsys.readouterr()
        assert run("export", "-f", "text", "--to", "next friday") == 0
        assert "a page" in capsys.readouterr().out
        assert run("search", "page", "to:tomorrow") == 0
        assert "a page" in capsys.readouterr().out

    def test_the_saved_line_names_a_few_tags_each_cut_short(
        self, journal_path, clock, capsys
    ):
        long_tag = "#" + "x" * 100_000
        tags = " ".join(f"#t{i}" for i in range(8))
        assert run("add", f"{long_tag} {tags}") == 0
        line = one_line(capsys.readouterr().out)
        assert len(line) < 200
        assert "#xxxx" in line and "…" in line and "and 4 more" in line
        (entry,) = entries(journal_path, clock)
        assert entry.tags[0] == long_tag  # only the line is short

    def test_non_utf8_stdin_is_refused(self, journal_path, clock, monkeypatch, capsys):
        stdin = io.TextIOWrapper(io.BytesIO(b"caf\xe9"))
        monkeypatch.setattr(sys, "stdin", stdin)
        assert run("add") == 2
        assert "not UTF-8" in one_line(capsys.readouterr().err)
        assert not journal_path.exists()


class TestExportImport:
    def test_export_to_a_file_never_overwrites_by_accident(
        self, journal_path, clock, tmp_path, capsys
    ):
        run("add", "keep me")
        target = tmp_path / "out.md"
        target.write_text("precious")
        assert run("export", "-o", str(target)) == 2
        assert "already exists" in one_line(capsys.readouterr().err)
        assert target.read_text() == "precious"
        assert run("export", "-o", str(target), "--force") == 0
        assert "keep me" in target.read_text()
        assert os.stat(target).st_mode & 0o777 == 0o600

    def test_range(self, journal_path, clock, capsys):
        run("add", "--day", "2026-11-01", "november first")
        run("add", "--day", "2026-11-20", "a friday")
        capsys.readouterr()
        run("export", "-f", "text", "--from", "nov 10", "--to", "today")
        out = capsys.readouterr().out
        assert "a friday" in out
        assert "november first" not in out

    def test_json_round_trip_into_another_journal(
        self, journal_path, clock, tmp_path, capsys
    ):
        run("add", "--mood", "3", "one #tag")
        run("add", "--kind", "urge", "wanted to call")
        dump = tmp_path / "all.json"
        run("export", "-f", "json", "-o", str(dump))
        other = tmp_path / "other.json"
        assert run("--db", str(other), "import", str(dump)) == 0
        assert "Imported 2 entries" in capsys.readouterr().out
        assert run("--db", str(other), "import", str(dump)) == 0
        assert (
            "Imported 0 entries from healjournal, 2 already there"
            in capsys.readouterr().out
        )
        theirs = [(e.text, e.mood, e.kind) for e in Journal.open(other).entries()]
        assert theirs == [
            (e.text, e.mood, e.kind) for e in entries(journal_path, clock)
        ]

    def test_import_from_jrnl_twice_adds_nothing(
        self, journal_path, clock, tmp_path, capsys
    ):
        export = {
            "tags": {"@sam": 1},
            "entries": [
                {
                    "title": "Coffee with Sam.",
                    "body": "It helped. @sam",
                    "date": "2026-10-03",
                    "time": "09:15",
                    "tags": ["@sam"],
                    "starred": True,
                },
            ],
        }
        source = tmp_path / "jrnl.json"
        source.write_text(json.dumps(export))
        assert run("import", str(source)) == 0
        assert run("import", str(source)) == 0
        out = capsys.readouterr().out
        assert "Imported 1 entry from jrnl" in out
        assert "Imported 0 entries from jrnl, 1 already there" in out
        (entry,) = entries(journal_path, clock)
        assert (entry.title, entry.body, entry.starred) == (
            "Coffee with Sam.",
            "It helped. @sam",
            True,
        )
        assert entry.created.strftime("%Y-%m-%d %H:%M") == "2026-10-03 09:15"

    def test_a_bad_import_file_writes_nothing(
        self, journal_path, clock, tmp_path, capsys
    ):
        source = tmp_path / "bad.json"
        source.write_text(
            '{"entries": [{"title": "ok", "date": "2026-10-03"}, {"date": "soon"}]}'
        )
        assert run("import", str(source)) == 2
        assert "entry 2 cannot be imported" in one_line(capsys.readouterr().err)
        assert not journal_path.exists()


def test_path_prints_the_journal_in_use(journal_path, capsys, tmp_path):
    assert run("path") == 0
    assert capsys.readouterr().out.strip() == str(journal_path)
    assert run("--db", str(tmp_path / "x.json"), "path") == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "x.json")


def test_the_default_journal_is_in_the_user_data_folder(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert run("path") == 0
    assert capsys.readouterr().out.strip() == str(
        tmp_path / "share" / "healjournal" / "journal.json"
    )


class TestAsAProcess:
    """What a person sees in a real shell: exit codes and no tracebacks."""

    def healjournal(self, *argv, stdin=b"", env_db=None):
        env = dict(os.environ)
        if env_db:
            env["HEALJOURNAL_DB"] = str(env_db)
        return subprocess.run(
            [sys.executable, "-m", "healjournal", *argv],
            input=stdin,
            capture_output=True,
            env=env,
            timeout=60,
        )

    def test_version(self):
        done = self.healjournal("--version")
        assert done.returncode == 0
        assert done.stdout.decode().strip() == f"healjournal {__version__}"

    def test_add_and_export(self, tmp_path):
        db = tmp_path / "j.json"
        assert (
            self.healjournal(
                "add", stdin="from a pipe ✓\n".encode(), env_db=db
            ).returncode
            == 0
        )
        done = self.healjournal("export", "-f", "text", env_db=db)
        assert "from a pipe ✓" in done.stdout.decode()

    def test_a_jrnl_export_to_a_file_says_so_and_ends(self, tmp_path):
        db = tmp_path / "j.json"
        self.healjournal("add", "a walk by the river", env_db=db)
        out = tmp_path / "out.txt"
        done = self.healjournal("export", "-f", "jrnl", "-o", str(out), env_db=db)
        assert done.returncode == 0
        assert done.stderr.decode() == f"Wrote 1 entry to {out}.\n"
        assert out.read_text().endswith("] a walk by the river\n")

    def test_a_reader_that_leaves_early_is_fine(self, tmp_path):
        db = tmp_path / "j.json"
        self.healjournal("add", "x" * 2000, env_db=db)
        process = subprocess.Popen(
            [sys.executable, "-m", "healjournal", "export", "-f", "jrnl"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(os.environ, HEALJOURNAL_DB=str(db)),
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # like `| head -c 0`
        assert process.wait(timeout=60) == 0
        assert process.stderr.read() == b""

    def test_a_broken_journal_is_one_line_and_exit_2(self, tmp_path):
        db = tmp_path / "j.json"
        db.write_bytes(b'{"entries": ')
        done = self.healjournal("add", "hello", env_db=db)
        assert done.returncode == 2
        err = done.stderr.decode()
        assert err.count("\n") == 1 and "Traceback" not in err
        assert "cannot read the journal" in err
        assert db.read_bytes() == b'{"entries": '

    def test_an_export_to_dev_stdout_goes_down_the_pipe(self, journal_path):
        Journal.open(journal_path).add_entry("words for the pipe")
        done = self.healjournal(
            "--db", str(journal_path), "export", "-f", "jrnl", "-o", "/dev/stdout"
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.decode().endswith("] words for the pipe\n")

    def test_a_reader_leaving_dev_stdout_early_is_fine(self, journal_path):
        # More than a pipe holds, so the export is still writing when the
        # reader goes (as with `| head`).
        Journal.open(journal_path).add_entry("many words " * 30_000)
        command = [sys.executable, "-m", "healjournal", "--db", str(journal_path)]
        command += ["export", "-f", "jrnl", "-o", "/dev/stdout"]
        with subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        ) as process:
            assert process.stdout.read(100).startswith(b"[")
            process.stdout.close()
            err = process.stderr.read()
        assert (process.returncode, err) == (0, b"")

    @pytest.mark.parametrize("asked", [["--help"], ["-h", "export"]])
    def test_help_lists_every_command(self, asked):
        out = self.healjournal(*asked).stdout.decode()
        for command in ("add", "export", "import", "search", "stats", "path"):
            assert f"\n    {command} " in out


def test_slip_notes_are_in_the_markdown_and_text_exports(journal_path, clock, capsys):
    journal = Journal.open(journal_path, clock=clock)
    journal.add_entry("a hard day", day=clock.today())
    journal.log_slip(clock.today(), note="he texted happy birthday and I answered")
    journal.log_slip(clock.today().replace(day=1), note="too early for the range")
    for fmt, quote in (("markdown", "> Contacted him."), ("text", "(no contact)")):
        assert run("export", "-f", fmt, "--from", "nov 10") == 0
        out = capsys.readouterr().out
        assert quote in out
        assert "he texted happy birthday and I answered" in out
        assert "too early for the range" not in out


def test_a_lock_that_cannot_be_taken_is_one_line_not_a_traceback(
    journal_path, clock, capsys
):
    run("add", "first")
    capsys.readouterr()
    lock = journal_path.with_name("journal.json.lock")
    lock.unlink(missing_ok=True)
    lock.mkdir()  # stands in for a lock file nobody can open
    before = journal_path.read_bytes()
    assert run("add", "second") == 2
    assert "cannot lock" in one_line(capsys.readouterr().err)
    assert journal_path.read_bytes() == before


def test_an_export_through_a_link_replaces_the_file_it_names(
    journal_path, clock, tmp_path, capsys
):
    run("add", "linked words")
    real = tmp_path / "exports" / "journal.txt"
    real.parent.mkdir()
    real.write_text("an older export\n")
    link = tmp_path / "latest.txt"
    link.symlink_to(real)
    assert run("export", "-f", "jrnl", "-o", str(link), "--force") == 0
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text().endswith("] linked words\n")


def test_an_export_to_a_pipe_writes_into_it(journal_path, clock, tmp_path):
    import threading

    run("add", "piped words")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    try:
        assert run("export", "-f", "jrnl", "-o", str(fifo)) == 0  # no --force
    finally:
        # Whatever happened, the reader gets an end: if it still waits,
        # open the pipe to write (without waiting) and close it.
        with contextlib.suppress(OSError):  # ENXIO: the reader is gone
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join()
    assert got[0].decode().endswith("] piped words\n")
    assert fifo.is_fifo()  # written to, not replaced by a file
