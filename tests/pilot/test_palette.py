"""The command palette (Ctrl+P): colour themes, and what it offers a plain journal."""

from __future__ import annotations

from helpers import screen_text, settle

from healjournal.tui.app import HealJournalApp

WIDE = (120, 40)


async def palette(pilot, words: str) -> None:
    """Open the palette and type `words` into it."""
    await pilot.press("ctrl+p", *words)
    await settle(pilot)


class TestColourThemes:
    async def test_the_default_is_named_and_first(self, welcomed, clock):
        app = HealJournalApp(welcomed.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await palette(pilot, "Colour theme")
            await pilot.press("enter")
            await settle(pilot)
            lines = [line for line in screen_text(app).splitlines() if line.strip()]
            first = next(n for n, line in enumerate(lines) if "textual" in line)
            assert "textual-dark (the default)" in lines[first]
            assert "Shown now" in lines[first + 1]

    async def test_typing_default_finds_it(self, welcomed, clock):
        app = HealJournalApp(welcomed.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            app.theme = "nord"
            await settle(pilot)
            await palette(pilot, "Colour theme")
            await pilot.press("enter", *"default")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert app.theme == "textual-dark"


class TestKeysInTheHelpLines:
    async def test_a_key_moved_by_the_config_is_the_one_the_palette_names(
        self, welcomed, clock
    ):
        from healjournal.machine.config import config_path

        config_path().parent.mkdir(parents=True, exist_ok=True)
        config_path().write_text('[keys]\nurge = "f9"\n', encoding="utf-8")
        app = HealJournalApp(welcomed.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await palette(pilot, "I want to text")
            text = screen_text(app)
            assert "sent nowhere (F9)" in text and "(F8)" not in text
            await pilot.press("escape")
            await palette(pilot, "Review")
            assert "the seven themes (F7)" in screen_text(app)
