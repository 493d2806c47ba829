"""The distributor emulators, mounted when their packages are present, and which provider a
request path belongs to (fault rules and statistics name providers this way)."""

from __future__ import annotations

import importlib
from typing import Protocol

from starlette.applications import Starlette

from procdesk.sandbox.clock import SandboxClock

# provider name -> (emulator package, mount path). The name is what fault specs and
# /_sandbox/state use: "tdsynnex" is StreamOne ION, "tdsynnex_xml" TD SYNNEX's XML interface,
# which sits under ION's prefix so that its documented /SynnexXML/... paths follow /tdsynnex.
DISTRIBUTORS: dict[str, tuple[str, str]] = {
    "ingram": ("procdesk.sandbox.ingram", "/ingram"),
    "tdsynnex_xml": ("procdesk.sandbox.synnexxml", "/tdsynnex/SynnexXML"),
    "tdsynnex": ("procdesk.sandbox.tdsynnex", "/tdsynnex"),
}
MOUNTS: dict[str, str] = {
    "autotask": "/autotask",
    **{name: path for name, (_, path) in DISTRIBUTORS.items()},
}
_LONGEST_FIRST = sorted(MOUNTS.items(), key=lambda item: -len(item[1]))


class ProviderSandbox(Protocol):
    def snapshot(self) -> dict[str, object]: ...

    def reset(self) -> None: ...


def provider_of(path: str) -> str | None:
    """The provider whose mount holds `path` (the longest match, ignoring case), if any."""
    lowered = path.lower()
    for name, mount in _LONGEST_FIRST:
        prefix = mount.lower()
        if lowered == prefix or lowered.startswith(prefix + "/"):
            return name
    return None


def distributor_apps(clock: SandboxClock, seed: int) -> dict[str, Starlette]:
    """name -> sub-app for each distributor emulator package that exposes `create_app`."""
    apps = {}
    for name, (module_name, _) in DISTRIBUTORS.items():
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
