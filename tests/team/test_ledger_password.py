"""One rule for the ledger's password, whatever the URL came from; a wrong password or an
unreachable server is one `Error:` line and exit 1."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result
from sqlalchemy.engine import make_url

from procdesk.domain.ledger_url import PASSWORD_IN_LEDGER_URL
from tests.support.postgres import ThrowawayCluster, run_sync
from tests.support.postgres import _admin as admin
from tests.team.conftest import PASSWORD, PASSWORD_ROLE

WITH_PASSWORD = "postgresql://team:hunter2@db.example/procdesk"
# Every way a URL can carry a password: its user part, or the driver's query parameters.
PASSWORD_URLS = [
    WITH_PASSWORD,
    "postgresql://team@db.example/procdesk?password=hunter2",
    "postgresql://team@db.example/procdesk?ssl=require&Password=hunter2",
    "postgresql://team@db.example/procdesk?sslpassword=hunter2",
]


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.mark.parametrize("url", PASSWORD_URLS)
@pytest.mark.parametrize(
    "command",
    [("charges", "list"), ("doctor",), ("worker", "--once"), ("auth", "ledger", "--stdin")],
)
@pytest.mark.parametrize("source", ["--ledger", "PROCDESK_LEDGER", "config"])
def test_a_password_in_the_url_is_refused_the_same_way_from_every_source(
    procdesk: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    source: str,
    command: tuple[str, ...],
    url: str,
) -> None:
    args: list[str] = []
    if source == "--ledger":
        args = ["--ledger", url]
    elif source == "PROCDESK_LEDGER":
        monkeypatch.setenv("PROCDESK_LEDGER", url)
    else:
        refused = procdesk("config", "set", "ledger", url)
        assert refused.exit_code == 2
        assert PASSWORD_IN_LEDGER_URL in refused.stderr
        assert "hunter2" not in refused.stderr
        return
    result = procdesk(*args, *command, input="other-pw\n")
    assert result.exit_code == 2, result.stderr
    assert error_lines(result) == [f"Error: {source}: {PASSWORD_IN_LEDGER_URL}"]
    assert "hunter2" not in result.stdout + result.stderr


def password_url(cluster: ThrowawayCluster, database_url: str) -> str:
    return make_url(database_url).set(username=PASSWORD_ROLE).render_as_string(False)


@pytest.mark.postgres
def test_a_wrong_password_is_one_error_line(
    procdesk: Callable[..., Result], own_cluster: ThrowawayCluster, own_database: str
) -> None:
    url = password_url(own_cluster, own_database)
    wrong = procdesk("--ledger", url, "auth", "ledger", "--stdin", input="wr0ng-pw\n")
    assert wrong.exit_code == 1
    assert len(error_lines(wrong)) == 1
    assert "wr0ng-pw" not in wrong.stderr

    stored = procdesk("--ledger", url, "auth", "ledger", "--stdin", input=f"{PASSWORD}\n")
    assert stored.exit_code == 0, stored.stderr
    assert procdesk("--ledger", url, "charges", "list").exit_code == 0

    # the administrator changes the role's password: the stored one is now wrong
    run_sync(admin(own_cluster.server_url, f"ALTER ROLE {PASSWORD_ROLE} PASSWORD 'n3w-pw'"))
    try:
        result = procdesk("--ledger", url, "charges", "list")
    finally:
        run_sync(admin(own_cluster.server_url, f"ALTER ROLE {PASSWORD_ROLE} PASSWORD '{PASSWORD}'"))
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert line.startswith("Error: cannot open ledger")
    assert "refused the login" in line
    assert PASSWORD not in line


@pytest.mark.parametrize("command", [("charges", "list"), ("quotes", "list")])
def test_an_unreachable_server_is_one_error_line(
    procdesk: Callable[..., Result], command: tuple[str, ...]
) -> None:
    result = procdesk("--ledger", "postgresql://team@127.0.0.1:9/procdesk", *command)
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert line.startswith("Error: cannot open ledger postgresql+asyncpg://team@127.0.0.1:9/")
    assert "not reachable" in line
