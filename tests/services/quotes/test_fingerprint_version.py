"""A re-import skips records whose fingerprint the ledger holds, so a change to how a record
is read or validated must raise FINGERPRINT_VERSION, or records stored by older code would
stay accepted under the old rules. This test notices such a change: the modules that decide
how a record is read are hashed, and the hash is recorded beside the version it was
checked for."""

from __future__ import annotations

import hashlib
from pathlib import Path

import procdesk
from procdesk.services.quotes.files.raw import FINGERPRINT_VERSION

# The modules whose code decides what a record of a quote file means.
READING = (
    "services/quotes/files/models.py",
    "services/quotes/files/limits.py",
    "services/quotes/files/decode.py",
    "services/quotes/files/csv_reader.py",
    "services/quotes/files/json_reader.py",
    "domain/money.py",
)
# FINGERPRINT_VERSION -> the hash of READING it was last checked against
CHECKED = {"3": "362ee980d722dc1e785b43a3edb269f1e79bc586b6695eb0bde0a97f6e219815"}


def reading_hash() -> str:
    root = Path(procdesk.__file__).parent
    digest = hashlib.sha256()
    for name in READING:
        digest.update(name.encode())
        digest.update((root / name).read_bytes())
    return digest.hexdigest()


def test_reading_code_is_checked_against_the_fingerprint_version() -> None:
    assert CHECKED.get(FINGERPRINT_VERSION) == reading_hash(), (
        "The code that reads quote records changed. If a record could now be read or "
        "validated differently, raise FINGERPRINT_VERSION in services/quotes/files/raw.py "
        "(every record is validated again at its next import); either way, record the new "
        f"hash here: CHECKED[{FINGERPRINT_VERSION!r}] = {reading_hash()!r}"
    )
