"""The TD SYNNEX StreamOne ION v3 client (customers, products, orders)."""

from __future__ import annotations

import asyncio

import httpx
from authlib.integrations.httpx_client import AsyncOAuth2Client
from pydantic import BaseModel

from procdesk.domain.clock import Clock, utc_now
from procdesk.domain.enums import CredentialState, Distributor, IssueKind
from procdesk.integrations.distributor.models import (
    AvailabilityStatus,
    CredentialStatus,
    OrderRequest,
    OrderSnapshot,
    PartAvailability,
    PlacedOrder,
)
from procdesk.integrations.errors import (
    AuthenticationError,
    CredentialsMissingError,
    NotFoundError,
    ProductUnavailableError,
    ValidationError,
)
from procdesk.integrations.oauth import DEFAULT_LIMITS, DEFAULT_TIMEOUT
from procdesk.integrations.oauth_client import OwnsHttpClient, held_token_status
from procdesk.integrations.tdsynnex import mapping
from procdesk.integrations.tdsynnex.auth import NO_CLIENT_AUTH, TdSynnexTokenSource
from procdesk.integrations.tdsynnex.errors import PROVIDER
from procdesk.integrations.tdsynnex.models import (
    Customer,
    CustomerList,
    Order,
    OrderCreateItem,
    OrderCreateRequest,
    OrderList,
    Product,
    ProductList,
)
from procdesk.integrations.tdsynnex.tokens import RefreshTokenStore
from procdesk.integrations.tdsynnex.transport import IonTransport

PAGE_SIZE = 100


class TdSynnexSettings(BaseModel):
    base_url: str  # e.g. https://ion.tdsynnex.com
    account_id: str


class TdSynnexClient(OwnsHttpClient):
    """Implements `procdesk.integrations.distributor.DistributorClient`.

    `distributor_order_id` is the order's resource name
    (`accounts/{a}/customers/{c}/orders/{o}`): the one identifier ION resolves directly.
    """

    distributor = Distributor.TDSYNNEX
    can_cancel = False  # ION documents no cancellation call

    def __init__(
        self,
        settings: TdSynnexSettings,
        store: RefreshTokenStore,
        *,
        clock: Clock = utc_now,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        lookup_concurrency: int = 4,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self._account = f"accounts/{settings.account_id}"
        self._clock = clock
        self._http = AsyncOAuth2Client(
            token_endpoint_auth_method=NO_CLIENT_AUTH,
            base_url=settings.base_url.rstrip("/"),
            timeout=timeout,
            limits=DEFAULT_LIMITS,
        )
        self._tokens = TdSynnexTokenSource(self._http, store, clock)
        self._ion = IonTransport(self._http, self._tokens, clock, page_size)
        self._slots = asyncio.Semaphore(lookup_concurrency)
        self._customers: dict[str, str] = {}  # customer name (folded) -> customer id
        self._products: dict[str, Product | None] = {}  # sku id -> product holding it
        self._reference_customers: dict[str, str] = {}  # our reference -> customer id

    @property
    def token_refreshes(self) -> int:
        return self._tokens.refreshes

    # --- credentials ----------------------------------------------------------------------

    def credential_status(self) -> CredentialStatus:
        return held_token_status(
            PROVIDER,
            self._tokens.current,
            self._clock(),
            refresh_expires_at=self._tokens.refresh_expires_at,
        )

    async def verify(self) -> CredentialStatus:
        """Exchange the stored refresh token (rotating it) and ask ION for the lifetimes."""
        try:
            token = await self._tokens.renew(self._tokens.current)
            await self._tokens.validate(token)
        except CredentialsMissingError as exc:
            return CredentialStatus(
                provider=PROVIDER,
                state=CredentialState.MISSING,
                checked_at=self._clock(),
                message=exc.message,
                kind=exc.kind,
            )
        except AuthenticationError as exc:
            return CredentialStatus(
                provider=PROVIDER,
                state=CredentialState.EXPIRED,
                checked_at=self._clock(),
                message=exc.message,
                kind=exc.kind,
            )
        return self.credential_status()

    # --- catalog --------------------------------------------------------------------------

    async def availability(self, parts: list[str]) -> list[PartAvailability]:
        async def one(part: str) -> PartAvailability:
            return mapping.availability(part, await self._product_for_sku(part))

        return list(await asyncio.gather(*(one(part) for part in parts)))

    async def _product_for_sku(self, sku_id: str) -> Product | None:
        if sku_id not in self._products:
            async with self._slots:
                found = [
                    product
                    async for product in self._ion.pages(
                        f"{self._account}/products",
                        ProductList,
                        lambda page: page.products,
                        {"filter.skuId": sku_id},
                    )
                    if any(sku.id == sku_id for sku in product.skus)
                ]
            self._products[sku_id] = found[0] if found else None
        return self._products[sku_id]

    # --- customers ------------------------------------------------------------------------

    async def customer_id(self, customer_name: str) -> str:
        """The ION customer for a company name (`filter.customerName`), cached."""
        key = customer_name.strip().casefold()
        if key not in self._customers:
            matches: list[Customer] = [
                customer
                async for customer in self._ion.pages(
                    f"{self._account}/customers",
                    CustomerList,
                    lambda page: page.customers,
                    {"filter.customerName": customer_name},
                )
                if (customer.customerName or "").strip().casefold() == key
            ]
            if not matches:
                raise NotFoundError(
                    PROVIDER,
                    f"no TD SYNNEX customer is named {customer_name!r}",
                    operation=f"GET {self._account}/customers",
                )
            self._customers[key] = matches[0].id
        return self._customers[key]

    # --- orders ---------------------------------------------------------------------------

    async def place_order(self, order: OrderRequest) -> PlacedOrder:
        customer = await self.customer_id(order.customer_name)
        products = [await self._product_for_sku(line.part_number) for line in order.lines]
        self._refuse_unorderable(order, products)
        body = OrderCreateRequest(
            referenceId=order.reference,
            notes=order.notes or None,
            orderItems=[
                OrderCreateItem(
                    productId=product.id, skuId=line.part_number, quantity=line.quantity
                )
                for line, product in zip(order.lines, products, strict=True)
                if product is not None
            ],
        )
        self._reference_customers[order.reference] = customer
        response = await self._ion.request(
            "POST",
            f"{self._account}/customers/{customer}/orders",
            json=body.model_dump(mode="json", exclude_none=True),
            effectful=True,
        )
        return mapping.placed_order(self._ion.parse(Order, response), order)

    def _refuse_unorderable(self, order: OrderRequest, products: list[Product | None]) -> None:
        """An unknown or discontinued SKU stops the order before anything is placed."""
        for reason in (AvailabilityStatus.UNKNOWN, AvailabilityStatus.DISCONTINUED):
            parts = [
                line.part_number
                for line, product in zip(order.lines, products, strict=True)
                if mapping.availability(line.part_number, product).status is reason
            ]
            if parts:
                raise ProductUnavailableError(
                    PROVIDER,
                    f"TD SYNNEX SKU {', '.join(parts)} is {reason.value}",
                    part_numbers=parts,
                    reason=reason.value,
                    operation=f"GET {self._account}/products",
                )

    async def find_order(self, reference: str) -> PlacedOrder | None:
        """Lists the customer's orders when this process placed it, else the account's."""
        customer = self._reference_customers.get(reference)
        path = (
            f"{self._account}/customers/{customer}/orders"
            if customer
            else f"{self._account}/orders"
        )
        async for order in self._ion.pages(path, OrderList, lambda page: page.orders):
            if order.referenceId == reference:
                return mapping.placed_order(order, None)
        return None

    async def order_status(self, distributor_order_id: str) -> OrderSnapshot:
        name = self._order_name(distributor_order_id)
        return mapping.snapshot(self._ion.parse(Order, await self._ion.request("GET", name)))

    async def order_statuses(self, distributor_order_ids: list[str]) -> list[OrderSnapshot]:
        """One paged listing of the account's orders, then single reads for any it missed.
        An id that is not an order of this account is left out of the answer (its caller
        asks again later) instead of failing the others with it."""
        names = [n for n in map(self._known_order_name, distributor_order_ids) if n is not None]
        wanted = set(names)
        found: dict[str, OrderSnapshot] = {}
        if len(wanted) > 1:
            async for order in self._ion.pages(
                f"{self._account}/orders", OrderList, lambda page: page.orders
            ):
                if order.name in wanted:
                    found[order.name] = mapping.snapshot(order)

        async def one(name: str) -> OrderSnapshot:
            if name in found:
                return found[name]
            async with self._slots:
                return await self.order_status(name)

        return list(await asyncio.gather(*(one(name) for name in names)))

    async def cancel(self, distributor_order_id: str) -> OrderSnapshot:
        raise ValidationError(
            PROVIDER,
            "TD SYNNEX ION has no order cancellation call: cancel the order in the ION portal",
            operation=f"cancel {self._order_name(distributor_order_id)}",
            kind=IssueKind.ORDER_REJECTED,
        )

    def _known_order_name(self, distributor_order_id: str) -> str | None:
        try:
            return self._order_name(distributor_order_id)
        except NotFoundError:
            return None

    def _order_name(self, distributor_order_id: str) -> str:
        name = distributor_order_id.strip("/")
        if not name.startswith(f"{self._account}/customers/") or "/orders/" not in name:
            raise NotFoundError(
                PROVIDER,
                f"{distributor_order_id!r} is not an order of {self._account}",
                operation="order lookup",
            )
        return name
