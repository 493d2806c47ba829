"""The ledger's files on disk: created owner-only, and what is wrong with their permissions.

A SQLite ledger holds customer names, addresses, phone numbers and prices, so its folder is
created 0700 and the database file 0600 before SQLite first opens it; SQLite gives the WAL
and SHM companions the database file's own mode, so they follow.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


class LedgerPathError(Exception):
    """The ledger's file or folder cannot be created or is not a regular file."""


def ensure_private_dir(folder: Path) -> None:
    """Create `folder` (and missing parents) owner-only; an existing folder is left as is."""
    try:
        folder.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise LedgerPathError(f"{_first_non_dir(folder)} exists and is not a folder") from None
    except OSError as exc:
        raise LedgerPathError(f"cannot create the folder {folder}: {exc.strerror or exc}") from None


def _first_non_dir(folder: Path) -> Path:
    for candidate in (folder, *folder.parents):
        if candidate.exists() and not candidate.is_dir():
            return candidate
    return folder


def prepare_sqlite_file(path: Path) -> None:
    """Make sure `path` can hold a SQLite ledger: its folder exists, and the file, when it
    does not exist yet, is created empty with mode 0600 (SQLite would use 0644)."""
    ensure_private_dir(path.parent)
    if path.exists() or path.is_symlink():
        if not path.is_file():
            raise LedgerPathError(f"{path} is not a regular file")
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return  # another process created it first
    except OSError as exc:
        raise LedgerPathError(f"cannot create {path}: {exc.strerror or exc}") from None
    os.close(fd)


def open_to_others(path: Path) -> str | None:
    """What group or other users may do with `path` ("readable by others", ...), or None
    when it is owner-only or does not exist."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    who = []
    if mode & (stat.S_IRWXG):
        who.append("group")
    if mode & (stat.S_IRWXO):
        who.append("others")
    if not who:
        return None
    return f"mode {stat.S_IMODE(mode):04o}: open to {' and '.join(who)}"


def ledger_files(path: Path) -> list[Path]:
    """The ledger's folder, its file and the companions that exist."""
    companions = [path.with_name(path.name + s) for s in COMPANION_SUFFIXES]
    return [path.parent, path, *(c for c in companions if c.exists())]
