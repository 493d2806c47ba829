"""The keyring namespace of each sandbox demo account, as procdesk names it
(`procdesk.secrets.accounts`): tests that plant or read a secret directly use these."""

from __future__ import annotations

from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.secrets.accounts import account_entry

DEMO_ACCOUNTS = {
    "autotask": DEMO_CREDENTIALS.autotask.username,
    "ingram": DEMO_CREDENTIALS.ingram.client_id,
    "tdsynnex": DEMO_CREDENTIALS.tdsynnex.account_id,
    "tdsynnex_xml": DEMO_CREDENTIALS.tdsynnex_xml.customer_number,
}


def demo_entry(provider: str) -> str:
    """`"<provider>:<demo account>"`, e.g. `demo_entry("ingram")`."""
    return account_entry(provider, DEMO_ACCOUNTS[provider])
