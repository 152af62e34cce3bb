"""jrnl's journal file: one entry as jrnl writes it.

Shared by the export of an opened journal (interchange.to_jrnl) and the quick
export from the file (quick.py), which imports nothing of the models.
"""

from __future__ import annotations

from datetime import date, datetime

#: A time of day as "%I:%M:%S %p" gives it in the C locale, by hour and minute.
_HOURS = [f"{hour % 12 or 12:02d}" for hour in range(24)]
_SIXTY = [f"{n:02d}" for n in range(60)]
_NOON = ["AM"] * 12 + ["PM"] * 12


def jrnl_entry(
    day: date, created: datetime, title: str, body: str, starred: bool
) -> bytes:
    """One entry as a jrnl file holds it, in UTF-8: a "[time] title" line, the
    words, and the blank line that comes before the next entry."""
    # Not strftime, nor format specs: 10,000 of those were a tenth of an
    # export's time.
    hour = created.hour
    stamp = (
        f"[{day.isoformat()} {_HOURS[hour]}:{_SIXTY[created.minute]}:"
        f"{_SIXTY[created.second]} {_NOON[hour]}] "
    )
    # In bytes: the words are encoded once and never copied as text.
    words = body.encode().rstrip(b"\n ")
    head = title.encode().rstrip(b"\n ")
    if not head:  # no title: the first line of the words is one
        head, _, words = words.partition(b"\n")
    star = b" *" if starred else b""
    if words:
        return b"".join((stamp.encode(), head, star, b"\n", words, b"\n\n"))
    return b"".join((stamp.encode(), head, star, b"\n\n"))
