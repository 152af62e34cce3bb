"""In a real terminal, the app's output carries no sequence from a page."""

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

pytestmark = pytest.mark.slow

#: A title change, a screen clear, a clipboard write (OSC 52) and a C1 CSI.
HOSTILE = "inject \x1b]0;PWNED\x07 \x1b[2J \x1b]52;c;cHduZWQ=\x07 \x9b31m end"


def test_a_page_with_escape_sequences_sends_none_to_the_terminal(tmp_path: Path):
    path = tmp_path / "journal.json"
    journal = Journal.open(path)
    journal.set_setting("welcomed", True)
    journal.add_entry(HOSTILE)
    journal.close()
    env = dict(os.environ, HEALJOURNAL_DB=str(path), TERM="xterm-256color")
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "healjournal"], env)
    seen = bytearray()
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        end = time.monotonic() + 30
        while "inject ␛]0;PWNED␇".encode() not in seen:  # the page is drawn
            assert time.monotonic() < end, "the page never showed"
            if select.select([fd], [], [], 0.05)[0]:
                seen += os.read(fd, 65536)
        os.write(fd, b"\x11")  # Ctrl+Q
        end = time.monotonic() + 10
        while time.monotonic() < end:
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
    finally:
        os.close(fd)
        if not os.waitpid(pid, os.WNOHANG)[0]:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    for sequence in (b"\x1b]0;PWNED", b"\x1b]52;", b"\xc2\x9b", b"\x1b[2J "):
        assert sequence not in seen
