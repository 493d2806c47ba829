"""StreamOne ION HTTP answers: JSON bodies, Google-style errors, urlencoded forms, paging."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar
from urllib.parse import parse_qsl

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response

from procdesk.sandbox.tdsynnex.wire import GoogleError

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100

T = TypeVar("T")


class BadRequest(Exception):
    """A request the sandbox refuses with 400 INVALID_ARGUMENT; the message is the answer."""


def json_response(body: BaseModel, status_code: int = 200) -> Response:
    return Response(
        body.model_dump_json(exclude_none=True),
        status_code=status_code,
        media_type="application/json",
    )


def error_response(status_code: int, message: str) -> Response:
    return json_response(GoogleError(code=status_code, message=message), status_code)


async def form_fields(request: Request) -> dict[str, str]:
    body = (await request.body()).decode("utf-8", errors="replace")
    return dict(parse_qsl(body, keep_blank_values=True))


def timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _encode_token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def _decode_token(token: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError) as error:
        raise BadRequest("Invalid pageToken.") from error
    prefix, _, number = raw.partition(":")
    if prefix != "offset" or not number.isdigit():
        raise BadRequest("Invalid pageToken.")
    return int(number)


def page(request: Request, items: Sequence[T]) -> tuple[list[T], str]:
    """The page that pageSize and pageToken ask for, and the token of the next one ("" if last)."""
    raw_size = request.query_params.get("pageSize", "")
    if raw_size and not raw_size.isdigit():
        raise BadRequest("pageSize must be a non-negative integer.")
    size = min(int(raw_size), MAX_PAGE_SIZE) if raw_size and int(raw_size) else DEFAULT_PAGE_SIZE
    token = request.query_params.get("pageToken", "")
    start = _decode_token(token) if token else 0
    end = start + size
    return list(items[start:end]), _encode_token(end) if end < len(items) else ""
