"""A ledger URL that cannot be read, or that the driver cannot take, is one `Error:` line
from every command and every source: before, a bad port or an unknown query parameter
was a traceback from whichever command opened the ledger first, `doctor` included. The same
for a config file nested too deeply for the TOML reader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

UNREADABLE = [
    ("postgresql://team@127.0.0.1:abc/procdesk", "the ledger URL cannot be read (Port"),
    ("postgresql://team@127.0.0.1:99999/procdesk", "the ledger URL cannot be read (Port"),
    ("postgresql://team@[::1:1/procdesk", "the ledger URL cannot be read (Invalid IPv6"),
    ("mysql://team@127.0.0.1/procdesk", "unsupported ledger URL scheme 'mysql'"),
]


def _lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.mark.parametrize(("url", "says"), UNREADABLE)
@pytest.mark.parametrize("command", [("charges", "list"), ("doctor",), ("worker", "--check")])
def test_an_unreadable_ledger_url_is_bad_input_from_the_command_line(
    procdesk: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    isolated_home: Path,
    command: tuple[str, ...],
    url: str,
    says: str,
) -> None:
    monkeypatch.setenv("PROCDESK_LEDGER", url)
    result = procdesk(*command)
    assert result.exit_code == 2, result.stderr
    [line] = _lines(result)
    assert line.startswith(f"Error: PROCDESK_LEDGER: {says}")


@pytest.mark.parametrize(("url", "says"), UNREADABLE)
def test_config_set_refuses_an_unreadable_ledger_url(
    procdesk: Callable[..., Result], isolated_home: Path, url: str, says: str
) -> None:
    result = procdesk("config", "set", "ledger", url)
    assert result.exit_code == 2
    assert says in result.stderr
    assert not (isolated_home / "config.toml").exists()


def test_a_parameter_the_driver_does_not_take_is_one_error_line(
    procdesk: Callable[..., Result], isolated_home: Path
) -> None:
    url = "postgresql://team@127.0.0.1:1/procdesk?ssl=disable&colour=blue"
    result = procdesk("--ledger", url, "charges", "list")
    assert result.exit_code == 1, result.stderr
    [line] = _lines(result)
    assert "parameters the PostgreSQL driver does not take: colour; expected only" in line
    assert "ssl" in line.split("expected only", 1)[1]


def test_a_config_file_nested_thousands_deep_is_one_error_line(
    procdesk: Callable[..., Result], isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "config.toml").write_text(
        "a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8"
    )
    for command in (("config", "show"), ("charges", "list")):
        result = procdesk(*command)
        assert result.exit_code == 2, result.stderr
        assert "nested thousands of levels deep" in result.stderr
    doctor = procdesk("doctor")  # (a check that fails is exit 1 there)
    assert doctor.exit_code == 1
    assert "[FAIL] config   cannot parse config file" in doctor.stdout
    assert "nested thousands of levels deep" in doctor.stdout
