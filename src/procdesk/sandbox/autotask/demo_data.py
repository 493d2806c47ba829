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
    "Structured cabling for new wing",
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

# (category, name, manufacturer, manufacturer part, unit cost, unit price)
_PRODUCT_ROWS: list[tuple[str, str, str, str, str, str]] = [
    ("Hardware", "Latitude 5550 Laptop", "Dell", "LAT5550-I7", "1149.00", "1399.00"),
    ("Hardware", "EliteBook 840 G11", "HP", "EB840G11-U7", "1225.00", "1489.00"),
    ("Hardware", "ThinkPad T14 Gen 5", "Lenovo", "21ML0030US", "1180.00", "1429.00"),
    ("Hardware", "OptiPlex 7020 Micro", "Dell", "OPT7020-MFF", "689.00", "849.00"),
    ("Hardware", "PowerEdge R760 Server", "Dell", "PER760-2X", "6850.00", "8290.00"),
    ("Hardware", "ProLiant DL380 Gen11", "HPE", "P52560-B21", "7420.00", "8990.00"),
    ("Hardware", "Surface Pro 11", "Microsoft", "ZHX-00001", "1099.00", "1349.00"),
    ("Hardware", "Back-UPS Pro 1500", "APC", "BR1500MS2", "219.00", "289.00"),
    ("Software", "Windows 11 Pro Upgrade", "Microsoft", "FQC-10572", "159.00", "199.00"),
    ("Software", "Acrobat Pro (1 yr)", "Adobe", "65324059BA01", "179.88", "239.88"),
    ("Software", "Veeam Backup Essentials", "Veeam", "V-ESSPLS-VS", "1150.00", "1495.00"),
    ("Software", "SQL Server Standard", "Microsoft", "228-11548", "899.00", "1099.00"),
    ("Software", "AutoCAD LT (1 yr)", "Autodesk", "057Q1-WW", "430.00", "549.00"),
    ("Software", "Endpoint Protection Suite", "Sophos", "CIXA1CSAA", "42.00", "59.00"),
    ("Networking", "Catalyst 9200 48-port", "Cisco", "C9200-48P-E", "4120.00", "4990.00"),
    ("Networking", "FortiGate 100F", "Fortinet", "FG-100F", "2650.00", "3290.00"),
    ("Networking", "FortiGate 600F HA Pair", "Fortinet", "FG-600F-HA", "5400.00", "6690.00"),
    ("Networking", "UniFi U7 Pro Access Point", "Ubiquiti", "U7-PRO", "189.00", "249.00"),
    ("Networking", "Aruba Instant On 1930 24G", "HPE Aruba", "JL683A", "389.00", "479.00"),
    ("Networking", "Meraki MR46 Access Point", "Cisco Meraki", "MR46-HW", "899.00", "1099.00"),
    ("Networking", "SFP+ 10G SR Transceiver", "Cisco", "SFP-10G-SR", "95.00", "139.00"),
    ("Peripherals", "UltraSharp 27 Monitor", "Dell", "U2724D", "389.00", "479.00"),
    ("Peripherals", "WD19S Dock", "Dell", "WD19S180W", "179.00", "229.00"),
    ("Peripherals", "MX Keys Combo", "Logitech", "920-009295", "119.00", "149.00"),
    ("Peripherals", "Jabra Evolve2 65 Headset", "Jabra", "26599-999-999", "179.00", "229.00"),
    ("Peripherals", "Rally Bar Mini", "Logitech", "960-001336", "2599.00", "3199.00"),
    ("Peripherals", "ZD421 Label Printer", "Zebra", "ZD4A042-D01M00EZ", "389.00", "469.00"),
    ("Peripherals", "fi-8170 Scanner", "Ricoh", "PA03810-B055", "829.00", "999.00"),
    ("Peripherals", "Legacy KVM Switch", "Belkin", "F1DN104KVM", "210.00", "269.00"),
    ("Cabling", "Cat6 Patch Cable 3ft", "Monoprice", "MP-13533", "2.10", "4.50"),
    ("Cabling", "Cat6A Bulk Cable 1000ft", "Belden", "10GXS12-1000", "389.00", "489.00"),
    ("Cabling", "24-port Cat6 Patch Panel", "Panduit", "DP24688TGY", "129.00", "169.00"),
    ("Cabling", "LC-LC OM4 Fiber 3m", "Corning", "040402R5120003M", "18.50", "27.00"),
    ("Cabling", "Cable Installation Labour Kit", "Demo MSP", "CAB-KIT", "45.00", "75.00"),
    ("Licensing", "Microsoft 365 Business Premium", "Microsoft", "CFQ7TTC0LCHC", "22.00", "26.40"),
    ("Licensing", "Microsoft 365 E3", "Microsoft", "CFQ7TTC0LFLX", "36.00", "43.20"),
    ("Licensing", "Google Workspace Business", "Google", "GWS-BIZ-STD", "12.00", "14.40"),
    ("Licensing", "Adobe Creative Cloud Teams", "Adobe", "65297757BA01", "84.99", "99.99"),
    ("Licensing", "Duo Advantage (per user)", "Cisco", "DUO-ADV-1Y", "6.00", "9.00"),
    ("Licensing", "Vendor Support Contract", "Demo MSP", "SUP-1Y", "300.00", "450.00"),
]
# Items the MSP never procures (services, licences delivered by key) and one product
# still pointing at the retired Material Cost Code.
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
    "OptiPlex 7020 Micro": (4, 1),
    "WD19S Dock": (12, 2),
    "Cat6 Patch Cable 3ft": (200, 0),
    "UltraSharp 27 Monitor": (3, 3),  # all reserved: nothing available
    "MX Keys Combo": (8, 0),
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
