"""A fictional demo journal, for trying healjournal out and for screenshots.

`build_demo_journal` writes a new journal with a few months of made-up
writing: reflections whose mood drifts upward, a handful of unsent letters and
urges, goals from the starter list with their ticks, and a no-contact record
with one slip. The person, their friends and every word are invented; the ex
is spoken of as the person using the app chose (`person`). The same seed,
`today`, time zone and person always give the same file, byte for byte.

The words are data, in `story.toml` (read by `story`); the code that turns
them into a journal is `plan` (what happens on each day), `writing` (the text
of each day, written to the journal) and `builder` (the two in order).

Pure Python: no Textual, so `healjournal --demo` can build it before the app
starts.
"""

from __future__ import annotations

from healjournal.demo.builder import MIN_DAYS, build_demo_journal, demo_journal_path

__all__ = ["MIN_DAYS", "build_demo_journal", "demo_journal_path"]
