"""Reading an import file's bytes safely: size cap before reading, strict UTF-8, BOM allowed."""

from __future__ import annotations

from pathlib import Path

from procdesk.services.quotes.files.problems import ImportProblem, ImportRejected

MAX_FILE_BYTES = 20 * 1024 * 1024  # 20 MB: far above any real quote export
UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _reject(path: Path, message: str) -> ImportRejected:
    return ImportRejected([ImportProblem(str(path), "file", None, message)])


def read_text(path: Path) -> str:
    """The file as text; refuses missing, oversized, empty and non-UTF-8 files."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _reject(path, f"cannot read the file: {exc.strerror or exc}") from None
    if not path.is_file():
        raise _reject(path, "expected a file, found a directory or special file")
    if size > MAX_FILE_BYTES:
        raise _reject(
            path,
            f"file is {size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB (split the export into smaller files)",
        )
    data = path.read_bytes()
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    if data.startswith(_UTF16_BOMS):
        raise _reject(path, "file is UTF-16 encoded; expected UTF-8 (save it as UTF-8)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _reject(
            path,
            f"file is not UTF-8 text (byte 0x{data[exc.start]:02X} at offset {exc.start}); "
            "expected UTF-8 (save or export it as UTF-8)",
        ) from None
    if not text.strip():
        raise _reject(path, "file is empty; expected at least one quote")
    if "\x00" in text:
        raise _reject(path, "file contains NUL characters; expected UTF-8 text")
    return text
