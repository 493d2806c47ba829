"""`procdesk --version`, `--help` and what it must not import, and `--json` output."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from procdesk import __version__

REPO = Path(__file__).resolve().parents[2]


def test_version(procdesk: Callable[..., Result]) -> None:
    result = procdesk("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"procdesk, version {__version__}"


def test_top_level_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from procdesk.cli.main import cli\n"
        "try:\n    cli.main(['--help'], prog_name='procdesk')\n"
        "except SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('sqlalchemy', 'textual', 'httpx', 'pydantic', 'alembic')\n"
        "               if m in sys.modules)\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert "Usage: procdesk" in done.stdout
    for command in ("quotes", "charges", "orders", "issues", "config", "doctor"):
        assert f"  {command} " in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "HEAVY="


def test_group_help_lists_lazy_subcommands(procdesk: Callable[..., Result]) -> None:
    result = procdesk("quotes", "--help")
    assert result.exit_code == 0
    for sub in ("import", "list", "show"):
        assert f"  {sub} " in result.stdout


def test_json_output_is_only_an_array(procdesk: Callable[..., Result]) -> None:
    result = procdesk("charges", "list", "--json")
    assert json.loads(result.stdout) == []
    assert result.stdout.strip() == "[]"
