"""Which account a provider's secret belongs to, and the keyring name it is kept under.

Inside a profile every provider secret is named for the account it unlocks,
``"<provider>:<account>:<field>"`` — the Autotask API user, the Ingram Micro client id, the
StreamOne ION account id, the EC Express customer number — so two accounts configured one
after the other in one profile never read each other's secret. The account is the value of
one key of the provider's config section (`ACCOUNT_KEY`).
"""

from __future__ import annotations

from collections.abc import Mapping

# The config key (in the provider's section) that names the account a secret unlocks.
ACCOUNT_KEY: dict[str, str] = {
    "autotask": "username",
    "ingram": "client_id",
    "tdsynnex": "account_id",
    "tdsynnex_xml": "customer_number",
}


def account_entry(provider: str, account: object) -> str:
    """The keyring namespace of one account at a provider: ``"ingram:<client id>"``.
    A blank account names no entry anyone stores (reads find nothing)."""
    return f"{provider}:{'' if account is None else str(account).strip()}"


def section_entry(provider: str, section: Mapping[str, object]) -> str:
    """`account_entry` for the account a provider's config section names."""
    return account_entry(provider, section.get(ACCOUNT_KEY[provider]))


def account_of_entry(namespace: str) -> tuple[str, str] | None:
    """(provider, account) of an account-scoped namespace, or None for any other name."""
    provider, sep, account = namespace.partition(":")
    if not sep or provider not in ACCOUNT_KEY:
        return None
    return provider, account
