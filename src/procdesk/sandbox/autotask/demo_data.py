"""The Autotask demo data set: deterministic, importable by code that writes example files.

Every failure the help article describes for charges is reachable from here: an inactive
Material Cost Code, a non-Material code, the RMA code, a product whose own billing code is
inactive, and products whose extended cost exceeds the approval threshold.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from procdesk.sandbox.autotask.fields import (
    BILLING_CODE_TYPE_STANDARD,
    BILLING_CODE_TYPE_SYSTEM,
    COMPANY_TYPE_CUSTOMER,
    PRODUCT_CATEGORY_VALUES,
    USE_TYPE_EXPENSE_CATEGORY,
    USE_TYPE_INTERNAL_TIME,
    USE_TYPE_MATERIAL,
    USE_TYPE_MILESTONE,
    USE_TYPE_RECURRING_SERVICE,
    USE_TYPE_WORK_TYPE,
)


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class DemoCompany(_Record):
    id: int
    companyName: str
    companyNumber: str
    companyType: int = COMPANY_TYPE_CUSTOMER
    isActive: bool = True


class DemoTicket(_Record):
    id: int
    ticketNumber: str
    title: str
    companyID: int
    status: int = 1
    queueID: int = 29683354
    createDate: datetime


class DemoBillingCode(_Record):
    id: int
    name: str
    description: str
    useType: int
    billingCodeType: int = BILLING_CODE_TYPE_STANDARD
    isActive: bool = True
    unitCost: Decimal | None = None
    unitPrice: Decimal | None = None
    markupRate: Decimal | None = None
    externalNumber: str = ""
    department: int | None = None
    generalLedgerAccount: int | None = None
    taxCategoryID: int | None = None


class DemoProduct(_Record):
    id: int
    name: str
    description: str
    sku: str
    manufacturerName: str
    manufacturerProductName: str
    vendorProductNumber: str
    defaultVendorID: int | None = None
    productCategory: int
    productBillingCodeID: int
    doesNotRequireProcurement: bool = False
    isActive: bool = True
    isSerialized: bool = False
    unitCost: Decimal
    unitPrice: Decimal
    msrp: Decimal


class DemoInventoryItem(_Record):
    id: int
    inventoryLocationID: int = 1
    productID: int
    quantityOnHand: int
    quantityReserved: int = 0
    quantityMinimum: int = 0
    quantityMaximum: int = 0


class DemoSettings(_Record):
    """System settings the TicketCharges status rules read."""

    procurement_enabled: bool = True
    # "Require approval before ordering items with an extended cost greater than ..."
    approval_threshold: Decimal = Decimal("5000.00")


DEMO_SETTINGS = DemoSettings()

DEMO_COMPANIES: list[DemoCompany] = [
    DemoCompany(id=0, companyName="Demo MSP (owner)", companyNumber="0"),
    DemoCompany(id=174, companyName="Northwind Dental Group", companyNumber="NW-174"),
    DemoCompany(id=175, companyName="Contoso Legal LLP", companyNumber="CL-175"),
    DemoCompany(id=176, companyName="Fabrikam Logistics", companyNumber="FL-176"),
    DemoCompany(id=177, companyName="Tailspin Architects", companyNumber="TA-177"),
    DemoCompany(id=178, companyName="Adatum Veterinary Clinics", companyNumber="AV-178"),
]

_TICKET_TITLES = [
    "New starter laptops for front desk",
    "Replace failed core switch",
    "Office 365 licence true-up",
    "Conference room display and webcam",
    "Firewall refresh for main site",
    "File server NAS for the new wing",
    "Backup server replacement",
    "Docking stations for hybrid staff",
    "Wireless access points upgrade",
    "Endpoint protection renewal",
    "Label printers for warehouse",
    "UPS replacement in server closet",
    "Monitors for design team",
    "Patch panel and cabling tidy-up",
    "Headsets for support desk",
    "Virtualisation host expansion",
    "Scanner for records office",
    "Rugged tablets for field vets",
    "Adobe licences for marketing",
    "Branch office network kit",
]
_CUSTOMER_IDS = [174, 175, 176, 177, 178]
DEMO_TICKETS: list[DemoTicket] = [
    DemoTicket(
        id=7001 + n,
        ticketNumber=f"T20261120.{n + 1:04d}",
        title=title,
        companyID=_CUSTOMER_IDS[n % len(_CUSTOMER_IDS)],
        createDate=datetime(2026, 11, 20, 8, 0, tzinfo=UTC).replace(minute=n * 2),
    )
    for n, title in enumerate(_TICKET_TITLES)
]

# One active Material Cost Code per product category.
DEMO_CATEGORY_BILLING_CODES: dict[str, int] = {
    "Hardware": 29682801,
    "Software": 29682802,
    "Networking": 29682803,
    "Peripherals": 29682804,
    "Cabling": 29682805,
    "Licensing": 29682806,
}
INACTIVE_MATERIAL_CODE_ID = 29682807
RMA_CODE_ID = 29682808
WORK_TYPE_CODE_ID = 29682809


def _material(category: str, cost: str, price: str) -> DemoBillingCode:
    return DemoBillingCode(
        id=DEMO_CATEGORY_BILLING_CODES[category],
        name=f"{category} Materials",
        description=f"Material Cost Code for {category.lower()} sold to customers",
        useType=USE_TYPE_MATERIAL,
        unitCost=Decimal(cost),
        unitPrice=Decimal(price),
        externalNumber=f"MAT-{category[:3].upper()}",
    )


DEMO_BILLING_CODES: list[DemoBillingCode] = [
    _material("Hardware", "100.00", "125.00"),
    _material("Software", "50.00", "65.00"),
    _material("Networking", "80.00", "100.00"),
    _material("Peripherals", "20.00", "28.00"),
    _material("Cabling", "5.00", "8.00"),
    _material("Licensing", "10.00", "13.00"),
    DemoBillingCode(
        id=INACTIVE_MATERIAL_CODE_ID,
        name="Legacy Hardware (retired)",
        description="Retired Material Cost Code: no longer accepts charges",
        useType=USE_TYPE_MATERIAL,
        isActive=False,
        unitCost=Decimal("90.00"),
        unitPrice=Decimal("110.00"),
    ),
    DemoBillingCode(
        id=RMA_CODE_ID,
        name="RMA",
        description="Return Merchandise Authorization (system code)",
        useType=USE_TYPE_MATERIAL,
        billingCodeType=BILLING_CODE_TYPE_SYSTEM,
    ),
    DemoBillingCode(
        id=WORK_TYPE_CODE_ID,
        name="Remote Support",
        description="Work Type: remote labour",
        useType=USE_TYPE_WORK_TYPE,
        unitPrice=Decimal("150.00"),
    ),
    DemoBillingCode(
        id=29682810,
        name="Internal Meetings",
        description="Internal Time",
        useType=USE_TYPE_INTERNAL_TIME,
    ),
    DemoBillingCode(
        id=29682811,
        name="Travel Expenses",
        description="Expense Category",
        useType=USE_TYPE_EXPENSE_CATEGORY,
    ),
    DemoBillingCode(
        id=29682812,
        name="Managed Services Monthly",
        description="Recurring Contract Service",
        useType=USE_TYPE_RECURRING_SERVICE,
        unitPrice=Decimal("1200.00"),
    ),
    DemoBillingCode(
        id=29682813,
        name="Project Milestone",
        description="Milestone",
        useType=USE_TYPE_MILESTONE,
    ),
]

# (category, name, manufacturer, manufacturer part, unit cost, unit price). Hardware,
# networking and peripherals mirror the Ingram Micro demo catalog (same manufacturer part
# numbers, some in stock, some backordered or discontinued there); Microsoft 365, Acronis and
# Acrobat mirror TD SYNNEX StreamOne SKUs; the rest come from suppliers procdesk cannot order
# from. Ids follow the row order (from 1001): "Cat6 Patch Cable 3ft" is 1030 in examples/.
_PRODUCT_ROWS: list[tuple[str, str, str, str, str, str]] = [
    ("Hardware", "HP ProBook 450 G10 15.6in i5", "HP", "86Q47UT#ABA", "899.00", "1049.00"),
    ("Hardware", "Lenovo ThinkPad T14 Gen 4 i7", "Lenovo", "21HD003VUS", "1189.00", "1399.00"),
    ("Hardware", "Dell Latitude 5440 14in i5", "Dell", "LAT5440-I5", "1029.00", "1199.00"),
    ("Hardware", "Dell PowerEdge T150 Tower Server", "Dell", "PET150-E2314", "1499.00", "1799.00"),
    ("Hardware", "Dell PowerEdge R760 Rack Server", "Dell", "PER760-4410Y", "8950.00", "10499.00"),
    ("Hardware", "Samsung 990 PRO 2TB NVMe SSD", "Samsung", "MZ-V9P2T0B/AM", "159.00", "189.99"),
    ("Hardware", "WD Red Plus 8TB NAS Drive", "Western Digital", "WD80EFZZ", "189.00", "229.00"),
    ("Hardware", "Synology DiskStation DS923+", "Synology", "DS923+", "599.00", "699.00"),
    ("Hardware", "APC Back-UPS Pro 1500VA", "APC", "BR1500MS2", "229.00", "279.99"),
    ("Hardware", "HP LaserJet Pro 4001dn", "HP", "2Z600F#BGJ", "379.00", "429.00"),
    ("Hardware", "Brother HL-L2350DW Laser Printer", "Brother", "HL-L2350DW", "119.00", "139.99"),
    ("Networking", "Cisco Meraki MR36 Access Point", "Cisco Meraki", "MR36-HW", "497.00", "695.00"),
    ("Networking", "UniFi Switch Pro 24 PoE", "Ubiquiti", "USW-PRO-24-POE", "629.00", "699.00"),
    ("Networking", "Netgear GS308 8-Port Switch", "Netgear", "GS308-300PAS", "24.50", "34.99"),
    ("Networking", "FortiGate 100F Firewall", "Fortinet", "FG-100F", "2650.00", "3290.00"),
    ("Networking", "FortiGate 600F HA Pair", "Fortinet", "FG-600F-HA", "5400.00", "6690.00"),
    ("Networking", "SFP+ 10G SR Transceiver", "Cisco", "SFP-10G-SR", "95.00", "139.00"),
    ("Peripherals", "Dell 24 Monitor P2423D", "Dell", "DELL-P2423D", "219.00", "289.00"),
    ("Peripherals", "LG 27in UltraFine 4K Monitor", "LG", "27UP850N-W", "379.00", "449.00"),
    ("Peripherals", "Samsung ViewFinity S8 32in", "Samsung", "LS32B800PXNXGO", "399.00", "479.00"),
    ("Peripherals", "Logitech MX Keys S Combo", "Logitech", "920-011553", "119.00", "149.99"),
    ("Peripherals", "Logitech Zone Vibe 100 Headset", "Logitech", "981-001212", "89.00", "109.99"),
    ("Peripherals", "Microsoft Surface Dock 2", "Microsoft", "1GK-00002", "259.00", "299.99"),
    ("Peripherals", "Legacy KVM Switch", "Belkin", "F1DN104KVM", "210.00", "269.00"),
    ("Software", "Acronis Cyber Protect Cloud (workstation)", "Acronis", "acp-workstation",
     "4.25", "6.00"),
    ("Software", "Acronis Cyber Protect Cloud (server)", "Acronis", "acp-server", "18.50",
     "25.00"),
    ("Software", "Adobe Acrobat Pro for teams (annual)", "Adobe", "acrobat-pro-p1y", "19.99",
     "23.99"),
    ("Software", "Veeam Backup Essentials", "Veeam", "V-ESSPLS-VS", "1150.00", "1495.00"),
    ("Software", "Duo Advantage (per user)", "Cisco", "DUO-ADV-1Y", "6.00", "9.00"),
    ("Cabling", "Cat6 Patch Cable 3ft", "Monoprice", "MP-13533", "2.10", "4.50"),
    ("Cabling", "Cat6A Bulk Cable 1000ft", "Belden", "10GXS12-1000", "389.00", "489.00"),
    ("Cabling", "24-port Cat6 Patch Panel", "Panduit", "DP24688TGY", "129.00", "169.00"),
    ("Cabling", "LC-LC OM4 Fiber 3m", "Corning", "040402R5120003M", "18.50", "27.00"),
    ("Cabling", "Cable Installation Labour Kit", "Demo MSP", "CAB-KIT", "45.00", "75.00"),
    ("Licensing", "Microsoft 365 Business Basic (annual)", "Microsoft", "ms365-bb-p1y", "5.00",
     "6.00"),
    ("Licensing", "Microsoft 365 Business Standard (annual)", "Microsoft", "ms365-bs-p1y",
     "10.42", "12.50"),
    ("Licensing", "Microsoft 365 Business Premium (monthly)", "Microsoft", "ms365-bp-p1m",
     "22.00", "26.40"),
    ("Licensing", "Exchange Online (Plan 1) (monthly)", "Microsoft", "exo-p1-p1m", "4.00", "4.80"),
    ("Licensing", "Microsoft Defender for Business (monthly)", "Microsoft", "mdb-p1m", "3.00",
     "3.60"),
    ("Licensing", "Vendor Support Contract", "Demo MSP", "SUP-1Y", "300.00", "450.00"),
]  # fmt: skip
_NO_PROCUREMENT = {
    "Cable Installation Labour Kit",
    "Vendor Support Contract",
    "Duo Advantage (per user)",
}
_RETIRED_CODE_PRODUCTS = {"Legacy KVM Switch"}
_SERIALIZED_CATEGORIES = {"Hardware", "Networking"}


def _product(n: int, row: tuple[str, str, str, str, str, str]) -> DemoProduct:
    category, name, maker, part, cost, price = row
    code = (
        INACTIVE_MATERIAL_CODE_ID
        if name in _RETIRED_CODE_PRODUCTS
        else DEMO_CATEGORY_BILLING_CODES[category]
    )
    return DemoProduct(
        id=1001 + n,
        name=name,
        description=f"{maker} {name}",
        sku=f"PD-{1001 + n}",
        manufacturerName=maker,
        manufacturerProductName=part,
        vendorProductNumber=part,
        productCategory=PRODUCT_CATEGORY_VALUES[category],
        productBillingCodeID=code,
        doesNotRequireProcurement=name in _NO_PROCUREMENT,
        isSerialized=category in _SERIALIZED_CATEGORIES,
        unitCost=Decimal(cost),
        unitPrice=Decimal(price),
        msrp=(Decimal(price) * Decimal("1.1")).quantize(Decimal("0.01")),
    )


DEMO_PRODUCTS: list[DemoProduct] = [_product(n, row) for n, row in enumerate(_PRODUCT_ROWS)]


def demo_product_id(name: str) -> int:
    return next(p.id for p in DEMO_PRODUCTS if p.name == name)


# Stock on hand for a few products: charges for these become "Ready to Ship".
_STOCK = {
    "Dell Latitude 5440 14in i5": (0, 0),  # a bin that is empty
    "Microsoft Surface Dock 2": (12, 2),
    "Cat6 Patch Cable 3ft": (200, 0),
    "Dell 24 Monitor P2423D": (3, 3),  # all reserved: nothing available
    "Logitech MX Keys S Combo": (8, 0),
}
DEMO_INVENTORY: list[DemoInventoryItem] = [
    DemoInventoryItem(
        id=5001 + n,
        productID=demo_product_id(name),
        quantityOnHand=on_hand,
        quantityReserved=reserved,
    )
    for n, (name, (on_hand, reserved)) in enumerate(_STOCK.items())
]
