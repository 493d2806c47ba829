"""TD SYNNEX XML ("EC Express", SynnexXML) emulator: price and availability, PO, PO status.

Mounted by the sandbox core at /tdsynnex/SynnexXML, so the documented paths follow the
TD SYNNEX prefix: POST /tdsynnex/SynnexXML/PriceAvailability, /PO (purchase orders, and
status requests too, as one public client sends them) and /POStatus. Fault specs and
/_sandbox/state call this provider `tdsynnex_xml`; /_sandbox/tdsynnex_xml/orders lists the
orders it holds. Demo login: `DEMO_CREDENTIALS.tdsynnex_xml` (customer number, user name,
password), the only one accepted.

Where the public facts stop, the sandbox chooses (each UNVERIFIED; details in the module
named):
- Bodies: raw XML (application/xml, text/xml) or a form with `xmldata`; other content types
  HTTP 415; bodies over 1 MiB refused (`body`).
- Parsing: defusedxml; entity declarations, mixed content and nesting deeper than 12
  levels refused; a bare DOCTYPE without entities is allowed and never fetched (`document`).
- Strict values: whole numbers are digits only, amounts digits with up to 4 decimals,
  unknown elements refused, single elements at most once (`values`, `*_request`).
- Refusals: HTTP 200 with `<errorResponse><errorDetail>` for refused requests and an
  OrderResponse with Code `rejected`, Reason and errorDetail for refused orders; a status
  request for an unknown PO is OrderStatusResponse Code `not found` (`replies`).
- Login texts: "Login failed: ..." for a wrong user or password, "Invalid customer
  number ..." for another account's number; duplicate PONumber (compared ignoring case):
  "PO number X already exists ... (duplicate PO)".
- Orders: the non-stock trap (unknown SKU or MfgPN -> SKU 99, NON-STOCK, OrderType QO,
  accepted, never ships), discontinued lines rejected, backorders with ETA, drop-ship from
  warehouse 98, one order number per ship-from warehouse (`placement`); progress on the
  sandbox clock: ship after 4 h (drop-ship 1 day, backorders at their ETA), delivered 2
  days later (`orders`).
- Not emulated: the registered static source IP, /SynnexXML/Availability, FreightQuote,
  invoices, and the /SynnexXML/order path one client posts forms to.
"""

from procdesk.sandbox.synnexxml.app import create_app
from procdesk.sandbox.synnexxml.state import SynnexXmlSandbox

__all__ = ["SynnexXmlSandbox", "create_app"]
