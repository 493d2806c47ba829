"""TD SYNNEX ION emulator: rotating single-use refresh tokens, lifetimes, validateAccess."""

from __future__ import annotations

import httpx

from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from tests.support.distributor_sandbox import (
    ION_ACCOUNT,
    DistributorServer,
    tdsynnex_refresh,
)

DAY = 24 * 3600


async def test_refresh_gives_tokens_with_integer_expiry(tdsynnex_http: httpx.AsyncClient) -> None:
    response = await tdsynnex_refresh(tdsynnex_http)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert type(body["expires_in"]) is int
    assert body["expires_in"] == 7200
    assert type(body["access_token"]) is str
    assert body["refresh_token"] != DEMO_CREDENTIALS.tdsynnex.refresh_token
    customers = await tdsynnex_http.get(
        f"{ION_ACCOUNT}/customers", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert customers.status_code == 200


async def test_refresh_tokens_rotate_and_are_single_use(
    tdsynnex_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    first = (await tdsynnex_refresh(tdsynnex_http)).json()
    reused = await tdsynnex_refresh(tdsynnex_http)
    assert reused.status_code == 401
    error = reused.json()
    assert error["code"] == 401
    assert "already been used" in error["message"]
    assert error["details"] == []
    assert DEMO_CREDENTIALS.tdsynnex.refresh_token not in reused.text
    second = await tdsynnex_refresh(tdsynnex_http, first["refresh_token"])
    assert second.status_code == 200
    assert second.json()["refresh_token"] != first["refresh_token"]
    assert (await tdsynnex_refresh(tdsynnex_http, first["refresh_token"])).status_code == 401
    tokens = distributors.tdsynnex.snapshot()["tokens"]
    assert tokens["refresh_used"] == 2
    assert tokens["refresh_valid"] == 1
    assert tokens["access_issued"] == 2


async def test_unknown_refresh_token_and_bad_grant(tdsynnex_http: httpx.AsyncClient) -> None:
    unknown = await tdsynnex_refresh(tdsynnex_http, "made-up")
    assert unknown.status_code == 401
    bad_grant = await tdsynnex_http.post("/oauth/token", data={"grant_type": "client_credentials"})
    assert bad_grant.status_code == 400
    missing = await tdsynnex_http.post("/oauth/token", data={"grant_type": "refresh_token"})
    assert missing.status_code == 400


async def test_access_token_expires_after_two_hours(
    tdsynnex_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    body = (await tdsynnex_refresh(tdsynnex_http)).json()
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    distributors.clock.advance(7199)
    assert (await tdsynnex_http.get(f"{ION_ACCOUNT}/customers", headers=headers)).status_code == 200
    distributors.clock.advance(2)
    expired = await tdsynnex_http.get(f"{ION_ACCOUNT}/customers", headers=headers)
    assert expired.status_code == 401
    assert expired.json()["code"] == 401
    assert (await tdsynnex_refresh(tdsynnex_http, body["refresh_token"])).status_code == 200


async def test_refresh_token_expires_after_32_days(
    tdsynnex_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    body = (await tdsynnex_refresh(tdsynnex_http)).json()
    distributors.clock.advance(32 * DAY + 1)
    stale = await tdsynnex_refresh(tdsynnex_http, body["refresh_token"])
    assert stale.status_code == 401
    assert "expired" in stale.json()["message"]


async def test_lifetimes_are_configurable(
    tdsynnex_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    distributors.tdsynnex.set_lifetimes(access_seconds=60, refresh_seconds=300)
    body = (await tdsynnex_refresh(tdsynnex_http)).json()
    assert body["expires_in"] == 60
    distributors.clock.advance(301)
    assert (await tdsynnex_refresh(tdsynnex_http, body["refresh_token"])).status_code == 401


async def test_demo_refresh_token_is_valid_again_after_reset(
    tdsynnex_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    assert (await tdsynnex_refresh(tdsynnex_http)).status_code == 200
    assert (await tdsynnex_refresh(tdsynnex_http)).status_code == 401
    distributors.clock.advance(40 * DAY)
    distributors.tdsynnex.reset()
    assert (await tdsynnex_refresh(tdsynnex_http)).status_code == 200


async def test_validate_access_reports_remaining_lifetimes(
    tdsynnex_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    body = (await tdsynnex_refresh(tdsynnex_http)).json()
    distributors.clock.advance(600)
    response = await tdsynnex_http.post(
        "/oauth/validateAccess", data={"access_token": body["access_token"]}
    )
    assert response.status_code == 200
    remaining = response.json()
    assert type(remaining["access_expires_in"]) is int
    assert type(remaining["refresh_expires_in"]) is int
    assert 6590 <= remaining["access_expires_in"] <= 6600
    assert 32 * DAY - 610 <= remaining["refresh_expires_in"] <= 32 * DAY - 600
    distributors.clock.advance(7200)
    gone = await tdsynnex_http.post(
        "/oauth/validateAccess", data={"access_token": body["access_token"]}
    )
    assert gone.status_code == 401
    unknown = await tdsynnex_http.post("/oauth/validateAccess", data={"access_token": "nope"})
    assert unknown.status_code == 401
