"""Long work shows in the activity tray while it runs, and notifies when it is done."""

from __future__ import annotations

import asyncio

from textual.widgets import Label, ProgressBar

from procdesk.tui.app import ProcdeskApp
from procdesk.tui.messages import Outcome
from procdesk.tui.widgets.activity import Activity, Job
from tests.support.dashboard import notes
from tests.support.settle import settle

SIZE = (160, 48)


async def test_an_action_shows_in_the_tray_until_it_finishes(dashboard_app: ProcdeskApp) -> None:
    release = asyncio.Event()

    async def slow() -> Outcome:
        await release.wait()
        return Outcome("all done")

    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        tray = dashboard_app.query_one(Activity)
        assert tray.display is False
        dashboard_app.start_action("slow job", slow(), progress="Working on it …")
        await pilot.pause()
        [job] = tray.query(Job)
        assert tray.display is True
        assert str(job.query_one(Label).render()) == "Working on it …"
        assert job.query_one(ProgressBar).total is None  # no size known: indeterminate
        release.set()
        await settle(dashboard_app, pilot)
        assert list(tray.query(Job)) == []
        assert tray.display is False
        assert ("information", "all done") in notes(dashboard_app)


async def test_a_job_of_known_size_shows_how_far_it_is(dashboard_app: ProcdeskApp) -> None:
    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        tray = dashboard_app.query_one(Activity)
        job = tray.start("Exporting 2,000 rows", total=2000)
        await pilot.pause()
        job.advance_to(500)
        await pilot.pause()
        assert job.query_one(ProgressBar).percentage == 0.25
        tray.finish(job)
        await pilot.pause()
        assert tray.display is False


async def test_a_failing_action_leaves_the_tray_and_notifies(dashboard_app: ProcdeskApp) -> None:
    async def broken() -> Outcome:
        raise RuntimeError("disk full")

    async with dashboard_app.run_test(size=SIZE) as pilot:
        await settle(dashboard_app, pilot)
        dashboard_app.start_action("export", broken(), progress="Exporting …")
        await settle(dashboard_app, pilot)
        assert dashboard_app.query_one(Activity).display is False
        assert any(severity == "error" for severity, _ in notes(dashboard_app))
