"""`.ci/run` runs exactly the README's test command, and fails when no tests are collected."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _readme_command(marker: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- {marker} -->\s*```sh\n(.+?)\n```", text)
    assert match, f"README.md has no {marker} block"
    return match.group(1).strip()


def _ci_test_command() -> str:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r"^TEST_COMMAND=(.+)$", script, re.MULTILINE)
    assert match, ".ci/run defines no TEST_COMMAND"
    (value,) = shlex.split(match.group(1))
    return value


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    assert _ci_test_command() == _readme_command("test-command")
    assert "python -m pytest" in _ci_test_command()


def _run_ci_with(tmp_path: Path, command: str) -> subprocess.CompletedProcess[str]:
    """Run a copy of .ci/run whose test command is replaced by `command`."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    copy = tmp_path / ".ci" / "run"
    copy.parent.mkdir()
    copy.write_text(
        re.sub(r"^TEST_COMMAND=.+$", f"TEST_COMMAND={shlex.quote(command)}", script, flags=re.M),
        encoding="utf-8",
    )
    return subprocess.run(["bash", str(copy)], capture_output=True, text=True, check=False)


def test_ci_treats_no_tests_collected_as_failure(tmp_path: Path) -> None:
    done = _run_ci_with(tmp_path, "exit 5")
    assert done.returncode == 1
    assert "CI failed: pytest collected no tests" in done.stderr


def test_ci_fails_when_tests_fail(tmp_path: Path) -> None:
    done = _run_ci_with(tmp_path, "exit 3")
    assert done.returncode == 3
    assert "the test command exited with 3" in done.stderr
    assert "CI passed" not in done.stdout


def test_readme_starts_with_the_two_commands() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start, test = _readme_command("start-command"), _readme_command("test-command")
    assert text.index(start) < text.index(test) < text.index("## What procdesk does")
    assert start.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install -e .")
