"""A journal in a folder that Syncthing, Dropbox or Nextcloud keep in step.

The lock beside the journal is an OS lock on the open file (flock), not the
file's existence: a `journal.json.lock` that a sync tool copied in from
another machine, with whatever it holds, is never waited on.
"""

from __future__ import annotations

import stat

from healjournal.storage.journal import Journal


def test_a_lock_file_synced_from_another_machine_is_not_waited_on(journal_path, clock):
    journal = Journal.open(journal_path, clock=clock)
    journal.add_entry("Written on the laptop.")
    journal.close()
    lock = journal_path.with_name(journal_path.name + ".lock")
    # As a sync tool leaves it: another host's words, readable by all.
    lock.write_text("held by desktop.local, pid 4242\n", encoding="utf-8")
    lock.chmod(0o644)

    # No patience at all: a lock really held would refuse this change at once.
    reopened = Journal(journal_path, clock=clock, lock_timeout=0.0)
    reopened.add_entry("Written on the desktop.")
    reopened.close()

    texts = sorted(e.text for e in Journal.open(journal_path, clock=clock).entries())
    assert texts == ["Written on the desktop.", "Written on the laptop."]
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600  # made private again
