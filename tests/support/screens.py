"""Driving the screens pushed onto the dashboard (mappings, re-authentication): settle the
app and read what the active screen shows."""

from __future__ import annotations

from textual.pilot import Pilot

from procdesk.tui.app import ProcdeskApp

SCREEN_SIZE = (140, 44)


# The app's own long-lived workers (in-process jobs, the change-feed listener) never finish.
LIFELONG_GROUPS = frozenset({"background", "feed"})


async def settle(app: ProcdeskApp, pilot: Pilot[None]) -> None:
    """Let messages run, wait for the screens' and actions' workers, then let their
    messages run."""
    for _ in range(3):
        await pilot.pause()
        finite = [w for w in app.workers if w.group not in LIFELONG_GROUPS]
        if finite:  # (an empty list would mean "every worker" to Textual)
            await app.workers.wait_for_complete(finite)
    await pilot.pause()


def screen_text(app: ProcdeskApp) -> str:
    """Everything the active screen shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
