"""What every thread was doing when the app's event loop stalled, while it loads.

    python benchmarks/stalls.py 100000          stalls over 45 ms
    python benchmarks/stalls.py 10000 --over 20

Opens a generated journal (benchmarks/journals.py) headless, as the speed
suite does, and waits for the load and every worker (the search warm-up
too: run.settled). A probe on the event loop arms faulthandler before each
1 ms sleep; if the sleep has not ended
`--over` ms later, faulthandler prints the stack of every thread from its own
C thread (it needs no interpreter lock, so it sees what holds it). Each
stall then gets its length and the UI thread's own CPU time in it: when that
is a fraction of the stall, the UI was waiting for a worker's share of the
interpreter. This is how the 100,000-entry load stalls were found.
"""

from __future__ import annotations

import argparse
import asyncio
import faulthandler
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import run


async def _load(path: Path, over: float, dumps) -> list[tuple[float, float, float]]:
    from healjournal.tui.app import HealJournalApp

    stalls: list[tuple[float, float, float]] = []
    app = HealJournalApp(path)
    started = time.perf_counter()
    running = True

    async def probe() -> None:
        while running:
            faulthandler.dump_traceback_later(over, file=dumps)
            before, cpu = time.perf_counter(), time.thread_time()
            await asyncio.sleep(0.001)
            after = time.perf_counter()
            faulthandler.cancel_dump_traceback_later()
            if after - before > over:
                at, length = before - started, after - before
                stalls.append((at, length, time.thread_time() - cpu))
                dumps.write(f"^^^ the stall above: {length * 1000:.0f} ms\n\n")
                dumps.flush()

    async with app.run_test(size=run.SIZE) as pilot:
        task = asyncio.get_running_loop().create_task(probe())
        await run.settled(app, pilot)
        running = False
        await task
        await pilot.press("ctrl+q")
    return stalls


def main(argv: list[str] | None = None) -> int:
    """Print the stalls of one load, with every thread's stack in each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, help="entries in the journal")
    parser.add_argument("--over", type=float, default=45, help="ms (default 45)")
    args = parser.parse_args(argv)
    path = run.scratch_copy(run.journal_for(args.size))
    with tempfile.TemporaryFile("w+") as dumps:
        try:
            stalls = asyncio.run(_load(path, args.over / 1000, dumps))
        finally:
            shutil.rmtree(path.parent, ignore_errors=True)
        dumps.seek(0)
        print(dumps.read())
    for at, length, cpu in stalls:
        print(
            f"stall at {at * 1000:,.0f} ms: {length * 1000:.0f} ms, "
            f"of which the UI thread ran {cpu * 1000:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
