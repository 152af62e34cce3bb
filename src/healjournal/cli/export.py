"""`healjournal export`: the entries as markdown, json, text or jrnl, oldest first.

To stdout, or to a file written whole, never over the journal or its backups.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from healjournal.cli import opening
from healjournal.cli.parser import EXIT_OK
from healjournal.clock import get_clock
from healjournal.errors import InputError

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse
    from datetime import date


def run(args: argparse.Namespace) -> int:
    """Write the export to stdout or to the file -o names."""
    start = end = None
    if args.start or args.end:
        from healjournal.domain.day_words import parse_day

        today = get_clock().today()
        start = parse_day(args.start, today) if args.start else None
        end = parse_day(args.end, today) if args.end else None
    if start and end and start > end:
        raise InputError(f"--from {start} is after --to {end}: swap them")
    output = Path(args.output).expanduser() if args.output else None
    target, stream = None, False  # the file written, and whether it is a stream
    if output is not None:
        journal_file = Path(os.path.realpath(opening.journal_file(args)))
        target = Path(os.path.realpath(output))
        if target.parent == journal_file.parent and target.name.startswith(
            journal_file.name
        ):
            raise InputError(
                f"{output} is the journal itself or one of its backups: "
                "export to another file"
            )
        if output.is_dir():
            raise InputError(f"{output} is a folder: give a file name with -o")
        # A device or a pipe (-o /dev/stdout) is written to, never replaced.
        # Asked of `output` itself: the real path of a pipe is no file's.
        stream = output.exists() and not output.is_file()
        if target.is_file() and not args.force:
            raise InputError(
                f"{output} already exists: choose another name or add --force"
            )
        if not target.parent.is_dir():
            raise InputError(f"the folder {output.parent} does not exist")
    count, text = _export(args, start, end)
    if output is None and sys.stdout.isatty():
        # Shown, not kept: a terminal gets marks for control characters.
        from healjournal.domain.visible import visible

        text = visible(text)
    data = text.encode("utf-8")  # UTF-8, as in a file, whatever the terminal's
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    from healjournal.storage.layout import write_atomically

    try:
        if stream:
            with output.open("wb") as device:
                device.write(data)
        else:  # through a link, the file it names is replaced
            write_atomically(target, data)
    except BrokenPipeError:
        raise  # the reader left (-o /dev/stdout | head): see main
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror}") from None
    print(
        f"Wrote {count} entr{'y' if count == 1 else 'ies'} to {output}.",
        file=sys.stderr,
    )
    return EXIT_OK


def _export(
    args: argparse.Namespace, start: date | None, end: date | None
) -> tuple[int, str]:
    """The export of the journal, opened read-only: how many entries, and the text."""
    from healjournal.domain.person import Person
    from healjournal.storage.interchange import ExportFormat, export

    journal = opening.open_journal(args, read_only=True)
    entries = journal.entries(start, end)
    everything = start is None and end is None
    record = journal.no_contact()
    text = export(
        ExportFormat(args.format),
        entries,
        goals=journal.goals(include_archived=True) if everything else None,
        no_contact=record if everything else None,
        urges=journal.urges() if everything else None,
        slips=[
            s
            for s in record.slips
            if (start is None or s.day >= start) and (end is None or s.day <= end)
        ],
        exported_at=get_clock().now(),
        person=Person.from_settings(journal.settings()),
    )
    return len(entries), text
