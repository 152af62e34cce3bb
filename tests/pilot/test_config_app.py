"""The app and the config file: its theme, its keys (footer and F1 too), a
config with a mistake, and the one-time move out of an older journal."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from helpers import reopen, screen_text, settle
from textual.binding import Binding
from textual.dom import DOMNode

import healjournal.tui
from healjournal.machine.config import DEFAULT_THEME, THEMES, config_path, load_config
from healjournal.machine.keys import APP, BINDING_KEYS, FOLLOWERS, PLACES
from healjournal.tui.app import HealJournalApp
from healjournal.tui.screens.help import HelpScreen
from healjournal.tui.screens.main import MainScreen
from healjournal.tui.screens.urge import UrgeScreen
from healjournal.tui.widgets.footer import KeyFooter

WIDE = (120, 40)


def notices(app) -> str:
    """The notifications showing, as one string."""
    return " ".join(notice.message for notice in app._notifications)


def configured(text: str):
    """The test's config file, holding `text`."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def app_bindings() -> dict[str, dict[str, str]]:
    """Every binding id of the app, its screens, dialogs and widgets, with
    its key, by class: the classes of every module of healjournal.tui."""
    found: dict[str, dict[str, str]] = {}
    package = healjournal.tui
    for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        loaded = importlib.import_module(module.name)
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if cls.__module__ != loaded.__name__ or not issubclass(cls, DOMNode):
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    found.setdefault(cls.__name__, {})[binding.id] = binding.key
    return found


def footer_keys(app) -> list[str]:
    footer = app.screen.query_one(KeyFooter)
    return [key.key for key in footer.query("FooterKey")]


class TestTheCoresListsAreTheApps:
    """machine/ cannot import Textual: its lists must be the app's own."""

    async def test_the_themes(self, welcomed, clock):
        app = HealJournalApp(welcomed.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert tuple(app.available_themes) == THEMES
            assert app.theme == DEFAULT_THEME

    def test_every_binding_id_and_its_key_in_its_place(self):
        found = app_bindings()
        # "edit" (Ctrl+E) is listed ahead of its binding, made in another
        # branch: wherever it is bound, it is Ctrl+E.
        assert found.pop("HealJournalApp") == PLACES[APP]
        edit = [keys.pop("edit") for keys in found.values() if "edit" in keys]
        assert edit in ([], ["ctrl+e"])
        places = {
            place: {id_: key for id_, key in keys.items() if id_ != "edit"}
            for place, keys in PLACES.items()
            if place != APP
        }
        assert found == places

    def test_followers_share_their_leaders_key(self):
        for leader, followers in FOLLOWERS.items():
            for follower in followers:
                assert BINDING_KEYS[follower] == BINDING_KEYS[leader]


class TestTheme:
    async def test_the_configs_theme_is_there_from_the_start(self, welcomed, clock):
        configured('theme = "nord"\n')
        app = HealJournalApp(welcomed.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            assert app.theme == "nord"
            await settle(pilot)
            assert app.theme == "nord"
            app.theme = "gruvbox"
            await settle(pilot)
        assert load_config(config_path()).theme == "gruvbox"

    async def test_the_demo_never_writes_the_config(self, welcomed, clock):
        path = configured('# mine\ntheme = "nord"\n')
        app = HealJournalApp(welcomed.path, clock=clock, demo=True)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert app.theme == "nord"
            app.theme = "gruvbox"
            await settle(pilot)
        assert path.read_text() == '# mine\ntheme = "nord"\n'


class TestKeys:
    @pytest.mark.parametrize("written", ["f9", "F9"])
    async def test_urge_moved_to_f9_opens_there_and_the_footer_says_so(
        self, welcomed, clock, written
    ):
        configured(f'[keys]\nurge = "{written}"\n')
        app = HealJournalApp(welcomed.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            keys = footer_keys(app)
            assert "f9" in keys and "f8" not in keys
            assert "f9 I want to text" in screen_text(app).splitlines()[-1]
            await pilot.press("f8")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            await pilot.press("f9")
            await settle(pilot)
            assert isinstance(app.screen, UrgeScreen)

    async def test_f1s_help_shows_the_keys_as_moved(self, welcomed, clock):
        configured('[keys]\nurge = "f9"\nhelp = "f10"\n"goals.show_archived" = "k"\n')
        app = HealJournalApp(welcomed.path, clock=clock)
        async with app.run_test(size=(120, 80)) as pilot:
            await settle(pilot)
            await pilot.press("f10")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            lines = screen_text(app).splitlines()
            urge = next(line for line in lines if "I want to text" in line)
            assert "F9" in urge and "F8" not in urge
            assert any("│ F10 (or ?  │ this help" in line for line in lines)
            assert any("k in goals" in line for line in lines)
            assert any("Press F9, wherever you are" in line for line in lines)
            await pilot.press("f10")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)

    async def test_a_key_taken_from_another_is_a_config_mistake(self, welcomed, clock):
        path = configured('[keys]\nreview = "f2"\n')
        app = HealJournalApp(welcomed.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert (
                f"{path}, line 2: keys.review takes 'f2', the key of pane.days "
                "already; give each its own"
            ) in notices(app)
            await pilot.press("f2")  # the defaults: F2 is still the days
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)

    async def test_a_clash_textual_finds_is_told_once(self, welcomed, clock):
        # ctrl+k is the page's own (delete to the end of the line, no id).
        path = configured('[keys]\n"page.newline" = "ctrl+k"\n')
        app = HealJournalApp(welcomed.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("a", "b")  # Textual asks at every key
            await settle(pilot)
            said = [n.message for n in app._notifications if "ctrl+k" in n.message]
            assert len(said) == 1
            assert said[0].startswith(f"{path}: keys.page.newline takes ctrl+k, ")


class TestAConfigWithAMistake:
    async def test_the_app_opens_with_the_defaults_and_says_why(self, welcomed, clock):
        path = configured('theme = "nord"\n[keys]\nurge = "f9"\ncolour = "red"\n')
        before = path.read_bytes()
        app = HealJournalApp(welcomed.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert app.theme == DEFAULT_THEME
            assert f"{path}, line 4: keys.colour is not one of the app's keys" in (
                notices(app)
            )
            assert "f8" in footer_keys(app)  # the default keys
            app.theme = "gruvbox"  # not saved over the person's file
            await settle(pilot)
            assert "Not saved" in notices(app)
        assert path.read_bytes() == before

    @pytest.mark.parametrize(
        ("text", "said"),
        [
            (
                'theme = "nord"\nperson = "she"\n',
                "line 2: person is kept in the journal, not here: run "
                "`healjournal config person she`",
            ),
            (
                'theme = "nord"\n[keys]\nurge = "k"\n',
                "line 3: keys.urge = 'k' would take the letter k from everything "
                "you type; use a function key or a ctrl+ key",
            ),
        ],
    )
    async def test_what_is_not_for_this_file_is_said_with_what_to_do(
        self, welcomed, clock, text, said
    ):
        path = configured(text)
        app = HealJournalApp(welcomed.path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert app.theme == DEFAULT_THEME
            assert f"{path}, {said}" in notices(app)
            assert app.person.who == "he"  # from the journal, not the file
            await pilot.press("k")  # typed, not the urge screen
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
        assert path.read_text() == text


class TestTheMoveOutOfAnOlderJournal:
    async def test_theme_and_lock_minutes_move_once_and_stay(
        self, welcomed, journal_path, clock
    ):
        welcomed.set_setting("theme", "dracula")
        welcomed.set_setting("lock_after_minutes", 5)
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert app.theme == "dracula"
            assert app.lock_after_minutes == 5
        config = load_config(config_path())
        assert (config.theme, config.lock_minutes) == ("dracula", 5)
        settings = reopen(journal_path, clock).settings()
        assert "theme" not in settings and "lock_after_minutes" not in settings
        again = HealJournalApp(journal_path, clock=clock)
        async with again.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert again.theme == "dracula"
            assert again.lock_after_minutes == 5

    @pytest.mark.parametrize("mistake", ["theme = nord\n", "colour = 1\n"])
    async def test_not_when_the_config_has_a_mistake(
        self, welcomed, journal_path, clock, mistake
    ):
        path = configured(mistake)
        welcomed.set_setting("theme", "dracula")
        app = HealJournalApp(journal_path, clock=clock)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            assert app.theme == "dracula"  # still used, from the journal
        assert path.read_text() == mistake
        assert reopen(journal_path, clock).get_setting("theme") == "dracula"


class TestLaunch:
    @pytest.mark.parametrize("where", ["option", "environment"])
    def test_the_config_is_read_before_the_app_starts(
        self, welcomed, tmp_path, monkeypatch, where
    ):
        from healjournal import cli
        from healjournal.tui import app as app_module

        path = tmp_path / "mine.toml"
        path.write_text('theme = "nord"\ncolour = 1\n')
        started = []

        def fake_run(journal, *, collector_paused=False, setup=None):
            from healjournal.tui.collector import resume_collector

            started.append(setup)
            if collector_paused:  # as the app does after its first frame
                resume_collector()
            return 0

        monkeypatch.setattr(app_module, "run", fake_run)
        if where == "environment":
            monkeypatch.setenv("HEALJOURNAL_CONFIG", str(path))
        assert cli.main(["--config", str(path)] if where == "option" else []) == 0
        (setup,) = started
        assert setup.path == path
        assert setup.problem == f"{path}, line 2: unknown key 'colour'; known: " + (
            "theme, editor, lock_minutes, keys"
        )
        assert path.read_text() == 'theme = "nord"\ncolour = 1\n'
