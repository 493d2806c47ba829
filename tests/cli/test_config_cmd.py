"""`procdesk config show|path|set` and the settings behind them."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import Result

from procdesk.config import ConfigError, current_actor, load_settings
from tests.support.cli import json_rows


def test_path_is_under_procdesk_home(procdesk: Callable[..., Result], isolated_home: Path) -> None:
    result = procdesk("config", "path")
    assert result.exit_code == 0
    assert result.stdout.strip() == str(isolated_home / "config.toml")


def test_procdesk_config_points_at_another_file(
    procdesk: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "elsewhere.toml"
    other.write_text('[user]\nname = "robin"\n', encoding="utf-8")
    monkeypatch.setenv("PROCDESK_CONFIG", str(other))
    assert procdesk("config", "path").stdout.strip() == str(other)
    assert current_actor(load_settings()) == "robin"


def test_defaults_and_ledger_under_home(isolated_home: Path) -> None:
    settings = load_settings()
    assert settings.ledger == str(isolated_home / "ledger.db")
    assert settings.autotask.max_concurrent == 3
    assert settings.procurement.approval_threshold == Decimal("5000.0000")
    assert current_actor(settings) == getpass.getuser()


def test_set_validates_and_keeps_comments(
    procdesk: Callable[..., Result], isolated_home: Path
) -> None:
    config = isolated_home / "config.toml"
    isolated_home.mkdir(parents=True)
    config.write_text("# team settings\n[procurement]\n# ask above this\n", encoding="utf-8")
    result = procdesk("config", "set", "procurement.approval_threshold", "7500.50")
    assert result.exit_code == 0, result.stderr
    text = config.read_text(encoding="utf-8")
    assert "# team settings" in text
    assert "# ask above this" in text
    assert "approval_threshold = 7500.5" in text
    assert load_settings().procurement.approval_threshold == Decimal("7500.5000")


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("autotask.max_concurrent", "4", "autotask.max_concurrent: expected an integer"),
        ("autotask.max_concurrent", "many", "autotask.max_concurrent: expected an integer"),
        ("procurement.auto_submit", "maybe", "procurement.auto_submit: expected true or false"),
        ("procurement.approval_threshold", "lots", "expected a decimal number"),
        ("ingram.country_code", "usa", "ingram.country_code: expected text"),
        ("autotask.nope", "1", "autotask.nope: unknown key"),
        ("autotask.secret", "hunter2", "store it with `procdesk auth autotask`"),
    ],
)
def test_bad_set_exits_2_and_leaves_the_file(
    key: str,
    value: str,
    expected: str,
    procdesk: Callable[..., Result],
    isolated_home: Path,
) -> None:
    config = isolated_home / "config.toml"
    isolated_home.mkdir(parents=True)
    config.write_text("# keep me\n", encoding="utf-8")
    result = procdesk("config", "set", key, value)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert config.read_text(encoding="utf-8") == "# keep me\n"
    assert "hunter2" not in result.stderr


def test_env_overrides_file_and_show_says_where_from(
    procdesk: Callable[..., Result], isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolated_home.mkdir(parents=True)
    (isolated_home / "config.toml").write_text(
        '[autotask]\nusername = "file-user"\nmax_concurrent = 1\n', encoding="utf-8"
    )
    monkeypatch.setenv("PROCDESK_AUTOTASK__USERNAME", "env-user@example.com")
    rows = {r["key"]: r for r in json_rows(procdesk("config", "show", "--json"))}
    assert rows["autotask.username"] == {
        "key": "autotask.username",
        "value": "env-user@example.com",
        "source": "env PROCDESK_AUTOTASK__USERNAME",
    }
    assert rows["autotask.max_concurrent"]["value"] == 1
    assert rows["autotask.max_concurrent"]["source"] == "file"
    assert rows["sync.lease_s"]["source"] == "default"
    human = procdesk("config", "show").stdout
    assert "autotask.username" in human
    assert "# env PROCDESK_AUTOTASK__USERNAME" in human


def test_secret_in_config_file_is_an_error(
    procdesk: Callable[..., Result], isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True)
    (isolated_home / "config.toml").write_text(
        '[ingram]\nclient_id = "abc"\nclient_secret = "s3cr3t-value"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert "ingram.client_secret" in str(caught.value)
    assert "procdesk auth ingram" in str(caught.value)
    result = procdesk("config", "show")
    assert result.exit_code == 2
    assert "secrets are never config keys" in result.stderr
    assert "s3cr3t-value" not in result.stderr + result.stdout


def test_bad_file_value_names_key_type_and_source(
    procdesk: Callable[..., Result], isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True)
    (isolated_home / "config.toml").write_text('[sync]\nlease_s = "soon"\n', encoding="utf-8")
    result = procdesk("config", "show")
    assert result.exit_code == 2
    assert "sync.lease_s: Input should be a valid integer" in result.stderr
    assert "from file" in result.stderr


def test_unparseable_file_is_an_error(procdesk: Callable[..., Result], isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True)
    (isolated_home / "config.toml").write_text("[sync\n", encoding="utf-8")
    result = procdesk("quotes", "list")
    assert result.exit_code == 2
    assert "cannot parse config file" in result.stderr


def test_set_on_a_linked_config_writes_the_file_it_links_to(
    procdesk: Callable[..., Result], isolated_home: Path, tmp_path: Path
) -> None:
    """A config.toml kept elsewhere (dotfiles) and linked in: the link stays a link."""
    shared = tmp_path / "dotfiles" / "procdesk.toml"
    shared.parent.mkdir()
    shared.write_text("# from the dotfiles\n", encoding="utf-8")
    isolated_home.mkdir(parents=True)
    link = isolated_home / "config.toml"
    link.symlink_to(shared)

    result = procdesk("config", "set", "sync.batch_size", "25")

    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert link.resolve() == shared
    assert shared.read_text(encoding="utf-8").startswith("# from the dotfiles\n")
    assert load_settings().sync.batch_size == 25
    assert [p.name for p in isolated_home.iterdir()] == ["config.toml"]  # no staged copy left


def test_show_names_where_key_bindings_and_json_tables_come_from(
    procdesk: Callable[..., Result], isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key binding's id has dots of its own (`keys.app.quit`), and a variable may set a
    whole table as JSON: each value is still traced to where it was set."""
    isolated_home.mkdir(parents=True)
    (isolated_home / "config.toml").write_text(
        '[keys]\n"app.quit" = "ctrl+q"\n[sync]\nlease_s = 300\n', encoding="utf-8"
    )
    monkeypatch.setenv("PROCDESK_SYNC", '{"batch_size": 25}')
    monkeypatch.setenv("procdesk_procurement__auto_submit", "false")  # (any case is read)

    rows = {r["key"]: r for r in json_rows(procdesk("config", "show", "--json"))}

    assert rows["keys.app.quit"] == {"key": "keys.app.quit", "value": "ctrl+q", "source": "file"}
    assert rows["sync.batch_size"]["value"] == 25
    assert rows["sync.batch_size"]["source"] == "env PROCDESK_SYNC"
    assert rows["sync.lease_s"]["source"] == "file"
    assert rows["procurement.auto_submit"]["value"] is False
    assert rows["procurement.auto_submit"]["source"] == "env procdesk_procurement__auto_submit"

    monkeypatch.setenv("PROCDESK_KEYS", '{"app.quit": "ctrl+x"}')
    rows = {r["key"]: r for r in json_rows(procdesk("config", "show", "--json"))}
    assert rows["keys.app.quit"]["value"] == "ctrl+x"
    assert rows["keys.app.quit"]["source"] == "env PROCDESK_KEYS"
