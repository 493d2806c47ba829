"""The sandbox's TD SYNNEX hardware catalog, importable for tests and examples.

Most parts are also in the Ingram Micro sandbox catalog under the same manufacturer part
number (mfgPN = Ingram's vendorPartNumber), with different prices and stock, so that a
cross-distributor comparison has real choices to show:

| mfgPN            | Ingram Micro                  | TD SYNNEX                                  |
|------------------|-------------------------------|--------------------------------------------|
| 86Q47UT#ABA      | in stock, 899.00              | in stock, 3% cheaper (871.99)              |
| LAT5440-I5       | none, backorder ETA 14 days   | in stock, 1039.00                          |
| USW-PRO-24-POE   | none, no backorder            | in stock (one warehouse)                   |
| 26599-989-999    | none, no backorder (new part) | in stock                                   |
| LS32B800PXNXGO   | discontinued                  | active, in stock                           |
| GS308-300PAS     | in stock                      | discontinued                               |
| 27UP850N-W       | backorder ETA 21 days         | backorder, restock in 6 days               |
| FG-40F           | in stock (new part)           | cheaper, but backordered (restock 12 days) |
| MR36-HW          | in stock                      | only manufacturer drop-ship (warehouse 98) |
| WD80EFZZ         | 6 in stock                    | 3 in stock, rest backordered (9 days)      |
| DELL-P2423D      | in stock, 219.00              | in stock, dearer (224.00)                  |
| 960-001384       | not carried                   | TD SYNNEX only                             |
| 1GK-00002        | Ingram only                   | not carried                                |

Stock is static (ordering does not deplete it) so every demo run behaves alike. Every
active part has a restock time: quantities beyond stock are backordered with an ETA.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from procdesk.sandbox.synnexxml.warehouses import DROP_SHIP_WAREHOUSE


class SynnexPart(BaseModel):
    model_config = ConfigDict(frozen=True)

    sku: str  # TD SYNNEX's numeric SKU
    mfg_pn: str
    mfg_code: str  # TD SYNNEX's manufacturer code (the sandbox's own numbers)
    description: str
    price: Decimal  # the reseller's (account) price
    stock: tuple[tuple[int, int], ...] = ()  # (warehouse number, quantity) on TD SYNNEX shelves
    drop_ship: int = 0  # quantity the manufacturer ships directly (warehouse 98)
    restock_days: int = 21  # when quantities beyond stock ship
    discontinued: bool = False
    serialized: bool = True  # each unit ships with a serial number
    unit_weight: Decimal = Decimal("2.0")  # pounds

    @property
    def shelf_stock(self) -> int:
        return sum(quantity for _, quantity in self.stock)

    def stock_at(self, warehouse_number: int) -> int:
        """Quantity at one warehouse; at 98, what the manufacturer can drop-ship."""
        if warehouse_number == DROP_SHIP_WAREHOUSE:
            return self.drop_ship
        return dict(self.stock).get(warehouse_number, 0)


_HP, _DELL, _SAMSUNG, _NETGEAR, _UBIQUITI = "10034", "10451", "11820", "12077", "13390"
_LG, _FORTINET, _CISCO, _WD, _LOGITECH, _JABRA = (
    "14102", "15566", "16013", "17245", "18309", "19871"
)  # fmt: skip


def _part(
    sku: str,
    mfg_pn: str,
    mfg_code: str,
    description: str,
    price: str,
    stock: dict[int, int] | None = None,
    **extra: object,
) -> SynnexPart:
    return SynnexPart.model_validate(
        {
            "sku": sku,
            "mfg_pn": mfg_pn,
            "mfg_code": mfg_code,
            "description": description,
            "price": Decimal(price),
            "stock": tuple((stock or {}).items()),
            **extra,
        }
    )


DEMO_PARTS: tuple[SynnexPart, ...] = (
    _part("5841203", "86Q47UT#ABA", _HP, "HP ProBook 450 G10 15.6in i5 16GB 512GB", "871.99",
          {3: 9, 6: 6, 8: 4}, unit_weight=Decimal("5.8")),
    _part("5903318", "LAT5440-I5", _DELL, "Dell Latitude 5440 14in i5 16GB 256GB", "1039.00",
          {3: 4, 8: 7, 14: 2}, unit_weight=Decimal("5.2")),
    _part("6188520", "USW-PRO-24-POE", _UBIQUITI, "Ubiquiti UniFi Switch Pro 24 PoE",
          "645.00", {8: 3}, unit_weight=Decimal("11.5")),
    _part("6512906", "26599-989-999", _JABRA, "Jabra Evolve2 65 Wireless Headset", "205.00",
          {6: 11, 8: 4}, unit_weight=Decimal("0.9")),
    _part("6012447", "LS32B800PXNXGO", _SAMSUNG, "Samsung 32in ViewFinity S8 4K Monitor",
          "409.00", {6: 5, 14: 3}, unit_weight=Decimal("17.0")),
    _part("4420981", "GS308-300PAS", _NETGEAR, "Netgear GS308 8-Port Gigabit Switch", "23.99",
          discontinued=True, serialized=False, unit_weight=Decimal("1.1")),
    _part("5527764", "27UP850N-W", _LG, "LG 27in UltraFine 4K USB-C Monitor", "389.00",
          restock_days=6, unit_weight=Decimal("14.3")),
    _part("6477301", "FG-40F", _FORTINET, "Fortinet FortiGate 40F Firewall", "419.00",
          restock_days=12, unit_weight=Decimal("2.4")),
    _part("6290017", "MR36-HW", _CISCO, "Cisco Meraki MR36 Wi-Fi 6 Access Point", "489.00",
          drop_ship=50, unit_weight=Decimal("2.2")),
    _part("6350440", "WD80EFZZ", _WD, "WD Red Plus 8TB NAS Hard Drive", "184.00", {14: 3},
          restock_days=9, unit_weight=Decimal("1.6")),
    _part("5730092", "DELL-P2423D", _DELL, "Dell 24 Monitor P2423D QHD IPS", "224.00",
          {3: 30, 6: 18, 8: 25, 14: 12}, unit_weight=Decimal("12.1")),
    _part("6401875", "960-001384", _LOGITECH, "Logitech Brio 300 Full HD Webcam", "59.00",
          {3: 40, 6: 35, 8: 20, 14: 15}, serialized=False, unit_weight=Decimal("0.5")),
)  # fmt: skip

_BY_SKU = {part.sku: part for part in DEMO_PARTS}
_BY_MFG_PN = {part.mfg_pn.upper(): part for part in DEMO_PARTS}


def part_by_sku(sku: str) -> SynnexPart | None:
    return _BY_SKU.get(sku.strip())


def part_by_mfg_pn(mfg_pn: str) -> SynnexPart | None:
    """The part with this manufacturer part number (case-insensitive), if any."""
    return _BY_MFG_PN.get(mfg_pn.strip().upper())
