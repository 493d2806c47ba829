"""TD SYNNEX StreamOne ION v3 emulator (rotating OAuth, customers, products, orders).

Mounted by the sandbox core at /tdsynnex. Where ION's documentation leaves the behaviour
open, the sandbox chooses:
- Errors are Google-style `{"code", "message", "details": []}`, on the OAuth endpoints too.
- A used, expired or unknown refresh token is 401; a missing one or another grant is 400.
- A valid token used with another account id is 403 (the demo has one account).
- An unknown productId or skuId in an order is 400 and creates nothing; a discontinued SKU is
  accepted and the order goes FAILED (with statusMessage) when processed.
- Orders go IN_PROGRESS -> COMPLETED five minutes after creation on the sandbox clock.
  ION documents no cancel call, so sandbox orders cannot be cancelled.
- A list whose filters match nothing answers 404 ("nothing there"); an invalid pageToken 400.
"""

from procdesk.sandbox.tdsynnex.app import create_app
from procdesk.sandbox.tdsynnex.state import TdSynnexSandbox

__all__ = ["TdSynnexSandbox", "create_app"]
