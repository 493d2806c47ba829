"""procdesk's TD SYNNEX XML client on the running sandbox."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from procdesk.integrations.tdsynnex_xml import SynnexXmlClient
from procdesk.sandbox.server import SandboxServer
from tests.support.synnexxml import xml_credentials


@pytest.fixture
async def xml_client(sandbox: SandboxServer) -> AsyncIterator[SynnexXmlClient]:
    """procdesk's XML client on the sandbox's `tdsynnex_xml` base URL, demo login."""
    async with httpx.AsyncClient(base_url=sandbox.provider_urls["tdsynnex_xml"], timeout=5) as http:
        yield SynnexXmlClient(http, xml_credentials())
