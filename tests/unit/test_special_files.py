"""A pipe or a device given as the journal is refused at once, never read.

Each command runs as a process with a time limit and a memory limit: without
the check, a FIFO would block the first read for ever and /dev/zero would
fill the memory.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from healjournal.storage.files import SpecialFile, open_regular, read_regular

COMMANDS = [
    ["add", "words"],
    ["search", "words"],
    ["stats"],
    ["export"],
    ["export", "-f", "jrnl"],
    ["import", "-"],
    ["encrypt"],
    ["decrypt"],
    ["delete", "--day", "today", "--yes"],
]


def _small_memory() -> None:
    """In the child: at most 1 GiB, so a runaway read fails rather than swap."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _run(db: Path, argv: list[str]) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("HEALJOURNAL_DB", "HEALJOURNAL_PASSPHRASE_FILE")
    }
    return subprocess.run(
        [sys.executable, "-m", "healjournal", "--db", str(db), *argv],
        input='{"entries": []}',
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        preexec_fn=_small_memory,
        check=False,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "journal.json"
    os.mkfifo(path)
    return path


@pytest.fixture
def zero_link(tmp_path: Path) -> Path:
    path = tmp_path / "journal.json"
    path.symlink_to("/dev/zero")
    return path


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_fifo_is_refused_in_one_line(fifo, tmp_path, argv):
    before = sorted(p.name for p in tmp_path.iterdir())
    done = _run(fifo, argv)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert f"cannot use {fifo} as the journal: it is a named pipe (FIFO)" in (
        done.stderr
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("argv", COMMANDS[:5], ids=" ".join)
def test_a_link_to_a_device_is_refused_in_one_line(zero_link, tmp_path, argv):
    done = _run(zero_link, argv)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert "/dev/zero" in done.stderr and "character device" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.json"]


def test_the_readers_refuse_without_reading(fifo):
    # In this process: a read from the FIFO would block this test for ever.
    with pytest.raises(SpecialFile, match="named pipe"):
        read_regular(fifo)
    with pytest.raises(SpecialFile, match="character device"):
        open_regular(Path("/dev/zero"))
    with pytest.raises(IsADirectoryError):
        open_regular(fifo.parent)
