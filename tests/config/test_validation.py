"""Config edge cases: only regular, small files are read; numbers are finite and bounded at
their limits; provider URLs are checked per provider. Each is one clear ConfigError."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from procdesk.config import ConfigError, load_settings
from procdesk.config.load import MAX_CONFIG_BYTES


def _load(tmp_path: Path, text: str) -> object:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ("[sync]\ninterval_s = 1e400", "sync.interval_s: Input should be a finite number"),
        ("[sync]\ninterval_s = inf", "sync.interval_s: Input should be a finite number"),
        ("[sync]\ninterval_s = nan", "sync.interval_s: Input should be a finite number"),
        ("[sync]\ninterval_s = 0", "sync.interval_s: Input should be greater than 0"),
        ("[sync]\ninterval_s = 86400.001", "sync.interval_s: Input should be less than or equal"),
        (
            "[sync]\nbackoff_max_s = 604801",
            "sync.backoff_max_s: Input should be less than or equal",
        ),
        ("[sync]\nlease_s = 3601", "sync.lease_s: Input should be less than or equal to 3600"),
        ("[sync]\nlease_s = 9", "sync.lease_s: Input should be greater than or equal to 10"),
        # true and false are not numbers (pydantic alone reads them as 1 and 0)
        ("[sync]\nbatch_size = true", "sync.batch_size: expected a number, not true"),
        ("[sync]\ninterval_s = false", "sync.interval_s: expected a number, not false"),
        ("[autotask]\ninventory_location_id = true", "autotask.inventory_location_id: expected"),
        ("[procurement]\napproval_threshold = true", "procurement.approval_threshold: expected"),
        ("[user]\nname = true", "user.name: Input should be a valid string"),
        ("[autotask]\ntimeout_s = 300.5", "autotask.timeout_s: Input should be less than or equal"),
        ("[autotask]\ntimeout_s = -inf", "autotask.timeout_s"),
        ("[procurement]\napproval_threshold = 1e400", "procurement.approval_threshold"),
        # stated amounts are never rounded (0.00001 became a threshold of 0)
        (
            "[procurement]\napproval_threshold = 0.00001",
            "procurement.approval_threshold: expected at most 4 decimal places (got 0.00001)",
        ),
        (
            '[procurement]\nprice_tolerance_pct = "4.12345"',
            "procurement.price_tolerance_pct: expected at most 4 decimal places",
        ),
        ("[procurement]\nprefer_cheaper_pct = 1.00001", "procurement.prefer_cheaper_pct"),
        ("[procurement]\nstuck_after_minutes = 10081", "procurement.stuck_after_minutes"),
        (
            '[autotask]\nbase_url = "https://webservices5.autotask.net/v1.0"',
            "autotask.base_url: expected the REST root ending in /atservicesrest",
        ),
        (
            '[autotask]\nbase_url = "http://webservices5.autotask.net/atservicesrest"',
            "autotask.base_url: expected https://",
        ),
        (
            '[ingram]\nbase_url = "https://user:pw@api.ingrammicro.com"',
            "ingram.base_url: a URL must not carry a user name or password",
        ),
        (
            '[tdsynnex]\nbase_url = "https://ion.tdsynnex.com/?x=1"',
            "tdsynnex.base_url: expected a base URL without ?query or #fragment",
        ),
        ('[tdsynnex]\nbase_url = "ftp://ion.tdsynnex.com"', "tdsynnex.base_url"),
        (
            '[tdsynnex_xml]\nbase_url = "http://ec.us.tdsynnex.example"',
            "tdsynnex_xml.base_url: expected https://",
        ),
        # values that travel in HTTP headers (the client failed with UnicodeEncodeError)
        ('[ingram]\ncustomer_number = "20-22222é"', "ingram.customer_number: expected ASCII"),
        ('[ingram]\nsender_id = "Nørthwind"', "ingram.sender_id: expected ASCII"),
        ('[autotask]\nusername = "dana@nørthwind.example"', "autotask.username: expected ASCII"),
        ('[autotask]\nintegration_code = "CODÉ"', "autotask.integration_code: expected ASCII"),
    ],
)
def test_bad_values_are_refused_by_key(tmp_path: Path, toml: str, says: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, toml)
    assert says in str(caught.value)
    assert "Value error" not in str(caught.value)


@pytest.mark.parametrize(
    "toml",
    [
        "[sync]\ninterval_s = 86400",  # exactly at the limit
        "[sync]\nbackoff_max_s = 604800",
        "[sync]\nlease_s = 3600",
        "[sync]\nlease_s = 10",
        "[autotask]\ntimeout_s = 300",
        "[procurement]\nstuck_after_minutes = 10080",
        "[procurement]\napproval_threshold = 2500.1234",
        '[autotask]\nbase_url = "https://webservices5.autotask.net/atservicesrest"',
        '[autotask]\nbase_url = "https://webservices5.autotask.net/ATServicesRest/"'.lower(),
        '[autotask]\nbase_url = "http://127.0.0.1:8765/autotask/atservicesrest"',
        '[ingram]\nbase_url = "http://localhost:8765/ingram"',
        '[ingram]\nbase_url = "https://api.ingrammicro.com:443"',
    ],
)
def test_values_at_their_limits_load(tmp_path: Path, toml: str) -> None:
    _load(tmp_path, toml)


def test_a_device_is_not_read(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="/dev/zero is not a regular file"):
        load_settings(Path("/dev/zero"))


def test_a_fifo_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="is not a regular file"):
        load_settings(fifo)  # opening a FIFO for reading would block forever


def test_a_folder_is_not_read(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is not a regular file"):
        load_settings(tmp_path)


@pytest.mark.parametrize(
    ("size", "refused"), [(MAX_CONFIG_BYTES, False), (MAX_CONFIG_BYTES + 1, True)]
)
def test_config_size_is_capped(tmp_path: Path, size: int, refused: bool) -> None:
    path = tmp_path / "config.toml"
    path.write_text("#" * (size - 1) + "\n", encoding="utf-8")
    if refused:
        with pytest.raises(ConfigError, match=f"a config file is at most {MAX_CONFIG_BYTES}"):
            load_settings(path)
    else:
        load_settings(path)
