"""`g` and the palette show the demo guide in `procdesk demo`; elsewhere there is none."""

from __future__ import annotations

from pathlib import Path

from procdesk.demo.guide import DemoGuide
from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.tui import probe
from procdesk.tui.app import ProcdeskApp
from procdesk.tui.screens.demo_guide import DemoGuideScreen
from tests.support.dashboard import press, reconfigured, running
from tests.tui.test_palette import palette_entries

GUIDE = DemoGuide(home=Path("/tmp/procdesk-guide"), sandbox_url="http://127.0.0.1:9", time_lapse=1)


async def test_g_shows_the_demo_guide_and_escape_closes_it(dashboard_app: ProcdeskApp) -> None:
    app = reconfigured(dashboard_app, guide=GUIDE.as_markdown())
    async with running(app) as pilot:
        await press(app, pilot, "g")
        assert isinstance(app.screen, DemoGuideScreen)
        text = probe.screen_text(app)
        assert DEMO_CREDENTIALS.tdsynnex.portal_refresh_token in text
        assert DEMO_CREDENTIALS.ingram.customer_number in text
        await press(app, pilot, "end")  # the command line comes last, below the stories
        assert "export PROCDESK_HOME=/tmp/procdesk-guide" in probe.screen_text(app)
        await press(app, pilot, "escape")
        assert not isinstance(app.screen, DemoGuideScreen)


async def test_the_palette_finds_the_guide(dashboard_app: ProcdeskApp) -> None:
    app = reconfigured(dashboard_app, guide=GUIDE.as_markdown())
    async with running(app) as pilot:
        entries = await palette_entries(app, pilot, "demo guide")
        assert any(e.startswith("Demo guide: sandbox credentials") for e in entries)
        await press(app, pilot, "enter")
        assert isinstance(app.screen, DemoGuideScreen)


async def test_outside_the_demo_g_does_nothing(dashboard_app: ProcdeskApp) -> None:
    async with running(dashboard_app) as pilot:
        await press(dashboard_app, pilot, "g")
        assert not isinstance(dashboard_app.screen, DemoGuideScreen)
        assert "Demo guide" not in probe.screen_text(dashboard_app)
