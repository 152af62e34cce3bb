"""Questions asked at the terminal: a passphrase, or a yes before deleting.

A passphrase can come from the file named by $HEALJOURNAL_PASSPHRASE_FILE
instead, for scripts. Without a terminal, nothing is asked: the command says
what to do instead, in one line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from healjournal.errors import InputError

PASSPHRASE_FILE_ENV = "HEALJOURNAL_PASSPHRASE_FILE"
MIN_PASSPHRASE = 8


def ask_passphrase(path: Path, *, new: bool = False) -> str:
    """The passphrase from $HEALJOURNAL_PASSPHRASE_FILE, or asked at the terminal.

    A `new` one must be long enough; one easy to guess gets a word of advice
    (at the terminal, a question whether to use it anyway); at the terminal
    it is then asked a second time.
    """
    source = os.environ.get(PASSPHRASE_FILE_ENV)
    if source:
        passphrase = _read_passphrase_file(Path(source).expanduser())
    elif not has_terminal():
        what = "a new passphrase" if new else f"the passphrase of {path}"
        raise InputError(
            f"there is no terminal to ask for {what}: set {PASSPHRASE_FILE_ENV} "
            "to a file holding it"
        )
    else:
        passphrase = _ask("New passphrase: " if new else f"Passphrase for {path}: ")
    if not passphrase:
        raise InputError("no passphrase was given; nothing was changed")
    if not new:
        return passphrase
    if len(passphrase) < MIN_PASSPHRASE:
        raise InputError(
            f"a passphrase needs at least {MIN_PASSPHRASE} characters; a few "
            "words you will remember work best. Nothing was changed"
        )
    from healjournal.domain.passphrase import passphrase_advice

    advice = passphrase_advice(passphrase)
    if source:  # a script: said, not asked
        if advice:
            print(f"healjournal: {advice}", file=sys.stderr)
        return passphrase
    if advice and not confirm(f"{advice[0].upper()}{advice[1:]}. Use it anyway?"):
        raise InputError(
            "nothing was changed: run healjournal encrypt again and choose a few "
            "unrelated words"
        )
    if _ask("The same passphrase again: ") != passphrase:
        raise InputError("the two passphrases are not the same; nothing was changed")
    return passphrase


def has_terminal() -> bool:
    """Whether there is a terminal to ask on (stdin may be a pipe all the same)."""
    try:
        os.close(os.open("/dev/tty", os.O_RDWR))
    except OSError:
        return False
    return True


def confirm(question: str) -> bool:
    """Ask `question` on the terminal; True only for a yes (no is the default)."""
    return ask_line(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def ask_line(prompt: str) -> str:
    """A line typed at the terminal after `prompt` ("" if there is none)."""
    import io

    try:
        tty = io.FileIO(os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY), "r+")
    except OSError:
        return ""
    with tty:
        tty.write(prompt.encode("utf-8"))
        return tty.readline().decode("utf-8", "replace")


def _ask(prompt: str) -> str:
    import getpass

    try:
        return getpass.getpass(prompt)
    except EOFError:
        return ""


def _read_passphrase_file(source: Path) -> str:
    try:
        if source.stat().st_mode & 0o077:
            raise InputError(
                f"the passphrase file {source} can be read by other users: "
                f"chmod 600 {source}, then try again"
            )
        raw = source.read_bytes()
    except OSError as error:
        raise InputError(
            f"cannot read the passphrase file {source} "
            f"({PASSPHRASE_FILE_ENV}): {error.strerror or error}"
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"the passphrase file {source} is not UTF-8") from None
    # One final newline is the file's, not the passphrase's.
    return text.removesuffix("\n").removesuffix("\r")
