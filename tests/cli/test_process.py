"""The `procdesk` process skips pydantic's plugin lookup (a walk over every installed
distribution's entry points before the first validator) unless the user chose otherwise."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from procdesk.cli.main import main

# Loads the settings as every command does, then says whether pydantic looked for plugins
# (`_plugins` stays None until it does).
LOADS_SETTINGS = """
import sys
from procdesk.cli.process import prepare_process
if sys.argv[1] == "entry":
    prepare_process()
from procdesk.config import load_settings
load_settings()
from pydantic.plugin import _loader
print("looked" if _loader._plugins is not None else "skipped")
"""


def lookup(how: str, env: dict[str, str]) -> str:
    out = subprocess.run(
        [sys.executable, "-c", LOADS_SETTINGS, how],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return out.stdout.strip()


@pytest.mark.parametrize(
    ("how", "user_value", "expected"),
    [
        ("entry", None, "skipped"),  # procdesk's entry point turns the lookup off
        ("bare", None, "looked"),  # without it pydantic looks (what the entry point saves)
        ("entry", "some_plugin", "looked"),  # a user's own choice stands
    ],
)
def test_the_entry_point_skips_the_plugin_lookup(
    how: str, user_value: str | None, expected: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if user_value is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = user_value
    assert lookup(how, env) == expected


@pytest.mark.parametrize(("before", "after"), [(None, "__all__"), ("logfire", "logfire")])
def test_main_prepares_the_process_first(
    monkeypatch: pytest.MonkeyPatch, before: str | None, after: str
) -> None:
    if before is None:
        monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    else:
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", before)
    monkeypatch.setattr(sys, "argv", ["procdesk", "--version"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == after
