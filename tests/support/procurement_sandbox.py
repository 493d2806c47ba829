"""Autotask procurement on the sandbox: purchase orders, items and receipts over loopback HTTP.

Picklist values are read from entityInformation at run time, as a client must; nothing here
hard-codes a status number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from procdesk.sandbox.autotask.demo_data import demo_product_id
from procdesk.sandbox.autotask.demo_procurement import DEFAULT_LOCATION_ID, INGRAM_VENDOR_ID

TICKET = 7005
SERIALIZED = "Dell Latitude 5440 14in i5"  # Hardware: serialized, no stock
PLAIN = "Dell 24 Monitor P2423D"  # Peripherals: not serialized, stock all reserved
ALL = [{"op": "gte", "field": "id", "value": 0}]


def picklist(http: httpx.Client, entity: str, field: str) -> dict[str, int]:
    """Label -> value of a picklist field, from `entityInformation/fields`."""
    fields = http.get(f"/{entity}/entityInformation/fields").json()["fields"]
    found = next(f for f in fields if f["name"] == field)
    assert found["isPickList"] is True
    return {p["label"]: int(p["value"]) for p in found["picklistValues"]}


def ok_id(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    item_id = response.json()["itemId"]
    assert type(item_id) is int
    return item_id


def refused(response: httpx.Response) -> list[str]:
    """Autotask's business-rule refusal: HTTP 500 with a list of message strings."""
    assert response.status_code == 500, response.text
    errors = response.json()["errors"]
    assert errors
    assert all(isinstance(e, str) for e in errors)
    return list(errors)


def answered(response: httpx.Response, accepted: bool) -> None:
    """The call was accepted (an itemId) or refused (HTTP 500 errors), as the case expects."""
    if accepted:
        ok_id(response)
    else:
        refused(response)


@dataclass
class PoSandbox:
    """Short-hands for the calls procurement tests make, on the sandbox's Autotask API."""

    http: httpx.Client
    po_status: dict[str, int]
    charge_status: dict[str, int]

    def get(self, entity: str, record_id: int) -> dict[str, Any]:
        item = self.http.get(f"/{entity}/{record_id}").json()["item"]
        assert item is not None, f"{entity} {record_id} is missing"
        return dict(item)

    def query(self, entity: str, *conditions: dict[str, Any]) -> list[dict[str, Any]]:
        body = {"filter": list(conditions) or ALL}
        response = self.http.post(f"/{entity}/query", json=body)
        assert response.status_code == 200, response.text
        return list(response.json()["items"])

    def count(self, entity: str) -> int:
        body = {"filter": ALL}
        return int(self.http.post(f"/{entity}/query/count", json=body).json()["queryCount"])

    def charge(self, product: str = SERIALIZED, quantity: int = 2, ticket: int = TICKET) -> int:
        body = {
            "ticketID": ticket,
            "name": f"{quantity} x {product}",
            "productID": demo_product_id(product),
            "unitQuantity": quantity,
        }
        charge_id = ok_id(self.http.post(f"/Tickets/{ticket}/Charges", json=body))
        assert self.charge_label(charge_id) == "Need To Order"
        return charge_id

    def charge_label(self, charge_id: int) -> str:
        value = self.get("TicketCharges", charge_id)["status"]
        return next(label for label, v in self.charge_status.items() if v == value)

    def po_label(self, po_id: int) -> str:
        value = self.get("PurchaseOrders", po_id)["status"]
        return next(label for label, v in self.po_status.items() if v == value)

    def create_po(self, **fields: Any) -> httpx.Response:
        body = {
            "vendorID": INGRAM_VENDOR_ID,
            "status": self.po_status["New"],
            "shipToName": "Demo MSP Receiving",
            "shipToAddress1": "1 Dock Road",
            "externalPONumber": "20-TEST1",
            **fields,
        }
        return self.http.post("/PurchaseOrders", json=body)

    def po(self, **fields: Any) -> int:
        return ok_id(self.create_po(**fields))

    def add_item(self, po_id: int, **fields: Any) -> httpx.Response:
        body = {"inventoryLocationID": DEFAULT_LOCATION_ID, "quantity": 2, "unitCost": 1029.0}
        return self.http.post(f"/PurchaseOrders/{po_id}/Items", json={**body, **fields})

    def item(self, po_id: int, **fields: Any) -> int:
        return ok_id(self.add_item(po_id, **fields))

    def update_po(self, po_id: int, **fields: Any) -> httpx.Response:
        return self.http.patch("/PurchaseOrders", json={"id": po_id, **fields})

    def set_po_status(self, po_id: int, label: str) -> httpx.Response:
        return self.update_po(po_id, status=self.po_status[label])

    def submit(self, po_id: int) -> None:
        assert self.set_po_status(po_id, "Submitted").status_code == 200

    def receive(self, item_id: int, **fields: Any) -> httpx.Response:
        body = {"quantityNowReceiving": 1, **fields}
        return self.http.post(f"/PurchaseOrderItems/{item_id}/Receiving", json=body)

    def ordered(self, product: str = SERIALIZED, quantity: int = 2) -> tuple[int, int, int]:
        """A submitted PO with one item for a new Need To Order charge: (po, item, charge)."""
        charge_id = self.charge(product, quantity)
        po_id = self.po()
        item_id = self.item(po_id, chargeID=charge_id, quantity=quantity)
        self.submit(po_id)
        return po_id, item_id, charge_id

    def po_in(self, label: str) -> tuple[int, int]:
        """A PO with one 2-unit non-serialized item, brought to status `label`: (po, item)."""
        po_id = self.po()
        item_id = self.item(po_id, productID=demo_product_id(PLAIN), quantity=2)
        if label == "New":
            return po_id, item_id
        if label == "Canceled":
            assert self.set_po_status(po_id, "Canceled").status_code == 200
            return po_id, item_id
        self.submit(po_id)
        received = {"Submitted": 0, "Received Partial": 1, "Received Full": 2}[label]
        if received:
            ok_id(self.receive(item_id, quantityNowReceiving=received))
        assert self.po_label(po_id) == label
        return po_id, item_id
