"""`healjournal encrypt` and `decrypt`, and every command on an encrypted journal."""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from healjournal import cli
from healjournal.cli import prompts as cli_prompts
from healjournal.storage import crypto
from healjournal.storage.atomic import backup_files
from healjournal.storage.crypto import FORMAT_VERSION, MAGIC, KdfCost
from healjournal.storage.journal import Journal

CHEAP = KdfCost(log2_n=10, r=8, p=1)
PASSPHRASE = "lemon cake on a Sunday"
MARKER = "MARKER-only-in-the-journal"


@pytest.fixture(autouse=True)
def _cheap_kdf_and_no_terminal(monkeypatch):
    """Cheap keys; and no terminal unless a test brings one, so nothing waits."""
    monkeypatch.setattr(crypto, "DEFAULT_COST", CHEAP)
    monkeypatch.setattr(cli_prompts, "has_terminal", lambda: False)
    monkeypatch.delenv(cli_prompts.PASSPHRASE_FILE_ENV, raising=False)


@pytest.fixture
def passphrase_file(tmp_path, monkeypatch) -> Path:
    """HEALJOURNAL_PASSPHRASE_FILE, holding PASSPHRASE and a newline, 0600."""
    path = tmp_path / "passphrase"
    path.write_text(PASSPHRASE + "\n")
    path.chmod(0o600)
    monkeypatch.setenv(cli_prompts.PASSPHRASE_FILE_ENV, str(path))
    return path


@pytest.fixture
def terminal(monkeypatch):
    """A terminal where the person types the answers in `typed`, in order."""
    typed: list[str] = []
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return typed.pop(0)

    monkeypatch.setattr(cli_prompts, "has_terminal", lambda: True)
    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    return typed, prompts


@pytest.fixture
def written(journal_path, clock) -> Path:
    """A plain journal with a private entry and yesterday's backup."""
    journal = Journal.open(journal_path, clock=clock)
    clock.set(clock.now() - timedelta(days=1))
    journal.add_entry(f"yesterday {MARKER}")
    clock.set(clock.now() + timedelta(days=1))
    journal.add_entry(f"today {MARKER} #calm", mood=4)
    assert len(backup_files(journal_path)) == 1
    return journal_path


@pytest.fixture
def encrypted(written, passphrase_file, capsys) -> Path:
    assert cli.main(["encrypt"]) == 0
    capsys.readouterr()
    return written


def run(*argv: str) -> int:
    return cli.main(list(argv))


def one_line(err: str) -> str:
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def folder(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir())}


def readable(path: Path) -> list[str]:
    """Files beside the journal where the marker can be read."""
    return [name for name, raw in folder(path).items() if MARKER.encode() in raw]


class TestEncrypt:
    def test_asks_twice_and_encrypts_the_journal_and_its_backups(
        self, written, terminal, capsys
    ):
        typed, prompts = terminal
        typed += [PASSPHRASE, PASSPHRASE]
        assert run("encrypt") == 0
        assert prompts == ["New passphrase: ", "The same passphrase again: "]
        out = capsys.readouterr().out
        assert f"Encrypted the journal {written} and 1 backup." in out
        assert "Nobody can recover a forgotten passphrase" in out
        assert readable(written) == []
        files = {n: raw for n, raw in folder(written).items() if raw}  # not the lock
        assert sorted(files) == ["journal.json", "journal.json.2026-11-24.bak"]
        assert all(raw.startswith(MAGIC) for raw in files.values())

    def test_two_different_answers_change_nothing(self, written, terminal, capsys):
        terminal[0].extend([PASSPHRASE, PASSPHRASE + "!"])
        before = folder(written)
        assert run("encrypt") == 2
        assert "not the same; nothing was changed" in one_line(capsys.readouterr().err)
        assert folder(written) == before

    @pytest.mark.parametrize(
        ("answer", "says"),
        [("", "no passphrase was given"), ("short", "at least 8 characters")],
    )
    def test_an_empty_or_short_passphrase_is_refused(
        self, written, terminal, capsys, answer, says
    ):
        terminal[0].extend([answer, answer])
        before = folder(written)
        assert run("encrypt") == 2
        assert says in one_line(capsys.readouterr().err)
        assert folder(written) == before

    def test_without_a_terminal_it_says_how_to_give_one(self, written, capsys):
        before = folder(written)
        assert run("encrypt") == 2
        assert cli_prompts.PASSPHRASE_FILE_ENV in one_line(capsys.readouterr().err)
        assert folder(written) == before

    def test_already_encrypted_is_refused(self, encrypted, capsys):
        before = folder(encrypted)
        assert run("encrypt") == 2
        assert "already encrypted" in one_line(capsys.readouterr().err)
        assert folder(encrypted) == before

    def test_backups_left_readable_are_finished_off(self, encrypted, capsys):
        stray = encrypted.with_name("journal.json.2026-11-01.bak")
        stray.write_text(f'{{"entries": {{"1": {{"body": "{MARKER}"}}}}}}')
        assert run("encrypt") == 0
        assert "encrypted 1 backup too" in capsys.readouterr().out
        assert readable(encrypted) == []

    def test_a_new_journal_is_made_encrypted(self, journal_path, passphrase_file):
        assert run("encrypt") == 0
        assert journal_path.read_bytes().startswith(MAGIC)
        assert run("add", MARKER) == 0
        assert readable(journal_path) == []

    def test_a_broken_journal_is_refused(self, journal_path, passphrase_file, capsys):
        journal_path.parent.mkdir(parents=True)
        journal_path.write_bytes(b"Dear diary")
        assert run("encrypt") == 2
        assert "not valid JSON" in one_line(capsys.readouterr().err)
        assert journal_path.read_bytes() == b"Dear diary"


class TestAWeakPassphrase:
    """One word, or a short one: a word of advice, and at the terminal a choice."""

    @pytest.fixture
    def answers(self, terminal, monkeypatch):
        """The yes/no answers typed at the terminal; the questions asked."""
        typed: list[str] = []
        asked: list[str] = []

        def ask_line(prompt: str) -> str:
            asked.append(prompt)
            return typed.pop(0) + "\n"

        monkeypatch.setattr(cli_prompts, "ask_line", ask_line)
        return typed, asked

    @pytest.mark.parametrize("answer", ["", "n", "no"])
    def test_no_is_the_default_and_changes_nothing(
        self, written, terminal, answers, capsys, answer
    ):
        terminal[0].append("sunshine")
        answers[0].append(answer)
        before = folder(written)
        assert run("encrypt") == 2
        assert answers[1] == [
            "One word is easy to guess: a few unrelated words you'll remember "
            "are much stronger. Use it anyway? [y/N] "
        ]
        err = one_line(capsys.readouterr().err)
        assert "nothing was changed: run healjournal encrypt again" in err
        assert terminal[1] == ["New passphrase: "]  # not asked a second time
        assert folder(written) == before

    def test_yes_uses_it_after_asking_it_again(
        self, written, terminal, answers, capsys
    ):
        terminal[0].extend(["tea at dawn", "tea at dawn"])
        answers[0].append("y")
        assert run("encrypt") == 0
        assert answers[1][0].startswith("A short passphrase is easy to guess")
        assert terminal[1] == ["New passphrase: ", "The same passphrase again: "]
        assert readable(written) == []
        assert "Encrypted the journal" in capsys.readouterr().out

    def test_a_few_words_are_not_questioned(self, written, terminal, answers):
        terminal[0].extend([PASSPHRASE, PASSPHRASE])
        assert run("encrypt") == 0
        assert answers[1] == []

    def test_from_a_file_it_is_one_line_and_goes_on(
        self, written, passphrase_file, capsys
    ):
        passphrase_file.write_text("lighthouse\n")
        assert run("encrypt") == 0
        out, err = capsys.readouterr()
        assert one_line(err) == (
            "healjournal: one word is easy to guess: a few unrelated words "
            "you'll remember are much stronger\n"
        )
        assert "Encrypted the journal" in out
        assert readable(written) == []

    def test_from_a_file_a_few_words_say_nothing(
        self, written, passphrase_file, capsys
    ):
        assert run("encrypt") == 0
        assert capsys.readouterr().err == ""


class TestThePassphraseFile:
    def test_one_final_newline_is_not_part_of_it(self, encrypted, passphrase_file):
        passphrase_file.write_text(PASSPHRASE)  # now without the newline
        assert run("search", "calm") == 0

    def test_a_file_others_can_read_is_refused(self, written, passphrase_file, capsys):
        passphrase_file.chmod(0o644)
        before = folder(written)
        assert run("encrypt") == 2
        assert f"chmod 600 {passphrase_file}" in one_line(capsys.readouterr().err)
        assert folder(written) == before

    def test_a_missing_file_is_named(self, encrypted, passphrase_file, capsys):
        passphrase_file.unlink()
        assert run("stats") == 2
        assert str(passphrase_file) in one_line(capsys.readouterr().err)


class TestEveryCommand:
    """After one passphrase, an encrypted journal works as a plain one did."""

    def test_add_search_stats_export(self, encrypted, passphrase_file, capsys):
        assert run("add", "--mood", "2", "rain, and I stayed in") == 0
        assert "Saved a reflection" in capsys.readouterr().out
        assert run("search", "calm") == 0
        assert MARKER in capsys.readouterr().out
        assert run("stats", "--json") == 0
        assert json.loads(capsys.readouterr().out)
        assert run("export", "--format", "text") == 0
        assert "rain, and I stayed in" in capsys.readouterr().out
        assert readable(encrypted) == []

    def test_delete(self, encrypted, passphrase_file, capsys):
        assert run("delete", "--day", "yesterday", "--yes") == 0
        assert "Deleted the reflection" in capsys.readouterr().out
        assert run("search", "--json", "") == 0
        [left] = json.loads(capsys.readouterr().out)
        assert left["text"].startswith("today")
        assert readable(encrypted) == []

    def test_import(self, encrypted, passphrase_file, tmp_path, capsys):
        source = tmp_path / "jrnl.json"
        source.write_text(
            json.dumps(
                {
                    "entries": [
                        {"date": "2026-11-01", "time": "09:00", "title": "Imported",
                         "body": "from jrnl", "starred": False, "tags": []}
                    ]
                }
            )
        )  # fmt: skip
        assert run("import", str(source)) == 0
        assert "Imported 1 entry" in capsys.readouterr().out
        assert b"from jrnl" not in encrypted.read_bytes()

    def test_asked_once_at_the_terminal(self, encrypted, terminal, monkeypatch):
        monkeypatch.delenv(cli_prompts.PASSPHRASE_FILE_ENV)
        typed, prompts = terminal
        typed.append(PASSPHRASE)
        assert run("add", "one passphrase, once") == 0
        assert prompts == [f"Passphrase for {encrypted}: "]

    def test_path_needs_no_passphrase(self, encrypted, monkeypatch, capsys):
        monkeypatch.delenv(cli_prompts.PASSPHRASE_FILE_ENV)
        assert run("path") == 0
        assert capsys.readouterr().out.strip() == str(encrypted)

    @pytest.mark.parametrize(
        "argv",
        [["add", "x"], ["search", "x"], ["stats"], ["export"], ["decrypt"]],
    )
    def test_a_wrong_passphrase_is_one_line_and_changes_nothing(
        self, encrypted, passphrase_file, capsys, argv
    ):
        passphrase_file.write_text("lemon cake on a Monday")
        before = folder(encrypted)
        assert run(*argv) == 2
        assert "that passphrase does not open the journal" in one_line(
            capsys.readouterr().err
        )
        assert folder(encrypted) == before

    def test_no_terminal_and_no_file_says_how(self, encrypted, monkeypatch, capsys):
        monkeypatch.delenv(cli_prompts.PASSPHRASE_FILE_ENV)
        assert run("add", "x") == 2
        assert cli_prompts.PASSPHRASE_FILE_ENV in one_line(capsys.readouterr().err)

    @pytest.mark.parametrize("argv", [["add", "x"], ["export"], ["decrypt"]])
    def test_a_tampered_file_is_refused(self, encrypted, passphrase_file, capsys, argv):
        # (The app finds this on its lock screen: see tests/pilot/test_lock.py.)
        raw = bytearray(encrypted.read_bytes())
        raw[len(raw) // 2] ^= 0x10
        encrypted.write_bytes(bytes(raw))
        before = folder(encrypted)
        assert run(*argv) == 2
        assert "changed or damaged" in one_line(capsys.readouterr().err)
        assert folder(encrypted) == before

    @pytest.mark.parametrize("argv", [["add", "x"], ["stats"], ["decrypt"], []])
    def test_a_newer_format_is_refused(self, encrypted, passphrase_file, capsys, argv):
        raw = encrypted.read_bytes()
        encrypted.write_bytes(raw[:8] + bytes([FORMAT_VERSION + 1]) + raw[9:])
        before = folder(encrypted)
        assert run(*argv) == 2  # [] is the app: refused before any screen
        assert "newer healjournal" in one_line(capsys.readouterr().err)
        assert folder(encrypted) == before

    @pytest.mark.parametrize("argv", [["add", "x"], ["stats"], ["decrypt"], []])
    @pytest.mark.parametrize("at", [9, 20], ids=["cost", "salt"])
    def test_a_damaged_header_is_named_so(
        self, encrypted, passphrase_file, capsys, argv, at
    ):
        raw = bytearray(encrypted.read_bytes())
        raw[at] ^= 0x01
        encrypted.write_bytes(bytes(raw))
        before = folder(encrypted)
        assert run(*argv) == 2  # [] is the app: refused before any screen
        err = one_line(capsys.readouterr().err)
        assert "header is damaged" in err and "passphrase does not" not in err
        assert folder(encrypted) == before


class TestDecrypt:
    def test_round_trip_back_to_plain_text(self, written, passphrase_file, capsys):
        plain = written.read_bytes()
        assert run("encrypt") == 0
        assert run("decrypt") == 0
        out = capsys.readouterr().out
        assert "Decrypted the journal" in out and "and 1 backup" in out
        assert written.read_bytes() == plain
        assert readable(written) == ["journal.json", "journal.json.2026-11-24.bak"]

    def test_a_plain_journal_is_refused(self, written, passphrase_file, capsys):
        assert run("decrypt") == 2
        assert "is not encrypted" in one_line(capsys.readouterr().err)


def test_encrypt_and_decrypt_do_not_import_textual(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text(PASSPHRASE)
    secret.chmod(0o600)
    code = (
        "import os, sys\n"
        f"os.environ['HEALJOURNAL_DB'] = {str(tmp_path / 'j.json')!r}\n"
        f"os.environ['HEALJOURNAL_PASSPHRASE_FILE'] = {str(secret)!r}\n"
        "from healjournal import cli\n"
        "from healjournal.storage import crypto\n"
        "crypto.DEFAULT_COST = crypto.KdfCost(10, 8, 1)\n"
        "assert cli.main(['encrypt']) == 0\n"
        "assert cli.main(['add', 'quick note']) == 0\n"
        "assert cli.main(['decrypt']) == 0\n"
        "print(' '.join(sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)},
    )
    modules = done.stdout.split()
    assert "cryptography" in modules  # it really did the work
    assert "textual" not in modules


def test_a_plain_journal_does_not_load_the_cipher(tmp_path):
    """Plain journals open as fast as before encryption existed."""
    code = (
        "import os, sys\n"
        f"os.environ['HEALJOURNAL_DB'] = {str(tmp_path / 'j.json')!r}\n"
        "from healjournal import cli\n"
        "assert cli.main(['add', 'quick note']) == 0\n"
        "assert cli.main(['stats']) == 0\n"
        "print(' '.join(sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert "cryptography" not in done.stdout.split()
