"""What a person needs to work through the demo: the sandbox values to type into the
re-authentication screens, and how to reach the running demo from another terminal.

`procdesk demo` prints it before the dashboard takes the screen, and the dashboard shows it
again in its demo guide (`g`). The values are the sandbox's, printed on purpose; they are
never written to the ledger, the logs or the events.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from procdesk.demo.quotes import INVALID_CODE_QUOTE, RETRACTED_QUOTE
from procdesk.sandbox.credentials import DEMO_CREDENTIALS

# A category the demo maps to a Work Type code, which no charge may carry (set by
# `demo.environment`): quote Q-2001's charge fails until the mapping is fixed.
MISMAPPED_CATEGORY = "Software"

# Commands that only read the demo's ledger work from another terminal; commands that need
# a provider's credentials cannot (they live in the demo process's memory only).
LEDGER_COMMANDS = ("issues list", "charges list", "orders list", "quotes list")
KEYRING_COMMANDS = ("auth …", "doctor", "orders availability", "worker")


@dataclass(frozen=True)
class DemoGuide:
    home: Path  # the demo's throwaway PROCDESK_HOME
    sandbox_url: str  # where the sandbox listens (loopback)
    time_lapse: float  # 1 = real time

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(title, [(label, value)]) in the order a person needs them."""
        at = DEMO_CREDENTIALS.autotask
        im = DEMO_CREDENTIALS.ingram
        ion = DEMO_CREDENTIALS.tdsynnex
        return [
            (
                "Autotask (re-authentication: Autotask login)",
                [
                    ("API user", at.username),
                    ("Integration code", at.integration_code),
                    ("Secret", at.secret),
                ],
            ),
            (
                "Ingram Micro (re-authentication: Ingram Micro)",
                [
                    ("Client id", im.client_id),
                    ("Client secret", im.client_secret),
                    (
                        "New client secret",
                        f"{im.rotated_client_secret}  (from the developer portal, once Ingram "
                        "refuses the current one, 20 minutes in)",
                    ),
                    ("Customer number", f"{im.customer_number}  (the right one)"),
                    ("Country", im.country_code),
                ],
            ),
            (
                "TD SYNNEX StreamOne ION (re-authentication: TD SYNNEX)",
                [
                    ("Account id", ion.account_id),
                    ("Refresh token", f"{ion.portal_refresh_token}  (new, from the ION portal)"),
                ],
            ),
            (
                "Order stuck in processing (quote Q-1007, TD SYNNEX)",
                [
                    (
                        "What happens",
                        "TD SYNNEX cannot answer for this order for the first 4 minutes; "
                        "after 2 it is flagged stuck. Read its error (f), then retry (r).",
                    ),
                ],
            ),
        ]

    def cli_lines(self) -> list[str]:
        lines = [
            f"`export PROCDESK_HOME={self.home}`",
            "Then, while the demo runs: "
            + ", ".join(f"`procdesk {c}`" for c in LEDGER_COMMANDS)
            + " read the demo's ledger.",
            "Not against the demo: "
            + ", ".join(f"`procdesk {c}`" for c in KEYRING_COMMANDS)
            + " need the credentials, which live only in the demo's process: use the "
            "dashboard's re-authentication screens instead.",
        ]
        return lines

    def charge_lines(self) -> list[str]:
        """What to look for in the help article's charge stories."""
        return [
            f'{INVALID_CODE_QUOTE}: its charge fails with "BillingCode does not exist or is '
            f'invalid" because category {MISMAPPED_CATEGORY} maps to a Work Type code. Its '
            f"issue's `f` opens Category billing codes: choose {MISMAPPED_CATEGORY} Materials, "
            "save, and say yes to the retry.",
            f"{RETRACTED_QUOTE}: the quote was retracted after its charge was made, so the "
            "charge is cancelled. Its detail says why; `w` shows the quote, and `n` re-orders "
            "(it warns first).",
        ]

    def purchase_order_lines(self) -> list[str]:
        """What to look for on the Autotask side of the orders."""
        return [
            "Q-1006: Ingram ships the three NAS in two parts with serial numbers; the order's "
            "detail (`enter` on it) follows its Autotask PO from Submitted to Received Full.",
            "Q-1002: the Microsoft 365 seats go through TD SYNNEX ION once its session is "
            "renewed; ION provisions them five minutes later and their PO reads Received Full "
            '("provisioned", nothing ships).',
            "On an order's detail, `e` receives by hand what came from elsewhere (quantity, one "
            "serial per unit) and `l` links a PO that already exists in Autotask.",
        ]

    def clock_line(self) -> str:
        if self.time_lapse == 1:
            return (
                "The demo clock runs at real speed (`procdesk demo --time-lapse 60` speeds it up)."
            )
        return f"The demo clock runs {self.time_lapse:g}× faster than real time."

    def as_text(self) -> str:
        """For the terminal, before the dashboard starts."""
        out = [
            f"procdesk demo — sandbox at {self.sandbox_url} (loopback; no real account is used)",
            self.clock_line().replace("`", ""),
            "",
            "Sandbox credentials (type these into the re-authentication screens):",
        ]
        for title, fields in self.sections():
            out.append(f"  {title}")
            out.extend(f"    {label + ':':<18} {value}" for label, value in fields)
        out += ["", "Command line against this demo (another terminal):"]
        out += [f"  {line.replace('`', '')}" for line in self.cli_lines()]
        out += ["", "Charge stories:"]
        out += [f"  {line.replace('`', '')}" for line in self.charge_lines()]
        out += ["", "Purchase orders in Autotask:"]
        out += [f"  {line.replace('`', '')}" for line in self.purchase_order_lines()]
        out += ["", "In the dashboard: g shows this guide again, ? the keys, q quits."]
        return "\n".join(out)

    def as_markdown(self) -> str:
        """For the dashboard's demo guide."""
        out = [
            "# Demo guide",
            "",
            f"Sandbox at `{self.sandbox_url}` (loopback; no real account is used). "
            + self.clock_line(),
            "",
            "## Sandbox credentials",
            "",
            "Type these into the re-authentication screens (command palette: *Admin*).",
        ]
        for title, fields in self.sections():
            out += ["", f"**{title}**", ""]
            out += [f"- {label}: `{value}`" for label, value in fields]
        out += ["", "## Charge stories", ""]
        out += [f"- {line}" for line in self.charge_lines()]
        out += ["", "## Purchase orders in Autotask", ""]
        out += [f"- {line}" for line in self.purchase_order_lines()]
        out += ["", "## Command line", ""]
        out += [f"- {line}" for line in self.cli_lines()]
        return "\n".join(out)
