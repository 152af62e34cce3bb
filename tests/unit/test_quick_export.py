"""`export --format jrnl` reads the entries straight from the file, and writes
exactly what opening the journal would have written, or opens it after all."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healjournal import cli
from healjournal.cli import main as run
from healjournal.clock import FrozenClock
from healjournal.domain.models import EntryKind, Theme, check_mood
from healjournal.errors import InputError, JournalUnreadable
from healjournal.storage import quick
from healjournal.storage.crypto import KdfCost
from healjournal.storage.interchange import to_jrnl
from healjournal.storage.journal import Journal
from healjournal.storage.layout import FilePart, dump_journal, in_memory

TODAY = date(2026, 11, 24)


def full_read(path, start=None, end=None) -> str:
    return to_jrnl(Journal.open(path).entries(start, end))


def quick_read(path, start=None, end=None) -> str | None:
    """What the quick export writes, or None when it leaves it to the full read."""
    done = quick.jrnl_export(path, start, end)
    if done is None:
        return None
    with done:
        return b"".join(in_memory(done.pieces)).decode()


class Sharing:
    """How many times the export forked a second process."""

    def __init__(self, on: bool) -> None:
        self.on = on
        self.forks = 0


@pytest.fixture(params=["one process", "two processes"])
def shared(request, monkeypatch) -> Sharing:
    """Each test twice: the entries read here, and shared with a second process."""
    sharing = Sharing(request.param == "two processes")
    if sharing.on:
        monkeypatch.setattr(quick, "SHARE_FROM", 0)
    real = quick._Aside

    def counted(work):
        sharing.forks += 1
        return real(work)

    monkeypatch.setattr(quick, "_Aside", counted)
    return sharing


def test_the_same_file_as_the_full_read(journal, shared):
    journal.add_entry("Morning.\nCoffee, then the bus.", mood=3, starred=True)
    journal.add_entry("A letter I won't send.", kind=EntryKind.LETTER)
    journal.add_entry("no title, just words", day=TODAY - timedelta(days=2))
    journal.add_entry("Caf\u00e9 \U0001f600\n\n  ", title="Later  ")
    done = quick.jrnl_export(journal.path)
    assert done is not None and done.count == 4
    with done:
        assert b"".join(in_memory(done.pieces)).decode() == full_read(journal.path)
    assert shared.forks == shared.on
    with pytest.raises(ChildProcessError):  # the second process was waited for
        os.waitpid(-1, os.WNOHANG)


def test_a_range_is_the_same_range(journal, shared):
    for back in range(6):
        journal.add_entry(f"day minus {back}", day=TODAY - timedelta(days=back))
    start, end = TODAY - timedelta(days=4), TODAY - timedelta(days=1)
    text = quick_read(journal.path, start, end)
    assert [line[1:11] for line in text.splitlines() if line] == [
        (start + timedelta(days=n)).isoformat() for n in range(4)
    ]
    assert text == full_read(journal.path, start, end)
    # Only the first page written: the second process finds none in range.
    assert quick_read(journal.path, TODAY, TODAY) == full_read(
        journal.path, TODAY, TODAY
    )
    assert quick_read(journal.path, TODAY, TODAY).startswith("[2026-11-24")


def test_pages_out_of_order_in_the_file_come_out_by_day(journal, shared):
    # Written today about earlier days: the file's order is not the export's,
    # and in two processes the days cross from one half to the other.
    for back in (0, 5, 1, 4, 2, 3):
        journal.add_entry(f"day minus {back}", day=TODAY - timedelta(days=back))
    text = quick_read(journal.path)
    assert shared.forks == shared.on
    assert [line for line in text.splitlines() if line] == [
        f"[{(TODAY - timedelta(days=back)).isoformat()} 09:04:00 PM] day minus {back}"
        for back in (5, 4, 3, 2, 1, 0)
    ]
    assert text == full_read(journal.path)


def test_pages_written_across_time_zones_keep_their_order(journal_path):
    # Same day, written an hour apart across a change of offset: the order is
    # by the moment, not by the text of the time.
    early = FrozenClock(datetime(2026, 3, 29, 2, 30, tzinfo=timezone(timedelta(0))))
    late = FrozenClock(
        datetime(2026, 3, 29, 3, 10, tzinfo=timezone(timedelta(hours=2)))
    )
    Journal.open(journal_path, clock=early).add_entry("first, at 02:30 UTC")
    Journal.open(journal_path, clock=late).add_entry("second, at 01:10 UTC")
    text = quick_read(journal_path)
    assert text.index("second, at 01:10 UTC") < text.index("first, at 02:30 UTC")
    assert text == full_read(journal_path)


def test_an_encrypted_journal_is_opened_the_usual_way(journal):
    journal.add_entry("secret")
    journal.encrypt("correct horse battery", cost=KdfCost(log2_n=10, r=8, p=1))
    assert quick_read(journal.path) is None


def test_an_id_given_twice_is_left_to_the_full_read(journal, shared):
    journal.add_entry("one")
    journal.add_entry("two")
    raw = journal.path.read_bytes()
    journal.path.write_bytes(raw.replace(b'\n    "2": ', b'\n    "1": '))
    assert quick_read(journal.path) is None


def test_a_field_given_twice_is_left_to_the_full_read(journal, shared):
    journal.add_entry("first words")
    journal.add_entry("the real words")  # in the second half, when shared
    raw = journal.path.read_bytes()
    edited = raw.replace(b'"body":"the real', b'"body":"hidden","body":"the real')
    assert edited != raw
    journal.path.write_bytes(edited)
    assert quick_read(journal.path) is None
    assert shared.forks == shared.on  # the second page was the child's


def test_an_id_written_two_ways_is_refused_by_both_reads(journal):
    journal.add_entry("one")
    journal.add_entry("two")
    raw = journal.path.read_bytes()
    journal.path.write_bytes(raw.replace(b'\n    "2": ', b'\n    "01": '))
    assert quick_read(journal.path) is None
    with pytest.raises(JournalUnreadable, match="not an id"):
        Journal.open(journal.path)


def test_a_damaged_goal_stops_the_export_as_it_stops_everything(journal, shared):
    journal.add_entry("my words")
    journal.add_goal("Run 5 km", Theme.BODY)
    raw = journal.path.read_bytes()
    journal.path.write_bytes(raw.replace(b'"theme":"body"', b'"theme":"nope"'))
    assert quick_read(journal.path) is None
    with pytest.raises(JournalUnreadable, match="goals/1 is damaged"):
        Journal.open(journal.path)


@pytest.mark.parametrize("moods", [(2, 3), (3, 2)], ids=["second half", "first half"])
def test_a_damaged_entry_in_either_half_is_left_to_the_full_read(
    journal, shared, moods
):
    # The page with mood 3 is damaged: when shared, the child's (second) or
    # this process's (first), which then stops the child.
    for mood in moods:
        journal.add_entry("fine", mood=mood)
    raw = journal.path.read_bytes()
    journal.path.write_bytes(raw.replace(b'"mood":3', b'"mood":9'))
    assert quick_read(journal.path) is None
    assert shared.forks == shared.on
    assert run(["export", "-f", "jrnl"]) == 2  # and the full read says why


def test_another_layout_or_schema_is_left_to_the_full_read(journal):
    journal.add_entry("fine")
    data = orjson.loads(journal.path.read_bytes())
    journal.path.write_bytes(orjson.dumps(data))  # all on one line
    assert quick_read(journal.path) is None
    data["meta"]["1"]["schema_version"] = 2
    journal.path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    assert quick_read(journal.path) is None


def test_the_command_refuses_a_damaged_journal_in_one_line(journal, tmp_path, capsys):
    journal.add_entry("fine", mood=3)
    raw = journal.path.read_bytes()
    journal.path.write_bytes(raw.replace(b'"mood":3', b'"mood":9'))
    out = tmp_path / "out.txt"
    assert run(["export", "-f", "jrnl", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is damaged" in err
    assert not out.exists()


def test_the_command_writes_a_private_file(journal, tmp_path, capsys, shared):
    journal.add_entry("only mine")
    journal.add_entry("and mine", day=TODAY - timedelta(days=1))
    out = tmp_path / "out.txt"
    assert run(["export", "-f", "jrnl", "-o", str(out)]) == 0
    assert "Wrote 2 entries" in capsys.readouterr().err
    assert out.read_text() == full_read(journal.path)
    assert shared.forks == shared.on
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("written", ["in order", "out of order"])
def test_the_file_holds_the_export_however_the_pages_come(
    journal, tmp_path, capsys, shared, written, monkeypatch
):
    yesterday = TODAY - timedelta(days=1)
    for n in range(4):
        day = TODAY - timedelta(days=n if written == "out of order" else 4 - n)
        journal.add_entry(f"page {n}", day=day)
    expected = full_read(journal.path)
    monkeypatch.setattr(cli, "_open_journal", None)  # the quick read does it all
    out = tmp_path / "out.txt"
    out.write_text("the last export")
    assert run(["export", "-f", "jrnl", "-o", str(out), "--force"]) == 0
    assert out.read_text() == expected
    assert out.read_text().endswith(
        "page 0\n" if written == "out of order" else "page 3\n"
    )
    assert yesterday.isoformat() in out.read_text()
    assert shared.forks == shared.on


def test_a_system_that_refuses_advice_still_gets_the_file(
    journal, tmp_path, capsys, shared, monkeypatch
):
    def refuse(*args):
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(quick.os, "posix_fadvise", refuse, raising=False)
    monkeypatch.setattr(quick, "_ADVISE", 4)
    for n in range(4):
        journal.add_entry(f"page {n}", day=TODAY - timedelta(days=3 - n))
    expected = full_read(journal.path)
    monkeypatch.setattr(cli, "_open_journal", None)  # the quick read does it all
    out = tmp_path / "out.txt"
    assert run(["export", "-f", "jrnl", "-o", str(out)]) == 0
    assert out.read_text() == expected
    assert shared.forks == shared.on


def test_a_file_begun_and_left_to_the_full_read_holds_only_its_export(
    journal, tmp_path, capsys, shared
):
    # No schema record: the quick export finds out at the very end, once its
    # pages are in the file; the full read (which upgrades the journal) then
    # writes the file from the start.
    for n in range(4):
        journal.add_entry(f"page {n}", day=TODAY - timedelta(days=3 - n))
    tables = orjson.loads(journal.path.read_bytes())
    del tables["meta"]
    journal.path.write_bytes(dump_journal(tables))
    out = tmp_path / "out.txt"
    assert run(["export", "-f", "jrnl", "-o", str(out)]) == 0
    assert out.read_text() == full_read(journal.path)
    assert out.read_text().count("page 0") == 1
    assert shared.forks == shared.on


def test_the_command_prints_the_same_to_stdout(journal, capsysbinary, shared):
    journal.add_entry("only mine")
    journal.add_entry("and mine", day=TODAY - timedelta(days=1))
    assert run(["export", "-f", "jrnl"]) == 0
    assert capsysbinary.readouterr().out.decode() == full_read(journal.path)
    assert shared.forks == shared.on


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    pages=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=5),
            st.text(min_size=1, max_size=60),
            st.booleans(),
        ),
        max_size=10,
    )
)
def test_any_journal_exports_as_the_full_read_does(tmp_path_factory, pages):
    path = tmp_path_factory.mktemp("quick") / "journal.json"
    journal = Journal.open(path)
    with journal.transaction():
        for back, text, star in pages:
            if text.strip():
                journal.add_entry(text, day=TODAY - timedelta(days=back), starred=star)
    assert quick_read(path) == full_read(path)


def test_no_second_process_to_be_had_leaves_it_to_the_full_read(
    journal, monkeypatch, capsys
):
    for back in range(4):
        journal.add_entry(f"day minus {back}", day=TODAY - timedelta(days=back))
    monkeypatch.setattr(quick, "SHARE_FROM", 0)

    def no_fork():
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(quick.os, "fork", no_fork)
    assert quick_read(journal.path) is None
    assert run(["export", "-f", "jrnl"]) == 0  # the full read writes it
    assert capsys.readouterr().out == full_read(journal.path)


def test_an_edit_time_out_of_range_is_refused_by_both_reads(journal, shared):
    journal.add_entry("first words")
    journal.add_entry("edited long ago")  # in the second half, when shared
    raw = journal.path.read_bytes()
    last = raw.rindex(b'"updated":null')
    journal.path.write_bytes(
        raw[:last] + b'"updated":"0001-01-01T00:00:00"' + raw[last + 14 :]
    )
    assert quick_read(journal.path) is None
    with pytest.raises(JournalUnreadable, match="is damaged"):
        Journal.open(journal.path)


def test_ids_of_any_length_export_as_the_full_read_has_them(journal, capsys):
    journal.add_entry("one")
    journal.set_setting("theme", "dark")
    raw = journal.path.read_bytes()
    long_id = b"1" + b"0" * 20  # an odd id, but an id: the full read takes it
    journal.path.write_bytes(
        raw.replace(b'\n    "1": {"created"', b'\n    "' + long_id + b'": {"created"')
    )
    assert run(["export", "-f", "jrnl"]) == 0
    assert capsys.readouterr().out == full_read(journal.path)
    # More digits than Python reads as a number, in a table that is not the
    # entries: the full read refuses the journal, so must the export.
    huge = b"1" + b"0" * 5000
    settings = raw.index(b'"settings": {\n    "') + len(b'"settings": {\n    "')
    journal.path.write_bytes(raw[:settings] + huge + raw[raw.index(b'"', settings) :])
    assert quick_read(journal.path) is None
    with pytest.raises(JournalUnreadable):
        Journal.open(journal.path)


def test_a_schema_after_the_entries_is_still_read_quickly(journal, shared):
    # Journals upgraded from the first schema keep "meta" after "entries".
    for back in range(4):
        journal.add_entry(f"day minus {back}", day=TODAY - timedelta(days=back))
    tables = orjson.loads(journal.path.read_bytes())
    tables["meta"] = tables.pop("meta")
    journal.path.write_bytes(dump_journal(tables))
    assert list(orjson.loads(journal.path.read_bytes()))[-1] == "meta"
    assert quick_read(journal.path) == full_read(journal.path)
    assert shared.forks == shared.on


def test_an_ignored_sigchld_changes_nothing(journal, monkeypatch):
    # A parent program can hand SIGCHLD over ignored: the child is then
    # reaped by the system, and how it ended cannot be known. Its word that
    # it finished is what counts.
    monkeypatch.setattr(quick, "SHARE_FROM", 0)
    for n in range(6):
        journal.add_entry(f"page {n}")
    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        ignored = quick_read(journal.path)
    finally:
        signal.signal(signal.SIGCHLD, before)
    assert ignored == full_read(journal.path)


@pytest.fixture
def cut_before(monkeypatch):
    """Shares the export, cutting the file before the record `key` of `table`."""
    monkeypatch.setattr(quick, "SHARE_FROM", 0)

    def cut(path, key: str, table: str = "entries") -> int:
        raw = path.read_bytes()
        within = raw.index(f'\n  "{table}": {{'.encode())
        position = raw.index(f'\n    "{key}": '.encode(), within) + 1
        monkeypatch.setattr(quick, "_cut", lambda raw: position)
        return position

    return cut


def exported(path) -> tuple[str, bool] | None:
    """The quick export's text, and whether the second process wrote some of it."""
    done = quick.jrnl_export(path)
    if done is None:
        return None
    with done:
        shared = any(isinstance(piece, FilePart) for piece in done.pieces)
        return b"".join(in_memory(done.pieces)).decode(), shared


def test_pages_on_both_sides_of_the_cut_export_as_the_full_read(journal, cut_before):
    for n in range(6):
        journal.add_entry(f"page {n}", day=TODAY - timedelta(days=n % 3))
    cut_before(journal.path, "4")
    assert exported(journal.path) == (full_read(journal.path), True)


def an_id_twice(raw: bytes) -> bytes:
    """The page with id 5 given id 2: after a cut before page 4, on both sides."""
    return raw.replace(b'\n    "5": ', b'\n    "2": ')


def a_table_twice(raw: bytes) -> bytes:
    """The meta table again, at the end: before a cut in the pages, and after."""
    meta = raw[raw.index(b'  "meta": {') : raw.index(b"\n  },", raw.index(b'"meta"'))]
    return raw[: -len(b"\n  }\n}\n")] + b"\n  },\n" + meta + b"\n  }\n}\n"


@pytest.mark.parametrize("twice", [an_id_twice, a_table_twice], ids=["id", "table"])
def test_a_name_on_both_sides_of_the_cut_is_left_to_the_full_read(
    journal, cut_before, twice
):
    for n in range(6):
        journal.add_entry(f"page {n}")
    journal.path.write_bytes(twice(journal.path.read_bytes()))
    cut_before(journal.path, "4")
    assert exported(journal.path) is None
    with pytest.raises(JournalUnreadable, match="appears twice"):
        Journal.open(journal.path)


def test_a_cut_among_the_goals_leaves_this_process_to_walk_alone(journal, cut_before):
    for n in range(3):
        journal.add_entry(f"page {n}")
    for title in ("Run 5 km", "Call Sam", "Cook a new dish"):
        journal.add_goal(title, Theme.BODY)
    cut_before(journal.path, "2", "goals")
    assert exported(journal.path) == (full_read(journal.path), False)


@pytest.mark.parametrize(
    "mood", ["null", "-1", "0", "1", "5", "6", "true", "3.0", '"3"', "[3]"]
)
def test_a_mood_is_taken_as_the_models_take_it(journal, mood):
    journal.add_entry("words", mood=3)
    raw = journal.path.read_bytes()
    journal.path.write_bytes(raw.replace(b'"mood":3', f'"mood":{mood}'.encode()))
    try:
        check_mood(orjson.loads(mood))
    except InputError:
        taken = False
    else:
        taken = True
    assert (quick_read(journal.path) is not None) is taken


@pytest.mark.parametrize("kind", [*(kind.value for kind in EntryKind), "diary", ""])
def test_a_kind_is_taken_as_the_models_take_it(journal, kind):
    journal.add_entry("words")
    raw = journal.path.read_bytes()
    journal.path.write_bytes(
        raw.replace(b'"kind":"reflection"', f'"kind":"{kind}"'.encode())
    )
    taken = kind in {kind.value for kind in EntryKind}
    assert (quick_read(journal.path) is not None) is taken


def test_a_shared_export_needs_no_models_in_this_process(journal_path):
    # The entries come before the goals in a new journal: only the second
    # process meets a record that needs the models, and imports them.
    journal = Journal.open(journal_path)
    for n in range(8):
        journal.add_entry(f"page {n}: " + "words " * 20)
    journal.add_goal("Run 5 km", Theme.BODY)
    journal.close()
    script = (
        "import sys\n"
        "from healjournal.cli import main\n"
        "from healjournal.storage import quick\n"
        "quick.SHARE_FROM = 0\n"
        f"code = main(['--db', {str(journal_path)!r}, 'export', '-f', 'jrnl'])\n"
        "assert code == 0, code\n"
        "print(sorted(m for m in sys.modules if m.startswith('healjournal.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    imported = done.stdout.splitlines()[-1]
    assert "healjournal.domain.models" not in imported
    assert "healjournal.storage.quick" in imported


def test_a_signal_to_end_leaves_the_last_export_and_no_copy(
    journal, tmp_path, shared, monkeypatch
):
    for n in range(4):
        journal.add_entry(f"page {n}")
    real = quick.jrnl_export

    def ended_midway(*args):
        done = real(*args)  # its part is in the new file by now
        os.kill(os.getpid(), signal.SIGTERM)
        return done

    monkeypatch.setattr(quick, "jrnl_export", ended_midway)
    out = tmp_path / "out.txt"
    out.write_text("the last export")
    with pytest.raises(SystemExit) as ended:
        run(["export", "-f", "jrnl", "-o", str(out), "--force"])
    assert ended.value.code == 128 + signal.SIGTERM
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out.txt"]
    assert out.read_text() == "the last export"
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # as it was


@pytest.mark.parametrize(
    "why", ["another format", "no schema record"], ids=["markdown", "jrnl"]
)
def test_no_new_file_waits_while_the_journal_is_opened(
    journal, tmp_path, capsys, monkeypatch, why
):
    # Opening may ask for a passphrase: no copy of the words lies in the
    # output's folder meanwhile.
    journal.add_entry("my words")
    if why == "no schema record":
        tables = orjson.loads(journal.path.read_bytes())
        del tables["meta"]
        journal.path.write_bytes(dump_journal(tables))
    out = tmp_path / "out" / "export.txt"
    out.parent.mkdir()
    real = cli._open_journal
    seen = []

    def opening(args, **options):
        seen.append(sorted(p.name for p in out.parent.iterdir()))
        return real(args, **options)

    monkeypatch.setattr(cli, "_open_journal", opening)
    fmt = "markdown" if why == "another format" else "jrnl"
    assert run(["export", "-f", fmt, "-o", str(out)]) == 0
    assert seen == [[]]
    assert "my words" in out.read_text()


def test_no_pipe_to_be_had_leaves_no_file_open(journal, monkeypatch):
    monkeypatch.setattr(quick, "SHARE_FROM", 0)
    for n in range(4):
        journal.add_entry(f"page {n}")

    def no_more_files():
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(quick.os, "pipe", no_more_files)
    before = sorted(os.listdir("/proc/self/fd"))
    assert quick_read(journal.path) is None
    assert sorted(os.listdir("/proc/self/fd")) == before
