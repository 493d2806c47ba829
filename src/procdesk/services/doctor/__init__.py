"""`procdesk doctor`: a list of checks, each reporting ok / warn / fail lines.

A check is `async def check(env: DoctorEnv) -> list[CheckResult]`. Add one by appending it
to `CHECKS` (in `procdesk.services.doctor.checks`) or by calling `register(check)`.
"""

from procdesk.services.doctor.model import CheckResult, DoctorEnv, Level
from procdesk.services.doctor.runner import CHECKS, register, run_checks

__all__ = ["CHECKS", "CheckResult", "DoctorEnv", "Level", "register", "run_checks"]
