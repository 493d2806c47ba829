"""The command line's fix for each kind of issue (the dashboard's is its fix key).

`ID` stands for the issue's subject (charge or order id), `PROVIDER` for the provider it is
about; `fix_command` fills them in where the issue says what they are.
"""

from __future__ import annotations

import re
import shlex

from procdesk.domain.enums import EntityType, IssueKind
from procdesk.domain.issue import Issue

_K = IssueKind

FIX_COMMANDS: dict[IssueKind, str] = {
    _K.INVALID_BILLING_CODE: "procdesk mappings set CATEGORY BILLING_CODE_ID",
    _K.MISSING_BILLING_CODE: "procdesk mappings set CATEGORY BILLING_CODE_ID",
    _K.WRONG_BILLING_CODE: "procdesk mappings check",
    _K.CHARGE_VALIDATION: "procdesk charges retry ID",
    _K.CHARGE_BILLED: "procdesk charges list --status synced",
    _K.CHARGE_CANCELLED: "procdesk charges reorder ID",
    _K.AUTOTASK_UNAVAILABLE: "procdesk charges retry --all-errors --kind autotask_unavailable",
    _K.NOT_ORDERABLE: "procdesk quotes show ID",
    _K.STUCK_PROCESSING: "procdesk orders retry ID",
    _K.INVALID_CUSTOMER_NUMBER: "procdesk auth ingram --customer-number NUMBER",
    _K.PRODUCT_UNAVAILABLE: "procdesk orders availability ID",
    _K.PRICE_CHANGED: "procdesk orders availability ID",
    _K.ORDER_REJECTED: "procdesk orders submit ID",
    _K.CREDENTIALS_EXPIRED: "procdesk auth PROVIDER",
    _K.CREDENTIALS_INVALID: "procdesk auth PROVIDER",
    _K.DISTRIBUTOR_UNAVAILABLE: "procdesk orders retry ID",
    _K.INTERNAL_ERROR: "procdesk issues list",
    _K.VENDOR_NOT_MAPPED: "procdesk mappings vendors set DISTRIBUTOR VENDOR_COMPANY",
    _K.NO_INVENTORY_LOCATION: "procdesk config set autotask.inventory_location_id LOCATION",
    _K.PO_REFUSED: "procdesk orders po-retry ID",
    _K.CHARGE_NOT_ORDERABLE: "procdesk orders show ID",
    _K.RECEIVING_REFUSED: "procdesk orders po-retry ID",
    _K.BAD_SERIAL_NUMBER: "procdesk orders receive ID --line N --qty 1 --serial SERIAL",
}

# An invalid code the quote line named itself (`billing_code_override`), not its category.
LINE_CODE_FIX = "procdesk quotes import FILE (with the line's billing_code_override corrected)"


def fix_command(issue: Issue) -> str:
    """The command that fixes `issue`, with its subject and provider filled in."""
    command = FIX_COMMANDS[issue.kind]
    if issue.kind is IssueKind.INVALID_BILLING_CODE and "billing_code_override" in issue.detail:
        command = LINE_CODE_FIX  # the quote line named the code: the quote file is the fix
    if issue.subject_type in (EntityType.CHARGE, EntityType.ORDER):
        command = re.sub(r"\bID\b", issue.subject_id, command)  # not BILLING_CODE_ID
    category = issue.detail.get("category")
    if isinstance(category, str) and category:
        command = command.replace("CATEGORY", shlex.quote(category))
    if issue.provider is not None:
        command = command.replace("PROVIDER", issue.provider.value)
    distributor = issue.detail.get("distributor")
    if isinstance(distributor, str):
        command = command.replace("DISTRIBUTOR", distributor)
    return command
