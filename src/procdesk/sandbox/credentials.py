"""The sandbox's demo credentials: stable across runs, printed at start, never real."""

from __future__ import annotations

from pydantic import BaseModel


class AutotaskDemoCredentials(BaseModel):
    username: str = "procdesk-api@demo-msp.example"
    integration_code: str = "PROCDESKSANDBOXINTEGRATION01"
    secret: str = "sandbox-autotask-secret-7Qm2"


class IngramDemoCredentials(BaseModel):
    client_id: str = "sandbox-ingram-client"
    client_secret: str = "sandbox-ingram-secret-K4p9"
    customer_number: str = "20-222222"
    country_code: str = "US"
    sender_id: str = "procdesk"
    # A second registration whose registered customer number differs from what users tend to
    # configure: calls with any other number get Ingram's "Invalid customer number" fault.
    mismatch_client_id: str = "sandbox-ingram-mismatch"
    mismatch_client_secret: str = "sandbox-ingram-mismatch-secret-R8v1"
    mismatch_registered_customer_number: str = "20-999999"
    # What the developer portal gives once the app's secret was rotated (the demo's story of
    # Ingram refusing the app's credentials): valid from the rotation on.
    rotated_client_secret: str = "sandbox-ingram-rotated-secret-W2c6"


class TdSynnexDemoCredentials(BaseModel):
    account_id: str = "1000123"
    refresh_token: str = "sandbox-ion-initial-refresh-token-Z3w5"
    # What a person fetches from the ION portal once the stored token has expired (the
    # demo's TD SYNNEX story): valid from the moment the demo expires the first one.
    portal_refresh_token: str = "sandbox-ion-portal-refresh-token-P6t8"


class TdSynnexXmlDemoCredentials(BaseModel):
    """The EC Express login and account number of TD SYNNEX's XML interface (not ION's)."""

    customer_number: str = "743210"
    username: str = "procdesk-ec@demo-msp.example"
    password: str = "sandbox-ec-password-J7n3"


class DemoCredentials(BaseModel):
    autotask: AutotaskDemoCredentials = AutotaskDemoCredentials()
    ingram: IngramDemoCredentials = IngramDemoCredentials()
    tdsynnex: TdSynnexDemoCredentials = TdSynnexDemoCredentials()
    tdsynnex_xml: TdSynnexXmlDemoCredentials = TdSynnexXmlDemoCredentials()


DEMO_CREDENTIALS = DemoCredentials()
