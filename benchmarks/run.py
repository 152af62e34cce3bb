"""The speed suite: healjournal against a floor and a peer, in one table.

    python benchmarks/run.py             1k, 10k and 100k entries, with jrnl
    python benchmarks/run.py --smoke     1k only, no jrnl, one run each (CI)

Run by hand on a quiet machine; tests never assert a duration. Each figure
is measured in the same run as what it is compared with:

- the floor: a minimal Textual app (Header, Static, Footer) started the same
  way, in a real pseudo-terminal, to its first frame;
- the peer: jrnl from PyPI, installed by this script in its own virtualenv,
  on the same entries (written by `healjournal export --format jrnl`).

healjournal is started by its installed script, as jrnl is by its own.
Startup is the whole process in a pseudo-terminal: to the first frame (the
footer is drawn), to today's page on screen (its words are), to keys typed
the moment the page appears being on screen (what a person who starts typing
at once waits for), and to the whole journal read and shown (the top bar
counts the goals; the peak memory is taken after it). Each command-line
figure is budgeted to be faster than jrnl's. Saves, search and the review are timed
inside the app, headless, with a probe on the event loop that records the
longest stall. Journals come from benchmarks/journals.py and are kept in
$HEALJOURNAL_BENCH_CACHE (default: a folder in the system temp dir).
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import fcntl
import os
import platform
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import contextlib

from journals import NEEDLE, TODAY_MARK, build

JRNL_VERSION = "4.6"
#: The app's peak memory at 100,000 entries before issue 16, which it must not pass.
BIG_PEAK_MIB = 1_130
#: Typed into today's page as soon as it is on screen: a new line, then a
#: word no generated journal holds (on a line of its own, it is never wrapped).
TYPED = b"\rqxzvj"
SIZE = (120, 40)
CACHE = Path(
    os.environ.get(
        "HEALJOURNAL_BENCH_CACHE", Path(tempfile.gettempdir()) / "healjournal-bench"
    )
)

#: healjournal as a user starts it: the script installed beside this Python
#: (as jrnl is started by its own), else `python -m healjournal`.
_SCRIPT = Path(sys.executable).with_name("healjournal")
HEALJOURNAL = (
    [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "healjournal"]
)

FLOOR_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Floor(App):
    BINDINGS = [("ctrl+q", "quit", "Quit")]
    def compose(self):
        yield Header()
        yield Static("floor ready")
        yield Footer()

Floor().run()
"""

_ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


@dataclass
class Row:
    """One line of the table."""

    what: str
    ours: float
    other: float | None = None
    other_name: str = ""
    budget: str = ""
    ok: bool | None = None
    unit: str = "ms"


# -- the journals ------------------------------------------------------------


def journal_for(size: int) -> Path:
    """The generated journal of `size` entries for today, built once."""
    folder = CACHE / f"{size}-{date.today().isoformat()}"
    path = folder / "journal.json"
    if not path.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        build(path, size, date.today())
    return path


def scratch_copy(path: Path) -> Path:
    """A copy to write to, so every run starts from the same journal."""
    folder = Path(tempfile.mkdtemp(prefix="healjournal-run-"))
    target = folder / "journal.json"
    shutil.copy2(path, target)
    return target


# -- whole processes in a pseudo-terminal -------------------------------------


def in_terminal(
    argv: Sequence[str],
    markers: Sequence[bytes],
    env: dict[str, str],
    typing: dict[bytes, bytes] | None = None,
) -> tuple[list[float], int]:
    """Start `argv` in a pty; seconds until each marker is on screen (in any
    order), peak KiB. `typing`: keys typed the moment a marker is on screen,
    by that marker."""
    typing = dict(typing or {})
    master, slave = pty.openpty()
    rows, cols = SIZE[1], SIZE[0]
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    seen: dict[bytes, float] = {}
    screen = b""
    deadline = start + 120
    try:
        while len(seen) < len(markers) and time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                break
            now = time.perf_counter() - start
            screen += chunk
            plain = _ANSI.sub(b"", screen)
            for marker in markers:
                if marker not in seen and marker in plain:
                    seen[marker] = now
                    if marker in typing:
                        os.write(master, typing.pop(marker))
        os.write(master, b"\x11")  # Ctrl+Q: save and quit
        usage = _reap(process, master, limit=30)
    finally:
        if process.returncode is None:
            os.killpg(process.pid, signal.SIGKILL)
            usage = _reap(process, master, limit=10)
        os.close(master)
    missing = [marker for marker in markers if marker not in seen]
    if missing:
        raise RuntimeError(f"{argv[-1]}: never showed {missing[0]!r}")
    return [seen[marker] for marker in markers], (
        usage.ru_maxrss if usage is not None else 0
    )


def _reap(process: subprocess.Popen, master: int, limit: float):
    """Wait for `process` to end, draining its output; its resource usage."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return usage
        if select.select([master], [], [], 0.05)[0]:
            with contextlib.suppress(OSError):
                os.read(master, 1 << 16)
    return None


def startup(size: int, runs: int) -> tuple[list[Row], float]:
    """Floor and healjournal startup, side by side; returns rows and peak MiB."""
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="120", LINES="40")
    env.pop("NO_COLOR", None)
    floor_script = CACHE / "floor_app.py"
    floor_script.write_text(FLOOR_APP)
    floor, first, shown, typed, read, peaks = [], [], [], [], [], []
    for _ in range(runs):
        (floor_first,), _ = in_terminal(
            [sys.executable, str(floor_script)], [b"floor ready"], env
        )
        floor.append(floor_first)
        path = scratch_copy(journal_for(size))
        try:
            # The top bar counts the goals once the whole journal is read:
            # the peak memory is taken after that, not before. Keys are typed
            # as soon as today's page is on screen, as a person would.
            page_mark, keys = TODAY_MARK.encode(), TYPED.lstrip(b"\r")
            (frame, page, on_screen, everything), peak = in_terminal(
                [*HEALJOURNAL, "--db", str(path)],
                [b"Help", page_mark, keys, b"ticked this week"],
                env,
                typing={page_mark: TYPED},
            )
        finally:
            shutil.rmtree(path.parent, ignore_errors=True)
        first.append(frame)
        shown.append(page)
        typed.append(on_screen)
        read.append(everything)
        peaks.append(peak)
    floor_s = statistics.median(floor)
    first_s = statistics.median(first)
    typed_s = statistics.median(typed)
    rows = [
        Row(
            "first frame",
            first_s * 1000,
            floor_s * 1000,
            "floor",
            "1.5x floor",
            first_s <= 1.5 * floor_s,
        ),
        Row("today's page on screen", statistics.median(shown) * 1000),
        Row(
            "keys typed as the page appears, on screen",
            typed_s * 1000,
            floor_s * 1000,
            "floor",
            "2x floor",
            typed_s <= 2 * floor_s,
        ),
        Row("whole journal read and shown", statistics.median(read) * 1000),
    ]
    return rows, max(peaks) / 1024


# -- inside the app, headless ---------------------------------------------------


class StallProbe:
    """The longest the event loop went without running a 1 ms sleep."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._running = True
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.task = asyncio.get_running_loop().create_task(self._probe())

    async def _probe(self) -> None:
        while self._running:
            before = time.perf_counter()
            await asyncio.sleep(0.001)
            self.longest = max(self.longest, time.perf_counter() - before - 0.001)

    def take(self) -> float:
        """The longest stall since the last take, in ms."""
        longest, self.longest = self.longest, 0.0
        return longest * 1000

    def stop(self) -> None:
        self._running = False


def _stamp(path: Path) -> tuple[int, int, int]:
    """What the journal file looks like on disk: a save changes it."""
    info = path.stat()
    return info.st_ino, info.st_size, info.st_mtime_ns


async def settled(app, pilot) -> None:
    """Wait until the journal is shown and all the work of its load is done.
    The search index is warmed a moment after the journal is shown
    (BACKGROUND_AFTER_SECONDS, on a timer): its stalls are the load's."""
    main = app.screen
    await _until(lambda: not main.busy, pilot)
    await _until(lambda: len(main.search_index) > 0, pilot)
    await _quiet(app, pilot)


async def _quiet(app, pilot) -> None:
    """Wait for the app's workers, and for those they lead to; a search
    superseded by the next is fine."""
    from textual.worker import WorkerCancelled

    while True:
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            return


async def _until(condition: Callable[[], bool], pilot, limit: float = 60) -> None:
    deadline = time.perf_counter() + limit
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError("the app never got there")
        await asyncio.sleep(0.001)


async def inside(path: Path, saves: int) -> dict[str, float]:
    """Load, save, search and review in the app; times and longest stalls (ms)."""
    from healjournal.tui.app import HealJournalApp
    from healjournal.tui.screens.review import ReviewScreen
    from healjournal.tui.widgets import editor as editor_module

    autosave = editor_module.AUTOSAVE_DELAY
    editor_module.AUTOSAVE_DELAY = 3600  # saves happen on Ctrl+S, when timed
    figures: dict[str, float] = {}
    app = HealJournalApp(path)
    probe = StallProbe()
    try:
        async with app.run_test(size=SIZE) as pilot:
            probe.start()
            start = time.perf_counter()
            main = app.screen
            await _until(lambda: not main.busy, pilot)
            figures["load"] = (time.perf_counter() - start) * 1000
            await settled(app, pilot)
            figures["load stall"] = probe.take()
            save_times, save_stalls = [], []
            editor = main.query_one("EditorPane")
            for _ in range(saves):
                editor.text_area.insert("x")  # a keystroke, without the pilot's waits
                await pilot.pause()
                await pilot.pause()
                probe.take()
                stamp = _stamp(path)
                before = time.perf_counter()
                editor.save_now()  # what the autosave timer (or Ctrl+S) does
                await _until(lambda stamp=stamp: _stamp(path) != stamp, pilot)
                save_times.append((time.perf_counter() - before) * 1000)
                await _until(lambda: not main.busy and not editor.dirty, pilot)
                await _quiet(app, pilot)
                save_stalls.append(probe.take())
            figures["save"] = statistics.median(save_times)
            figures["save stall"] = max(save_stalls)
            await pilot.press("ctrl+f")
            await _quiet(app, pilot)
            search_times = []
            probe.take()
            screen = app.screen
            for _ in range(3):
                query = screen.query_one("#search-query")
                asked = screen._token
                before = time.perf_counter()
                query.value = NEEDLE  # as if pasted: one search
                await _until(
                    lambda asked=asked: (
                        screen._token > asked and screen.shown == screen._token
                    ),
                    pilot,
                )
                search_times.append((time.perf_counter() - before) * 1000)
                query.value = ""
                await _quiet(app, pilot)
            figures["search"] = statistics.median(search_times)
            figures["search stall"] = probe.take()
            await pilot.press("escape")
            await pilot.pause()
            review_times = []
            for _ in range(3):
                probe.take()
                before = time.perf_counter()
                await main.run_action("review")
                await _until(
                    lambda: (
                        isinstance(app.screen, ReviewScreen)
                        and app.screen.review is not None
                    ),
                    pilot,
                )
                review_times.append((time.perf_counter() - before) * 1000)
                await pilot.pause()
                figures["review stall"] = max(
                    figures.get("review stall", 0), probe.take()
                )
                await pilot.press("escape")
                await pilot.pause()
            figures["review"] = statistics.median(review_times)
            probe.stop()
    finally:
        editor_module.AUTOSAVE_DELAY = autosave
    return figures


# -- the command line, against jrnl -------------------------------------------------


def _time_command(argv: Sequence[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        before = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - before)
    return statistics.median(times) * 1000


def jrnl_ready() -> Path:
    """jrnl in its own virtualenv (installed once from PyPI)."""
    venv = CACHE / f"jrnl-{JRNL_VERSION}"
    binary = venv / "bin" / "jrnl"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", f"jrnl=={JRNL_VERSION}"],
            check=True,
        )
    return binary


def command_line(size: int, runs: int, peer: bool) -> list[Row]:
    """Export, search and the last entry: healjournal against jrnl."""
    path = journal_for(size)
    env = dict(os.environ, HEALJOURNAL_DB=str(path), NO_COLOR="1")
    ours = HEALJOURNAL
    folder = Path(tempfile.mkdtemp(prefix="healjournal-cli-"))
    try:
        exported = folder / "journal.txt"
        export_ms = _time_command(
            [*ours, "export", "-f", "jrnl", "-o", str(exported), "--force"], env, runs
        )
        search_ms = _time_command([*ours, "search", NEEDLE], env, runs)
        last_ms = _time_command(
            [*ours, "export", "-f", "text", "--from", "today"], env, runs
        )
        if not peer:
            return [
                Row("export --format jrnl", export_ms),
                Row(f"search {NEEDLE}", search_ms),
                Row("today's entry", last_ms),
            ]
        jrnl = jrnl_ready()
        config = folder / "config" / "jrnl"
        config.mkdir(parents=True)
        (config / "jrnl.yaml").write_text(
            "colors: {body: none, date: none, tags: none, title: none}\n"
            "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
            "highlight: false\nindent_character: '|'\n"
            f"journals: {{default: {{journal: {exported}}}}}\n"
            "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
            "timeformat: '%F %r'\nversion: v4.6\n"
        )
        peer_env = dict(os.environ, XDG_CONFIG_HOME=str(folder / "config"))
        jrnl_export = _time_command(
            [str(jrnl), "--format", "json", "--file", str(folder / "out.json")],
            peer_env,
            runs,
        )
        jrnl_search = _time_command([str(jrnl), "-contains", NEEDLE], peer_env, runs)
        jrnl_last = _time_command([str(jrnl), "-n", "1"], peer_env, runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    # The budget of each: faster than jrnl.
    return [
        Row(what, ours_ms, jrnl_ms, name, "1x jrnl", ours_ms < jrnl_ms)
        for what, ours_ms, jrnl_ms, name in (
            ("export --format jrnl", export_ms, jrnl_export, "jrnl --format json"),
            (
                f"search {NEEDLE} (process)",
                search_ms,
                jrnl_search,
                f"jrnl -contains {NEEDLE}",
            ),
            ("today's entry (process)", last_ms, jrnl_last, "jrnl -n 1"),
        )
    ]


# -- the table ------------------------------------------------------------------------


def table(size: int, rows: list[Row]) -> str:
    """The rows of one journal size as Markdown."""
    lines = [
        f"| {size:,} entries | healjournal | compared with | ratio | budget | |",
        "| --- | ---: | --- | ---: | --- | --- |",
    ]
    for row in rows:
        ours = f"{row.ours:,.0f} {row.unit}"
        other = (
            f"{row.other:,.0f} ms ({row.other_name})" if row.other is not None else ""
        )
        ratio = f"{row.ours / row.other:.2f}x" if row.other else ""
        ok = "" if row.ok is None else ("✓" if row.ok else "✗ over")
        lines.append(
            f"| {row.what} | {ours} | {other} | {ratio} | {row.budget} | {ok} |"
        )
    return "\n".join(lines)


def measure(size: int, *, runs: int, peer: bool) -> list[Row]:
    """Every figure for one size."""
    rows: list[Row] = []
    big = size >= 100_000
    # A stress size starts once: its figures are for stalls and memory.
    start_rows, peak = startup(size, 1 if big else runs)
    rows += start_rows
    path = scratch_copy(journal_for(size))
    try:
        figures = asyncio.run(inside(path, saves=3 if big else 5))
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    stall_budget = 100 if big else 16
    rows += [
        Row("load, in the app", figures["load"]),
        Row(
            "longest stall while loading",
            figures["load stall"],
            budget="100 ms" if big else "",
            ok=figures["load stall"] <= 100 if big else None,
        ),
        Row(
            "autosave: durable on disk",
            figures["save"],
            budget="200 ms",
            ok=figures["save"] <= 200 if not big else None,
        ),
        Row(
            "longest stall while saving",
            figures["save stall"],
            budget=f"{stall_budget} ms",
            ok=figures["save stall"] <= stall_budget,
        ),
        Row(
            f"search results for {NEEDLE}",
            figures["search"],
            budget="" if big else "50 ms",
            ok=None if big else figures["search"] <= 50,
        ),
        Row(
            "longest stall while searching",
            figures["search stall"],
            budget="100 ms" if big else "",
            ok=figures["search stall"] <= 100 if big else None,
        ),
        Row(
            "review on screen",
            figures["review"],
            budget="" if big else "150 ms",
            ok=None if big else figures["review"] <= 150,
        ),
    ]
    rows.append(
        Row(
            "peak memory of the app",
            peak,
            budget=f"{BIG_PEAK_MIB:,} MiB" if big else "150 MiB",
            ok=peak <= (BIG_PEAK_MIB if big else 150),
            unit="MiB",
        )
    )
    if not big:
        rows += command_line(size, runs, peer)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Run the suite and print one table per journal size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="1k, one run, no jrnl")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    sizes = [1000] if args.smoke else args.sizes
    runs = 1 if args.smoke else args.runs
    CACHE.mkdir(parents=True, exist_ok=True)
    # An installed healjournal has its bytecode compiled (pip does it), so
    # time that, not compiling from source: an editable install in a shell
    # with PYTHONDONTWRITEBYTECODE would otherwise compile on every start.
    import healjournal

    compileall.compile_dir(Path(healjournal.__file__).parent, quiet=1)
    print(
        f"healjournal speed suite · {date.today().isoformat()} · "
        f"{platform.platform()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · median of {runs} run(s)\n"
    )
    for size in sizes:
        print(table(size, measure(size, runs=runs, peer=not args.smoke)))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
