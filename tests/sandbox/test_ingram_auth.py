"""Ingram Micro emulator: OAuth token endpoint and the checks in front of business calls."""

from __future__ import annotations

import httpx

from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from tests.support.distributor_sandbox import (
    DistributorServer,
    ingram_headers,
    ingram_session,
    ingram_token,
)

CREDS = DEMO_CREDENTIALS.ingram
DETAILS = "/resellers/v6/catalog/details/8YR471"


async def test_token_by_post_form_has_string_expires_in(ingram_http: httpx.AsyncClient) -> None:
    response = await ingram_http.post(
        "/oauth/oauth20/token",
        data={
            "grant_type": "client_credentials",
            "client_id": CREDS.client_id,
            "client_secret": CREDS.client_secret,
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert type(body["expires_in"]) is str
    assert body["expires_in"] == "86399"
    assert type(body["access_token"]) is str
    assert body["access_token"]


async def test_token_by_get_query_works_for_business_calls(
    ingram_http: httpx.AsyncClient,
) -> None:
    response = await ingram_http.get(
        "/oauth/oauth20/token",
        params={
            "grant_type": "client_credentials",
            "client_id": CREDS.client_id,
            "client_secret": CREDS.client_secret,
        },
    )
    assert response.status_code == 200
    token = response.json()["access_token"]
    details = await ingram_http.get(DETAILS, headers=ingram_headers(token))
    assert details.status_code == 200
    assert details.json()["ingramPartNumber"] == "8YR471"


async def test_token_with_http_basic_client_authentication(
    ingram_http: httpx.AsyncClient,
) -> None:
    response = await ingram_http.post(
        "/oauth/oauth20/token",
        data={"grant_type": "client_credentials"},
        auth=(CREDS.client_id, CREDS.client_secret),
    )
    assert response.status_code == 200
    assert response.json()["expires_in"] == "86399"


async def test_bad_client_secret_is_a_401_gateway_fault(ingram_http: httpx.AsyncClient) -> None:
    response = await ingram_http.post(
        "/oauth/oauth20/token",
        data={
            "grant_type": "client_credentials",
            "client_id": CREDS.client_id,
            "client_secret": "wrong",
        },
    )
    assert response.status_code == 401
    fault = response.json()["fault"]
    assert fault["faultstring"] == "Invalid client credentials"
    assert fault["detail"]["errorcode"] == "oauth.v2.InvalidClientCredentials"
    assert CREDS.client_secret not in response.text


async def test_missing_or_unsupported_grant_is_400(ingram_http: httpx.AsyncClient) -> None:
    missing = await ingram_http.post(
        "/oauth/oauth20/token",
        data={"client_id": CREDS.client_id, "client_secret": CREDS.client_secret},
    )
    assert missing.status_code == 400
    assert "grant_type" in missing.json()["message"]
    wrong = await ingram_http.get(
        "/oauth/oauth20/token",
        params={"grant_type": "password", "client_id": CREDS.client_id},
    )
    assert wrong.status_code == 400


async def test_token_expires_on_the_sandbox_clock(
    ingram_http: httpx.AsyncClient, distributors: DistributorServer
) -> None:
    distributors.ingram.set_token_lifetime(600)
    response = await ingram_http.post(
        "/oauth/oauth20/token",
        data={
            "grant_type": "client_credentials",
            "client_id": CREDS.client_id,
            "client_secret": CREDS.client_secret,
        },
    )
    assert response.json()["expires_in"] == "600"
    headers = ingram_headers(response.json()["access_token"])
    assert (await ingram_http.get(DETAILS, headers=headers)).status_code == 200
    distributors.clock.advance(601)
    expired = await ingram_http.get(DETAILS, headers=headers)
    assert expired.status_code == 401
    assert expired.json()["fault"]["faultstring"] == "Access Token expired"
    assert distributors.ingram.snapshot()["tokens"] == {"issued": 1, "valid": 0}


async def test_unknown_or_missing_bearer_is_401(ingram_http: httpx.AsyncClient) -> None:
    headers = ingram_headers("not-a-token")
    response = await ingram_http.get(DETAILS, headers=headers)
    assert response.status_code == 401
    assert response.json()["fault"]["faultstring"] == "Invalid Access Token"
    del headers["Authorization"]
    assert (await ingram_http.get(DETAILS, headers=headers)).status_code == 401


async def test_correlation_id_is_echoed(ingram_http: httpx.AsyncClient) -> None:
    headers = await ingram_session(ingram_http)
    response = await ingram_http.get(DETAILS, headers=headers)
    assert response.headers["IM-CorrelationID"] == headers["IM-CorrelationID"]


async def test_each_missing_im_header_is_a_400_errors_list(ingram_http: httpx.AsyncClient) -> None:
    headers = await ingram_session(ingram_http)
    for name in ("IM-CustomerNumber", "IM-CountryCode", "IM-CorrelationID"):
        partial = {k: v for k, v in headers.items() if k != name}
        response = await ingram_http.get(DETAILS, headers=partial)
        assert response.status_code == 400, name
        error = response.json()["errors"][0]
        assert [field["field"] for field in error["fields"]] == [name]
        assert type(error["message"]) is str


async def test_overlong_correlation_id_and_bad_country_are_400(
    ingram_http: httpx.AsyncClient,
) -> None:
    headers = await ingram_session(ingram_http)
    too_long = {**headers, "IM-CorrelationID": "x" * 33}
    response = await ingram_http.get(DETAILS, headers=too_long)
    assert response.status_code == 400
    assert response.json()["errors"][0]["fields"][0]["field"] == "IM-CorrelationID"
    bad_country = {**headers, "IM-CountryCode": "USA"}
    response = await ingram_http.get(DETAILS, headers=bad_country)
    assert response.status_code == 400
    assert response.json()["errors"][0]["fields"][0]["field"] == "IM-CountryCode"


async def test_sender_id_is_optional(ingram_http: httpx.AsyncClient) -> None:
    headers = await ingram_session(ingram_http)
    del headers["IM-SenderID"]
    assert (await ingram_http.get(DETAILS, headers=headers)).status_code == 200


async def test_mismatch_account_gets_the_invalid_customer_number_fault(
    ingram_http: httpx.AsyncClient,
) -> None:
    token = await ingram_token(ingram_http, CREDS.mismatch_client_id, CREDS.mismatch_client_secret)
    response = await ingram_http.get(DETAILS, headers=ingram_headers(token, CREDS.customer_number))
    assert response.status_code == 500
    assert response.json() == {
        "faultcode": "Server",
        "faultstring": "Invalid customer number. The customer number provided on the API call "
        "does not match the registered customer number.",
    }
    registered = ingram_headers(token, CREDS.mismatch_registered_customer_number)
    assert (await ingram_http.get(DETAILS, headers=registered)).status_code == 200


async def test_normal_client_with_another_customer_number_gets_the_fault(
    ingram_http: httpx.AsyncClient,
) -> None:
    token = await ingram_token(ingram_http)
    response = await ingram_http.get(DETAILS, headers=ingram_headers(token, "20-111111"))
    assert response.status_code == 500
    assert response.json()["faultcode"] == "Server"
