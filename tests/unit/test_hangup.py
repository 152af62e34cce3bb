"""A closed terminal: the words typed are saved, and the app always ends.

Each round starts healjournal in a real pseudo-terminal, types, and closes
the terminal before the autosave, as closing a window does (the kernel sends
SIGHUP). HEALJOURNAL_HANGUP_ROUNDS sets how many rounds (3 by default; the
README's figure comes from 50).
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from healjournal.storage.journal import Journal

ROUNDS = int(os.environ.get("HEALJOURNAL_HANGUP_ROUNDS", "3"))
#: How long a closed terminal's app may take to end.
GONE_WITHIN_SECONDS = 10.0

pytestmark = pytest.mark.slow


def read_until(fd: int, wanted: bytes, seen: bytearray, limit: float = 30.0) -> None:
    """Read the terminal (so the app never blocks writing) until `wanted`."""
    end = time.monotonic() + limit
    while wanted not in seen:
        assert time.monotonic() < end, f"never saw {wanted!r}"
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            seen += os.read(fd, 65536)


def ended_within(pid: int, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if os.waitpid(pid, os.WNOHANG)[0]:
            return True
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return False


def hang_up_once(folder: Path, n: int) -> tuple[bool, bool]:
    """One round: (the process ended, the words were saved)."""
    path = folder / f"journal-{n}.json"
    journal = Journal.open(path)
    journal.set_setting("welcomed", True)
    journal.close()
    env = dict(os.environ, HEALJOURNAL_DB=str(path), TERM="xterm-256color")
    pid, fd = pty.fork()
    if pid == 0:  # the child: healjournal, in the new terminal
        os.execve(sys.executable, [sys.executable, "-m", "healjournal"], env)
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        seen = bytearray()
        read_until(fd, b"Help", seen)  # the first frame
        words = f"closing{n}words".encode()
        os.write(fd, words)
        read_until(fd, words, seen)  # on screen, not yet autosaved
    finally:
        os.close(fd)  # the window closes
    ended = ended_within(pid, GONE_WITHIN_SECONDS)
    journal = Journal.open(path)
    try:
        saved = any(words.decode() in entry.text for entry in journal.entries())
    finally:
        journal.close()
    return ended, saved


def test_closing_the_terminal_saves_the_words_and_ends_the_app(tmp_path: Path):
    results = [hang_up_once(tmp_path, n) for n in range(ROUNDS)]
    left_running = sum(not ended for ended, _ in results)
    words_lost = sum(not saved for _, saved in results)
    assert (left_running, words_lost) == (0, 0)
