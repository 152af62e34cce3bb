"""The core never imports Textual, so the command line answers at once."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "healjournal.clock",
    "healjournal.storage.paths",
    "healjournal.errors",
    "healjournal.domain.models",
    "healjournal.domain.dates",
    "healjournal.domain.passphrase",
    "healjournal.domain.visible",
    "healjournal.domain.stats",
    "healjournal.domain.search",
    "healjournal.insight.figures",
    "healjournal.cli.report",
    "healjournal.storage.atomic",
    "healjournal.storage.crypto",
    "healjournal.storage.journal",
    "healjournal.storage.migrations",
    "healjournal.storage.interchange",
    "healjournal.tips",
    "healjournal.cli",
    "healjournal.cli.delete",
]


def loaded_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return set(done.stdout.split())


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    assert "textual" not in loaded_after(f"import {module}")


def test_cli_commands_without_the_app_do_not_import_textual(tmp_path):
    code = (
        "import os, sys\n"
        f"os.environ['HEALJOURNAL_DB'] = {str(tmp_path / 'j.json')!r}\n"
        "from healjournal import cli\n"
        "assert cli.main(['add', 'quick note']) == 0\n"
        "assert cli.main(['export', '-f', 'json']) == 0\n"
        "assert cli.main(['path']) == 0\n"
        "assert cli.main(['search', 'quick']) == 0\n"
        "assert cli.main(['stats']) == 0\n"
    )
    modules = loaded_after(code)
    assert "healjournal.storage.journal" in modules  # it really did the work
    assert "textual" not in modules
