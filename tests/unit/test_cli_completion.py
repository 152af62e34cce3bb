"""`healjournal completion`: scripts that complete the commands and options."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from healjournal import cli
from healjournal.cli.parser import COMMANDS

#: Every command a person types; git's merge driver is hidden, as in --help.
COMMAND_NAMES = [name for name in COMMANDS if name and name != "merge-driver"]


def script(shell: str, capsys) -> str:
    assert cli.main(["completion", shell]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_bash_script_is_one_bash_accepts(capsys, tmp_path):
    path = tmp_path / "healjournal.bash"
    path.write_text(script("bash", capsys))
    checked = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_a_command_an_option_and_a_format(capsys, tmp_path):
    path = tmp_path / "healjournal.bash"
    path.write_text(script("bash", capsys))
    ask = (
        f"source {path}\n"
        'complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); '
        'COMPREPLY=(); _shtab_healjournal healjournal "${@: -1}"; '
        'echo "${COMPREPLY[*]}"; }\n'
        "complete -p healjournal\n"
        "complete_words healjournal ex\n"
        "complete_words healjournal export --format ''\n"
        "complete_words healjournal status --fo\n"
    )
    done = subprocess.run(["bash", "-c", ask], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "complete -o bashdefault -F _shtab_healjournal healjournal",
        "export",
        "markdown json text jrnl",
        "--format",
    ]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("before", [True, False])
def test_bash_completes_a_file_after_config(capsys, tmp_path, before):
    path = tmp_path / "healjournal.bash"
    path.write_text(script("bash", capsys))
    (tmp_path / "mine.toml").write_text("")
    words = "--config mi" if before else "config theme --config mi"
    ask = (
        f"source {path}\n"
        'complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); '
        'COMPREPLY=(); _shtab_healjournal healjournal "${@: -1}"; '
        'echo "${COMPREPLY[*]}"; }\n'
        f"complete_words healjournal {words}\n"
    )
    done = subprocess.run(
        ["bash", "-c", ask], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["mine.toml"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_script_knows_every_command_and_the_file_options(shell, capsys):
    text = script(shell, capsys)
    for name in COMMAND_NAMES:
        assert name in text
    for option in ("--db", "--output", "--format", "--json"):
        assert option in text


def test_an_unknown_shell_is_one_line_and_exit_2(capsys):
    assert cli.main(["completion", "powershell"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "bash" in err and "fish" in err
