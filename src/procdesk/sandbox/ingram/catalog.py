"""The sandbox's Ingram Micro catalog: deterministic demo parts, importable for example files.

Every kind of part the help article's failures need is here: in stock, out of stock but
backorderable (orders go Backordered and ship at the ETA), out of stock and not backorderable
(order lines are rejected), discontinued (P&A answers "E", order lines are rejected), a
backorderable part with a little stock (partial backorder), and one high-value server whose
orders exceed the demo credit limit and go On Hold.
Parts with a serial number per unit (`serialized`) are the notebooks, servers, storage,
networking, printers and UPSs: the same products the Autotask demo catalog marks isSerialized.
Displays, peripherals and accessories are not serialized.
Stock is static: ordering does not deplete it, so the demo behaves the same on every run.
Many parts are also in the TD SYNNEX XML sandbox catalog under the same vendor (manufacturer)
part number; `procdesk.sandbox.synnexxml.catalog` tabulates how the two differ.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class Warehouse(BaseModel):
    model_config = ConfigDict(frozen=True)

    warehouse_id: str
    location: str


WAREHOUSES: tuple[Warehouse, ...] = (
    Warehouse(warehouse_id="10", location="Mira Loma, CA"),
    Warehouse(warehouse_id="30", location="Memphis, TN"),
    Warehouse(warehouse_id="80", location="Carol Stream, IL"),
)


class CatalogPart(BaseModel):
    """One orderable (or formerly orderable) Ingram Micro part."""

    model_config = ConfigDict(frozen=True)

    ingram_part_number: str
    vendor_part_number: str
    vendor_name: str
    vendor_number: str
    description: str
    category: str
    sub_category: str
    upc: str
    customer_price: Decimal
    retail_price: Decimal
    stock: tuple[int, int, int]  # quantity available per warehouse, in WAREHOUSES order
    backorderable: bool = False
    backorder_eta_days: int | None = None  # days from "now" until backordered stock ships
    discontinued: bool = False
    serialized: bool = False  # shipments list one serial number per unit

    @property
    def total_stock(self) -> int:
        return sum(self.stock)


def _part(
    ingram: str,
    vendor_part: str,
    vendor: tuple[str, str],
    description: str,
    category: tuple[str, str],
    upc: str,
    prices: tuple[str, str],
    stock: tuple[int, int, int] = (0, 0, 0),
    *,
    eta_days: int | None = None,
    discontinued: bool = False,
) -> CatalogPart:
    return CatalogPart(
        ingram_part_number=ingram,
        vendor_part_number=vendor_part,
        vendor_name=vendor[0],
        vendor_number=vendor[1],
        description=description,
        category=category[0],
        sub_category=category[1],
        upc=upc,
        customer_price=Decimal(prices[0]),
        retail_price=Decimal(prices[1]),
        stock=stock,
        backorderable=eta_days is not None,
        backorder_eta_days=eta_days,
        discontinued=discontinued,
        serialized=category[0] in SERIALIZED_CATEGORIES,
    )


_HP = ("HP INC", "1450")
_LENOVO = ("LENOVO", "2417")
_DELL = ("DELL", "1280")
_LG = ("LG ELECTRONICS", "2201")
_SAMSUNG = ("SAMSUNG", "3305")
_CISCO = ("CISCO MERAKI", "4123")
_UBIQUITI = ("UBIQUITI", "5590")
_NETGEAR = ("NETGEAR", "1980")
_WD = ("WESTERN DIGITAL", "1310")
_SYNOLOGY = ("SYNOLOGY", "6021")
_LOGITECH = ("LOGITECH", "1702")
_BROTHER = ("BROTHER", "1150")
_APC = ("APC BY SCHNEIDER ELECTRIC", "1003")
_MICROSOFT = ("MICROSOFT", "1099")
_KINGSTON = ("KINGSTON", "1655")
_FORTINET = ("FORTINET", "7310")
_JABRA = ("JABRA", "6640")

NOTEBOOKS = ("Notebooks", "Business Notebooks")
MONITORS = ("Displays", "Computer Monitors")
NETWORKING = ("Networking", "Switches & Wireless")
STORAGE = ("Storage", "Drives & NAS")
PERIPHERALS = ("Peripherals", "Keyboards & Audio")
PRINTERS = ("Printers", "Laser Printers")
POWER = ("Power", "UPS")
SERVERS = ("Servers", "Tower & Rack Servers")
ACCESSORIES = ("Accessories", "Docks & Memory")
SERIALIZED_CATEGORIES = {c[0] for c in (NOTEBOOKS, NETWORKING, STORAGE, PRINTERS, POWER, SERVERS)}

DEMO_CATALOG: tuple[CatalogPart, ...] = (
    _part("8YR471", "86Q47UT#ABA", _HP, "HP ProBook 450 G10 15.6in i5 16GB 512GB", NOTEBOOKS,
          "196786512340", ("899.00", "1049.00"), (12, 5, 0)),
    _part("9KT214", "21HD003VUS", _LENOVO, "Lenovo ThinkPad T14 Gen 4 14in i7 32GB 1TB",
          NOTEBOOKS, "197529844210", ("1189.00", "1399.00"), (4, 0, 3)),
    _part("7JD552", "LAT5440-I5", _DELL, "Dell Latitude 5440 14in i5 16GB 256GB", NOTEBOOKS,
          "884116453321", ("1029.00", "1199.00"), eta_days=14),
    _part("5QW330", "DELL-P2423D", _DELL, "Dell 24 Monitor P2423D QHD IPS", MONITORS,
          "884116402305", ("219.00", "289.00"), (40, 22, 15)),
    _part("4MN118", "27UP850N-W", _LG, "LG 27in UltraFine 4K USB-C Monitor", MONITORS,
          "195174032112", ("379.00", "449.00"), eta_days=21),
    _part("3PL904", "LS32B800PXNXGO", _SAMSUNG, "Samsung 32in ViewFinity S8 4K Monitor",
          MONITORS, "887276621450", ("399.00", "479.00"), discontinued=True),
    _part("6YE881", "MR36-HW", _CISCO, "Cisco Meraki MR36 Wi-Fi 6 Access Point", NETWORKING,
          "889728263455", ("497.00", "695.00"), (8, 3, 0)),
    _part("2HB765", "USW-PRO-24-POE", _UBIQUITI, "Ubiquiti UniFi Switch Pro 24 PoE",
          NETWORKING, "810010070258", ("629.00", "699.00")),
    _part("1CV093", "GS308-300PAS", _NETGEAR, "Netgear GS308 8-Port Gigabit Switch",
          NETWORKING, "606449143592", ("24.50", "34.99"), (120, 80, 60)),
    _part("8SD220", "MZ-V9P2T0B/AM", _SAMSUNG, "Samsung 990 PRO 2TB NVMe SSD", STORAGE,
          "887276630186", ("159.00", "189.99"), (35, 20, 10)),
    _part("9WD410", "WD80EFZZ", _WD, "WD Red Plus 8TB NAS Hard Drive", STORAGE,
          "718037899794", ("189.00", "229.00"), (0, 6, 0)),
    _part("7SY553", "DS923+", _SYNOLOGY, "Synology DiskStation DS923+ 4-Bay NAS", STORAGE,
          "846504004102", ("599.00", "699.00"), (0, 2, 0), eta_days=10),
    _part("5LG120", "920-011553", _LOGITECH, "Logitech MX Keys S Combo", PERIPHERALS,
          "097855189301", ("119.00", "149.99"), (60, 30, 25)),
    _part("4LG318", "981-001212", _LOGITECH, "Logitech Zone Vibe 100 Wireless Headset",
          PERIPHERALS, "097855179005", ("89.00", "109.99"), eta_days=7),
    _part("3HP777", "2Z600F#BGJ", _HP, "HP LaserJet Pro 4001dn Printer", PRINTERS,
          "196068574341", ("379.00", "429.00"), (5, 2, 0)),
    _part("2BR902", "HL-L2350DW", _BROTHER, "Brother HL-L2350DW Mono Laser Printer", PRINTERS,
          "012502652666", ("119.00", "139.99"), discontinued=True),
    _part("6AP440", "BR1500MS2", _APC, "APC Back-UPS Pro 1500VA Sinewave", POWER,
          "731304410900", ("229.00", "279.99"), (14, 0, 9)),
    _part("1DL650", "PET150-E2314", _DELL, "Dell PowerEdge T150 Tower Server E-2314",
          SERVERS, "884116411123", ("1499.00", "1799.00"), (2, 0, 0)),
    _part("7DL960", "PER760-4410Y", _DELL, "Dell PowerEdge R760 Rack Server 2x Xeon 4410Y",
          SERVERS, "884116469926", ("8950.00", "10499.00"), (3, 1, 0)),
    _part("9MS300", "1GK-00002", _MICROSOFT, "Microsoft Surface Dock 2", ACCESSORIES,
          "889842582227", ("259.00", "299.99")),
    _part("8KN115", "KVR48S40BD8-32", _KINGSTON, "Kingston 32GB DDR5-4800 SODIMM",
          ACCESSORIES, "740617337621", ("79.00", "99.99"), (0, 45, 30)),
    # Also at TD SYNNEX (sandbox.synnexxml.catalog), for cross-distributor comparisons.
    _part("6FT040", "FG-40F", _FORTINET, "Fortinet FortiGate 40F Firewall", NETWORKING,
          "843368072912", ("429.00", "519.00"), (6, 2, 4)),
    _part("5JB265", "26599-989-999", _JABRA, "Jabra Evolve2 65 Wireless Headset",
          PERIPHERALS, "706487020981", ("199.00", "249.00")),
)  # fmt: skip

_BY_INGRAM = {part.ingram_part_number.upper(): part for part in DEMO_CATALOG}
_BY_VENDOR = {part.vendor_part_number.upper(): part for part in DEMO_CATALOG}


def part_by_ingram_number(number: str) -> CatalogPart | None:
    """The part with this Ingram part number (case-insensitive), if any."""
    return _BY_INGRAM.get(number.strip().upper())


def part_by_vendor_number(number: str) -> CatalogPart | None:
    """The part with this vendor (manufacturer) part number (case-insensitive), if any."""
    return _BY_VENDOR.get(number.strip().upper())
