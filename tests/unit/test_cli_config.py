"""`healjournal config`: every setting and where it comes from; changing one."""

from __future__ import annotations

import pytest

from healjournal import cli
from healjournal.cli import prompts as cli_prompts
from healjournal.machine.config import config_path, load_config
from healjournal.storage import crypto
from healjournal.storage.crypto import KdfCost
from healjournal.storage.journal import Journal

CHEAP = KdfCost(log2_n=10, r=8, p=1)
PASSPHRASE = "lemon cake on a Sunday"
NOT_MADE = ["(not", "made", "yet)"]


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch, journal_path, tmp_path):
    """No editor chosen (nor one on $PATH to fall back on), no terminal,
    cheap keys; the journal at journal_path."""
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "no-editors"))
    monkeypatch.setattr(cli_prompts, "has_terminal", lambda: False)
    monkeypatch.delenv(cli_prompts.PASSPHRASE_FILE_ENV, raising=False)
    monkeypatch.setattr(crypto, "DEFAULT_COST", CHEAP)


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def table(out: list[str]) -> dict[str, tuple[str, str]]:
    """The settings printed: key → (value, where it comes from)."""
    rows = {}
    for line in out[3:]:
        key, value, source = (part for part in line.split("  ") if part.strip())
        rows[key.strip()] = (value.strip(), source.strip())
    return rows


def one_line(err: str) -> str:
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.removeprefix("healjournal: ").rstrip("\n")


class TestShowing:
    def test_before_anything_is_set_everything_is_a_default(self, capsys, journal_path):
        code, out, err = run(capsys, "config")
        assert (code, err) == (0, "")
        assert out[0].split() == ["config", "file", str(config_path()), *NOT_MADE]
        assert out[1].split() == ["journal", str(journal_path), *NOT_MADE]
        assert out[2] == ""
        assert table(out) == {
            "theme": ("textual-dark", "default"),
            "editor": ("not set", "set $EDITOR, or `healjournal config editor nano`"),
            "lock_minutes": ("10", "default"),
            "person": ("he", "default"),
            "person_name": ("(none)", "default"),
            "name": ("(none)", "default"),
            "urge_minutes": ("10", "default"),
        }

    def test_each_setting_says_where_it_comes_from(self, capsys, journal, monkeypatch):
        monkeypatch.setenv("EDITOR", "nano")
        path = config_path()
        path.parent.mkdir(parents=True)
        path.write_text('theme = "nord"\n[keys]\nurge = "f9"\n')
        journal.set_setting("person", "she")
        journal.set_setting("person_name", "Sam")
        journal.set_setting("name", "Sam")
        journal.set_setting("urge_minutes", 5)
        journal.set_setting("lock_after_minutes", 30)  # an older healjournal's
        code, out, _ = run(capsys, "config")
        assert code == 0
        assert out[0].split()[-1] == str(path)
        assert table(out) == {
            "theme": ("nord", "config file"),
            "editor": ("nano", "$EDITOR"),
            "lock_minutes": (
                "30",
                "journal (moves to the config file when healjournal next saves)",
            ),
            "keys.urge": ("f9", "config file"),
            "person": ("she", "journal"),
            "person_name": ("Sam", "journal"),
            "name": ("Sam", "journal"),
            "urge_minutes": ("5", "journal"),
        }
        monkeypatch.setenv("VISUAL", "code --wait")
        assert table(run(capsys, "config")[1])["editor"] == ("code --wait", "$VISUAL")

    @pytest.mark.parametrize(
        ("key", "value"),
        [
            ("theme", "textual-dark"),
            ("keys.urge", "f8"),
            ("keys.help", "f1"),
            ("person", "he"),
            ("urge_minutes", "10"),
            ("person_name", ""),
        ],
    )
    def test_one_key_prints_its_value_alone(self, capsys, key, value):
        assert run(capsys, "config", key) == (0, [value], "")

    def test_an_encrypted_journal_without_a_terminal_is_said_not_asked(
        self, capsys, journal
    ):
        journal.set_setting("person", "she")
        journal.encrypt(PASSPHRASE)
        code, out, err = run(capsys, "config")
        assert (code, err) == (0, "")
        assert "theme" in out[3]
        assert out[-1] == (
            "person, person_name, name, urge_minutes: behind the journal's "
            "passphrase, and there is no terminal to ask for it (set "
            "HEALJOURNAL_PASSPHRASE_FILE to a file holding it)"
        )
        assert not any(line.startswith("person ") for line in out)

    def test_an_encrypted_journal_shows_them_with_its_passphrase(
        self, capsys, journal, tmp_path, monkeypatch
    ):
        journal.set_setting("person", "she")
        journal.encrypt(PASSPHRASE)
        secret = tmp_path / "passphrase"
        secret.write_text(PASSPHRASE)
        secret.chmod(0o600)
        monkeypatch.setenv(cli_prompts.PASSPHRASE_FILE_ENV, str(secret))
        code, out, _ = run(capsys, "config")
        assert code == 0
        assert table(out)["person"] == ("she", "journal")


class TestChanging:
    def test_this_machines_settings_go_to_the_config_file(self, capsys, journal):
        assert run(capsys, "config", "theme", "nord")[0] == 0
        assert run(capsys, "config", "editor", "code --wait")[0] == 0
        assert run(capsys, "config", "lock_minutes", "0")[0] == 0
        code, out, _ = run(capsys, "config", "keys.urge", "ctrl+u,f9")
        assert code == 0
        assert out == [f"keys.urge: ctrl+u,f9, in {config_path()}"]
        config = load_config(config_path())
        assert (config.theme, config.editor, config.lock_minutes) == (
            "nord",
            "code --wait",
            0,
        )
        assert config.keys == {"urge": "ctrl+u,f9"}
        assert journal.settings() == {}  # nothing of the machine in the journal

    def test_the_journals_settings_go_to_the_journal(self, capsys, journal, clock):
        for key, value in [
            ("person", "she"),
            ("person_name", "Sam"),
            ("name", "  Sam   Smith "),
            ("urge_minutes", "5"),
        ]:
            assert run(capsys, "config", key, value)[0] == 0
        again = Journal.open(journal.path, clock=clock)
        assert again.settings() == {
            "person": "she",
            "person_name": "Sam",
            "name": "Sam Smith",
            "urge_minutes": 5,
        }
        assert not config_path().exists()
        assert run(capsys, "config", "person_name", "")[1] == [
            f"person_name: cleared, in the journal {journal.path}"
        ]
        assert "person_name" not in Journal.open(journal.path, clock=clock).settings()

    def test_a_key_in_capitals_is_stored_as_textual_names_it(self, capsys):
        code, out, _ = run(capsys, "config", "keys.urge", "F9")
        assert (code, out) == (0, [f"keys.urge: f9, in {config_path()}"])
        assert config_path().read_text() == '[keys]\nurge = "f9"\n'
        assert run(capsys, "config", "keys.urge")[1] == ["f9"]

    @pytest.mark.parametrize(("typed", "who"), [("her", "she"), ("Him", "he")])
    def test_person_as_her_him_or_them(self, capsys, journal, clock, typed, who):
        code, out, _ = run(capsys, "config", "person", typed)
        assert (code, out) == (0, [f"person: {who}, in the journal {journal.path}"])
        assert Journal.open(journal.path, clock=clock).get_setting("person") == who
        assert run(capsys, "config", "person", "them")[1][0].startswith("person: they,")

    @pytest.mark.parametrize(
        ("key", "value", "setting"),
        [("person", "she", "person"), ("urge_minutes", "5", "urge_minutes")],
    )
    def test_an_empty_value_clears_a_journal_setting(
        self, capsys, journal, clock, key, value, setting
    ):
        assert run(capsys, "config", key, value)[0] == 0
        code, out, err = run(capsys, "config", key, "")
        assert (code, out, err) == (
            0,
            [f"{key}: cleared, in the journal {journal.path}"],
            "",
        )
        assert setting not in Journal.open(journal.path, clock=clock).settings()
        assert table(run(capsys, "config")[1])[key][1] == "default"

    def test_a_name_with_ex_is_kept_and_said_to_be_unused(self, capsys, journal):
        run(capsys, "config", "person", "ex")
        code, out, _ = run(capsys, "config", "person_name", "Sam")
        assert code == 0
        assert out == [
            f"person_name: Sam, in the journal {journal.path}",
            "The name Sam is kept but not used: with ex the app says “your ex”. "
            "Choose he, she or they to have it used, as "
            "`healjournal config person they`.",
        ]
        assert table(run(capsys, "config")[1])["person_name"] == (
            "Sam",
            "journal, not used with “your ex”",
        )
        assert run(capsys, "config", "person", "she")[1] == [
            f"person: she, in the journal {journal.path}"
        ]
        assert table(run(capsys, "config")[1])["person_name"] == ("Sam", "journal")

    def test_a_key_written_without_quotes_is_really_cleared(self, capsys):
        path = config_path()
        path.parent.mkdir(parents=True)
        path.write_text('# mine\n[keys]\nurge.ask = "q"\n')
        code, out, _ = run(capsys, "config", "keys.urge.ask", "")
        assert (code, out) == (0, [f"keys.urge.ask: cleared, in {path}"])
        assert load_config(path).keys == {}
        assert run(capsys, "config", "keys.urge.ask")[1] == ["escape"]

    def test_an_empty_value_clears_a_machine_setting(self, capsys):
        run(capsys, "config", "theme", "nord")
        assert run(capsys, "config", "theme", "")[0] == 0
        assert load_config(config_path()).theme is None

    @pytest.mark.parametrize(
        ("argv", "said"),
        [
            (("theme", "nrd"), "theme 'nrd' is not one of the themes"),
            (("lock_minutes", "ten"), "lock_minutes must be a whole number"),
            (("lock_minutes", "-1"), "lock_minutes must be a whole number"),
            (("editor", "vim 'x"), 'editor "vim \'x" is not a command line'),
            (("keys.urge", "F 9"), "keys.urge must be a key in quotes"),
            (("keys.help", "f9"), "the key 'f9' is keys.urge's already"),
            (("keys.urj", "f10"), "keys.urj is not one of the app's keys"),
            (("colour", "red"), "unknown setting 'colour'; the settings: theme,"),
            (("colour",), "unknown setting 'colour'"),
            (("person", "it"), "person must be one of he, she, they, ex"),
            (("keys.urge", "k"), "keys.urge = 'k' would take the letter k from"),
            (("person_name", "x" * 31), "a name of at most 30 characters"),
            (("urge_minutes", "0"), "urge_minutes must be a whole number"),
            (("urge_minutes", "61"), "urge_minutes must be a whole number"),
            (("name", "x" * 61), "a name of at most 60 characters"),
        ],
    )
    def test_a_bad_value_is_one_line_and_changes_nothing(
        self, capsys, journal, argv, said
    ):
        path = config_path()
        path.parent.mkdir(parents=True)
        path.write_text('# mine\n[keys]\nurge = "f9"  # where my hand is\n')
        before = path.read_bytes()
        journal.set_setting("person", "they")
        journal_before = journal.path.read_bytes()
        code, out, err = run(capsys, "config", *argv)
        assert (code, out) == (2, [])
        assert one_line(err).startswith(said)
        assert path.read_bytes() == before
        assert journal.path.read_bytes() == journal_before

    @pytest.mark.parametrize(
        "argv", [(), ("theme",), ("theme", "nord"), ("person", "she")]
    )
    def test_a_config_with_a_mistake_is_one_line_and_exit_2(
        self, capsys, journal, argv
    ):
        path = config_path()
        path.parent.mkdir(parents=True)
        path.write_text('theme = "nord"\n\ncolour = "red"\n')
        before = path.read_bytes()
        code, out, err = run(capsys, "config", *argv)
        assert (code, out) == (2, [])
        assert one_line(err) == (
            f"{path}, line 3: unknown key 'colour'; known: theme, editor, "
            "lock_minutes, keys"
        )
        assert path.read_bytes() == before
        assert journal.settings() == {}

    def test_other_commands_do_not_need_the_config(self, capsys, journal):
        path = config_path()
        path.parent.mkdir(parents=True)
        path.write_text("theme = nord\n")
        assert run(capsys, "add", "A good day.")[0] == 0
        assert run(capsys, "search", "good")[0] == 0

    @pytest.mark.parametrize("before", [True, False])
    def test_config_names_another_file_before_or_after_the_command(
        self, capsys, tmp_path, before
    ):
        other = tmp_path / "elsewhere.toml"
        option = ["--config", str(other)]
        argv = (
            [*option, "config", "theme", "nord"]
            if before
            else [
                "config",
                "theme",
                "nord",
                *option,
            ]
        )
        assert run(capsys, *argv)[0] == 0
        assert load_config(other).theme == "nord"
        assert not config_path().exists()
        assert run(capsys, "search", "x", "--config", str(other))[0] == 0


class TestTheMoveByAWritingCommand:
    def test_add_moves_the_theme_and_lock_minutes_once(self, capsys, journal, clock):
        journal.set_setting("theme", "nord")
        journal.set_setting("lock_after_minutes", 5)
        assert run(capsys, "add", "A page.")[0] == 0
        config = load_config(config_path())
        assert (config.theme, config.lock_minutes) == ("nord", 5)
        settings = Journal.open(journal.path, clock=clock).settings()
        assert "theme" not in settings and "lock_after_minutes" not in settings

    def test_reading_commands_move_nothing(self, capsys, journal):
        journal.set_setting("theme", "nord")
        assert run(capsys, "search", "x")[0] == 0
        assert run(capsys, "config")[0] == 0
        assert not config_path().exists()
        assert journal.get_setting("theme") == "nord"

    def test_with_a_config_mistake_add_goes_on_and_says_why(
        self, capsys, journal, clock
    ):
        journal.set_setting("theme", "nord")
        path = config_path()
        path.parent.mkdir(parents=True)
        path.write_text("theme = nord\n")
        code, _, err = run(capsys, "add", "A page.")
        assert code == 0
        assert one_line(err).startswith(f"{path}, line 1: not valid TOML")
        assert "stay in the journal" in err
        assert path.read_text() == "theme = nord\n"
        assert Journal.open(journal.path, clock=clock).get_setting("theme") == "nord"


def test_the_config_command_does_not_import_textual(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from healjournal import cli\n"
        "assert cli.main(['config']) == 0\n"
        "assert cli.main(['config', 'theme', 'nord']) == 0\n"
        "assert 'textual' not in sys.modules, 'textual'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
