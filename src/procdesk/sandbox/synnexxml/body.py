"""Reading a request body: raw XML or a form with `xmldata`, never more than MAX_BODY bytes.

Accepted, as public clients send them: `Content-Type: application/xml` or `text/xml` with
the document as the body, and `application/x-www-form-urlencoded` with one field `xmldata`
holding the URL-encoded document (its bytes read as UTF-8). Which of the two TD SYNNEX
requires is UNVERIFIED, so the sandbox takes both.

Sandbox choices (UNVERIFIED): any other content type is HTTP 415 with a plain-text reason
(the one transport-level refusal besides 404 and 405); a body over MAX_BODY bytes is
refused with the errorDetail shape, after the rest of it has been read and dropped (up to
DRAIN_LIMIT), so the client gets the refusal instead of a broken connection.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.requests import Request

from procdesk.sandbox.synnexxml.document import Refused

MAX_BODY = 1024 * 1024
DRAIN_LIMIT = 64 * 1024 * 1024
XML_TYPES = ("application/xml", "text/xml")
FORM_TYPE = "application/x-www-form-urlencoded"
FORM_FIELD = "xmldata"


class UnsupportedMediaType(Exception):
    pass


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def _capped(request: Request) -> bytes:
    kept = bytearray()
    seen = 0
    async for chunk in request.stream():
        seen += len(chunk)
        if len(kept) <= MAX_BODY:
            kept += chunk[: MAX_BODY + 1 - len(kept)]
        if seen > DRAIN_LIMIT:
            break
    if seen > MAX_BODY:
        raise Refused(f"The request is larger than {MAX_BODY} bytes.")
    return bytes(kept)


def _form_document(body: bytes) -> bytes:
    try:
        form = parse_qs(
            body.decode("ascii"), keep_blank_values=True, strict_parsing=True, errors="strict"
        )
    except (UnicodeDecodeError, ValueError):
        raise Refused("The form body is not valid URL encoding.") from None
    if set(form) != {FORM_FIELD} or len(form[FORM_FIELD]) != 1:
        raise Refused(f"The form body must hold exactly one field, {FORM_FIELD}.")
    return form[FORM_FIELD][0].encode("utf-8")


async def request_document(request: Request) -> bytes:
    """The XML document the request carries; `Refused` or `UnsupportedMediaType` if none."""
    kind = media_type(request)
    if kind not in (*XML_TYPES, FORM_TYPE):
        raise UnsupportedMediaType(
            f"Content-Type {kind or '(none)'} is not accepted: send application/xml, "
            f"text/xml, or {FORM_TYPE} with an {FORM_FIELD} field."
        )
    body = await _capped(request)
    return _form_document(body) if kind == FORM_TYPE else body
