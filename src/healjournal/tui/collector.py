"""Pausing Python's garbage collector while the app builds what it keeps.

Reading years of pages makes millions of objects, and Python's full
collections walk them all, holding the interpreter (and so the screen) for
0.1 s at 10,000 entries and a second at 100,000, several times per read.
Starting the app is the same on a smaller scale: Textual and the screen make
tens of thousands of objects, and collections cost the first frame 30 ms.
What is made then lives as long as the app, so collection waits, and what
survives is frozen out of the collector's sight (gc.freeze) so that later
collections stay short too. The pause is process-wide: a cycle dropped
meanwhile is frozen with the rest and never freed, a small cost paid once.

Pauses nest, from any thread: the collector runs again when the last ends.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["pause_collector", "quiet_collector", "resume_collector"]

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


def pause_collector() -> None:
    """Stop collecting garbage until the matching `resume_collector`."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1


def resume_collector() -> None:
    """End one pause; after the last, freeze what survived and collect again."""
    global _pauses
    with _lock:
        if _pauses == 0:
            return
        _pauses -= 1
        if _pauses == 0:
            gc.freeze()
            if _was_enabled:
                gc.enable()


@contextlib.contextmanager
def quiet_collector() -> Iterator[None]:
    """No garbage collection while the block builds what lives on."""
    pause_collector()
    try:
        yield
    finally:
        resume_collector()
