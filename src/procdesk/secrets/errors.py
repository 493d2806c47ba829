"""Why the keyring cannot be used: each error's message says how to fix it."""

from __future__ import annotations

NO_BACKEND_HELP = (
    "No usable OS keyring backend was found, and procdesk keeps secrets only in the keyring. "
    "Fix it by one of: installing and unlocking a Secret Service provider (GNOME Keyring or "
    "KWallet) in a desktop session; for a headless server or a service, `pip install "
    "'procdesk[headless]'` and PROCDESK_KEYRING_KEY_FILE=<an owner-only file holding a random "
    "key> (or systemd credential procdesk-keyring-key), which selects the encrypted file "
    'keyring procdesk.secrets.headless.HeadlessKeyring (README, "Team setup"); or '
    "PYTHON_KEYRING_BACKEND naming another backend that keeps secrets on disk."
)


class KeyringUnavailableError(RuntimeError):
    """No usable keyring backend (e.g. headless Linux with no Secret Service)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(NO_BACKEND_HELP + (f" (keyring said: {detail})" if detail else ""))


class NotPersistentError(KeyringUnavailableError):
    """The keyring backend would forget what it is given when the process ends."""

    def __init__(self, backend: str) -> None:
        RuntimeError.__init__(
            self,
            f"the keyring backend {backend} does not keep secrets after this process ends, so "
            "a secret stored in it would be lost and the next command would fail. "
            + NO_BACKEND_HELP,
        )


class KeyringFileError(KeyringUnavailableError):
    """The headless keyring's file cannot be opened with its key, or is damaged: the message
    names the file and the fix (never its contents)."""

    def __init__(self, message: str) -> None:
        RuntimeError.__init__(self, message)


class DemoProfileError(KeyringUnavailableError):
    """The profile is a running demo's: its secrets live in that process only."""

    def __init__(self, pid: int) -> None:
        RuntimeError.__init__(
            self,
            f"this is the home of a running `procdesk demo` (process {pid}); its sandbox "
            "credentials live only in that process's memory and cannot be read or changed from "
            "here: use the demo's dashboard (its Connections screen), or point this command at "
            "your own home",
        )
