"""Which TD SYNNEX door a line takes: the line's channel, else its category."""

from __future__ import annotations

import pytest

from procdesk.domain.channel import ChannelError, tdsynnex_door
from procdesk.domain.enums import Distributor

TD, XML, IM, OTHER = (
    Distributor.TDSYNNEX,
    Distributor.TDSYNNEX_XML,
    Distributor.INGRAM,
    Distributor.OTHER,
)


@pytest.mark.parametrize(
    ("distributor", "category", "channel", "door"),
    [
        (TD, "Hardware", None, XML),
        (TD, "Notebooks", None, XML),
        (TD, "Networking", "", XML),
        (TD, "Cloud Services", None, TD),
        (TD, "Microsoft 365 Subscriptions", None, TD),
        (TD, "Software Licensing", None, TD),
        (TD, "Hardware", "ion", TD),  # the line says so: it wins over the category
        (TD, "Cloud Services", "xml", XML),
        (TD, "Cloud Services", " XML ", XML),
        (XML, "Cloud Services", None, XML),  # named the XML door outright
        (IM, "Hardware", None, IM),
        (OTHER, "Cloud Services", None, OTHER),
    ],
)
def test_door(
    distributor: Distributor, category: str, channel: str | None, door: Distributor
) -> None:
    assert tdsynnex_door(distributor, category, channel) is door


@pytest.mark.parametrize(
    ("distributor", "channel", "says"),
    [
        (IM, "xml", "TD SYNNEX lines only"),
        (OTHER, "ion", "TD SYNNEX lines only"),
        (TD, "email", r"expected xml \(hardware\) or ion"),
    ],
)
def test_refused_channels_say_why(distributor: Distributor, channel: str, says: str) -> None:
    with pytest.raises(ChannelError, match=says):
        tdsynnex_door(distributor, "Hardware", channel)
