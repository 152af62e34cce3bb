"""The command line answers without loading the app.

Which modules may import what is a contract in pyproject.toml, checked by
`lint-imports`; this checks the imports a command really makes when it runs.
"""

from __future__ import annotations

import subprocess
import sys


def loaded_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return set(done.stdout.split())


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
