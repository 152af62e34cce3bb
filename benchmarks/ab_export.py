"""Time `healjournal export --format jrnl` of two or more source trees, interleaved.

    python benchmarks/ab_export.py OLD/src NEW/src [--runs 21] [--size 10000]

Each tree is a `src` folder (e.g. `git archive HEAD src | tar -x -C /tmp/old`);
its package is put first on PYTHONPATH, so this project's Python and
libraries run every tree's code. The runs take turns (A, B, A, B...), so a
machine that speeds up or slows down mid-way weighs on every tree alike, and
the median, quartiles and best of each are printed. Differences of a
millisecond or two need 15 runs or more to be told from noise on a 2-core
machine. The journal is the runner's generated one (see run.py).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import journal_for


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", type=Path, help="src folders to compare")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    if args.runs < 2:
        parser.error("--runs: at least 2, to have quartiles")
    journal = journal_for(args.size)
    for tree in args.trees:
        compileall.compile_dir(tree, quiet=1)  # as pip install does
    times: dict[Path, list[float]] = {tree: [] for tree in args.trees}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "export.txt"
        command = [sys.executable, "-m", "healjournal", "export", "-f", "jrnl"]
        command += ["-o", str(out), "--force"]
        for _ in range(args.runs):
            for tree in args.trees:
                env = dict(
                    os.environ, PYTHONPATH=str(tree), HEALJOURNAL_DB=str(journal)
                )
                before = time.perf_counter()
                subprocess.run(command, env=env, check=True, capture_output=True)
                times[tree].append((time.perf_counter() - before) * 1000)
    for tree, taken in times.items():
        q1, median, q3 = statistics.quantiles(taken, n=4)
        print(
            f"{tree}: median {median:.1f} ms, quartiles {q1:.1f}-{q3:.1f}, "
            f"best {min(taken):.1f} ({len(taken)} runs)"
        )


if __name__ == "__main__":
    main()
