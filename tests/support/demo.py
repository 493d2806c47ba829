"""Helpers for tests over a running demo world (`procdesk demo`'s environment)."""

from __future__ import annotations

from procdesk.demo.environment import DemoWorld
from procdesk.domain.enums import Provider
from procdesk.sandbox.credentials import DEMO_CREDENTIALS


async def fix_ingram_customer_number(world: DemoWorld) -> None:
    """What the Ingram re-authentication screen does with the right number the guide shows."""
    ingram = DEMO_CREDENTIALS.ingram
    context = world.context
    done = await context.reauthenticator().reauthenticate(
        context.settings,
        provider=Provider.INGRAM,
        fields={
            "client_id": ingram.client_id,
            "customer_number": ingram.customer_number,
            "country_code": ingram.country_code,
        },
        secret=ingram.client_secret,
    )
    context.settings = done.settings
