"""No screenshot or snapshot shows a secret: none of the demo secrets, nothing token-like."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from procdesk.sandbox.credentials import DEMO_CREDENTIALS

ROOT = Path(__file__).resolve().parents[2]
IMAGES = sorted(
    [
        *(ROOT / "screenshots").glob("*.svg"),
        *(Path(__file__).parent / "__snapshots__").rglob("*.svg"),
    ]
)
DEMO_SECRETS = [
    DEMO_CREDENTIALS.autotask.secret,
    DEMO_CREDENTIALS.ingram.client_secret,
    DEMO_CREDENTIALS.ingram.mismatch_client_secret,
    DEMO_CREDENTIALS.tdsynnex.refresh_token,
]
# What issued tokens look like (secrets.token_urlsafe(32): 43 URL-safe base64 characters),
# and bearer tokens or JWTs quoted in text.
TOKEN_LIKE = re.compile(r"[A-Za-z0-9_-]{32,}|Bearer\s+\S+|eyJ[A-Za-z0-9_-]{10,}\.")
TEXT = re.compile(r"<text[^>]*>(.*?)</text>", re.DOTALL)


def shown_text(svg: str) -> str:
    """The characters an SVG screenshot shows, in order (a secret split across styled runs
    is whole again)."""
    return "".join(html.unescape(t).replace("\xa0", " ") for t in TEXT.findall(svg))


def test_there_are_images_to_check() -> None:
    assert len(IMAGES) >= 5


@pytest.mark.parametrize("image", IMAGES, ids=lambda p: p.name)
def test_image_shows_no_secret(image: Path) -> None:
    svg = image.read_text(encoding="utf-8")
    text = shown_text(svg)
    for secret in DEMO_SECRETS:
        assert secret not in svg
        assert secret not in text
    assert TOKEN_LIKE.findall(text) == []
