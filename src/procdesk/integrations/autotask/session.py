"""The HTTP layer: one httpx.AsyncClient, the REST root (given or found by zone lookup),
auth headers, request gating, request counting and error classification.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from procdesk.domain.enums import Provider
from procdesk.integrations.autotask.classify import classify_response, classify_transport_error
from procdesk.integrations.autotask.credentials import AutotaskCredentials
from procdesk.integrations.autotask.gate import RequestGate
from procdesk.integrations.autotask.models import ZoneInfo
from procdesk.integrations.errors import AuthenticationError, TransientError, ValidationError

API_VERSION = "v1.0"
DEFAULT_ZONE_LOOKUP_ROOT = "https://webservices.autotask.net/atservicesrest"
DEFAULT_TIMEOUT = 30.0
ZONE_ENTITY = "zoneInformation"


def api_root(url: str) -> str:
    """`.../atservicesrest` or `.../atservicesrest/v1.0` (any case, any trailing slash)
    -> `.../atservicesrest/v1.0` without a trailing slash."""
    root = url.strip().rstrip("/")
    if root.lower().endswith("/" + API_VERSION):
        return root
    return f"{root}/{API_VERSION}"


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        # Exact as a JSON number when a float's shortest repr reproduces it (≤15 digits).
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def encode_json(body: Any) -> bytes:
    return json.dumps(_jsonable(body), separators=(",", ":")).encode()


M = TypeVar("M", bound=BaseModel)


def parsed(model: type[M], raw: Any) -> M:
    """An answer read as `model`; a body of the wrong shape is a TransientError (a success
    status with an answer procdesk cannot read may still have taken effect)."""
    try:
        return model.model_validate(raw)
    except PydanticValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise TransientError(
            Provider.AUTOTASK,
            f"Autotask answered in a shape procdesk cannot read ({model.__name__}: {where}: "
            f"{first['msg']})",
            maybe_applied=True,
        ) from None


def decode_json(response: httpx.Response) -> Any:
    """The body with numbers that have a fraction as Decimal (money stays exact)."""
    if not response.content:
        return None
    return json.loads(response.content, parse_float=Decimal)


class Writing:
    """Requests that hold a slot and are not yet fully written.

    A request's way from its slot to the wire passes several event loop turns (httpcore's
    locks and stream yield to the loop); whatever else is ready runs in each. A caller whose
    answer has just come back waits here before its own work on the answer, so that work
    does not hold up the request that took its slot (on one worker: ledger work of a few
    ms per answer, a loop busy more than half the time)."""

    _BODY_SENT = "http11.send_request_body.complete"

    def __init__(self) -> None:
        self._unwritten: set[asyncio.Future[None]] = set()

    def start(self, request: httpx.Request) -> Callable[[], None]:
        """Count `request` as being written until its body is sent (httpcore's trace
        extension says so) or the returned function is called, whichever comes first."""
        written: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._unwritten.add(written)

        def finished() -> None:
            if not written.done():
                written.set_result(None)
                self._unwritten.discard(written)

        async def trace(event: str, info: dict[str, Any]) -> None:
            if event == self._BODY_SENT:
                finished()

        request.extensions["trace"] = trace
        return finished

    async def done(self) -> None:
        """Until the requests that hold a slot now have been written (not any that start
        meanwhile: a steady stream of requests cannot keep a caller waiting)."""
        if self._unwritten:
            await asyncio.wait(set(self._unwritten))


class AutotaskSession:
    def __init__(
        self,
        credentials: AutotaskCredentials,
        gate: RequestGate,
        *,
        base_url: str | None = None,
        zone_lookup_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
    ) -> None:
        self._credentials = credentials
        self._gate = gate
        self._base = api_root(base_url) if base_url else None
        # With a configured REST root, its own zoneInformation answers the zone question.
        self._zone_root = api_root(zone_lookup_url or base_url or DEFAULT_ZONE_LOOKUP_ROOT)
        self._zone: ZoneInfo | None = None
        self._zone_lock = asyncio.Lock()
        self._http = httpx.AsyncClient(
            timeout=timeout,
            follow_redirects=False,
            headers={"Accept": "application/json"},
        )
        self.requests_made: Counter[str] = Counter()
        self._writing = Writing()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def zone(self) -> ZoneInfo:
        """The zone for this API user, looked up once (not thread-limited, not budgeted)."""
        async with self._zone_lock:
            if self._zone is None:
                self._zone = await self._lookup_zone()
            return self._zone

    async def _lookup_zone(self) -> ZoneInfo:
        operation = f"GET {ZONE_ENTITY}"
        url = f"{self._zone_root}/{ZONE_ENTITY}"
        params = {"user": self._credentials.username}
        self.requests_made[ZONE_ENTITY] += 1
        try:
            response = await self._http.get(url, params=params, headers=self._headers())
        except httpx.TransportError as exc:
            raise classify_transport_error(exc, operation) from None
        if response.is_error:
            error = classify_response(response, operation)
            if isinstance(error, ValidationError):
                # "Zone information could not be determined": Autotask does not know this user.
                raise AuthenticationError(
                    error.provider,
                    error.message,
                    status_code=error.status_code,
                    operation=operation,
                )
            raise error
        return ZoneInfo.model_validate(decode_json(response))

    async def base_url(self) -> str:
        """The REST root (`.../atservicesrest/v1.0`): configured, else from the zone."""
        if self._base is None:
            self._base = api_root((await self.zone()).url)
        return self._base

    def _headers(self) -> dict[str, str]:
        return {**self._credentials.headers(), "Content-Type": "application/json"}

    async def call(
        self,
        method: str,
        path: str,
        *,
        entity: str,
        body: Any = None,
    ) -> Any:
        """Send one request through the gate; the decoded JSON body, or a typed error.

        `entity` names the object endpoint the thread limit counts against.
        """
        operation = f"{method} {path}"
        url = f"{await self.base_url()}/{path}"
        content = encode_json(body) if body is not None else None
        # built before the slot is taken: a request waiting for a slot is ready to go
        request = self._http.build_request(method, url, content=content, headers=self._headers())
        async with self._gate.slot(entity):
            self.requests_made[entity] += 1
            written = self._writing.start(request)
            try:
                response = await self._http.send(request)
            except httpx.TransportError as exc:
                raise classify_transport_error(exc, operation) from None
            finally:
                written()
        # let the request that was waiting for this slot go out before this answer is read
        # (and before whatever the caller does with it, such as a ledger write): it takes
        # the slot on the next loop turn, and its path to the wire has turns of its own
        await asyncio.sleep(0)
        await self._writing.done()
        if response.is_error:
            raise classify_response(response, operation)
        try:
            return decode_json(response)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
            # A success status with an unreadable body: it may well have taken effect.
            raise TransientError(
                Provider.AUTOTASK,
                "the response body was not JSON",
                maybe_applied=True,
                status_code=response.status_code,
                operation=operation,
            ) from None
