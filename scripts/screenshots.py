"""Render the README's screenshots from the demo journal.

    python scripts/screenshots.py [OUT_DIR]   (default: screenshots/)

The clock is frozen at a Tuesday evening so the pictures do not change from
one run to the next; the demo journal lives in a temporary folder.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from healjournal.clock import FrozenClock, set_clock
from healjournal.demo import build_demo_journal
from healjournal.tui.app import HealJournalApp
from healjournal.tui.screens.welcome import WelcomeScreen

FROZEN_AT = datetime(2026, 11, 24, 21, 4, tzinfo=ZoneInfo("Europe/London"))
SIZE = (120, 36)


async def shoot(out: Path, path: Path, name: str, keys: list[str], size=SIZE) -> Path:
    """Run the app, press `keys`, and save one SVG."""
    app = HealJournalApp(path, clock=FrozenClock(FROZEN_AT))
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.clear_notifications()
        for key in keys:
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.clear_notifications()
        await pilot.pause()
        target = out / f"{name}.svg"
        app.save_screenshot(filename=target.name, path=str(target.parent))
    return target


async def shoot_welcome(out: Path, folder: Path) -> Path:
    """The first run: an empty journal shows the welcome."""
    app = HealJournalApp(folder / "empty.json", clock=FrozenClock(FROZEN_AT))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        target = out / "welcome.svg"
        app.save_screenshot(filename=target.name, path=str(target.parent))
    return target


async def main(out: Path) -> None:
    """Render every screenshot into `out`."""
    set_clock(FrozenClock(FROZEN_AT))
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="healjournal-shots-"))
    try:
        path = folder / "journal.json"
        build_demo_journal(path, FROZEN_AT.date(), tz=FROZEN_AT.tzinfo)
        typed = list("Walked to the river after work. Didn't check his profile once.")
        shots = [
            await shoot(out, path, "main", typed),
            await shoot(out, path, "goals", ["f4", "down", "down"]),
            await shoot(out, path, "tip", ["f3", "right", "down"]),
            await shoot(out, path, "narrow", [], size=(80, 24)),
            await shoot(out, path, "search", ["ctrl+f", *"river"]),
            await shoot(out, path, "review", ["f7"], size=(120, 48)),
            await shoot(out, path, "review-narrow", ["f7"], size=(80, 24)),
            await shoot_welcome(out, folder),
        ]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for shot in shots:
        print(shot)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")))
