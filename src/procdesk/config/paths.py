"""Where procdesk keeps its config file and data (ledger, logs).

Default: the platformdirs user config and data dirs. `PROCDESK_HOME=DIR` moves both under
DIR (config file `DIR/config.toml`, ledger `DIR/ledger.db`, logs `DIR/logs/`);
`PROCDESK_CONFIG=FILE` points at another config file. Exports go to the documents folder
(or `user.exports`), never under PROCDESK_HOME.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "procdesk"
CONFIG_FILE_NAME = "config.toml"


def home_override() -> Path | None:
    value = os.environ.get("PROCDESK_HOME", "").strip()
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    return home_override() or Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    return home_override() or Path(platformdirs.user_data_dir(APP_NAME))


def config_file() -> Path:
    """The config file in use: PROCDESK_CONFIG, else config.toml in the config dir."""
    value = os.environ.get("PROCDESK_CONFIG", "").strip()
    return Path(value).expanduser() if value else config_dir() / CONFIG_FILE_NAME


def default_ledger() -> str:
    return str(data_dir() / "ledger.db")


def logs_dir() -> Path:
    return data_dir() / "logs"


def exports_dir(configured: str | None = None) -> Path:
    """Where exports go: the folder set as `user.exports`, else `procdesk` in the user's
    documents folder. Never under PROCDESK_HOME: a demo's home is deleted when it ends."""
    if configured is not None:
        return Path(configured).expanduser().absolute()
    return Path(platformdirs.user_documents_dir()).absolute() / APP_NAME


DEMO_MARKER = "demo.pid"  # in a running demo's home: the demo's process id


def is_default_home() -> bool:
    """Neither PROCDESK_HOME nor PROCDESK_CONFIG moves the config: the user's own profile."""
    return home_override() is None and not os.environ.get("PROCDESK_CONFIG", "").strip()


def demo_pid() -> int | None:
    """The process id of the `procdesk demo` whose throwaway home this is, if it runs."""
    try:
        return int((config_dir() / DEMO_MARKER).read_text().strip())
    except (OSError, ValueError):
        return None


def prepare_private_file(path: Path) -> Path:
    """Create `path`'s folder owner-only (0700) and the file, if new, owner-only (0600):
    logs name customers and orders. An existing file keeps its mode (doctor reports it)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(fd)
    return path
