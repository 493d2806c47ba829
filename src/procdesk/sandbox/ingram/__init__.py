"""Ingram Micro Reseller API v6 emulator (OAuth, orders, catalog) for the procdesk sandbox.

Mounted by the sandbox core at /ingram; the vendor's paths follow the prefix unchanged.
Where the vendor documentation leaves the behaviour open, the sandbox chooses:
- Invalid customer number (IM-CustomerNumber differs from the client's registered number):
  HTTP 500 with `{"faultcode": "Server", "faultstring": "Invalid customer number. ..."}`.
- Unknown or expired bearer token: 401 gateway fault ("Invalid Access Token" /
  "Access Token expired"); bad client credentials on the token endpoint: 401 gateway fault;
  missing or unsupported grant_type: 400 `{"message": ...}`. Client credentials may come as
  form fields, query parameters (GET) or HTTP Basic.
- Missing IM-CustomerNumber, IM-CountryCode or IM-CorrelationID, an over-long one, or a
  country code that is not two letters: 400 `errors` list naming the header.
- Order lines are rejected (207 with rejectedLineItems) for unknown SKUs, discontinued SKUs,
  SKUs out of stock that are not backorderable, and short stock when acceptBackOrder is false
  (default true). An order whose every line is rejected is 400 `ORDER_REJECTED`, nothing is
  created. Duplicate customerOrderNumbers are accepted (reconciling is the client's job).
- An order whose subtotal exceeds $25,000 goes On Hold (credit hold) and never ships.
- Cancel (DELETE) answers 200 with no body while nothing has shipped, else 400.
- Search maps Processing/On Hold/Backordered to OPEN, Shipped/Delivered to CLOSED and
  Canceled to CANCELLED; 204 when nothing matches; newest order first; one sub-order per
  order (`<order>-11`). Its parameter rules are in search.py.
- Shipments of serialized parts list one serial number per unit (see orders.py).
- Price and availability answers 207 when some but not all rows are "E", else 200.
"""

from procdesk.sandbox.ingram.app import create_app
from procdesk.sandbox.ingram.state import IngramSandbox

__all__ = ["IngramSandbox", "create_app"]
