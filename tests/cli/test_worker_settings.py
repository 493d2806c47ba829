"""A running `procdesk worker` builds each new provider client from the config file as it
is then, so `procdesk auth …` in another terminal takes effect without a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from procdesk.cli.worker_cmd import settings_on_disk
from procdesk.config import config_file, load_settings


def write(text: str) -> Path:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.usefixtures("isolated_home")
def test_a_changed_field_is_read_when_the_next_client_is_made() -> None:
    write('[autotask]\nusername = "first@x.test"\n')
    started = load_settings()
    current = settings_on_disk(started)
    assert current().autotask.username == "first@x.test"
    write('[autotask]\nusername = "second@x.test"\n')
    assert current().autotask.username == "second@x.test"


@pytest.mark.usefixtures("isolated_home")
def test_a_config_file_broken_meanwhile_keeps_the_settings_from_start() -> None:
    write('[autotask]\nusername = "first@x.test"\n')
    started = load_settings()
    write("[autotask]\nusername = 42 = broken\n")
    assert settings_on_disk(started)() is started
