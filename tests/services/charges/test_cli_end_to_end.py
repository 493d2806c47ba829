"""The billing admin's commands end to end against the sandbox: import, auth, map, sync,
then retry, cancel and re-order."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from procdesk.cli.main import cli
from procdesk.domain.enums import IssueAction, IssueKind
from procdesk.sandbox.autotask.demo_data import DEMO_CATEGORY_BILLING_CODES, WORK_TYPE_CODE_ID
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.server import SandboxServer
from procdesk.secrets import MemoryKeyring
from tests.support.charges import remote_charges

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "quotes.json"
DEMO = DEMO_CREDENTIALS.autotask


def invoke(*args: str, stdin: str | None = None, code: int = 0) -> Result:
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def rows(*args: str) -> list[dict[str, object]]:
    return json.loads(invoke(*args, "--json").stdout)


@pytest.fixture
def signed_in(sandbox: SandboxServer, keyring_backend: MemoryKeyring) -> SandboxServer:
    invoke("config", "set", "autotask.base_url", f"{sandbox.base_url}/autotask/atservicesrest")
    wrong = invoke(
        "auth",
        "autotask",
        "--username",
        DEMO.username,
        "--integration-code",
        DEMO.integration_code,
        "--stdin",
        stdin="wrong\n",
        code=1,
    )
    assert "rejected" in wrong.output
    invoke(
        "auth",
        "autotask",
        "--username",
        DEMO.username,
        "--integration-code",
        DEMO.integration_code,
        "--stdin",
        stdin=f"{DEMO.secret}\n",
    )
    assert keyring_backend.values() == [DEMO.secret]
    return sandbox


def test_import_map_sync_fix_and_reorder(signed_in: SandboxServer) -> None:
    [status] = [r for r in rows("auth", "status") if r["provider"] == "autotask"]
    assert (status["state"], status["account"]) == ("ok", DEMO.username)
    invoke("quotes", "import", str(EXAMPLES))
    unmapped = invoke("mappings", "check", code=1)
    assert "Hardware: no mapping" in unmapped.output
    refused = invoke("mappings", "set", "Hardware", str(WORK_TYPE_CODE_ID), code=2)
    assert "not a Material Cost Code" in refused.output
    for category in ("Hardware", "Peripherals", "Cabling", "Networking", "Licensing"):
        invoke("mappings", "set", category, str(DEMO_CATEGORY_BILLING_CODES[category]))
    # every category is mapped, but one quote line overrides it with a Work Type code
    overridden = invoke("mappings", "check", code=1).output
    assert f"billing_code_override {WORK_TYPE_CODE_ID} on 1 quote line(s)" in overridden

    invoke("worker", "--once")
    charges = rows("charges", "list")
    by_status: dict[object, list[dict[str, object]]] = {}
    for charge in charges:
        by_status.setdefault(charge["status"], []).append(charge)
    assert len(by_status["synced"]) == 10
    [error] = by_status["error"]  # the line overriding with a Work Type code
    assert error["error_kind"] == IssueKind.INVALID_BILLING_CODE
    remote_ids = {c["id"] for c in remote_charges(signed_in)}
    assert {c["autotask_id"] for c in by_status["synced"]} == remote_ids
    [issue] = [i for i in rows("issues", "list") if i["subject_type"] == "charge"]
    assert (issue["kind"], issue["action"]) == (  # the line's own code: not the mapping's
        IssueKind.INVALID_BILLING_CODE,
        IssueAction.OPEN_CHARGE,
    )

    synced_id = str(by_status["synced"][0]["id"])
    invoke("charges", "cancel", synced_id, "--reason", "customer returned it")
    invoke("worker", "--once")
    assert len(remote_charges(signed_in)) == 9
    [reordered] = rows("charges", "reorder", synced_id)
    assert reordered["outcome"] == "re-ordered"
    invoke("worker", "--once")
    assert len(remote_charges(signed_in)) == 10

    assert invoke("charges", "retry", code=2)
    retried = rows("charges", "retry", "--all-errors", "--kind", "invalid_billing_code")
    assert [r["id"] for r in retried] == [error["id"]]


def test_mapping_change_asks_before_cancelling(signed_in: SandboxServer) -> None:
    invoke("quotes", "import", str(EXAMPLES))
    for category in ("Hardware", "Peripherals", "Cabling", "Networking", "Licensing"):
        invoke("mappings", "set", category, str(DEMO_CATEGORY_BILLING_CODES[category]))
    invoke("worker", "--once")
    before = len(remote_charges(signed_in))
    new_code = str(DEMO_CATEGORY_BILLING_CODES["Peripherals"])
    declined = invoke("mappings", "set", "Hardware", new_code, stdin="n\n")
    assert "4 synced charge(s) in 'Hardware'" in declined.output
    assert "wrong-billing-code issue" in declined.output
    kinds = {i["kind"] for i in rows("issues", "list") if i["subject_type"] == "charge"}
    assert IssueKind.WRONG_BILLING_CODE in kinds
    [mapping] = [m for m in rows("mappings", "list") if m["category"] == "Hardware"]
    assert str(mapping["billing_code_id"]) == new_code
    back = str(DEMO_CATEGORY_BILLING_CODES["Hardware"])
    invoke("mappings", "set", "Hardware", back, stdin="n\n")
    confirmed = invoke("mappings", "set", "Hardware", new_code, "--yes")
    assert "deleted in Autotask, then cancelled" in confirmed.output
    invoke("worker", "--once")
    assert len(remote_charges(signed_in)) == before - 4


def test_masked_prompt_and_no_secret_in_the_ledger(
    sandbox: SandboxServer, keyring_backend: MemoryKeyring, isolated_home: Path
) -> None:
    invoke("config", "set", "autotask.base_url", f"{sandbox.base_url}/autotask/atservicesrest")
    result = invoke(
        "auth",
        "autotask",
        "--username",
        DEMO.username,
        "--integration-code",
        DEMO.integration_code,
        stdin=f"{DEMO.secret}\n",
    )
    assert DEMO.secret not in result.output  # the prompt does not echo it
    assert keyring_backend.values() == [DEMO.secret]
    for path in isolated_home.rglob("*"):
        if path.is_file():
            assert DEMO.secret.encode() not in path.read_bytes(), path


def test_mappings_check_names_bad_line_overrides_and_the_codes_to_use(
    signed_in: SandboxServer,
) -> None:
    invoke("quotes", "import", str(EXAMPLES))  # one line overrides with a Work Type code
    for category in ("Hardware", "Peripherals", "Cabling", "Networking", "Licensing"):
        invoke("mappings", "set", category, str(DEMO_CATEGORY_BILLING_CODES[category]))

    found = invoke("mappings", "check", code=1).output
    assert f"Networking: billing_code_override {WORK_TYPE_CODE_ID} on 1 quote line(s)" in found
    assert "not a Material Cost Code" in found
    available = found.split("Material Cost Codes available")[1]
    for code in DEMO_CATEGORY_BILLING_CODES.values():
        assert f"  {code}  " in available
    assert str(WORK_TYPE_CODE_ID) not in available
    [row] = json.loads(invoke("mappings", "check", "--json", code=1).stdout)
    assert (row["billing_code_id"], row["override_charges"]) == (WORK_TYPE_CODE_ID, 1)
    assert {c["id"] for c in row["usable"]} >= set(DEMO_CATEGORY_BILLING_CODES.values())

    unmapped = invoke("mappings", "set", "Networking", str(WORK_TYPE_CODE_ID), code=2)
    assert "not a Material Cost Code" in unmapped.output


def test_a_code_the_quote_line_names_is_fixed_by_importing_the_corrected_line(
    signed_in: SandboxServer, tmp_path: Path
) -> None:
    invoke("quotes", "import", str(EXAMPLES))
    for category in ("Hardware", "Peripherals", "Cabling", "Networking", "Licensing"):
        invoke("mappings", "set", category, str(DEMO_CATEGORY_BILLING_CODES[category]))
    invoke("worker", "--once")
    [error] = rows("charges", "list", "--status", "error")
    [issue] = [i for i in rows("issues", "list") if i["subject_id"] == str(error["id"])]
    assert issue["action"] == IssueAction.OPEN_CHARGE
    assert "billing_code_override" in issue["command"]
    shown = invoke("charges", "show", str(error["id"])).output
    assert f"{WORK_TYPE_CODE_ID}, named by the quote line" in shown

    # saving the category's mapping again does not send it back: the mapping is not its code
    networking = str(DEMO_CATEGORY_BILLING_CODES["Networking"])
    invoke("mappings", "set", "Networking", networking, "--yes")
    [still] = rows("charges", "list", "--status", "error")
    assert still["id"] == error["id"]

    # the fix: the quote file's line without its override, imported again
    quotes = json.loads(EXAMPLES.read_text())
    for quote in quotes["quotes"] if isinstance(quotes, dict) else quotes:
        for line in quote["lines"]:
            if line.get("billing_code_override") == WORK_TYPE_CODE_ID:
                del line["billing_code_override"]
    corrected = tmp_path / "quotes.json"
    corrected.write_text(json.dumps(quotes))
    invoke("quotes", "import", str(corrected))
    invoke("worker", "--once")
    [old] = [c for c in rows("charges", "list") if c["id"] == error["id"]]
    assert old["status"] == "cancelled"
    assert rows("charges", "list", "--status", "error") == []
    remote = [c for c in remote_charges(signed_in) if c["billingCodeID"] == int(networking)]
    assert any(str(error["quote_id"]) in str(c.get("notes") or "") for c in remote)
    assert not [i for i in rows("issues", "list") if i["subject_id"] == str(error["id"])]


def test_worker_once_exits_1_when_a_loop_failed(
    signed_in: SandboxServer, isolated_home: Path
) -> None:
    """A scheduler running `worker --once` learns that a loop failed: a charge row damaged
    outside procdesk (an amount that is not a number) stops the charge loop, the others
    run, and the failure is an issue."""
    invoke("quotes", "import", str(EXAMPLES))
    for category in ("Hardware", "Peripherals", "Cabling", "Networking", "Licensing"):
        invoke("mappings", "set", category, str(DEMO_CATEGORY_BILLING_CODES[category]))
    with sqlite3.connect(isolated_home / "ledger.db") as conn:
        conn.execute("UPDATE charges SET unit_price = 'twelve' WHERE id = 1")

    result = invoke("worker", "--once", code=1)

    report = json.loads(result.stdout)
    assert report["charges"] == {"failed": 1}
    assert "failed" not in report["procurement"]
    assert "work loop charges failed; `procdesk issues list` says why" in result.stderr
    assert any(i["kind"] == IssueKind.INTERNAL_ERROR for i in rows("issues", "list"))
