"""The demo guide: what `procdesk demo` prints and `g` shows — the sandbox values that fix
the demo's provider stories and how to reach the demo from the command line."""

from __future__ import annotations

from pathlib import Path

from procdesk.demo.guide import DemoGuide
from procdesk.sandbox.credentials import DEMO_CREDENTIALS

GUIDE = DemoGuide(home=Path("/tmp/procdesk-abc"), sandbox_url="http://127.0.0.1:5555", time_lapse=1)
VALUES = [
    DEMO_CREDENTIALS.autotask.username,
    DEMO_CREDENTIALS.autotask.integration_code,
    DEMO_CREDENTIALS.autotask.secret,
    DEMO_CREDENTIALS.ingram.client_id,
    DEMO_CREDENTIALS.ingram.client_secret,
    DEMO_CREDENTIALS.ingram.customer_number,
    DEMO_CREDENTIALS.tdsynnex.account_id,
    DEMO_CREDENTIALS.tdsynnex.portal_refresh_token,
]


def test_the_printed_guide_gives_every_value_a_reauthentication_screen_asks_for() -> None:
    text = GUIDE.as_text()
    markdown = GUIDE.as_markdown()
    for value in VALUES:
        assert value in text
        assert value in markdown
    # the expired one is not offered as the fix
    assert DEMO_CREDENTIALS.tdsynnex.refresh_token not in text


def test_the_guide_says_how_to_point_the_cli_at_the_demo_and_what_cannot_be_used() -> None:
    text = GUIDE.as_text()
    assert "export PROCDESK_HOME=/tmp/procdesk-abc" in text
    assert "procdesk issues list" in text
    assert "Not against the demo: procdesk auth" in text
    assert "`" not in text  # markdown quotes are for the dashboard only


def test_the_guide_says_how_fast_the_clock_runs() -> None:
    assert "real speed" in GUIDE.as_text()
    fast = DemoGuide(home=Path("/x"), sandbox_url="http://127.0.0.1:1", time_lapse=60)
    assert "60× faster" in fast.as_text()


def test_the_guide_points_at_the_purchase_order_stories_and_the_manual_paths() -> None:
    text, markdown = GUIDE.as_text(), GUIDE.as_markdown()
    assert "Purchase orders in Autotask:" in text
    assert "## Purchase orders in Autotask" in markdown
    for story in ("Q-1006", "Q-1002", "provisioned", "receives by hand", "links a PO"):
        assert story in text
        assert story in markdown
