"""`procdesk doctor`: a list of checks, each reporting ok / warn / fail lines.

A check is `async def check(env: DoctorEnv) -> list[CheckResult]`. Add one to the list
`CHECKS` in `procdesk.services.doctor.runner` (imported there, so it always runs), or call
`register(check)` from code that runs before the doctor does.
"""

from procdesk.services.doctor.model import CheckResult, DoctorEnv, Level
from procdesk.services.doctor.runner import CHECKS, register, run_checks

__all__ = ["CHECKS", "CheckResult", "DoctorEnv", "Level", "register", "run_checks"]
