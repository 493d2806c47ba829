"""The distributor emulators, mounted when their packages are present."""

from __future__ import annotations

import importlib
from typing import Protocol

from starlette.applications import Starlette

from procdesk.sandbox.clock import SandboxClock

DISTRIBUTORS = ("ingram", "tdsynnex")


class ProviderSandbox(Protocol):
    def snapshot(self) -> dict[str, object]: ...

    def reset(self) -> None: ...


def distributor_apps(clock: SandboxClock, seed: int) -> dict[str, Starlette]:
    """name -> sub-app for each distributor emulator package that exposes `create_app`."""
    apps = {}
    for name in DISTRIBUTORS:
        module_name = f"procdesk.sandbox.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        factory = getattr(module, "create_app", None)
        if factory is not None:  # a package still being built exposes no app yet
            apps[name] = factory(clock, seed)
    return apps
