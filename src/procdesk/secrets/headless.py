"""A keyring for services and headless hosts: an encrypted file, unlocked by a key file.

keyrings.cryptfile (AES-GCM, one entry per key, Argon2 key derivation) keeps the secrets;
this backend only decides where its key and file come from, so nothing ever prompts:

- the key: the first line of the file named by ``PROCDESK_KEYRING_KEY_FILE``, or systemd's
  credential ``procdesk-keyring-key`` (``LoadCredential=`` / ``LoadCredentialEncrypted=``,
  read from ``$CREDENTIALS_DIRECTORY``). It must be readable by its owner only (mode 0600
  or 0400) and at least 32 characters: make one with ``openssl rand -base64 48``.
- the file: ``PROCDESK_KEYRING_FILE``, else ``keyring.cfg`` in procdesk's user data
  directory; written with mode 0600 in a 0700 directory.

keyring selects this backend by itself whenever a key is configured (it is registered
under the ``keyring.backends`` entry point); ``PYTHON_KEYRING_BACKEND=
procdesk.secrets.headless.HeadlessKeyring`` selects it explicitly. With no key configured it
is not viable and refuses to start rather than ask.
"""

from __future__ import annotations

from importlib.util import find_spec

from procdesk.secrets.key_file import KEY_FILE_ENV, HeadlessKeyError, key_path

__all__ = ["KEY_FILE_ENV", "HeadlessKeyError", "available", "key_path"]


def available() -> bool:
    """Is keyrings.cryptfile installed (`pip install 'procdesk[headless]'`)?"""
    return find_spec("keyrings.cryptfile") is not None


# keyring imports this module for its entry point: without the extra there is simply no
# backend here (no error, no log line); with it, the class registers itself with keyring.
if available():
    from procdesk.secrets.headless_backend import HeadlessKeyring

    __all__ += ["HeadlessKeyring"]
