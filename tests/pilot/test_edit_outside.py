"""Ctrl+E: the open page in the person's own editor, and back, saved.

A headless app cannot hand its terminal over (App.suspend raises), so the
tests put a no-op in its place; the editor is a real process all the same.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import TODAY, page, reopen, settle

from healjournal.domain import models
from healjournal.machine import editor as editor_module
from healjournal.tui.app import HealJournalApp
from healjournal.tui.widgets.editor import SaveIndicator

WIDE = (120, 40)


@pytest.fixture
def seen(fake_editor) -> Path:
    """Where the fake editor (see conftest) notes what it saw."""
    return fake_editor


def handing_over(app, monkeypatch) -> list[str]:
    """The terminal 'handed over' with nothing to hand: the editor just runs.

    As in Textual's own, the app comes back only when the `with` block ended
    without an exception (else it would stay suspended: blank and deaf).
    Returns what happened, one word a time.
    """
    happened: list[str] = []

    @contextmanager
    def suspend():
        happened.append("suspended")
        yield
        happened.append("resumed")

    monkeypatch.setattr(app, "suspend", suspend)
    return happened


def notices(app) -> list[str]:
    return [notice.message for notice in app._notifications]


class TestEditOutside:
    async def test_the_page_goes_out_and_comes_back_saved(
        self, welcomed, journal_path, clock, seen, monkeypatch
    ):
        monkeypatch.setenv("FAKE_WORDS", "\nThen tea with Ana.\n")
        app = HealJournalApp(journal_path, clock=clock)
        happened = handing_over(app, monkeypatch)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press(*"Walked by the river.")
            await pilot.press("ctrl+e")
            await settle(pilot)
            assert happened == ["suspended", "resumed"]
            # The editor's last line break is no change to the page.
            assert page(app).text == "Walked by the river.\nThen tea with Ana."
            state = str(app.screen.query_one(SaveIndicator).render())
            assert state == "saved 21:04"
            assert notices(app) == []
            # One edit: Ctrl+Z on the page brings back the words from before.
            await pilot.press("ctrl+z")
            assert page(app).text == "Walked by the river."
            await settle(pilot)
        what = json.loads(seen.read_text())
        assert what["text"] == "Walked by the river."
        assert not Path(what["path"]).parent.exists()  # the private folder went
        saved = reopen(journal_path, clock).reflection_for(TODAY)
        assert saved.text == "Walked by the river."  # the undo was saved too

    async def test_the_config_files_editor_is_the_one_opened(
        self, welcomed, journal_path, clock, seen, monkeypatch
    ):
        from healjournal.machine.config import config_path

        chosen = os.environ["EDITOR"]  # the fake editor, now named by the config
        monkeypatch.setenv("EDITOR", "no-such-editor-x")
        config_path().parent.mkdir(parents=True, exist_ok=True)
        config_path().write_text(f"editor = {chosen!r}\n", encoding="utf-8")
        monkeypatch.setenv("FAKE_WORDS", " And a swim.")
        app = HealJournalApp(journal_path, clock=clock)
        handing_over(app, monkeypatch)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press(*"A walk.")
            await pilot.press("ctrl+e")
            await settle(pilot)
            assert page(app).text == "A walk. And a swim."
            assert notices(app) == []

    async def test_unchanged_text_saves_nothing_and_says_nothing(
        self, welcomed, journal_path, clock, seen, monkeypatch
    ):
        welcomed.add_entry("Walked by the river.", day=TODAY)
        app = HealJournalApp(journal_path, clock=clock)
        handing_over(app, monkeypatch)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            before = journal_path.read_bytes()
            monkeypatch.setenv("FAKE_WORDS", "\n")  # vim's final line break
            await pilot.press("ctrl+e")
            await settle(pilot)
            assert page(app).text == "Walked by the river."
            assert not page(app).dirty
            assert notices(app) == []
            assert journal_path.read_bytes() == before
        assert seen.exists()

    async def test_a_failing_editor_that_changed_nothing_leaves_the_page(
        self, welcomed, journal_path, clock, seen, monkeypatch
    ):
        monkeypatch.setenv("FAKE_EXIT", "1")
        app = HealJournalApp(journal_path, clock=clock)
        happened = handing_over(app, monkeypatch)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press(*"Mine.")
            await pilot.press("ctrl+e")
            await settle(pilot)
            assert happened == ["suspended", "resumed"]  # the app came back
            assert page(app).text == "Mine."
            (notice,) = notices(app)
            assert "ended with exit code 1" in notice and "\n" not in notice
        assert list((seen.parent / "runtime").iterdir()) == []

    async def test_a_failing_editor_that_saved_words_gives_them_to_the_page(
        self, welcomed, journal_path, clock, seen, monkeypatch
    ):
        monkeypatch.setenv("FAKE_WORDS", " Words I saved before it failed.")
        monkeypatch.setenv("FAKE_EXIT", "1")
        app = HealJournalApp(journal_path, clock=clock)
        handing_over(app, monkeypatch)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press(*"Mine.")
            await pilot.press("ctrl+e")
            await settle(pilot)
            assert page(app).text == "Mine. Words I saved before it failed."
            (notice,) = notices(app)
            assert notice == (
                f"The editor {sys.executable} ended with exit code 1, but its "
                "words are on the page: Ctrl+Z undoes them."
            )
            saved = reopen(journal_path, clock).reflection_for(TODAY)
            assert saved.text == "Mine. Words I saved before it failed."
            # One edit: Ctrl+Z on the page takes them away again.
            await pilot.press("ctrl+z")
            assert page(app).text == "Mine."
            await settle(pilot)
        assert list((seen.parent / "runtime").iterdir()) == []

    async def test_an_editor_back_at_once_did_not_wait(
        self, welcomed, journal_path, clock, seen, monkeypatch, editor_ticks
    ):
        editor_ticks(0.2)  # `code` without --wait: back at once
        app = HealJournalApp(journal_path, clock=clock)
        handing_over(app, monkeypatch)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press(*"Mine.")
            await pilot.press("ctrl+e")
            await settle(pilot)
            assert page(app).text == "Mine."
            (notice,) = notices(app)
            assert notice == (
                f"The editor {sys.executable} came back at once without a "
                "change: if it opens a window, give it its wait option (code "
                "--wait, subl -w, gedit -s)."
            )
        assert seen.exists()  # it did run

    async def test_words_too_long_for_a_page_are_kept_in_a_file(
        self, welcomed, journal_path, clock, seen, tmp_path, monkeypatch
    ):
        monkeypatch.setattr(models, "MAX_TEXT_CHARS", 20)
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("FAKE_WORDS", " and then a great deal more.")
        app = HealJournalApp(journal_path, clock=clock)
        handing_over(app, monkeypatch)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press(*"Mine.")
            await pilot.press("ctrl+e")
            await settle(pilot)
            assert page(app).text == "Mine."
            kept = tmp_path / "healjournal-unsaved-20261124-210400.md"
            (notice,) = notices(app)
            assert notice.endswith(f"; its words are kept in {kept}.")
            assert kept.read_text() == "Mine. and then a great deal more."

    async def test_words_that_are_not_utf8_are_kept_in_a_file(
        self, welcomed, journal_path, clock, tmp_path, monkeypatch
    ):
        script = tmp_path / "latin1.py"
        script.write_text(
            "import sys\nopen(sys.argv[1], 'wb').write('Caf\\xe9.'.encode('latin-1'))\n"
        )
        monkeypatch.setenv("VISUAL", shlex.join([sys.executable, str(script)]))
        monkeypatch.chdir(tmp_path)
        app = HealJournalApp(journal_path, clock=clock)
        handing_over(app, monkeypatch)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press(*"Mine.")
            await pilot.press("ctrl+e")
            await settle(pilot)
            assert page(app).text == "Mine."
            kept = tmp_path / "healjournal-unsaved-20261124-210400.md"
            (notice,) = notices(app)
            assert "is not UTF-8" in notice
            assert notice.endswith(f"; its words are kept in {kept}.")
            assert kept.read_bytes() == "Café.".encode("latin-1")

    async def test_no_editor_set_says_how(
        self, welcomed, journal_path, clock, tmp_path, monkeypatch
    ):
        monkeypatch.delenv("EDITOR", raising=False)
        monkeypatch.delenv("VISUAL", raising=False)
        monkeypatch.setenv("PATH", str(tmp_path))  # no vi, no editor
        app = HealJournalApp(journal_path, clock=clock)
        handing_over(app, monkeypatch)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press(*"Mine.")
            await pilot.press("ctrl+e")
            (notice,) = notices(app)
            assert notice.startswith("No editor set: set $EDITOR")
            assert page(app).text == "Mine."

    async def test_a_terminal_that_cannot_be_handed_over_is_said(
        self, welcomed, journal_path, clock, seen, monkeypatch
    ):
        app = HealJournalApp(journal_path, clock=clock)  # headless: no suspend
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press(*"Mine.")
            await pilot.press("ctrl+e")
            (notice,) = notices(app)
            assert "cannot be handed to an editor" in notice
            assert page(app).text == "Mine."
        assert not seen.exists()

    async def test_the_end_key_still_ends_the_line(
        self, welcomed, journal_path, clock, seen, monkeypatch
    ):
        app = HealJournalApp(journal_path, clock=clock)
        handing_over(app, monkeypatch)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press(*"ab", "home", "end", "c")
            assert page(app).text == "abc"

    async def test_an_editor_not_installed_is_named_and_the_app_comes_back(
        self, welcomed, journal_path, clock, seen, monkeypatch
    ):
        monkeypatch.setenv("VISUAL", "no-such-editor-x --wait")
        app = HealJournalApp(journal_path, clock=clock)
        happened = handing_over(app, monkeypatch)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press(*"Mine.")
            await pilot.press("ctrl+e")
            assert happened == ["suspended", "resumed"]
            (notice,) = notices(app)
            assert "'no-such-editor-x' was not found" in notice
            await pilot.press(*" Still here.")
            assert page(app).text == "Mine. Still here."

    async def test_an_encrypted_page_on_disk_is_said(
        self, welcomed, journal_path, clock, seen, tmp_path, monkeypatch
    ):
        # No runtime folder and no /dev/shm: the page waits in the temp dir.
        monkeypatch.delenv("XDG_RUNTIME_DIR")
        monkeypatch.setattr(editor_module, "SHARED_MEMORY", tmp_path / "no-shm")
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
        monkeypatch.setenv("FAKE_WORDS", " More.")
        app = HealJournalApp(journal_path, clock=clock)
        handing_over(app, monkeypatch)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            app.encrypted = True  # as after the passphrase (test_lock has that)
            await pilot.press(*"Mine.")
            await pilot.press("ctrl+e")
            await settle(pilot)
            assert page(app).text == "Mine. More."
            (notice,) = notices(app)
            assert f"No RAM disk here: the page waited on disk ({tmp_path})" in notice
        assert Path(json.loads(seen.read_text())["path"]).parent.parent == tmp_path
