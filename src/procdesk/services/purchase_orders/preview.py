"""An existing Autotask purchase order as a person checks it before linking an order to it:
read live (vendor, status, items with their products, quantities and charges), and which of
the order's charges it covers."""

from __future__ import annotations

from pydantic import BaseModel, Field

from procdesk.integrations.autotask.procurement import AutotaskProcurementClient
from procdesk.services.purchase_orders.errors import PoActionError


class PoPreviewItem(BaseModel):
    product: str
    quantity: int | None
    charge_id: int | None
    ours: bool  # the charge is one of the order's lines


class PoPreview(BaseModel):
    po_id: int
    po_number: str | None
    external_po_number: str | None
    vendor: str
    status: str
    items: list[PoPreviewItem] = Field(default_factory=list)

    @property
    def covered(self) -> int:
        return sum(1 for item in self.items if item.ours)

    def as_lines(self, order_lines: int) -> list[str]:
        """What the link form shows, one line each."""
        out = [
            f"PO {self.po_number or self.po_id} (id {self.po_id}): {self.status}",
            f"Vendor: {self.vendor}",
        ]
        if self.external_po_number:
            out.append(f"Vendor's order number: {self.external_po_number}")
        out.append(f"{len(self.items)} item(s); {self.covered} of {order_lines} line(s) linked:")
        for item in self.items:
            charge = f"charge {item.charge_id}" if item.charge_id else "no charge"
            mark = "this order" if item.ours else "another charge"
            out.append(f"  {item.quantity or 0} × {item.product}  ({charge}, {mark})")
        return out


async def find_po_id(client: AutotaskProcurementClient, typed: str) -> int:
    """The PO a person means by `typed`: its Autotask PO number, or else its id."""
    text = typed.strip()
    if not text:
        raise PoActionError("enter the purchase order's number or id")
    numbered = await client.purchase_orders_numbered(text)
    if len(numbered) > 1:
        ids = ", ".join(str(po.id) for po in numbered)
        raise PoActionError(f"several purchase orders are numbered {text} (ids {ids}): give the id")
    if numbered:
        return numbered[0].id
    if text.isdigit() and await client.get_purchase_order(int(text)) is not None:
        return int(text)
    raise PoActionError(f"Autotask has no purchase order numbered {text}")


async def read_preview(
    client: AutotaskProcurementClient, po_id: int, charge_ids: set[int]
) -> PoPreview:
    po = await client.get_purchase_order(po_id)
    if po is None:
        raise PoActionError(f"Autotask has no purchase order {po_id}")
    status = await client.purchase_order_status(po_id)
    vendor = await client.company(po.vendorID) if po.vendorID is not None else None
    items = []
    for item in await client.purchase_order_items(po_id):
        product = await client.get_product(item.productID) if item.productID else None
        name = (product.name if product is not None else None) or (
            f"product {item.productID}" if item.productID else "no product"
        )
        items.append(
            PoPreviewItem(
                product=name,
                quantity=item.quantity,
                charge_id=item.chargeID,
                ours=item.chargeID is not None and item.chargeID in charge_ids,
            )
        )
    vendor_name = (vendor.companyName if vendor is not None else None) or (
        f"company {po.vendorID}" if po.vendorID is not None else "none"
    )
    return PoPreview(
        po_id=po.id,
        po_number=po.purchaseOrderNumber,
        external_po_number=po.externalPONumber,
        vendor=vendor_name,
        status=status.value if status is not None else "unknown",
        items=items,
    )
