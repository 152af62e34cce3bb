"""Time the journal core on generated journals (run by hand, never in tests).

    python benchmarks/core.py [SIZE ...]     (default: 1000 10000)

Prints one table: opening the journal, one `add_entry` (lock, re-read check,
atomic save with fsync), one edit, reading every entry, and the `healjournal
add` command as a whole process.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from journals import build  # the speed suite's journals, made the same way

from healjournal.storage.journal import Journal


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(size: int) -> str:
    """One row of the table for a journal of `size` entries."""
    folder = Path(tempfile.mkdtemp(prefix="healjournal-bench-"))
    path = folder / "journal.json"
    build(path, size, date.today())
    megabytes = path.stat().st_size / 1e6
    open_ms = best_of(5, lambda: Journal.open(path))
    journal = Journal.open(path)
    add_ms = best_of(10, lambda: journal.add_entry("one more line"))
    entry = journal.entries()[-1]
    edit_ms = best_of(10, lambda: journal.update_entry(entry.id, text="edited"))
    read_ms = best_of(5, lambda: Journal.open(path).entries())
    env = dict(os.environ, HEALJOURNAL_DB=str(path))
    command = [sys.executable, "-m", "healjournal", "add", "from the shell"]
    cli_ms = best_of(
        5, lambda: subprocess.run(command, env=env, check=True, capture_output=True)
    )
    shutil.rmtree(folder, ignore_errors=True)
    return (
        f"{size:>8} {megabytes:>8.1f} {open_ms:>8.1f} {add_ms:>8.1f} "
        f"{edit_ms:>8.1f} {read_ms:>9.1f} {cli_ms:>8.1f}"
    )


def main(sizes: list[int]) -> None:
    """Print the table for each size."""
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(
        f"{'entries':>8} {'file MB':>8} {'open':>8} {'add':>8} {'edit':>8} "
        f"{'read all':>9} {'cli add':>8}   (median ms)"
    )
    for size in sizes:
        print(measure(size))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
