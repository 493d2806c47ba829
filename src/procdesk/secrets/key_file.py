"""Where the headless keyring's key and file are, and the checks on the key.

See `procdesk.secrets.headless` for the whole story; nothing here needs keyrings.cryptfile.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

KEY_FILE_ENV = "PROCDESK_KEYRING_KEY_FILE"
KEYRING_FILE_ENV = "PROCDESK_KEYRING_FILE"
SYSTEMD_CREDENTIAL = "procdesk-keyring-key"
MIN_KEY_LENGTH = 32


class HeadlessKeyError(RuntimeError):
    """The key is missing, too short, or readable by others; the message says how to fix it."""


def key_path() -> Path | None:
    """Where the key comes from: PROCDESK_KEYRING_KEY_FILE, else the systemd credential."""
    named = os.environ.get(KEY_FILE_ENV, "").strip()
    if named:
        return Path(named).expanduser()
    credentials = os.environ.get("CREDENTIALS_DIRECTORY", "").strip()
    if credentials and (Path(credentials) / SYSTEMD_CREDENTIAL).exists():
        return Path(credentials) / SYSTEMD_CREDENTIAL
    return None


def read_key(path: Path) -> str:
    """The key in `path`, refusing a file others can read and a key too short to be one."""
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise HeadlessKeyError(f"cannot read the keyring key {path}: {exc.strerror}") from None
    if stat.S_IMODE(mode) & 0o077:
        raise HeadlessKeyError(
            f"the keyring key {path} is readable by others (mode {stat.S_IMODE(mode):o}); "
            f"make it owner-only: chmod 600 {path}"
        )
    key = text.strip().splitlines()[0].strip() if text.strip() else ""
    if len(key) < MIN_KEY_LENGTH:
        raise HeadlessKeyError(
            f"the keyring key in {path} is shorter than {MIN_KEY_LENGTH} characters; "
            "make a random one: openssl rand -base64 48"
        )
    return key


def keyring_path() -> Path:
    named = os.environ.get(KEYRING_FILE_ENV, "").strip()
    if named:
        return Path(named).expanduser()
    return Path(platformdirs.user_data_dir("procdesk")) / "keyring.cfg"


def problem() -> str | None:
    """Why a configured headless key cannot be used (None: no key configured, or it is fine).

    keyring skips a backend that fails to start without saying why; this says it."""
    from importlib.util import find_spec

    path = key_path()
    if path is None:
        return None
    if find_spec("keyrings.cryptfile") is None:
        return (
            f"{KEY_FILE_ENV} is set but the encrypted file keyring is not installed: "
            "pip install 'procdesk[headless]'"
        )
    try:
        read_key(path)
    except HeadlessKeyError as exc:
        return str(exc)
    return None
