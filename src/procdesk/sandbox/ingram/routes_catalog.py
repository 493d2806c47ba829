"""Ingram Micro catalog: price and availability, product search and product details."""

from __future__ import annotations

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from procdesk.sandbox.ingram.catalog import (
    DEMO_CATALOG,
    CatalogPart,
    part_by_ingram_number,
    part_by_vendor_number,
)
from procdesk.sandbox.ingram.catalog_views import (
    detail,
    price_availability_row,
    search_row,
    unknown_part_row,
)
from procdesk.sandbox.ingram.guard import business_call
from procdesk.sandbox.ingram.responses import (
    errors_response,
    json_response,
    mounted_url,
    validation_fields,
)
from procdesk.sandbox.ingram.state import IngramSandbox
from procdesk.sandbox.ingram.wire_catalog import (
    PriceAvailabilityList,
    PriceAvailabilityRequest,
    ProductReference,
    ProductSearchResponse,
)

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


def _flag(request: Request, name: str) -> bool:
    return request.query_params.get(name, "true").strip().lower() != "false"


def _lookup(reference: ProductReference) -> CatalogPart | None:
    if reference.ingramPartNumber:
        return part_by_ingram_number(reference.ingramPartNumber)
    if reference.vendorPartNumber:
        return part_by_vendor_number(reference.vendorPartNumber)
    return None


@business_call
async def price_and_availability(
    request: Request, sandbox: IngramSandbox, correlation_id: str
) -> Response:
    try:
        payload = PriceAvailabilityRequest.model_validate_json(await request.body())
    except ValidationError as error:
        return errors_response(
            400,
            "The price and availability request is invalid.",
            error_type="VALIDATION",
            correlation_id=correlation_id,
            fields=validation_fields(error),
        )
    now = sandbox.clock.now()
    with_availability = _flag(request, "includeAvailability")
    with_pricing = _flag(request, "includePricing")
    rows = []
    for reference in payload.products:
        part = _lookup(reference)
        if part is None:
            rows.append(
                unknown_part_row(reference.ingramPartNumber or "", reference.vendorPartNumber)
            )
        else:
            rows.append(
                price_availability_row(
                    part, now, with_availability=with_availability, with_pricing=with_pricing
                )
            )
    failed = sum(1 for row in rows if row.productStatusCode == "E")
    status = 207 if 0 < failed < len(rows) else 200
    return json_response(PriceAvailabilityList(rows), status)


def _page_params(request: Request) -> tuple[int, int]:
    size = int(request.query_params.get("pageSize") or DEFAULT_PAGE_SIZE)
    number = int(request.query_params.get("pageNumber") or 1)
    if size < 1 or number < 1:
        raise ValueError("paging parameters must be positive")
    return min(size, MAX_PAGE_SIZE), number


def _matches(part: CatalogPart, keywords: list[str], request: Request) -> bool:
    haystack = " ".join(
        (
            part.description,
            part.vendor_name,
            part.category,
            part.sub_category,
            part.ingram_part_number,
            part.vendor_part_number,
        )
    ).lower()
    if not all(keyword.lower() in haystack for keyword in keywords):
        return False
    vendor = request.query_params.get("vendor")
    category = request.query_params.get("category")
    return (not vendor or vendor.lower() in part.vendor_name.lower()) and (
        not category or category.lower() == part.category.lower()
    )


@business_call
async def product_search(request: Request, sandbox: IngramSandbox, correlation_id: str) -> Response:
    try:
        page_size, page_number = _page_params(request)
    except ValueError:
        return errors_response(
            400,
            "pageSize and pageNumber must be positive integers.",
            error_type="VALIDATION",
            correlation_id=correlation_id,
        )
    keywords = [k for value in request.query_params.getlist("keyword") for k in value.split()]
    found = [part for part in DEMO_CATALOG if _matches(part, keywords, request)]
    start = (page_number - 1) * page_size
    page = found[start : start + page_size]
    has_next = start + page_size < len(found)
    body = ProductSearchResponse(
        recordsFound=len(found),
        pageSize=page_size,
        pageNumber=page_number,
        catalog=[
            search_row(
                part,
                mounted_url(request, f"/resellers/v6/catalog/details/{part.ingram_part_number}"),
            )
            for part in page
        ],
        nextPage=str(request.url.include_query_params(pageNumber=page_number + 1))
        if has_next
        else "",
        previousPage=(
            str(request.url.include_query_params(pageNumber=page_number - 1))
            if page_number > 1
            else ""
        ),
    )
    return json_response(body)


@business_call
async def product_details(
    request: Request, sandbox: IngramSandbox, correlation_id: str
) -> Response:
    number = request.path_params["ingramPartNumber"]
    part = part_by_ingram_number(number)
    if part is None:
        return errors_response(
            404,
            f"Product {number} was not found.",
            error_type="NOT_FOUND",
            correlation_id=correlation_id,
        )
    return json_response(detail(part))


ROUTES = [
    Route("/resellers/v6/catalog/priceandavailability", price_and_availability, methods=["POST"]),
    Route("/resellers/v6/catalog", product_search, methods=["GET"]),
    Route("/resellers/v6/catalog/details/{ingramPartNumber}", product_details, methods=["GET"]),
]
