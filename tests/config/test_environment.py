"""`PROCDESK_<SECTION>__<KEY>` environment variables over the config file: each overrides one
key (names in any case, lists and tables as JSON), a bad one is a ConfigError naming it, and
pydantic-settings (which reads them) loads only when a variable names a config key."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from procdesk.config import ConfigError, load_settings
from procdesk.config.environment import names_a_key, overlay

FILE = """
ledger = "/srv/file.db"
[autotask]
username = "file@example.com"
[sync]
interval_s = 10
[keys]
"app.quit" = "ctrl+q"
"""


def _load(tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "config.toml"
    path.write_text(FILE, encoding="utf-8")
    return load_settings(path).model_dump(mode="json")


@pytest.mark.parametrize(
    ("variable", "value", "key", "expected"),
    [
        ("PROCDESK_LEDGER", "/srv/env.db", ("ledger",), "/srv/env.db"),
        (
            "PROCDESK_AUTOTASK__USERNAME",
            "env@example.com",
            ("autotask", "username"),
            "env@example.com",
        ),
        # one key of a section the file sets: the file's other keys stay
        ("PROCDESK_SYNC__LEASE_S", "60", ("sync", "interval_s"), 10.0),
        ("PROCDESK_SYNC__LEASE_S", "60", ("sync", "lease_s"), 60),
        (
            "procdesk_autotask__username",
            "low@example.com",
            ("autotask", "username"),
            "low@example.com",
        ),
        (
            "PROCDESK_AUTOTASK",
            '{"username": "json@example.com"}',
            ("autotask", "username"),
            "json@example.com",
        ),
        ("PROCDESK_KEYS", '{"app.help": "h"}', ("keys",), {"app.help": "h", "app.quit": "ctrl+q"}),
        (
            "PROCDESK_PROCUREMENT__DISTRIBUTOR_PRIORITY",
            '["tdsynnex_xml"]',
            ("procurement", "distributor_priority"),
            ["tdsynnex_xml"],
        ),
        # not a config key: ignored here (PROCDESK_HOME and friends are read elsewhere)
        ("PROCDESK_SOMETHING_ELSE", "1", ("ledger",), "/srv/file.db"),
    ],
)
def test_a_variable_overrides_one_key(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    key: tuple[str, ...],
    expected: object,
) -> None:
    monkeypatch.setenv(variable, value)
    node: Any = _load(tmp_path)
    for part in key:
        node = node[part]
    assert node == expected


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("PROCDESK_AUTOTASK__BOGUS", "1", "autotask.bogus: unknown key (got '1', from env"),
        ("PROCDESK_SYNC__INTERVAL_S", "abc", "sync.interval_s: Input should be a valid number"),
        ("PROCDESK_LEDGER", "", "ledger: String should have at least 1 character"),
        ("PROCDESK_KEYS", "not json", 'field "keys"'),
    ],
)
def test_a_bad_variable_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, says: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match="invalid configuration") as error:
        _load(tmp_path)
    assert says in str(error.value)


@pytest.mark.parametrize(
    ("name", "names"),
    [
        ("PROCDESK_LEDGER", True),
        ("procdesk_ledger", True),
        ("PROCDESK_AUTOTASK__USERNAME", True),
        ("PROCDESK_KEYS", True),
        ("PROCDESK_HOME", False),
        ("PROCDESK_CONFIG", False),
        ("PROCDESK_KEYRING_KEY_FILE", False),
        ("PROCDESK_LOG_FORMAT", False),
        ("LEDGER", False),
    ],
)
def test_which_variables_name_a_config_key(name: str, names: bool) -> None:
    assert names_a_key(name) is names


def test_tables_merge_key_by_key() -> None:
    base = {"sync": {"interval_s": 10, "lease_s": 30}, "ledger": "a"}
    assert overlay(base, {"sync": {"lease_s": 60}, "keys": {"x": "y"}}) == {
        "sync": {"interval_s": 10, "lease_s": 60},
        "ledger": "a",
        "keys": {"x": "y"},
    }
    assert base["sync"] == {"interval_s": 10, "lease_s": 30}  # the file's data is left as read


LOADS = "import json, sys; from procdesk.config import load_settings; s = load_settings(); "
LOADS += "print(json.dumps(['pydantic_settings' in sys.modules, s.ledger]))"


@pytest.mark.parametrize(
    ("extra", "loaded", "ledger"),
    [({}, False, None), ({"PROCDESK_LEDGER": "/srv/env.db"}, True, "/srv/env.db")],
)
def test_pydantic_settings_loads_only_for_a_config_variable(
    tmp_path: Path, extra: dict[str, str], loaded: bool, ledger: str | None
) -> None:
    env = {"PROCDESK_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", **extra}
    env["PYTHONPATH"] = ":".join(sys.path)
    out = subprocess.run(
        [sys.executable, "-c", LOADS], capture_output=True, text=True, check=True, env=env
    ).stdout
    seen_loaded, seen_ledger = json.loads(out)
    assert seen_loaded is loaded
    assert seen_ledger == (ledger or str(tmp_path / "ledger.db"))
