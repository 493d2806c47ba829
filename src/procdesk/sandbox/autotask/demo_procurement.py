"""Demo data for Autotask procurement: vendor companies, inventory locations, product vendors.

Every existing demo id stays as it was: the vendors are new companies (179-182), location 1
is the one the demo InventoryItems already name, and no product is added or changed.
- Vendors: "Ingram Micro" and "TD SYNNEX" (active, companyType Vendor); "Tech Data (legacy)"
  is an inactive vendor and "D&H Distributing" an active company that is a Prospect, not a
  vendor: the two error paths of a PO's vendorID.
- Locations: 1 "Main Warehouse" (active, the default) and 2 "Old Annex" (inactive).
- Serialized products are the Hardware and Networking rows of the demo catalog (e.g. "Dell
  Latitude 5440 14in i5", 1003); Peripherals such as "Dell 24 Monitor P2423D" (1018) are not.
- ProductVendors carry the distributor's part number: Ingram Micro part numbers for the
  products the Ingram sandbox catalog sells, TD SYNNEX StreamOne SKUs for the cloud products.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from procdesk.sandbox.autotask.demo_data import DEMO_PRODUCTS, DemoCompany, demo_product_id
from procdesk.sandbox.autotask.fields import COMPANY_TYPE_PROSPECT, COMPANY_TYPE_VENDOR

INGRAM_VENDOR_ID = 179
TDSYNNEX_VENDOR_ID = 180
INACTIVE_VENDOR_ID = 181
NON_VENDOR_COMPANY_ID = 182
DEFAULT_LOCATION_ID = 1
INACTIVE_LOCATION_ID = 2

DEMO_VENDORS: list[DemoCompany] = [
    DemoCompany(
        id=INGRAM_VENDOR_ID,
        companyName="Ingram Micro",
        companyNumber="V-IM",
        companyType=COMPANY_TYPE_VENDOR,
    ),
    DemoCompany(
        id=TDSYNNEX_VENDOR_ID,
        companyName="TD SYNNEX",
        companyNumber="V-TDS",
        companyType=COMPANY_TYPE_VENDOR,
    ),
    DemoCompany(
        id=INACTIVE_VENDOR_ID,
        companyName="Tech Data (legacy)",
        companyNumber="V-TD-OLD",
        companyType=COMPANY_TYPE_VENDOR,
        isActive=False,
    ),
    DemoCompany(
        id=NON_VENDOR_COMPANY_ID,
        companyName="D&H Distributing",
        companyNumber="P-DH",
        companyType=COMPANY_TYPE_PROSPECT,
    ),
]


class DemoLocation(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    locationName: str
    isActive: bool
    isDefault: bool = False
    resourceID: int | None = None
    impersonatorCreatorResourceID: int | None = None


DEMO_LOCATIONS: list[DemoLocation] = [
    DemoLocation(
        id=DEFAULT_LOCATION_ID, locationName="Main Warehouse", isActive=True, isDefault=True
    ),
    DemoLocation(id=INACTIVE_LOCATION_ID, locationName="Old Annex", isActive=False),
]


class DemoProductVendor(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    productID: int
    vendorID: int
    vendorPartNumber: str
    vendorCost: Decimal
    isActive: bool = True
    isDefault: bool = True


# Autotask product name -> Ingram Micro part number (the Ingram sandbox catalog's).
_INGRAM_PARTS = {
    "HP ProBook 450 G10 15.6in i5": "8YR471",
    "Lenovo ThinkPad T14 Gen 4 i7": "9KT214",
    "Dell Latitude 5440 14in i5": "7JD552",
    "Dell PowerEdge T150 Tower Server": "1DL650",
    "Dell PowerEdge R760 Rack Server": "7DL960",
    "Samsung 990 PRO 2TB NVMe SSD": "8SD220",
    "WD Red Plus 8TB NAS Drive": "9WD410",
    "Synology DiskStation DS923+": "7SY553",
    "APC Back-UPS Pro 1500VA": "6AP440",
    "HP LaserJet Pro 4001dn": "3HP777",
    "Brother HL-L2350DW Laser Printer": "2BR902",
    "Cisco Meraki MR36 Access Point": "6YE881",
    "UniFi Switch Pro 24 PoE": "2HB765",
    "Netgear GS308 8-Port Switch": "1CV093",
    "Dell 24 Monitor P2423D": "5QW330",
    "LG 27in UltraFine 4K Monitor": "4MN118",
    "Samsung ViewFinity S8 32in": "3PL904",
    "Logitech MX Keys S Combo": "5LG120",
    "Logitech Zone Vibe 100 Headset": "4LG318",
    "Microsoft Surface Dock 2": "9MS300",
}
# Products sold through TD SYNNEX StreamOne: their manufacturer part is the ION SKU.
_TDSYNNEX_MAKERS = {"Microsoft", "Acronis", "Adobe"}


def _product_vendors() -> list[DemoProductVendor]:
    rows: list[tuple[int, int, str, Decimal]] = []
    for name, part in _INGRAM_PARTS.items():
        product = next(p for p in DEMO_PRODUCTS if p.id == demo_product_id(name))
        rows.append((product.id, INGRAM_VENDOR_ID, part, product.unitCost))
    for product in DEMO_PRODUCTS:
        cloud = product.name not in _INGRAM_PARTS and product.manufacturerName in _TDSYNNEX_MAKERS
        if cloud:
            rows.append(
                (product.id, TDSYNNEX_VENDOR_ID, product.manufacturerProductName, product.unitCost)
            )
    return [
        DemoProductVendor(
            id=65001 + n, productID=product, vendorID=vendor, vendorPartNumber=part, vendorCost=cost
        )
        for n, (product, vendor, part, cost) in enumerate(rows)
    ]


DEMO_PRODUCT_VENDORS: list[DemoProductVendor] = _product_vendors()
