"""No contact: when it started, and the slips logged since."""

from __future__ import annotations

from datetime import date

from healjournal.domain.models import NoContact, Slip, check_text
from healjournal.errors import InputError
from healjournal.storage.records import no_contact_record
from healjournal.storage.tables import NOCONTACT, TableStore


class NoContactMixin(TableStore):
    """The Journal's no-contact record: its start and its slips."""

    def no_contact(self) -> NoContact:
        """When no contact started and every slip since."""
        records = self._convert_all(NOCONTACT)
        started = None
        slips = []
        for _, record in sorted(records.items()):
            if isinstance(record, Slip):
                slips.append(record)
            elif record is not None:
                started = record  # the last start recorded wins
        slips.sort(key=lambda s: (s.day, s.id))
        return NoContact(started=started, slips=tuple(slips))

    def start_no_contact(self, last_contact: date) -> NoContact:
        """Record the last day of contact before no contact began."""
        # Imported here: reading days costs every command ~10 ms to import.
        from healjournal.domain.dates import check_not_future

        check_not_future(last_contact, self._clock.today())
        with self.transaction():
            for record_id, item in self._convert_all(NOCONTACT).items():
                if isinstance(item, date):  # the start recorded before
                    self._remove(NOCONTACT, record_id)
            self._put(NOCONTACT, no_contact_record(last_contact))
        return self.no_contact()

    def log_slip(self, day: date | None = None, note: str = "") -> Slip:
        """Record contact on `day` (today by default); the count starts again."""
        from healjournal.domain.dates import check_not_future

        day = check_not_future(day or self._clock.today(), self._clock.today())
        check_text(note, "the note")
        slip = Slip(id=0, day=day, note=note, created=self._clock.now())
        with self.transaction():
            return self._put(NOCONTACT, no_contact_record(slip))

    def delete_slip(self, slip_id: int) -> None:
        """Remove a slip logged by mistake."""
        with self.transaction():
            slip = self._require(NOCONTACT, slip_id, "slip")
            if not isinstance(slip, Slip):
                raise InputError(f"record {slip_id} is not a slip")
            self._remove(NOCONTACT, slip_id)
            self._bury(slip.uid)

    def import_no_contact(self, record: NoContact) -> int:
        """Add another journal's no-contact record: its start if this journal
        has none, and the slips not here already (the same uid, or the same
        day and note); return the slips added."""
        with self.transaction():
            here = self.no_contact()
            if record.started and here.started is None:
                self._put(NOCONTACT, no_contact_record(record.started))
            seen = {key for slip in here.slips for key in _slip_keys(slip)}
            added = 0
            for slip in record.slips:
                if not seen.isdisjoint(_slip_keys(slip)):
                    continue
                seen.update(_slip_keys(slip))
                self._put(NOCONTACT, no_contact_record(slip))
                added += 1
        return added


def _slip_keys(slip: Slip) -> tuple[str, tuple[date, str]]:
    """Its uid; its day and its note."""
    return (slip.uid, (slip.day, slip.note))
