"""The errors healjournal reports to people, each with a message worth reading."""

from __future__ import annotations


class HealJournalError(Exception):
    """Something the user can fix; the message says what is wrong and what to do."""


class InputError(HealJournalError):
    """Text, a date or an option the user gave that cannot be used as it is."""


class JournalError(HealJournalError):
    """The journal file cannot be opened or saved."""


class JournalUnreadable(JournalError):
    """The journal exists but cannot be read; it is left exactly as it is."""


class JournalBusy(JournalError):
    """Another healjournal held the journal's lock for too long."""


class SaveFailed(JournalError):
    """A save did not reach the disk; the journal on disk is unchanged."""


class JournalLocked(JournalError):
    """The journal is encrypted and this healjournal has no key for it yet."""


class WrongPassphrase(JournalLocked):
    """The passphrase given does not open the journal; nothing was changed."""
