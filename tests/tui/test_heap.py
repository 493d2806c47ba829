"""Only an app that is the whole process freezes the heap (frozen objects are never
collected, so a process that builds many apps must not freeze)."""

from __future__ import annotations

import gc
from dataclasses import replace

import pytest

from procdesk.tui.app import ProcdeskApp, make_app


@pytest.mark.parametrize("owns_process", [True, False])
def test_make_app_freezes_the_heap_only_when_the_app_owns_the_process(
    dashboard_app: ProcdeskApp, owns_process: bool
) -> None:
    options = replace(dashboard_app.options, owns_process=owns_process)
    gc.unfreeze()
    try:
        make_app(dashboard_app.context, options)
        assert (gc.get_freeze_count() > 0) is owns_process
    finally:
        gc.unfreeze()
