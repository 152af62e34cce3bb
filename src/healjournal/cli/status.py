"""`healjournal status`: one short line for a shell prompt or a status bar.

Silent where there is nothing it may show: no journal yet, or an encrypted
one (a status bar must never ask for the passphrase).
"""

from __future__ import annotations

import sys

from healjournal.cli import opening
from healjournal.cli.parser import EXIT_OK
from healjournal.clock import get_clock
from healjournal.errors import InputError

TYPE_CHECKING = False  # typing is for the type checker only (see cli/__init__.py)
if TYPE_CHECKING:
    import argparse
    from datetime import date

    from healjournal.domain.stats import Streak

#: The fields a --format template may use, and what each one is.
FIELDS = {
    "no_contact_days": "days of no contact now (- when not counting)",
    "best": "the longest run of no contact (- when not counting)",
    "streak": "days written in a row",
    "written_today": "yes or no",
    "pages_today": "pages written today",
}


def run(args: argparse.Namespace) -> int:
    """Print the status line, read-only; nothing without a readable journal."""
    template = args.format
    if template is not None:
        _check_template(template)
    path = opening.journal_file(args)
    if not path.exists() or opening.encrypted(path):
        return EXIT_OK
    from healjournal.domain.stats import no_contact_streak, writing_streak

    today = get_clock().today()
    journal = opening.open_journal(args, read_only=True)
    try:
        with journal.reading():
            days = [e.day for e in journal.entries(end=today)]
            record = journal.no_contact()
    finally:
        journal.close()
    no_contact = no_contact_streak(record, today)
    pages_today = days.count(today)
    if template is None:
        line = status_line(no_contact, pages_today > 0, record.started, today)
    else:
        writing = writing_streak(days, today)
        line = _formatted(template, no_contact, writing, pages_today)
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
    return EXIT_OK


def status_line(
    no_contact: Streak | None, written_today: bool, started: date | None, today: date
) -> str:
    """`no contact: day 23 · not written today`, in the top bar's words."""
    from healjournal.insight.count_words import count_words

    counting = count_words(no_contact, started, today)
    written = "written today" if written_today else "not written today"
    return f"{counting} · {written}"


def _check_template(template: str) -> None:
    """Refuse a template with a field that is not in FIELDS, in one line."""
    from string import Formatter

    try:
        names = [
            name for _, name, _, _ in Formatter().parse(template) if name is not None
        ]
    except ValueError as error:
        raise InputError(
            f"--format: {error} (write {{{{ and }}}} for braces)"
        ) from None
    for name in names:
        if name not in FIELDS:
            raise InputError(
                f"--format: no field {{{name}}}; the fields are "
                + ", ".join(f"{{{field}}}" for field in FIELDS)
            )


def _formatted(
    template: str, no_contact: Streak | None, writing: Streak, pages_today: int
) -> str:
    """The person's own template, its fields filled in."""
    values: dict[str, object] = {
        "no_contact_days": "-" if no_contact is None else no_contact.current,
        "best": "-" if no_contact is None else no_contact.best,
        "streak": writing.current,
        "written_today": "yes" if pages_today else "no",
        "pages_today": pages_today,
    }
    try:
        return template.format_map(values)
    except ValueError as error:  # a format spec that does not fit the value
        raise InputError(f"--format: {error}") from None
