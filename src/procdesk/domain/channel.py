"""Which TD SYNNEX door a quote line takes: hardware through the XML interface, cloud
subscriptions through StreamOne ION.

The line may say so (`channel`: `xml` or `ion`); otherwise its category decides: a category
that names cloud services, subscriptions or licences goes to ION, everything else (laptops,
monitors, switches) to the XML interface.
"""

from __future__ import annotations

from procdesk.domain.enums import Distributor

CHANNELS = {
    "xml": Distributor.TDSYNNEX_XML,
    "hardware": Distributor.TDSYNNEX_XML,
    "ion": Distributor.TDSYNNEX,
    "cloud": Distributor.TDSYNNEX,
}
CLOUD_CATEGORY_WORDS = ("cloud", "subscription", "licens", "licenc", "saas", "azure", "365")
CHANNEL_LABEL = {
    Distributor.INGRAM: "Ingram Micro reseller API",
    Distributor.TDSYNNEX_XML: "TD SYNNEX XML interface (hardware)",
    Distributor.TDSYNNEX: "TD SYNNEX StreamOne ION (cloud subscriptions)",
}


class ChannelError(ValueError):
    """A channel that is not xml or ion, or a channel on a line that is not TD SYNNEX's."""


def is_cloud_category(category: str) -> bool:
    name = category.casefold()
    return any(word in name for word in CLOUD_CATEGORY_WORDS)


def tdsynnex_door(distributor: Distributor, category: str, channel: str | None) -> Distributor:
    """The door a line of `distributor` takes. Lines of other distributors keep theirs and
    must not name a channel."""
    wanted = (channel or "").strip().casefold()
    if distributor not in (Distributor.TDSYNNEX, Distributor.TDSYNNEX_XML):
        if wanted:
            raise ChannelError(
                f"a channel applies to TD SYNNEX lines only (this line is {distributor.value})"
            )
        return distributor
    if wanted:
        try:
            return CHANNELS[wanted]
        except KeyError:
            raise ChannelError(
                f"expected xml (hardware) or ion (cloud subscriptions), got {channel!r}"
            ) from None
    if distributor is Distributor.TDSYNNEX_XML:
        return distributor
    return Distributor.TDSYNNEX if is_cloud_category(category) else Distributor.TDSYNNEX_XML
