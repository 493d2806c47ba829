"""Log lines for services: one line per event on standard error, as text or JSON.

journald and container runtimes read a process's standard streams line by line, so every
record is exactly one line: a failure's type and message are on it, its traceback is not
(text) or travels inside the JSON object (`--log-format json`), never as lines of its own.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from typing import Any

FORMATS = ("text", "json")
HANDLER_NAME = "procdesk-service-log"


def _one_line(text: str) -> str:
    return " ".join(text.split())


class TextFormatter(logging.Formatter):
    """`2026-12-06T09:30:00Z WARNING procdesk.services.outage: message | ErrorType: text`"""

    def format(self, record: logging.LogRecord) -> str:
        at = datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        line = f"{at} {record.levelname} {record.name}: {_one_line(record.getMessage())}"
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            line += f" | {type(exc).__name__}: {_one_line(str(exc))}"
        return line


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (and error, traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            entry["error"] = f"{type(exc).__name__}: {exc}"
            entry["traceback"] = "".join(traceback.format_exception(exc))
        return json.dumps(entry, ensure_ascii=False)


def configure(log_format: str, level: int = logging.INFO) -> logging.Handler:
    """Send procdesk's log records to standard error in `log_format`, one line each.

    Replaces a handler an earlier call installed (a process configures once; tests call the
    command many times) and leaves other handlers alone."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.set_name(HANDLER_NAME)
    logger = logging.getLogger("procdesk")
    for old in [h for h in logger.handlers if h.get_name() == HANDLER_NAME]:
        logger.removeHandler(old)
    logger.addHandler(handler)
    logger.setLevel(level)
    return handler
