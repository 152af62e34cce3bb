"""Where "now" and "today" come from, so tests can freeze time."""

from __future__ import annotations

from datetime import date, datetime, tzinfo


def aware(moment: datetime) -> datetime:
    """`moment` with its offset; a time written without one is local time."""
    return moment if moment.tzinfo else moment.astimezone()


class Clock:
    """The system clock, in the local time zone."""

    def now(self) -> datetime:
        """The current moment, timezone-aware, in local time."""
        return datetime.now().astimezone()

    def today(self) -> date:
        """The local date."""
        return self.now().date()


class FrozenClock(Clock):
    """A clock stopped at one moment; `advance` moves it by hand in tests."""

    def __init__(self, at: datetime, tz: tzinfo | None = None) -> None:
        if at.tzinfo is None:
            at = at.replace(tzinfo=tz) if tz else at.astimezone()
        self._at = at

    def now(self) -> datetime:
        """The frozen moment."""
        return self._at

    def set(self, at: datetime) -> None:
        """Move the frozen moment to `at` (naive times keep the current zone)."""
        self._at = at if at.tzinfo else at.replace(tzinfo=self._at.tzinfo)


_clock: Clock = Clock()


def get_clock() -> Clock:
    """The clock in use."""
    return _clock


def set_clock(clock: Clock) -> Clock:
    """Use `clock` from now on and return the previous one (for tests)."""
    global _clock
    previous, _clock = _clock, clock
    return previous
