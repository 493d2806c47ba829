"""One POST to /SynnexXML/...: body encoding, capped reading, and HTTP-level failures.

`effectful` marks a request that changes state at TD SYNNEX (a purchase order): when it
fails after it may have reached TD SYNNEX (a timeout while waiting, a dropped connection,
a 5xx, an unreadable reply), `TransientError.maybe_applied` is True and the caller must look
the PO number up before sending it again. A failure to connect never applied anything.
Messages name the failure kind only: httpx's own text can carry the URL, and the request
body carries the password, so neither goes into an error.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from procdesk.integrations import oauth
from procdesk.integrations.errors import AuthenticationError, ProviderError, TransientError
from procdesk.integrations.tdsynnex_xml.document import MAX_REPLY, UnreadableReply, parse
from procdesk.integrations.tdsynnex_xml.errors import PROVIDER
from procdesk.secrets.redaction import redacted

XML_CONTENT_TYPE = "application/xml; charset=utf-8"
FORM_FIELD = "xmldata"
MAX_ERROR_TEXT = 500


@dataclass(frozen=True)
class Call:
    path: str  # e.g. "/SynnexXML/PO", relative to the client's base URL
    effectful: bool
    secret: str  # scrubbed from any provider text that reaches an error

    @property
    def operation(self) -> str:
        return f"POST {self.path}"


def status_error(response: httpx.Response, body: bytes, call: Call) -> ProviderError:
    """An HTTP status other than 200: TD SYNNEX answers refusals with 200, so these come
    from the transport (gateway, proxy, server failure) and keep their body text. The
    mapping is every distributor's (`oauth.status_error`), but 401 means the login failed:
    there is no token to renew."""
    status = response.status_code
    text = body.decode("utf-8", "replace").strip()[:MAX_ERROR_TEXT] or f"HTTP {status}"
    message, operation = redacted(text, call.secret), call.operation
    if status == 401:
        return AuthenticationError(PROVIDER, message, status_code=status, operation=operation)
    return oauth.status_error(
        PROVIDER, response, message, operation, effectful=call.effectful, now=datetime.now(UTC)
    )


def unreadable(reason: str, call: Call, status: int | None = 200) -> TransientError:
    return TransientError(
        PROVIDER,
        f"unreadable reply: {reason}",
        maybe_applied=call.effectful,
        status_code=status,
        operation=call.operation,
    )


async def _read_capped(response: httpx.Response, call: Call) -> bytes:
    kept = bytearray()
    async for chunk in response.aiter_bytes():
        kept += chunk
        if len(kept) > MAX_REPLY:
            raise unreadable(f"larger than {MAX_REPLY} bytes", call, response.status_code)
    return bytes(kept)


async def post_document(
    http: httpx.AsyncClient, call: Call, document: bytes, *, form: bool
) -> ET.Element:
    """POST `document` (raw XML, or URL-encoded as the form field `xmldata`); the reply's
    root element. Raises the typed errors of `procdesk.integrations.errors`."""
    if form:
        request = http.build_request("POST", call.path, data={FORM_FIELD: document.decode()})
    else:
        headers = {"Content-Type": XML_CONTENT_TYPE, "Accept": "application/xml"}
        request = http.build_request("POST", call.path, content=document, headers=headers)
    try:
        response = await http.send(request, stream=True)
        try:
            body = await _read_capped(response, call)
        finally:
            await response.aclose()
    except httpx.TransportError as exc:
        raise oauth.transport_error(
            PROVIDER, exc, call.operation, effectful=call.effectful
        ) from None
    if response.status_code != 200:
        raise status_error(response, body, call)
    try:
        return parse(body)
    except UnreadableReply as exc:
        raise unreadable(str(exc), call) from None
