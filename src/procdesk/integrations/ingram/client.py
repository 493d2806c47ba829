"""The Ingram Micro Reseller API v6 client (price & availability, orders)."""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

import httpx
from authlib.integrations.httpx_client import AsyncOAuth2Client
from pydantic import BaseModel, Field, TypeAdapter

from procdesk.domain.clock import Clock, utc_now
from procdesk.domain.enums import CredentialState, Distributor, OrderStatus
from procdesk.integrations.distributor.models import (
    CredentialStatus,
    OrderRequest,
    OrderSnapshot,
    PartAvailability,
    PlacedOrder,
)
from procdesk.integrations.errors import (
    AuthenticationError,
    NotFoundError,
    TransientError,
)
from procdesk.integrations.ingram import mapping
from procdesk.integrations.ingram.auth import IngramTokenSource
from procdesk.integrations.ingram.errors import PROVIDER, classify, is_invalid_customer_number
from procdesk.integrations.ingram.models import (
    OrderCreateResponse,
    OrderDetail,
    OrderSearchResponse,
    PriceAvailabilityItem,
    PriceAvailabilityRequest,
    ProductRef,
    SearchOrder,
)
from procdesk.integrations.oauth import (
    DEFAULT_LIMITS,
    DEFAULT_TIMEOUT,
    AccessToken,
    transport_error,
)
from procdesk.integrations.oauth_client import OwnsHttpClient, held_token_status, read_json

ORDERS = "/resellers/v6/orders"
ORDER_DETAILS = "/resellers/v6.1/orders/{}"
ORDER_SEARCH = "/resellers/v6/orders/search"
PRICE_AVAILABILITY = "/resellers/v6/catalog/priceandavailability"
PA_BATCH = 50  # parts per price & availability request
SEARCH_PAGE = 100  # the order search's largest page
NOT_OPEN = ("not open",)  # the fingerprint of an order absent from the OPEN listing
_PA_ITEMS = TypeAdapter(list[PriceAvailabilityItem])
T = TypeVar("T")
# Orders whose details no longer change on their own.
ORDER_SETTLED = frozenset({OrderStatus.DELIVERED, OrderStatus.CANCELLED})


class IngramSettings(BaseModel):
    base_url: str  # e.g. https://api.ingrammicro.com:443 (or .../sandbox)
    client_id: str
    customer_number: str = Field(max_length=10)
    country_code: str = Field(min_length=2, max_length=2)
    sender_id: str | None = Field(default=None, max_length=32)


@dataclass(frozen=True)
class _Known:
    """What the client last learnt of one order: its summary and its details."""

    fingerprint: tuple[object, ...]
    snapshot: OrderSnapshot
    fetched_at: datetime


class IngramClient(OwnsHttpClient):
    """Implements `procdesk.integrations.distributor.DistributorClient`."""

    distributor = Distributor.INGRAM
    can_cancel = True

    def __init__(
        self,
        settings: IngramSettings,
        client_secret: str,
        *,
        clock: Clock = utc_now,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        status_concurrency: int = 4,
        detail_max_age: timedelta = timedelta(hours=6),
        unshipped_recheck: timedelta = timedelta(hours=1),
        sweep_reuse_s: float = 20.0,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._http = self._oauth = AsyncOAuth2Client(
            client_id=settings.client_id,
            client_secret=client_secret,
            token_endpoint_auth_method="client_secret_post",
            base_url=settings.base_url.rstrip("/"),
            timeout=timeout,
            limits=DEFAULT_LIMITS,
        )
        self._tokens = IngramTokenSource(self._http, clock)
        self._status_slots = asyncio.Semaphore(status_concurrency)
        self._detail_max_age = detail_max_age
        self._unshipped_recheck = unshipped_recheck
        self._sweep_reuse_s = sweep_reuse_s
        self._sweep: tuple[float, dict[str, SearchOrder]] | None = None
        self._known: dict[str, _Known] = {}

    @property
    def token_fetches(self) -> int:
        return self._tokens.fetches

    # --- credentials ----------------------------------------------------------------------

    def credential_status(self) -> CredentialStatus:
        return held_token_status(PROVIDER, self._tokens.current, self._clock())

    async def verify(self) -> CredentialStatus:
        """Fetch a fresh token, then prove the customer number with a harmless search."""
        try:
            token = await self._tokens.renew(self._tokens.current)
            await self._request("GET", ORDER_SEARCH, params={"pageSize": 1, "pageNumber": 1})
        except AuthenticationError as exc:
            return CredentialStatus(
                provider=PROVIDER,
                state=CredentialState.INVALID,
                checked_at=self._clock(),
                message=exc.message,
                kind=exc.kind,
            )
        return CredentialStatus(
            provider=PROVIDER,
            state=CredentialState.OK,
            checked_at=self._clock(),
            access_expires_at=token.expires_at,
        )

    # --- catalog --------------------------------------------------------------------------

    async def availability(self, parts: list[str]) -> list[PartAvailability]:
        found: dict[str, PriceAvailabilityItem] = {}
        unique = list(dict.fromkeys(parts))
        for start in range(0, len(unique), PA_BATCH):
            batch = unique[start : start + PA_BATCH]
            body = PriceAvailabilityRequest(
                products=[ProductRef(ingramPartNumber=p) for p in batch]
            )
            response = await self._request(
                "POST",
                PRICE_AVAILABILITY,
                params={"includeAvailability": "true", "includePricing": "true"},
                json=body.model_dump(mode="json", exclude_none=True),
            )
            for item in self._parse(_PA_ITEMS, response):
                if item.ingramPartNumber:
                    found[item.ingramPartNumber.upper()] = item
        return [mapping.availability(part, found.get(part.upper())) for part in parts]

    async def availability_by_manufacturer(self, parts: list[str]) -> list[PartAvailability]:
        """Price and stock by manufacturer (vendor) part number, 50 parts per request."""
        found: dict[str, PriceAvailabilityItem] = {}
        unique = list(dict.fromkeys(part.upper() for part in parts))
        for start in range(0, len(unique), PA_BATCH):
            batch = unique[start : start + PA_BATCH]
            body = PriceAvailabilityRequest(
                products=[ProductRef(vendorPartNumber=p) for p in batch]
            )
            response = await self._request(
                "POST",
                PRICE_AVAILABILITY,
                params={"includeAvailability": "true", "includePricing": "true"},
                json=body.model_dump(mode="json", exclude_none=True),
            )
            for item in self._parse(_PA_ITEMS, response):
                if item.vendorPartNumber and item.ingramPartNumber:
                    found[item.vendorPartNumber.upper()] = item
        return [mapping.availability(part, found.get(part.upper())) for part in parts]

    # --- orders ---------------------------------------------------------------------------

    async def place_order(self, order: OrderRequest) -> PlacedOrder:
        body = mapping.create_request(order).model_dump(mode="json", exclude_none=True)
        response = await self._request("POST", ORDERS, json=body, effectful=True)
        created = self._parse(OrderCreateResponse, response)
        if not created.orders:
            # a success without an order number: whether it exists is found by reference
            raise TransientError(
                PROVIDER,
                "Ingram Micro answered without an order number",
                maybe_applied=True,
                status_code=response.status_code,
                operation=f"POST {ORDERS}",
            )
        return mapping.placed_order(order.reference, response.reason_phrase, created)

    async def find_order(self, reference: str) -> PlacedOrder | None:
        response = await self._request(
            "GET",
            ORDER_SEARCH,
            params={"customerOrderNumber": reference, "pageSize": 25, "pageNumber": 1},
        )
        if response.status_code == 204 or not response.content:
            return None
        matches = [
            order
            for order in self._parse(OrderSearchResponse, response).orders
            if order.customerOrderNumber == reference
        ]
        if not matches:
            return None
        return mapping.placed_from_detail(await self._detail(matches[0].ingramOrderNumber))

    async def order_status(self, distributor_order_id: str) -> OrderSnapshot:
        detail = await self._detail(distributor_order_id)
        found = mapping.snapshot(detail, self._clock().date())
        known = self._known.get(distributor_order_id)
        fingerprint = known.fingerprint if known else NOT_OPEN
        self._known[distributor_order_id] = _Known(fingerprint, found, self._clock())
        return found

    async def order_statuses(self, distributor_order_ids: list[str]) -> list[OrderSnapshot]:
        """Open orders' summaries from the order search (100 a page), then the details of
        only those orders whose summary changed, or whose last details are due a fresh look
        (see `_details_due`). A single order with no recent listing is read directly. An
        order Ingram does not know is left out of the answer, not failing the others."""
        ids = list(dict.fromkeys(distributor_order_ids))
        if len(ids) == 1 and not self._sweep_is_fresh():
            return [await self._status_once(ids[0])]
        summaries = await self._open_summaries()
        now = self._clock()
        answers: dict[str, OrderSnapshot] = {}
        stale: list[tuple[str, tuple[object, ...]]] = []
        for order_id in ids:
            summary = summaries.get(order_id)
            fingerprint = summary.fingerprint if summary else NOT_OPEN
            known = self._known.get(order_id)
            if known and known.fingerprint == fingerprint and not self._details_due(known, now):
                answers[order_id] = known.snapshot
            else:
                stale.append((order_id, fingerprint))

        async def refresh(order_id: str, fingerprint: tuple[object, ...]) -> None:
            async with self._status_slots:
                try:
                    detail = await self._detail(order_id)
                except NotFoundError:  # not Ingram's (any more): left out of the answer
                    return
            found = mapping.snapshot(detail, self._clock().date())
            self._known[order_id] = _Known(fingerprint, found, self._clock())
            answers[order_id] = found

        await asyncio.gather(*(refresh(i, f) for i, f in stale))
        return [answers[i] for i in ids if i in answers]

    async def _status_once(self, order_id: str) -> OrderSnapshot:
        async with self._status_slots:
            return await self.order_status(order_id)

    def _details_due(self, known: _Known, now: datetime) -> bool:
        """Details worth reading again though the summary did not change: Ingram's summary
        carries no line quantities, shipments or delivery, so a backorder whose date has
        come, a package due to arrive, confirmed stock not yet shipped (hourly) and anything
        older than `detail_max_age` are looked at again."""
        age = now - known.fetched_at
        if age >= self._detail_max_age:
            return True
        if known.snapshot.status in ORDER_SETTLED:
            return False
        today = now.date()
        for line in known.snapshot.lines:
            if line.backordered_quantity and line.backorder_eta and line.backorder_eta <= today:
                return True
            for shipment in line.shipments:
                eta = shipment.estimated_delivery_on
                if shipment.delivered_on is None and eta is not None and eta <= today:
                    return True
            confirmed = line.confirmed_quantity or 0
            if confirmed > line.shipped_quantity and age >= self._unshipped_recheck:
                return True
        return False

    def _sweep_is_fresh(self) -> bool:
        return self._sweep is not None and time.monotonic() - self._sweep[0] < self._sweep_reuse_s

    async def _open_summaries(self) -> dict[str, SearchOrder]:
        """Every OPEN order's summary, by Ingram order number (reused for a few seconds, so
        the batches of one refresh share one listing)."""
        if self._sweep is not None and self._sweep_is_fresh():
            return self._sweep[1]
        found: dict[str, SearchOrder] = {}
        page = 1
        while True:
            params = {"orderStatus-in": "OPEN", "pageSize": SEARCH_PAGE, "pageNumber": page}
            response = await self._request("GET", ORDER_SEARCH, params=params)
            if response.status_code == 204 or not response.content:
                break
            listing = self._parse(OrderSearchResponse, response)
            for order in listing.orders:
                found[order.ingramOrderNumber] = order
            total = listing.recordsFound or 0
            if len(listing.orders) < SEARCH_PAGE or page * SEARCH_PAGE >= total:
                break
            page += 1
        self._sweep = (time.monotonic(), found)
        return found

    async def cancel(self, distributor_order_id: str) -> OrderSnapshot:
        await self._request("DELETE", f"{ORDERS}/{distributor_order_id}", effectful=True)
        return await self.order_status(distributor_order_id)

    async def _detail(self, order_id: str) -> OrderDetail:
        response = await self._request("GET", ORDER_DETAILS.format(order_id))
        return self._parse(OrderDetail, response)

    # --- transport ------------------------------------------------------------------------

    def _headers(self, token: AccessToken) -> dict[str, str]:
        headers = {
            **token.authorization,
            "IM-CustomerNumber": self._settings.customer_number,
            "IM-CountryCode": self._settings.country_code,
            "IM-CorrelationID": uuid.uuid4().hex,  # 32 chars, fresh for every call
            "Accept": "application/json",
        }
        if self._settings.sender_id:
            headers["IM-SenderID"] = self._settings.sender_id
        return headers

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        effectful: bool = False,
    ) -> httpx.Response:
        """One call, with the token fetched again and the call retried once on a 401.

        Errors name the call's IM-CorrelationID: the id Ingram support asks for.
        """
        token = await self._tokens.token()
        for attempt in range(2):
            headers = self._headers(token)
            operation = f"{method} {path} (IM-CorrelationID {headers['IM-CorrelationID']})"
            try:
                response: httpx.Response = await self._oauth.request(
                    method, path, params=params, json=json, headers=headers, withhold_token=True
                )
            except httpx.TransportError as exc:
                raise transport_error(PROVIDER, exc, operation, effectful=effectful) from None
            if is_invalid_customer_number(response):
                break
            if response.status_code == 401 and attempt == 0:
                token = await self._tokens.renew(token)
                continue
            if response.is_success:
                return response
            break
        raise classify(response, operation, effectful=effectful, now=self._clock())

    def _parse(self, model: type[T] | TypeAdapter[T], response: httpx.Response) -> T:
        """A response we cannot read: treated as transient; the call may have taken effect."""
        adapter = model if isinstance(model, TypeAdapter) else TypeAdapter(model)
        return read_json(PROVIDER, adapter.validate_json, response)
