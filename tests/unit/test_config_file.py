"""The config file: each mistake in one line with its line, writes that keep
comments, and the theme and lock minutes moved out of the journal once."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from healjournal.machine.config import (
    Config,
    ConfigError,
    config_path,
    load_config,
    load_setup,
)
from healjournal.machine.moving import move_to_config
from healjournal.machine.writing import ConfigSaveFailed, save_settings
from healjournal.storage.journal import Journal


@pytest.fixture
def path() -> Path:
    """The test's own config file (conftest points HEALJOURNAL_CONFIG at it)."""
    return config_path()


def written(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def mistake(path: Path, text: str) -> str:
    written(path, text)
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{path}, line ")
    return message.removeprefix(f"{path}, ")


class TestWhereItIs:
    def test_the_environment_names_it_and_option_wins(self, path, tmp_path):
        assert path == Path(os.environ["HEALJOURNAL_CONFIG"])
        assert config_path(tmp_path / "other.toml") == tmp_path / "other.toml"

    def test_without_either_it_is_the_user_config_folder(self, monkeypatch, tmp_path):
        monkeypatch.delenv("HEALJOURNAL_CONFIG")
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
        assert config_path() == tmp_path / "xdg" / "healjournal" / "config.toml"


class TestReading:
    def test_a_missing_file_is_the_defaults(self, path):
        assert not path.exists()
        assert load_config(path) == Config()
        assert load_setup(path).problem is None

    def test_every_setting(self, path):
        written(
            path,
            '# mine\ntheme = "nord"\neditor = "code --wait"\nlock_minutes = 0\n\n'
            '[keys]\nurge = "f9"\nhelp = "ctrl+u,f10"\n"urge.ask" = "q"\n',
        )
        assert load_config(path) == Config(
            theme="nord",
            editor="code --wait",
            lock_minutes=0,
            keys={"urge": "f9", "help": "ctrl+u,f10", "urge.ask": "q"},
        )

    def test_an_id_with_a_dot_needs_no_quotes(self, path):
        written(path, '[keys]\nurge.ask = "q"\n')
        assert load_config(path).keys == {"urge.ask": "q"}

    @pytest.mark.parametrize(
        ("text", "said"),
        [
            (
                'theme = "nord"\n\ncolour = "red"\n',
                "line 3: unknown key 'colour'; known: theme, editor, "
                "lock_minutes, keys",
            ),
            ('theme = "nord\n', "line 1: not valid TOML: "),
            ("# a comment\n\ntheme = nord\n", "line 3: not valid TOML: invalid value"),
            ("lock_minutes = -5\n", "line 1: lock_minutes must be a whole number"),
            ('\nlock_minutes = "ten"\n', "line 2: lock_minutes must be a whole number"),
            ("lock_minutes = true\n", "line 1: lock_minutes must be a whole number"),
            ("editor = 3\n", "line 1: editor must be a command in quotes"),
            ('editor = "vim \'x"\n', 'line 1: editor "vim \'x" is not a command'),
            ('theme = "nrd"\n', "line 1: theme 'nrd' is not one of the themes: "),
            ("theme = 1\n", "line 1: theme must be a colour theme's name"),
            ('keys = "f9"\n', "line 1: keys must be a table"),
            (
                '[keys]\nurge = "f9"\nurj = "f10"\n',
                "line 3: keys.urj is not one of the app's keys (did you mean "
                "keys.urge?)",
            ),
            ('[keys]\n\nurge = "F 9"\n', "line 3: keys.urge must be a key in quotes"),
            ("[keys]\nurge = 9\n", "line 2: keys.urge must be a key in quotes"),
            (
                '[keys]\nurge = "f9"\nhelp = "ctrl+u, f9"\n',
                "line 3: the key 'f9' is given to both keys.urge and keys.help",
            ),
            ('keys.urge = "f9"\nkeys.lock = "f9"\n', "line 2: the key 'f9'"),
            ("[colour]\nred = 1\n", "line 1: unknown key 'colour'"),
            (
                '[keys]\nsearch = "ctrl+u"\nreview = "f2"\n',
                "line 3: keys.review takes 'f2', the key of pane.days already",
            ),
            (
                '[keys]\nlock = "f7"\n',
                "line 2: keys.lock takes 'f7', the key of review",
            ),
            ('[keys]\nurge = "f1"\n', "line 2: keys.urge takes 'f1', the key of help"),
        ],
    )
    def test_each_mistake_is_one_line_with_its_line(self, path, text, said):
        assert mistake(path, text).startswith(said)

    @pytest.mark.parametrize(
        "keys",
        [
            'urge = "f9"\n"urge.main" = "f9"',  # one key, followed
            'help = "f8"\nurge = "f1"',  # a swap
            '"pane.days" = "f7"\nreview = "f2"',
            'urge = "f1"\nhelp = "f10"',  # F1 still closes help, as do Esc and q
            '"mood.lower" = "ctrl+left"',
        ],
    )
    def test_keys_that_take_nothing_from_another_are_fine(self, path, keys):
        written(path, f"[keys]\n{keys}\n")
        assert load_config(path).keys

    def test_key_names_in_capitals_are_taken_as_textual_names_them(self, path):
        written(
            path,
            '[keys]\nurge = "F9"\nhelp = "Ctrl+U, F10"\n"goals.show_archived" = "K"\n',
        )
        assert load_config(path).keys == {
            "urge": "f9",
            "help": "ctrl+u,f10",
            "goals.show_archived": "K",  # Shift+K's character, as written
        }

    @pytest.mark.parametrize(
        ("keys", "said"),
        [
            ('urge = "k"', "keys.urge = 'k' would take the letter k from "),
            ('quit = "Q"', "keys.quit = 'Q' would take the letter Q from "),
            ('help = "f10,?"', "keys.help = 'f10,?' would take the character ? "),
            ('lock = "space"', "keys.lock = 'space' would take the space bar "),
            ('urge = "tab"', "keys.urge = 'tab' would take Tab "),
            ('urge = "ctrl+i"', "keys.urge = 'ctrl+i' would take Tab "),
            ('help = "shift+tab"', "keys.help = 'shift+tab' would take Shift+Tab "),
            ('quit = "Enter"', "keys.quit = 'Enter' would take Enter "),
            ('"help.key" = "k"', "keys.help.key = 'k' would take the letter k "),
            ('"help.key" = "full_stop"', "keys.help.key = 'full_stop' would take "),
            ("edit = '1'", "keys.edit = '1' would take the digit 1 "),
            ('"undo.delete" = "u"', "keys.undo.delete = 'u' would take the letter u"),
        ],
    )
    def test_a_key_typing_uses_is_refused_where_it_is_heard_while_typing(
        self, path, keys, said
    ):
        message = mistake(path, f"# mine\n[keys]\n{keys}\n")
        assert message.startswith(f"line 3: {said}")
        assert message.endswith(
            " from everything you type; use a function key or a ctrl+ key"
        )

    @pytest.mark.parametrize(
        "keys",
        [
            '"help.key" = "question_mark"',  # its own default
            '"help.key" = "?"',  # the same key
            '"help.key" = "f10"',
            'urge = "ctrl+k"',
            '"urge.main" = "k"',  # the main screen's footer: the page hears k
            '"goals.add" = "n"',
        ],
    )
    def test_keys_elsewhere_may_be_letters(self, path, keys):
        written(path, f"[keys]\n{keys}\n")
        assert load_config(path).keys

    @pytest.mark.parametrize(
        ("setting", "said"),
        [
            ('person = "she"', "`healjournal config person she`"),
            ('person_name = "Sam Lee"', "`healjournal config person_name 'Sam Lee'`"),
            ('name = "Sam"', "`healjournal config name Sam`"),
            ("urge_minutes = 5", "`healjournal config urge_minutes 5`"),
        ],
    )
    def test_the_journals_settings_are_said_to_be_kept_there(self, path, setting, said):
        key = setting.split()[0]
        message = mistake(path, f'theme = "nord"\n{setting}\n')
        assert message == f"line 2: {key} is kept in the journal, not here: run {said}"
        assert load_setup(path).config == Config()  # the file is not used

    def test_the_ids_offered_when_nothing_is_like_it(self, path):
        said = mistake(path, '[keys]\nxyzzy = "f9"\n')
        assert "the main ones: quit, help," in said
        assert "welcome.skip" not in said  # not all ninety

    def test_a_file_not_utf8(self, path):
        path.parent.mkdir(parents=True)
        path.write_bytes(b'theme = "nord"\neditor = "\xff"\n')
        with pytest.raises(ConfigError, match=r", line 2: not UTF-8 text$"):
            load_config(path)

    def test_for_the_app_a_mistake_is_the_defaults_and_the_problem(self, path):
        written(path, 'theme = "nord"\ncolour = 1\n')
        setup = load_setup(path)
        assert setup.config == Config()
        assert setup.problem is not None
        assert setup.problem.startswith(f"{path}, line 2: unknown key 'colour'")


class TestWriting:
    def test_comments_and_order_are_kept(self, path):
        written(
            path,
            '# my healjournal\ntheme = "nord"  # easy on the eyes\n\n'
            '[keys]\n# the urge key, where my hand is\nurge = "f9"\n',
        )
        save_settings(path, {"lock_minutes": 5, "keys.help": "f10"})
        assert path.read_text() == (
            '# my healjournal\ntheme = "nord"  # easy on the eyes\n'
            "lock_minutes = 5\n\n"
            '[keys]\n# the urge key, where my hand is\nurge = "f9"\nhelp = "f10"\n'
        )
        save_settings(path, {"theme": "gruvbox", "lock_minutes": None})
        text = path.read_text()
        assert 'theme = "gruvbox"  # easy on the eyes' in text
        assert "lock_minutes" not in text
        assert "# the urge key, where my hand is" in text

    def test_a_new_file_is_0600_in_a_new_0700_folder(self, path):
        assert not path.parent.exists()
        save_settings(path, {"theme": "nord"})
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert load_config(path).theme == "nord"

    def test_a_widened_file_is_written_back_private(self, path):
        written(path, 'theme = "nord"\n').chmod(0o644)
        save_settings(path, {"theme": "dracula"})
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    def test_a_key_in_capitals_is_written_as_textual_names_it(self, path):
        save_settings(path, {"keys.urge": "F9", "keys.help": "Ctrl+U, F10"})
        assert path.read_text() == '[keys]\nurge = "f9"\nhelp = "ctrl+u,f10"\n'

    def test_a_key_typing_uses_is_not_written(self, path):
        before = written(path, "# mine\n").read_bytes()
        with pytest.raises(ConfigError, match="would take the letter k from every"):
            save_settings(path, {"keys.urge": "k"})
        assert path.read_bytes() == before

    @pytest.mark.parametrize(
        "text",
        [
            '[keys]\nurge.ask = "q"  # mine\nhelp = "f10"\n',
            '[keys.urge]\nask = "q"\n[keys.help]\nkey = "f10"\n',
            'keys.urge.ask = "q"\n',
        ],
    )
    def test_an_id_written_without_quotes_is_changed_and_cleared_there(
        self, path, text
    ):
        written(path, text)
        save_settings(path, {"keys.urge.ask": "f9"})
        assert load_config(path).keys["urge.ask"] == "f9"
        assert path.read_text().count("f9") == 1
        save_settings(path, {"keys.urge.ask": ""})
        assert "urge.ask" not in load_config(path).keys
        assert "f9" not in path.read_text()
        assert "urge" not in path.read_text()

    def test_an_id_beside_one_without_quotes_is_refused_not_lost(self, path):
        before = written(path, '[keys]\nurge.ask = "q"\n').read_bytes()
        with pytest.raises(ConfigError) as raised:
            save_settings(path, {"keys.urge": "f9"})
        assert str(raised.value) == (
            "keys.urge cannot be written while [keys] holds urge.ask without "
            'quotes: write it "urge.ask" = ..., in quotes, and try again; '
            f"{path} is unchanged"
        )
        assert path.read_bytes() == before

    def test_an_id_with_a_dot_is_written_quoted(self, path):
        save_settings(path, {"keys.urge.ask": "q"})
        assert '"urge.ask" = "q"' in path.read_text()
        assert load_config(path).keys == {"urge.ask": "q"}

    def test_a_symbolic_link_stays_a_link(self, path, tmp_path):
        dotfiles = written(tmp_path / "dotfiles" / "healjournal.toml", "# mine\n")
        path.parent.mkdir(parents=True)
        path.symlink_to(dotfiles)
        save_settings(path, {"theme": "nord"})
        assert path.is_symlink()
        assert dotfiles.read_text() == '# mine\ntheme = "nord"\n'

    @pytest.mark.parametrize(
        ("changes", "said"),
        [
            ({"theme": "nrd"}, "theme 'nrd' is not one of the themes"),
            ({"lock_minutes": -1}, "lock_minutes must be a whole number"),
            ({"keys.nope": "f9"}, "keys.nope is not one of the app's keys"),
            ({"keys.quit": "f9"}, "the key 'f9' is keys.urge's already"),
            ({"keys.review": "f2"}, "keys.review takes 'f2', the key of pane.days"),
            ({"colour": "red"}, "unknown key 'colour'"),
            ({"colour": None}, "unknown key 'colour'"),
        ],
    )
    def test_a_bad_value_changes_nothing(self, path, changes, said):
        before = written(path, '# mine\n[keys]\nurge = "f9"\n').read_bytes()
        with pytest.raises(ConfigError, match=said) as raised:
            save_settings(path, changes)
        assert str(raised.value).endswith(f"{path} is unchanged")
        assert path.read_bytes() == before

    def test_a_file_with_a_mistake_is_never_written(self, path):
        before = written(path, "theme = nord  # oops\n").read_bytes()
        with pytest.raises(ConfigError, match="line 1: not valid TOML"):
            save_settings(path, {"lock_minutes": 5})
        assert path.read_bytes() == before

    def test_a_failed_write_leaves_the_file(self, path, monkeypatch):
        before = written(path, 'theme = "nord"\n').read_bytes()

        def full_disk(target, payload):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("healjournal.storage.layout.write_atomically", full_disk)
        with pytest.raises(ConfigSaveFailed, match="No space left on device"):
            save_settings(path, {"theme": "dracula"})
        assert path.read_bytes() == before


class TestTheMoveOutOfTheJournal:
    """The theme and the lock minutes, kept in the journal before the config."""

    @pytest.fixture
    def older(self, journal) -> Journal:
        journal.set_setting("theme", "nord")
        journal.set_setting("lock_after_minutes", 30)
        journal.set_setting("person", "she")
        return journal

    def test_they_move_to_the_config_and_leave_the_journal(self, older, path):
        assert move_to_config(older, path) == {"theme": "nord", "lock_minutes": 30}
        assert load_config(path) == Config(theme="nord", lock_minutes=30)
        assert older.settings() == {"person": "she"}  # what travels stays

    def test_it_is_done_once(self, older, path):
        move_to_config(older, path)
        save_settings(path, {"theme": "dracula"})  # changed since, in the config
        older.set_setting("welcomed", True)
        assert move_to_config(older, path) == {}
        assert load_config(path).theme == "dracula"

    def test_what_the_config_sets_already_wins(self, older, path):
        written(path, '# mine\ntheme = "gruvbox"\n')
        assert move_to_config(older, path) == {"lock_minutes": 30}
        assert load_config(path) == Config(theme="gruvbox", lock_minutes=30)
        assert "theme" not in older.settings()

    def test_not_when_the_config_has_a_mistake(self, older, path):
        before = written(path, "theme = nord\n").read_bytes()
        with pytest.raises(ConfigError):
            move_to_config(older, path)
        assert path.read_bytes() == before
        assert older.get_setting("theme") == "nord"
        assert older.get_setting("lock_after_minutes") == 30

    def test_nothing_is_lost_when_the_config_cannot_be_saved(
        self, older, path, monkeypatch
    ):
        def full_disk(target, payload):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("healjournal.storage.layout.write_atomically", full_disk)
        with pytest.raises(ConfigSaveFailed):
            move_to_config(older, path)
        assert older.get_setting("theme") == "nord"
        assert older.get_setting("lock_after_minutes") == 30

    def test_a_theme_this_textual_lacks_is_not_moved(self, journal, path):
        journal.set_setting("theme", "theme-from-a-plugin")
        journal.set_setting("lock_after_minutes", 7.6)
        assert move_to_config(journal, path) == {"lock_minutes": 8}
        assert journal.settings() == {}

    def test_delete_setting_forgets_one(self, journal, clock):
        journal.set_setting("theme", "nord")
        journal.set_setting("urge_minutes", 5)
        journal.delete_setting("theme")
        journal.delete_setting("not-there")
        again = Journal.open(journal.path, clock=clock)
        assert again.settings() == {"urge_minutes": 5}
