"""`procdesk config set KEY VALUE`: validate one value, write it back keeping comments."""

from __future__ import annotations

import os
import tempfile
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomlkit
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from procdesk.config.errors import ConfigError, shown
from procdesk.config.load import is_secret_key, read_file, secret_key_message
from procdesk.config.paths import config_file
from procdesk.config.settings import SECTIONS, Settings

_TYPE_NAMES = {
    str: "text",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    Decimal: "a decimal number",
}


def known_keys() -> list[str]:
    keys = ["ledger"]
    for section, model in SECTIONS.items():
        keys.extend(f"{section}.{name}" for name in model.model_fields)
    return keys


def expected_type(key: str) -> str:
    """A reader's name for the type a key takes (`an integer`, `text`, ...)."""
    if "." not in key:
        return "text"
    section, name = key.split(".", 1)
    annotation = SECTIONS[section].model_fields[name].annotation
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        annotation = args[0] if len(args) == 1 else annotation
    return _TYPE_NAMES.get(annotation, str(annotation))


def _reason(error: ErrorDetails) -> str:
    return str(error["msg"]).removeprefix("Value error, ")


def _validated(key: str, text: str, file_data: dict[str, Any]) -> Any:
    def fail(reason: str) -> ConfigError:
        return ConfigError(f"{key}: expected {expected_type(key)}; {reason} (got {shown(text)!r})")

    if "." not in key:
        try:
            Settings.model_validate({**file_data, key: text})
        except ValidationError as exc:
            raise fail("; ".join(_reason(e) for e in exc.errors() if e["loc"] == (key,))) from None
        return text
    section, name = key.split(".", 1)
    model: type[BaseModel] = SECTIONS[section]
    current = dict(file_data.get(section) or {})
    try:
        validated = model.model_validate({**current, name: text})
    except ValidationError as exc:
        reasons = [_reason(e) for e in exc.errors()]
        raise fail("; ".join(reasons)) from None
    return getattr(validated, name)


def _toml_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _write_atomically(path: Path, text: str) -> None:
    """`text` replaces the file at once (a config linked from elsewhere: the file it links
    to, so the link stays)."""
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def set_value(key: str, text: str, path: Path | None = None) -> Any:
    """Validate `text` for `key` and store it in the config file; returns the stored value.

    Raises ConfigError (file untouched) for a secret key, an unknown key or a bad value.
    """
    path = path or config_file()
    if is_secret_key(key.rsplit(".", 1)[-1]):
        raise ConfigError(secret_key_message(key))
    if key not in known_keys():
        raise ConfigError(f"{key}: unknown key; known keys: {', '.join(known_keys())}")
    file_data = read_file(path)
    value = _validated(key, text, file_data)
    document = (
        tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    )
    if "." in key:
        section, name = key.split(".", 1)
        if section not in document:
            document[section] = tomlkit.table()
        document[section][name] = _toml_value(value)
    else:
        document[key] = _toml_value(value)
    _write_atomically(path, tomlkit.dumps(document))
    return value
