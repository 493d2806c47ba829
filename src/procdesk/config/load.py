"""Reading the effective settings: file + environment, secrets refused, errors readable."""

from __future__ import annotations

import getpass
import json
import os
import stat
import tomllib
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from procdesk.config.environment import environment_values, overlay
from procdesk.config.errors import ConfigError, shown
from procdesk.config.paths import config_file
from procdesk.config.settings import ENV_NESTED_DELIMITER, ENV_PREFIX, Settings

MAX_CONFIG_BYTES = 256 * 1024  # a config file is a few hundred bytes

# Key names that hold secrets. Secrets live only in the OS keyring.
SECRET_KEY_NAMES = frozenset(
    {"secret", "client_secret", "refresh_token", "access_token", "password", "token", "api_key"}
)


def is_secret_key(name: str) -> bool:
    lowered = name.lower()
    return lowered in SECRET_KEY_NAMES or lowered.endswith(("_secret", "_password", "_token"))


def secret_key_message(key: str) -> str:
    provider = key.split(".")[0]
    commands = {"autotask", "ingram", "tdsynnex", "tdsynnex_xml"}
    auth = f"procdesk auth {provider.replace('_', '-')}" if provider in commands else None
    how = f"store it with `{auth}`" if auth else "store it with `procdesk auth ...`"
    return (
        f"{key}: secrets are never config keys (procdesk keeps them only in the OS keyring); "
        f"remove it and {how}"
    )


def _secret_keys_in(data: dict[str, Any], prefix: str = "") -> list[str]:
    found: list[str] = []
    for name, value in data.items():
        key = f"{prefix}{name}"
        if is_secret_key(name):
            found.append(key)
        elif isinstance(value, dict):
            found.extend(_secret_keys_in(value, f"{key}."))
    return found


def env_var_name(parts: Sequence[str]) -> str:
    """("autotask", "username") -> `PROCDESK_AUTOTASK__USERNAME`."""
    return ENV_PREFIX + ENV_NESTED_DELIMITER.join(parts).upper()


def _secret_env_vars() -> list[str]:
    return sorted(
        name
        for name in os.environ
        if name.startswith(ENV_PREFIX)
        and any(is_secret_key(part) for part in name[len(ENV_PREFIX) :].split(ENV_NESTED_DELIMITER))
    )


def read_file(path: Path) -> dict[str, Any]:
    """The config file as a dict (numbers with a point read exactly, as Decimal).

    Only a regular file of at most MAX_CONFIG_BYTES is read: `/dev/zero`, a FIFO or a
    folder would hang or fail half-way."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(f"config file {path} is not a regular file; expected a TOML file")
    if info.st_size > MAX_CONFIG_BYTES:
        raise ConfigError(
            f"config file {path} is {info.st_size} bytes; a config file is at most "
            f"{MAX_CONFIG_BYTES} bytes"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
        if len(data) > MAX_CONFIG_BYTES:
            raise ConfigError(f"config file {path} grew past {MAX_CONFIG_BYTES} bytes")
        return tomllib.loads(data.decode("utf-8"), parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"cannot parse config file {path}: {exc}") from None
    except RecursionError:  # (the reader recurses per level: thousands of [ or { exhaust it)
        raise ConfigError(
            f"cannot parse config file {path}: arrays or tables nested thousands of levels "
            "deep; a procdesk config file nests at most 2"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from None


def _env_source(parts: Sequence[str]) -> str | None:
    """The environment variable that sets the key at `parts`, if one does (names in any
    case, as they are read): its own (`PROCDESK_SYNC__BATCH_SIZE`), or one that sets a
    table holding it, written as JSON (`PROCDESK_SYNC`, `PROCDESK_KEYS`)."""
    names = {name.upper(): name for name in os.environ}
    for depth in range(len(parts), 0, -1):
        name = names.get(env_var_name(parts[:depth]))
        if name is None:
            continue
        if depth == len(parts):
            return name
        try:
            node: Any = json.loads(os.environ[name])
        except ValueError:
            continue
        for part in parts[depth:]:
            if not isinstance(node, dict) or part not in node:
                break
            node = node[part]
        else:
            return name
    return None


def _source_of(parts: Sequence[str], file_data: dict[str, Any]) -> str:
    env = _env_source(parts)
    if env is not None:
        return f"env {env}"
    node: Any = file_data
    for part in parts:
        if not isinstance(node, dict) or part not in node:
            return "default"
        node = node[part]
    return "file"


def describe_errors(exc: ValidationError, file_data: dict[str, Any], path: Path) -> str:
    """One line per invalid key: the key, what was expected, what was given, from where."""
    lines = []
    for error in exc.errors():
        parts = [str(part) for part in error["loc"]]
        key = ".".join(parts)
        source = _source_of(parts, file_data)
        where = f"file {path}" if source == "file" else source
        message = str(error["msg"]).removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key"
        lines.append(f"{key}: {message} (got {_shown(error.get('input'))!r}, from {where})")
    return "invalid configuration:\n  " + "\n  ".join(lines)


def load_settings(path: Path | None = None) -> Settings:
    """The effective settings; raises ConfigError with a message naming each bad key."""
    path = path or config_file()
    file_data = read_file(path)
    secrets = [f"{k} (in {path})" for k in _secret_keys_in(file_data)] + [
        f"{v} (environment variable)" for v in _secret_env_vars()
    ]
    if secrets:
        raise ConfigError("; ".join(secret_key_message(key) for key in secrets))
    try:
        return Settings.model_validate(overlay(file_data, environment_values()))
    except ValidationError as exc:
        raise ConfigError(describe_errors(exc, file_data, path)) from None


def sources(settings: Settings, path: Path | None = None) -> dict[str, str]:
    """Where each effective value came from: `default`, `file` or `env NAME`."""
    file_data = read_file(path or config_file())
    return {".".join(parts): _source_of(parts, file_data) for parts, _ in _leaves(settings)}


def flatten(settings: Settings) -> dict[str, Any]:
    """Dotted key -> value (JSON-friendly), in model order."""
    return {".".join(parts): value for parts, value in _leaves(settings)}


def _leaves(settings: Settings) -> list[tuple[tuple[str, ...], Any]]:
    """Each key's path and value: ("sync", "batch_size"), or ("keys", "app.quit") (a key
    binding's id has dots of its own)."""
    data = settings.model_dump(mode="json")
    leaves: list[tuple[tuple[str, ...], Any]] = []
    for name, value in data.items():
        if isinstance(value, dict):
            leaves.extend(((name, k), v) for k, v in value.items())
        else:
            leaves.append(((name,), value))
    return leaves


def current_actor(settings: Settings) -> str:
    """Who is acting: `user.name` from config, else the OS user name."""
    if settings.user.name:
        return settings.user.name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _shown(value: object) -> object:
    return shown(value) if isinstance(value, str) else value
