"""The speed suite runs (at 1,000 entries, once); its timings are never asserted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_speed_suite_runs_and_prints_every_row(tmp_path):
    env = dict(os.environ, HEALJOURNAL_BENCH_CACHE=str(tmp_path / "cache"))
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    table = done.stdout
    for row in (
        "| 1,000 entries |",
        "| first frame |",
        "| today's page on screen |",
        "| keys typed as the page appears, on screen |",
        "| longest stall while saving |",
        "| search results for lighthouse |",
        "| review on screen |",
        "| peak memory of the app |",
        "| export --format jrnl |",
    ):
        assert row in table, row
    # The floor was measured in the same run: the ratio column is filled in.
    assert "(floor)" in table
