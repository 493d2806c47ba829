"""The Ingram sandbox's secret rotation: before it the old secret works and tokens stay
valid; from it the old secret is refused, the tokens issued so far are revoked and the new
secret works (what the demo's "Ingram refuses the app's credentials" story relies on)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from procdesk.sandbox.credentials import DEMO_CREDENTIALS
from procdesk.sandbox.ingram.auth import TokenBook, TokenCheck, demo_registrations

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ROTATION = START + timedelta(minutes=20)
CREDS = DEMO_CREDENTIALS.ingram


@pytest.mark.parametrize(
    ("now", "old_works", "new_works", "old_token"),
    [
        (START, True, False, TokenCheck.VALID),
        (ROTATION - timedelta(seconds=1), True, False, TokenCheck.VALID),
        (ROTATION, False, True, TokenCheck.UNKNOWN),
        (ROTATION + timedelta(hours=1), False, True, TokenCheck.UNKNOWN),
    ],
)
def test_the_secret_changes_and_old_tokens_end_at_the_rotation(
    now: datetime, old_works: bool, new_works: bool, old_token: TokenCheck
) -> None:
    book = TokenBook(demo_registrations())
    client = book.authenticate(CREDS.client_id, CREDS.client_secret, START)
    assert client is not None
    token = book.issue(client, START, timedelta(days=1))
    book.rotate_secret(CREDS.client_id, CREDS.rotated_client_secret, ROTATION)
    assert book.check(token, now)[0] is old_token
    assert (book.authenticate(CREDS.client_id, CREDS.client_secret, now) is not None) is old_works
    new = book.authenticate(CREDS.client_id, CREDS.rotated_client_secret, now)
    assert (new is not None) is new_works


def test_the_other_registration_keeps_its_secret_and_tokens() -> None:
    book = TokenBook(demo_registrations())
    other = book.authenticate(CREDS.mismatch_client_id, CREDS.mismatch_client_secret, START)
    assert other is not None
    token = book.issue(other, START, timedelta(days=1))
    book.rotate_secret(CREDS.client_id, CREDS.rotated_client_secret, ROTATION)
    assert book.check(token, ROTATION)[0] is TokenCheck.VALID
    assert book.authenticate(CREDS.mismatch_client_id, CREDS.mismatch_client_secret, ROTATION)


def test_rotating_an_unknown_client_is_refused() -> None:
    with pytest.raises(KeyError):
        TokenBook(demo_registrations()).rotate_secret("nobody", "x", ROTATION)
