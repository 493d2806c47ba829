"""TD SYNNEX StreamOne ION v3 emulator (rotating OAuth, customers, products, orders)."""

from procdesk.sandbox.tdsynnex.app import create_app
from procdesk.sandbox.tdsynnex.state import TdSynnexSandbox

__all__ = ["TdSynnexSandbox", "create_app"]
